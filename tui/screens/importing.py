"""The import screen: choose a file (or a YAML folder) in a directory tree, see what importing
it would do (a dry run: the real import in a transaction that is rolled back), then import
it or not. A read-only store is previewed as well (the dry run works on a temporary copy of
it, as ``glossary import --dry-run`` does), and the screen says that nothing can be
imported into it."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, HorizontalGroup, VerticalGroup, VerticalScroll
from textual.content import Content
from textual.widgets import Button, DirectoryTree, Footer, Static

from glossary import GlossaryError

from .. import bindings, errors, labels
from ..backend import Backend
from ..i18n import _, ngettext
from ..imports import GROUPS, IMPORTABLE, Item, Outcomes, outcomes
from ..widgets.file_tree import FilePicker
from ..writes import write
from .base import SozdikScreen

#: Items named per group; the rest are counted.
SHOWN = 12


class ImportScreen(SozdikScreen[Outcomes | None]):
    """Dismissed with what was imported, or None."""

    BINDINGS = bindings.IMPORT

    def __init__(self, backend: Backend, folder: str | Path | None = None) -> None:
        super().__init__()
        bindings.localize(self)
        self.backend = backend
        self._first_folder = folder
        #: the dry run shown, and the file it is of
        self.preview: Outcomes | None = None
        self.state = "choose"  # choose, previewing, previewed, importing, imported

    def compose(self) -> ComposeResult:
        yield Static(Content.from_markup("[b]$t[/]  [$text-muted]$h[/]", t=_("Import"), h=_(
            "choose a file: its preview shows what importing it would change")),
            id="import-title")
        with Horizontal(id="import-panes"):
            yield FilePicker(self._first_folder, box_id="import-folder", tree_id="files",
                             id="import-files")
            with VerticalGroup(id="import-side"):
                with VerticalScroll(id="import-preview"):
                    yield Static("", id="import-summary")
                with HorizontalGroup(classes="buttons"):
                    yield Button(_("Import"), variant="primary", compact=True, id="apply")
                    yield Button(_("Cancel"), compact=True, id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#import-files").border_title = _("Files")
        self.query_one("#import-side").border_title = _("Preview")
        choose = Content(_("Choose a file to import: YAML (a file, or a folder: p), JSON, "
                           "JSON Lines, PO, TBX, CSV or TSV."))
        self.query_one("#import-summary", Static).update(Content("\n\n").join(
            [choose, self._read_only_note()]) if self.backend.read_only else choose)
        self.picker.file_tree.focus()
        self._update()

    @property
    def picker(self) -> FilePicker:
        return self.query_one(FilePicker)

    # -- choosing -----------------------------------------------------------------------
    @on(FilePicker.NotAFolder)
    def _not_a_folder(self, event: FilePicker.NotAFolder) -> None:
        self._say(_("%(path)s is not a folder.") % {"path": event.path}, error=True)

    def action_parent(self) -> None:
        self.picker.up()

    @on(DirectoryTree.FileSelected)
    def _file_chosen(self, event: DirectoryTree.FileSelected) -> None:
        self.start_preview(event.path)

    def action_preview(self) -> None:
        path = self.picker.file_tree.highlighted_path
        if path is not None:
            self.start_preview(path)

    # -- the dry run and the import ------------------------------------------------------
    def start_preview(self, path: Path) -> None:
        if not (path.is_dir() or path.suffix.lower() in IMPORTABLE):
            self._say(_("Sozdik cannot import %(name)s.") % {"name": path.name}, error=True)
            return
        self.state = "previewing"
        self.preview = None
        self._say(_("Reading %(path)s…") % {"path": path})
        self._update()

        def previewed(report: object) -> None:
            self.preview = outcomes(path, report)
            self.state = "previewed"
            self._show(self.preview, dry_run=True)
            self._update()

        def refused(exc: GlossaryError | OSError) -> bool:
            self.state = "choose"
            self._say(f"{errors.headline(exc)}: {errors.explain(exc)}", error=True)
            self._update()
            return True  # said here, beside the file

        write(self, self.backend, lambda g: g.import_path(path, dry_run=True), previewed,
              failed=refused, dry_run=True)

    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        preview = self.preview
        if preview is None or self.state != "previewed":
            return
        self.state = "importing"
        self._update()

        def imported(report: object) -> None:
            self.state = "imported"
            self.dismiss(outcomes(preview.path, report))

        def refused(exc: GlossaryError | OSError) -> bool:
            self.state = "previewed"
            self._update()
            return False  # a notification: nothing was imported

        write(self, self.backend, lambda g: g.import_path(preview.path), imported,
              title=_("Not imported"), failed=refused)

    @on(Button.Pressed, "#cancel")
    def action_close(self) -> None:
        if self.state != "importing":
            self.dismiss(None)

    # -- showing ------------------------------------------------------------------------
    def _say(self, text: str, error: bool = False) -> None:
        summary = self.query_one("#import-summary", Static)
        summary.update(Content.from_markup("[$text-error]$t[/]" if error else "$t", t=text))

    @staticmethod
    def _read_only_note() -> Content:
        """What a read-only store allows here: a preview, and no import."""
        return Content.from_markup("[$text-error]$t[/]", t=_(
            "The store is read-only: Sozdik cannot write it, so nothing can be imported into "
            "it. A preview is a dry run on a temporary copy of it."))

    def _show(self, found: Outcomes, dry_run: bool) -> None:
        lines: list[Content] = [Content.from_markup("[b]$p[/]", p=str(found.path))]
        if dry_run and self.backend.read_only:
            lines.append(self._read_only_note())
        elif dry_run:
            lines.append(Content.from_markup("[$text-warning]$t[/]", t=_(
                "A dry run: nothing has been written yet. Import (i) applies it; Cancel "
                "(esc) leaves the store as it is.")))
        lines.append(Content(""))
        counts = "  ".join(f"{_(GROUPS[g])}: {found.count(g)}" for g in GROUPS
                           if g in found.groups and g != "notes")
        lines.append(Content.from_markup("[b]$c[/]", c=counts or _("Nothing to import.")))
        for group, items in found.groups.items():
            lines.append(Content(""))
            style = "$text-warning" if group in ("conflicts", "unknown", "skipped") else \
                "$text-accent"
            lines.append(Content.from_markup(f"[b {style}]$h[/] [$text-muted]($n)[/]",
                                             h=_(GROUPS[group]), n=str(len(items))))
            for item in items[:SHOWN]:
                lines.append(Content("  ") + self._item(item))
            if len(items) > SHOWN:
                lines.append(Content.from_markup("  [$text-muted]$m[/]", m=ngettext(
                    "… and %(n)d more", "… and %(n)d more", len(items) - SHOWN) % {
                        "n": len(items) - SHOWN}))
        if found.changes == 0 and dry_run:
            lines += [Content(""), Content.from_markup("[$text-muted]$t[/]", t=_(
                "Importing it would change nothing."))]
        self.query_one("#import-summary", Static).update(Content("\n").join(lines))
        self.query_one("#import-preview", VerticalScroll).scroll_home(animate=False)

    def _item(self, item: Item) -> Content:
        parts: list[Content] = []
        if item.line is not None:
            parts.append(Content.from_markup("[$text-muted]$l[/] ",
                                             l=_("line %(n)d") % {"n": item.line}))
        if item.concept_id:
            found = self.backend.labels(item.concept_id)
            name = next((found[la] for la in labels.ordered_languages(found)), "")
            parts.append(Content.from_markup("[b]$id[/]", id=item.concept_id))
            if name:
                parts.append(Content.from_markup(" [$text-muted]$n[/]", n=name))
        if item.text:
            parts.append(Content(("  " if parts else "") + item.text))
        if item.reason:
            parts.append(Content.from_markup(" [$text-muted]— $r[/]", r=item.reason))
        return Content.assemble(*parts)

    # -- which keys apply now ------------------------------------------------------------
    def _update(self) -> None:
        ready = self.state == "previewed" and self.preview is not None
        apply = self.query_one("#apply", Button)
        apply.disabled = not ready or self.backend.read_only
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "apply" and self.backend.read_only:
            return None
        if action == "apply":
            return True if self.state == "previewed" and self.preview is not None else None
        return True

    def why_not(self, action: str) -> str | None:
        if action == "apply" and self.backend.read_only:
            return _("The store is read-only: nothing can be imported into it.")
        if action == "apply":
            return _("Preview a file first (enter on a file, or p).")
        return None

    def read_only_changed(self) -> None:
        self._update()

