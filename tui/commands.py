"""The command palette's own commands (ctrl+p): every action, filters, and concepts by name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from glossary.model import LANG_ORDER

from . import labels
from .appref import sozdik
from .widgets.scope import SCOPES, scope_name
from .i18n import _, ngettext

if TYPE_CHECKING:
    from .screens.main import MainScreen

#: Concepts offered when the palette's query finds them.
_CONCEPT_HITS = 8


class SozdikCommands(Provider):
    """Commands of the main screen, plus "Open: <concept>" for what the query finds."""

    def _main(self) -> MainScreen | None:
        from .screens.main import MainScreen

        return self.screen if isinstance(self.screen, MainScreen) else None

    def _commands(self, main: MainScreen) -> list[tuple[str, Callable[[], object], str]]:
        has_concept = main.current is not None
        out: list[tuple[str, Callable[[], object], str]] = [
            (_("Search"), main.action_focus_search, _("Go to the search box")),
            (_("New concept"), main.action_new, _("Add a concept in a form")),
            (_("Review queue"), main.action_review, _("Approve or reject proposed terms")),
            (_("Export…"), main.action_export, _("Write the store as JSON, YAML and more")),
            (_("Back"), main.action_back, _("The concept you opened before")),
            (_("Forward"), main.action_forward, _("The concept you opened after")),
            (_("Keys"), sozdik(self.app).action_show_keys, _("Show every key binding")),
        ]
        if has_concept or main.last_changed:
            out.append((_("Undo"), main.action_undo, _("Undo the concept's last change")))
        if has_concept:
            out += [
                (_("Edit concept"), main.action_edit, _("Change the concept in a form")),
                (_("Delete concept"), main.action_delete, _("Delete it (after a question)")),
                (_("Copy term"), main.action_copy_term, _("Copy one of its terms")),
                (_("Copy definition"), main.action_copy_definition,
                 _("Copy one of its definitions")),
                (_("History"), main.action_history, _("Every revision of the concept")),
            ]
        for lang in LANG_ORDER:
            verb = _("Hide: %(language)s") if lang in main.langs else _("Show: %(language)s")
            out.append((verb % {"language": labels.language_name(lang)},
                        partial(main.toggle_language, lang), _("Languages shown")))
        for scope in SCOPES:
            out.append((_("Search in: %(where)s") % {"where": scope_name(scope)},
                        partial(main.set_scope, scope), _("Where the search box searches")))
        out.append((_("All subjects"), partial(main.set_subject, None), _("Subject filter")))
        for subject, count in main.subjects.items():
            out.append((_("Subject: %(subject)s") % {"subject": labels.subject_name(subject)},
                        partial(main.set_subject, subject),
                        ngettext("%(n)d concept", "%(n)d concepts", count) % {"n": count}))
        return out

    async def discover(self) -> Hits:
        main = self._main()
        if main is None:
            return
        for name, callback, help_text in self._commands(main):
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        main = self._main()
        if main is None:
            return
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands(main):
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
        result = await main.backend.search(query)
        for rank, item in enumerate(result.items[:_CONCEPT_HITS]):
            shown = [item.labels[la] for la in labels.ordered_languages(item.labels)]
            text = _("Open: %(label)s") % {"label": " · ".join(shown) or item.concept_id}
            yield Hit(0.5 - rank / 100, text, partial(main.open_concept, item.concept_id),
                      help=item.concept_id)
