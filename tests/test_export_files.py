"""Exports and the file system (issue 8, section 5): permissions, path problems, crashes.

* new files and folders get what the umask gives, replaced ones keep their mode;
* every path problem is exit 2 naming the path, found before anything is replaced;
* a multi-file export is a set: killed at any point of its swaps (a real
  SIGKILL, in a forked child), it never leaves a ``.po`` beside a ``.mo`` of
  another export, nor ``concepts/`` beside a ``sources.yaml`` of another; the
  next export removes what the killed one left.
"""

from __future__ import annotations

import gettext
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import run

from glossary import Glossary, InputError

SINGLE = [("json", ()), ("tbx", ()), ("jsonl", ()), ("csv", ("--target", "kk")),
          ("tsv", ("--target", "kk")), ("tmx", ())]


def export(store: Path, kind: str, out: Path, *args: str) -> None:
    result = run("export", kind, "-o", out, *args, store=store)
    assert result.exit_code == 0, result.stderr


def tree(root: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every path under ``root`` with its mode and content (None for folders)."""
    out = {}
    for path in sorted(root.rglob("*")):
        st = path.lstat()
        content = path.read_bytes() if stat.S_ISREG(st.st_mode) else None
        out[str(path.relative_to(root))] = (stat.S_IMODE(st.st_mode), content)
    return out


def leftovers(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob(".*")
                  if p.name.endswith((".tmp", ".old")))


@contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


# -- permissions ---------------------------------------------------------------------------
@pytest.mark.parametrize("mask,file_mode,dir_mode", [(0o022, 0o644, 0o755),
                                                     (0o027, 0o640, 0o750)])
def test_new_files_and_folders_follow_the_umask(mini_store: Path, tmp_path: Path, mask: int,
                                                file_mode: int, dir_mode: int) -> None:
    out = tmp_path / "out"
    with umask(mask):
        for kind, args in SINGLE:
            export(mini_store, kind, out / "single" / f"g.{kind}", *args)
        export(mini_store, "yaml", out / "yaml")
        export(mini_store, "po", out / "po")
        export(mini_store, "stardict", out / "stardict")
    modes = {name: mode for name, (mode, content) in tree(out).items()}
    dictionaries = [p for p in (out / "stardict").iterdir()]
    assert dictionaries and all(p.is_dir() for p in dictionaries)
    # single/, yaml/, yaml/concepts/, po/ and two languages' two folders, stardict/ and its
    # dictionaries' folders; six single files, three concepts and sources.yaml, a POT and two
    # PO + MO, and four files per dictionary
    assert len(modes) == 9 + len(dictionaries) + 15 + 4 * len(dictionaries)
    for name, mode in modes.items():
        expected = dir_mode if (out / name).is_dir() else file_mode
        assert mode == expected, (name, oct(mode))


def test_replaced_files_and_folders_keep_their_mode(mini_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    export(mini_store, "json", out / "g.json")
    export(mini_store, "yaml", out / "yaml")
    export(mini_store, "po", out / "po", "--target", "kk")
    mo = out / "po" / "kk" / "LC_MESSAGES" / "glossary.mo"
    for path, mode in [(out / "g.json", 0o664), (out / "yaml" / "concepts", 0o750),
                       (out / "yaml" / "sources.yaml", 0o600), (mo, 0o444)]:
        path.chmod(mode)
    with umask(0o077):
        export(mini_store, "json", out / "g.json")
        export(mini_store, "yaml", out / "yaml")
        export(mini_store, "po", out / "po", "--target", "kk")
    assert stat.S_IMODE((out / "g.json").stat().st_mode) == 0o664
    assert stat.S_IMODE((out / "yaml" / "concepts").stat().st_mode) == 0o750
    assert stat.S_IMODE((out / "yaml" / "sources.yaml").stat().st_mode) == 0o600
    assert stat.S_IMODE(mo.stat().st_mode) == 0o444
    assert stat.S_IMODE(mo.with_suffix(".po").stat().st_mode) == 0o644  # as it was made
    assert leftovers(out) == []


# -- path problems: exit 2 naming the path, nothing replaced ------------------------------
def _prepare_problem(base: Path, problem: str) -> tuple[str, Path, tuple[str, ...], Path]:
    """(format, -o, options, path the message names) for one path problem under ``base``."""
    (base / "afile").write_text("not a folder")
    if problem.startswith("file-parent-"):
        kind = problem.removeprefix("file-parent-")
        args = dict(SINGLE).get(kind, ())
        return kind, base / "afile" / f"x.{kind}", args, base / "afile"
    if problem in ("yaml-under-file", "po-under-file", "stardict-under-file"):
        return problem.removesuffix("-under-file"), base / "afile" / "sub", (), base / "afile"
    if problem == "concepts-is-a-file":
        shutil.rmtree(base / "y" / "concepts")
        (base / "y" / "concepts").write_text("a file")
        return "yaml", base / "y", (), base / "y" / "concepts"
    if problem == "sources-is-a-folder":
        (base / "y" / "sources.yaml").unlink()
        (base / "y" / "sources.yaml").mkdir()
        return "yaml", base / "y", (), base / "y" / "sources.yaml"
    if problem == "concepts-is-a-link":
        shutil.move(base / "y" / "concepts", base / "elsewhere")
        (base / "y" / "concepts").symlink_to(base / "elsewhere", target_is_directory=True)
        return "yaml", base / "y", (), base / "y" / "concepts"
    if problem == "po-is-a-folder":
        po = base / "p" / "kk" / "LC_MESSAGES" / "glossary.po"
        po.unlink()
        po.mkdir()
        return "po", base / "p", (), po
    if problem == "language-is-a-file":
        shutil.rmtree(base / "p" / "kk")
        (base / "p" / "kk").write_text("a file")
        return "po", base / "p", (), base / "p" / "kk"
    raise AssertionError(problem)


PROBLEMS = [f"file-parent-{kind}" for kind, _ in SINGLE] + [
    "yaml-under-file", "po-under-file", "stardict-under-file", "concepts-is-a-file", "sources-is-a-folder",
    "concepts-is-a-link", "po-is-a-folder", "language-is-a-file"]


@pytest.mark.parametrize("problem", PROBLEMS)
def test_path_problems_are_refused_before_anything_is_replaced(mini_store: Path, tmp_path: Path,
                                                               problem: str) -> None:
    base = tmp_path / "out"
    export(mini_store, "yaml", base / "y")  # earlier exports, which must survive intact
    export(mini_store, "po", base / "p")
    with Glossary.open(mini_store) as g:  # the store moved on since
        cis = g.get("cis")
        cis.langs["en"].definition = "Changed since the last export."
        g.put(cis)
    kind, output, args, named = _prepare_problem(base, problem)
    before = tree(base)
    result = run("export", kind, "-o", output, *args, store=mini_store)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"glossary: {named}: "), result.stderr
    assert "Traceback" not in result.stderr
    assert tree(base) == before, "something was replaced (or left behind)"


def test_the_python_api_raises_input_error(mini: Glossary, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    (tmp_path / "folder.json").mkdir()  # the CLI's -o refuses this itself
    for call in (lambda: mini.export_json(tmp_path / "afile" / "x.json"),
                 lambda: mini.export_json(tmp_path / "folder.json"),
                 lambda: mini.export_yaml(tmp_path / "afile"),
                 lambda: mini.export_po(tmp_path / "afile" / "po"),
                 lambda: mini.export_tbx(tmp_path)):
        with pytest.raises(InputError) as caught:
            call()
        assert caught.value.file is not None


# -- a folder the process cannot write ------------------------------------------------------
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def test_a_folder_the_user_cannot_write(mini_store: Path) -> None:
    """Root writes anywhere (chmod would not stop it), so where the suite runs as root the
    export runs as the unprivileged user nobody (``setpriv``), into a folder of root's:
    really read-only for it, as a shared glossary's folder is for a colleague."""
    if os.geteuid() == 0 and not _nobody_can_run_us():
        _export_into_sysfs(mini_store)
        return
    work = Path(tempfile.mkdtemp(prefix="sozdik-ro-"))  # in /tmp: reachable by nobody
    try:
        work.chmod(0o755)
        locked = work / "locked"
        locked.mkdir()
        (locked / "g.json").write_text("an earlier export")
        (locked / "y").mkdir()
        store = work / "store" / "g.sqlite3"
        store.parent.mkdir()
        shutil.copyfile(mini_store, store)
        for kind, output, named, why in [
                ("json", locked / "g.json", locked, "cannot write here"),
                ("yaml", locked / "y", locked / "y", "cannot write here"),
                ("po", locked / "po", locked / "po", "cannot create this folder"),
                ("tbx", locked / "new.tbx", locked, "cannot write here")]:
            result = _run_unprivileged(store, locked, "export", kind, "-o", str(output))
            assert result.returncode == 2, (kind, result.stderr)
            assert result.stderr == f"glossary: {named}: {why}: Permission denied\n"
        assert (locked / "g.json").read_text() == "an earlier export"
        assert sorted(p.name for p in locked.iterdir()) == ["g.json", "y"]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _nobody_can_run_us() -> bool:
    probe = subprocess.run([*NOBODY, sys.executable, "-c", "import glossary"], cwd="/",
                           capture_output=True, timeout=60)
    return probe.returncode == 0


def _export_into_sysfs(store: Path) -> None:
    """A checkout private to root: nobody cannot run it. Then the folder is one that no
    process may write files into, not even root: sysfs."""
    for kind, output in [("json", "/sys/kernel/g.json"), ("yaml", "/sys/kernel/y"),
                         ("po", "/sys/kernel/po")]:
        result = run("export", kind, "-o", output, store=store)
        assert result.exit_code == 2, result.output
        assert re.match(r"glossary: /sys/kernel(/\w+)?: cannot (write here|create this "
                        r"folder): ", result.stderr), result.stderr


def _run_unprivileged(store: Path, locked: Path, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "glossary", "--store", str(store), *args]
    env = {**os.environ, "HOME": str(store.parent), "PYTHONDONTWRITEBYTECODE": "1"}
    if os.geteuid() != 0:
        locked.chmod(0o555)
    else:
        os.chown(store.parent, 65534, 65534)
        os.chown(store, 65534, 65534)
        command = NOBODY + command
    try:
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60,
                              cwd=store.parent)
    finally:
        locked.chmod(0o755)


