"""The messages of the library and the CLI, read from the compiled catalogues as gettext
reads them: `glossary.i18n` decodes a message when it is asked for instead of the whole
catalogue at start-up, and gives what `gettext.GNUTranslations` gives for every one."""

from __future__ import annotations

from gettext import GNUTranslations

import pytest

from glossary import i18n

COUNTS = (0, 1, 2, 3, 4, 5, 11, 12, 21, 22, 25, 101, 111, 1000, 1001, 1002)


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_message_as_gettext_gives_it(lang: str) -> None:
    path = i18n.LOCALE_DIR / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    with open(path, "rb") as f:
        theirs = GNUTranslations(f)
    ours = i18n.translations(lang)
    assert not isinstance(ours, GNUTranslations)  # read without decoding it all
    keys = list(theirs._catalog)  # every message of the catalogue, the header too
    assert len(keys) > 400 and "" in keys
    for key in keys:
        if isinstance(key, tuple):  # a form of a counted message
            msgid = key[0]
            assert ours.gettext(msgid) == theirs.gettext(msgid)
            for n in COUNTS:
                assert ours.ngettext(msgid, "plural", n) == theirs.ngettext(msgid, "plural", n)
        else:
            assert ours.gettext(key) == theirs.gettext(key)
            assert ours.ngettext(key, "plural", 2) == theirs.ngettext(key, "plural", 2)
    for absent in ("no such message", "Nothing found"):
        assert ours.gettext(absent) == theirs.gettext(absent) == absent
        for n in COUNTS:
            assert ours.ngettext(absent, "plural", n) == theirs.ngettext(absent, "plural", n)


def test_a_counted_message_in_russian() -> None:
    """Three forms, chosen by the catalogue's rule."""
    with i18n.using("ru"):
        forms = {n: i18n.ngettext("{count} edit", "{count} edits", n).format(count=n)
                 for n in (1, 2, 5, 21)}
    assert forms[1] != forms[2] != forms[5] and forms[21].endswith(forms[1].split(" ", 1)[1])


_THREADS = """
import sys, threading
from glossary import i18n
barrier, seen = threading.Barrier(12), []
def block(lang):
    barrier.wait()  # all enter at once: the first block of the process makes the variable
    with i18n.using(lang) as entered:
        barrier.wait()
        seen.append((lang, entered, i18n.language(), i18n._("nothing found for {query!r}")))
        barrier.wait()
threads = [threading.Thread(target=block, args=("ru kk en"[i % 3 * 3:][:2],)) for i in range(12)]
for t in threads: t.start()
for t in threads: t.join()
print(sorted(set(seen)), i18n.language())
"""


def test_blocks_of_a_language_in_threads_entered_at_once() -> None:
    """using() in threads entering their first blocks together (the context variable is
    made by the first of them): each thread its own language, the process's after."""
    import ast
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", _THREADS], capture_output=True, text=True,
                         check=True).stdout
    seen, after = out.rsplit(" ", 1)
    expected = []
    for lang in ("en", "kk", "ru"):
        with i18n.using(lang):
            expected.append((lang, lang, lang, i18n._("nothing found for {query!r}")))
    assert ast.literal_eval(seen) == expected and after.strip() == "en"
    assert len({message for *_, message in expected}) == 3
