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