# -- killed mid-swap: the set invariant ------------------------------------------------------
def _killed_after(swaps: int, store: Path, *args: str) -> bool:
    """Run ``glossary export ...`` in a forked child killed by SIGKILL at its ``swaps``-th
    rename (counting from 0); True if it was killed, False if it finished first."""
    pid = os.fork()
    if pid == 0:  # the child: no cleanup of any kind runs after the kill
        try:
            real, count = os.replace, [0]

            def replace(src: object, dst: object) -> None:
                if count[0] == swaps:
                    os.kill(os.getpid(), signal.SIGKILL)
                count[0] += 1
                real(src, dst)  # type: ignore[arg-type]

            os.replace = replace  # type: ignore[assignment]
            result = run("export", *args, store=store)
            os._exit(result.exit_code)
        except BaseException:
            os._exit(99)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return True
    assert os.WEXITSTATUS(status) == 0
    return False


def _edit(store: Path, ru: str, kk: str) -> None:
    """Give CIS new Russian and Kazakh acronyms, and its source a new title."""
    with Glossary.open(store) as g:
        cis = g.get("cis")
        cis.langs["ru"].terms[1].text, cis.langs["kk"].terms[1].text = ru, kk
        g.put(cis)
        source = g.sources()[0]
        source.title = f"Title {kk}"
        g.put_source(source)


def test_killed_po_export_never_pairs_a_po_with_another_exports_mo(mini_store: Path,
                                                                   tmp_path: Path) -> None:
    out = tmp_path / "po"
    cases = 0
    for swaps in range(20):
        _edit(mini_store, "СНГ", "ТМД")
        shutil.rmtree(out, ignore_errors=True)
        export(mini_store, "po", out)                     # export A
        _edit(mini_store, f"СНГ-{swaps}", f"ТМД-{swaps}")  # the store moves on: export B
        killed = _killed_after(swaps, mini_store, "po", "-o", str(out))
        new = {"ru": f"СНГ-{swaps}", "kk": f"ТМД-{swaps}"}
        old = {"ru": "СНГ", "kk": "ТМД"}
        for lang in ("ru", "kk"):
            base = out / lang / "LC_MESSAGES"
            po_text = (base / "glossary.po").read_text(encoding="utf-8")
            po_is = "new" if f'msgstr "{new[lang]}"' in po_text else "old"
            assert f'msgstr "{(new if po_is == "new" else old)[lang]}"' in po_text
            if (base / "glossary.mo").exists():
                with (base / "glossary.mo").open("rb") as handle:
                    mo_text = gettext.GNUTranslations(handle).pgettext("cis", "CIS")
                assert mo_text == (new if po_is == "new" else old)[lang], \
                    f"killed after {swaps} swaps: {lang} .po is {po_is}, its .mo is not"
            else:
                assert killed, "a finished export left a .po without its .mo"
        export(mini_store, "po", out)  # the next export cleans up and completes the set
        assert leftovers(out) == []
        for lang in ("ru", "kk"):
            with (out / lang / "LC_MESSAGES" / "glossary.mo").open("rb") as handle:
                assert gettext.GNUTranslations(handle).pgettext("cis", "CIS") == new[lang]
        cases += 1
        if not killed:
            break
    assert 7 <= cases < 20  # a POT, then per language: set the .mo aside, .po, later .mo


def test_killed_yaml_export_never_mixes_concepts_and_sources(mini_store: Path,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "yaml"
    cases = 0
    for swaps in range(20):
        _edit(mini_store, "СНГ", "ТМД")
        shutil.rmtree(out, ignore_errors=True)
        export(mini_store, "yaml", out)
        _edit(mini_store, "СНГ", f"ТМД-{swaps}")
        killed = _killed_after(swaps, mini_store, "yaml", "-o", str(out))
        concepts = (out / "concepts" / "cis.yaml")
        sources = out / "sources.yaml"
        states = {
            "concepts": None if not concepts.exists() else
            "new" if f"ТМД-{swaps}" in concepts.read_text(encoding="utf-8") else "old",
            "sources": None if not sources.exists() else
            "new" if f"ТМД-{swaps}" in sources.read_text(encoding="utf-8") else "old"}
        present = {v for v in states.values() if v}
        assert len(present) <= 1, f"killed after {swaps} swaps: {states}"
        assert killed or states == {"concepts": "new", "sources": "new"}
        export(mini_store, "yaml", out)
        assert leftovers(out) == [] and sorted(p.name for p in out.iterdir()) == [
            "concepts", "sources.yaml"]
        cases += 1
        if not killed:
            break
    assert 4 <= cases < 20


def test_leftovers_of_other_exports_are_removed_and_nothing_else(mini_store: Path,
                                                                  tmp_path: Path) -> None:
    out = tmp_path / "po"
    base = out / "kk" / "LC_MESSAGES"
    base.mkdir(parents=True)
    stale = [out / ".glossary.pot.a1b2c3d4.tmp", base / ".glossary.po.x_y_z_w_.tmp",
             base / ".glossary.mo.0123abcd.old"]
    for path in stale:
        path.write_text("left by a killed export")
    (out / ".concepts.00000000.old").mkdir()
    keep = [base / ".glossary.po.swp", out / ".hidden", base / "tui.mo"]
    for path in keep:
        path.write_text("not ours")
    export(mini_store, "po", out, "--target", "kk")
    assert not any(p.exists() for p in stale)
    assert all(p.read_text() == "not ours" for p in keep)
    export(mini_store, "yaml", out)  # the yaml export's own leftovers go too
    assert not (out / ".concepts.00000000.old").exists()



def test_an_export_stopped_midway_leaves_nothing_to_report(bundled_store: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """``glossary export jsonl -o - | head``: the pipe closes, the export stops with its
    rows half read, and the command ends (exit 1, as click has it) with the store closed
    before that iterator is collected. Closing it then printed "Exception ignored ...
    Traceback ... Cannot operate on a closed database" on stderr, now and then (when the
    collector came to it after the store had closed): the same steps, in order."""
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    g = Glossary.open(bundled_store)
    concepts = iter(g.concepts())
    next(concepts)
    g.close()
    concepts.close()
    assert unraisable == []


def test_json_to_standard_output(mini_store: Path, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """``-o -`` is standard output for every single-file export, JSON too: it wrote a file
    called ``-`` (and said "wrote 3 concepts to -")."""
    monkeypatch.chdir(tmp_path)
    result = run("export", "json", "-o", "-", store=mini_store)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert [c["id"] for c in document["concepts"]] == ["cis", "eeu", "solovyov"]
    assert not (tmp_path / "-").exists()
    run("export", "json", "-o", tmp_path / "file.json", store=mini_store)
    assert (tmp_path / "file.json").read_text(encoding="utf-8") == result.stdout


@pytest.mark.parametrize("kind", ["yaml", "po", "stardict"])
def test_a_folder_export_refuses_standard_output(mini_store: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  kind: str) -> None:
    """``-o -`` reads as standard output (as the single-file exports have it); a folder
    export cannot go there, and made a folder called ``-`` in the current directory."""
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    result = run("export", kind, "-o", "-", store=mini_store)
    assert result.exit_code == 2
    assert "'-' is standard output, and this export writes a folder" in result.stderr
    assert list(here.iterdir()) == []
    kk = run("--ui-lang", "kk", "export", kind, "-o", "-", store=mini_store)
    assert kk.exit_code == 2 and "'-' — стандартты шығыс" in kk.stderr
    assert run("export", kind, "-o", "./-", store=mini_store).exit_code == 0
    assert (here / "-").is_dir()


@pytest.mark.parametrize("kind", ["json", "yaml"])
def test_an_export_of_some_languages_only(mini_store: Path, tmp_path: Path, kind: str) -> None:
    """``--lang`` (repeatable) keeps those languages' sections, contexts and translations;
    the export imports back into an empty store, which then has nothing of the others."""
    out = tmp_path / ("part.json" if kind == "json" else "part")
    result = run("export", kind, "-o", out, "--lang", "en", "--lang", "kk", store=mini_store)
    assert result.exit_code == 0, result.stderr
    store = tmp_path / "part.sqlite3"
    assert run("init", "--empty", store=store).exit_code == 0
    assert run("import", out, store=store).exit_code == 0
    with Glossary.open(mini_store) as whole, Glossary.open(store) as part:
        kept = [c.in_languages(("en", "kk")) for c in whole.concepts()]
        assert [c.to_dict(meta=False) for c in part.concepts()] == [
            c.to_dict(meta=False) for c in kept if c is not None]
        for concept in part.concepts():
            assert set(concept.langs) <= {"en", "kk"}
            assert all(c.lang != "ru" and "ru" not in c.translations for c in concept.contexts)
        assert any("ru" in c.langs or any("ru" in x.translations for x in c.contexts)
                   for c in whole.concepts())
    bad = run("export", kind, "-o", tmp_path / "bad", "--lang", "kz", store=mini_store)
    assert bad.exit_code == 2 and "'kz'" in bad.stderr
