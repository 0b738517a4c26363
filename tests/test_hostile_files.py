"""Every reproducer of the hardening issue (#8, sections 1, 3 and 8), as a named test.

Each file once crashed an importer (a Python traceback, exit 1) or left the
store unreadable. Each must now be refused with exit 2, naming the file, the
line and the field, and leave the store exactly as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run, snapshot

from glossary import Glossary, InputError

PO_HEADER = ('msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"X-Source-Language: en\\n"\n'
             '"Plural-Forms: {plural}\\n"\n\n')
RU_PLURAL = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
             "(n%100<10 || n%100>=20) ? 1 : 2);")
TBX3 = ('<?xml version="1.0"?>\n'
        '<tbx type="TBX" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">'
        '<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>\n'
        '<text><body>\n{body}</body></text></tbx>\n')


def refused(store: Path, path: Path, line: int | None, field: str | None,
            *fragments: str, file: Path | None = None) -> str:
    """Import ``path``: exit 2, ``FILE:LINE: field 'FIELD': ...``, the store untouched.

    ``file`` is the file named, when ``path`` is a folder.
    """
    before = snapshot(store)
    result = run("import", path, store=store)  # a traceback would raise here
    assert result.exit_code == 2, result.output
    message = result.stderr
    where = f"{file or path}:{line}: " if line else f"{file or path}: "
    assert message.startswith(f"glossary: {where}"), message
    if field:
        assert f"field '{field}'" in message, message
    for fragment in fragments:
        assert fragment in message, message
    assert snapshot(store) == before, "a refused import changed the store"
    with Glossary.open(store) as g:  # and it still reads: every concept
        assert [c.id for c in g.concepts()] == ["cis", "eeu", "solovyov"]
    return message


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- section 1: imports that left the store unreadable --------------------------------
def test_poison_po_msgstr_of_a_control_character(mini_store: Path, tmp_path: Path) -> None:
    po = write(tmp_path / "poison.po",
               PO_HEADER.format(lang="kk", plural="nplurals=2; plural=(n != 1);")
               + 'msgctxt "eeu"\nmsgid "EEU"\nmsgstr "\\001"\n')
    refused(mini_store, po, 9, "msgstr", "only control characters")


def test_csv_cell_that_cleans_to_nothing(mini_store: Path, tmp_path: Path) -> None:
    csv = write(tmp_path / "poison.csv", "en,kk\nEEU,\x01\n")
    refused(mini_store, csv, 2, "kk", "only control characters")


def test_csv_comment_mixing_scripts(mini_store: Path, tmp_path: Path) -> None:
    csv = write(tmp_path / "poison.csv", "en,kk,comment\nEEU,жаңа термин,ЕАЭO note\n")
    refused(mini_store, csv, 2, "comment", "'ЕАЭO' mixes Latin and Cyrillic")


def test_tsv_cell_that_cleans_to_nothing(mini_store: Path, tmp_path: Path) -> None:
    tsv = write(tmp_path / "poison.tsv", "source:en\ttarget:kk\n\nCIS\t \x7f\x01\n")
    refused(mini_store, tsv, 3, "target:kk", "only control characters")


# -- section 3: tracebacks --------------------------------------------------------------
def test_yaml_impossible_date(mini_store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "g"
    (folder / "concepts").mkdir(parents=True)
    write(folder / "sources.yaml", "- id: src-one\n  title: T\n  published: 2018-02-30\n")
    refused(mini_store, folder, 3, "[0].published", "2018-02-30 is not a date",
            file=folder / "sources.yaml")


def test_yaml_date_where_a_term_is_read(mini_store: Path, tmp_path: Path) -> None:
    y = write(tmp_path / "x.yaml", "id: x\nlangs:\n  en:\n    terms:\n    - text: 2018-02-30\n")
    refused(mini_store, y, 5, "langs.en.terms[0].text", "not a date")


def test_yaml_list_as_a_mapping_key(mini_store: Path, tmp_path: Path) -> None:
    y = write(tmp_path / "x.yaml", "id: x\n[a]: 1\nlangs: {en: {terms: [{text: a}]}}\n")
    refused(mini_store, y, 2, "[a]", "a list cannot be a mapping key")


HUGE = "9" * 4301


def test_yaml_integer_of_4301_digits(mini_store: Path, tmp_path: Path) -> None:
    y = write(tmp_path / "x.yaml", f"id: x\nlangs:\n  en:\n    terms:\n    - text: {HUGE}\n")
    refused(mini_store, y, 5, "langs.en.terms[0].text", "a number of 4,301 digits")


def test_yaml_hexadecimal_integer_too_long_to_print(mini_store: Path, tmp_path: Path) -> None:
    y = write(tmp_path / "x.yaml", "id: x\nrevision: 0x" + "f" * 3600 + "\nlangs: {}\n")
    refused(mini_store, y, 2, "revision", "digits")


def test_json_integer_of_4301_digits(mini_store: Path, tmp_path: Path) -> None:
    j = write(tmp_path / "x.json", '{"sources": [],\n "concepts": [{"id": "x",\n "revision": '
              + HUGE + ', "langs": {"en": {"terms": [{"text": "a"}]}}}]}\n')
    refused(mini_store, j, 3, "concepts[0].revision", "a number of 4,301 digits")


def test_jsonl_integer_of_4301_digits(mini_store: Path, tmp_path: Path) -> None:
    j = write(tmp_path / "x.jsonl", '{"id": "x", "langs": {"en": {"terms": [{"text": "a"}]}}}\n'
              '{"id": "y", "langs": {"en": {"terms": [{"text": ' + HUGE + "}]}}}\n")
    refused(mini_store, j, 2, "langs.en.terms[0].text", "a number of 4,301 digits")


def test_json_nan_is_not_json(mini_store: Path, tmp_path: Path) -> None:
    j = write(tmp_path / "x.jsonl", '{"id": "x", "langs": {"en": {"terms": [{"text": NaN}]}}}\n')
    refused(mini_store, j, 1, "langs.en.terms[0].text", "not a JSON number")


@pytest.mark.parametrize("suffix", ["json", "jsonl"])
def test_json_nested_a_thousand_levels(mini_store: Path, tmp_path: Path, suffix: str) -> None:
    j = write(tmp_path / f"x.{suffix}", "\n" + "[" * 1000 + "\n")
    refused(mini_store, j, 2, None, "nested more than 64 levels deep")


def test_yaml_nested_a_thousand_levels(mini_store: Path, tmp_path: Path) -> None:
    y = write(tmp_path / "x.yaml", "{a: " * 900 + "1" + "}" * 900 + "\n")
    refused(mini_store, y, 1, None, "nested more than 64 levels deep")


@pytest.mark.parametrize("suffix", ["json", "jsonl", "yaml"])
def test_list_as_a_context_language(mini_store: Path, tmp_path: Path, suffix: str) -> None:
    concept = ('{"id": "x", "langs": {"en": {"terms": [{"text": "a"}]}}, "contexts": '
               '[{"lang": ["en"], "text": "t", "source": "src-one"}]}')
    text = {"json": '{"sources": [], "concepts": [\n' + concept + "]}\n",
            "jsonl": concept + "\n", "yaml": concept + "\n"}[suffix]
    path = write(tmp_path / f"x.{suffix}", text)
    field = "concepts[0].contexts[0].lang" if suffix == "json" else "contexts[0].lang"
    refused(mini_store, path, 2 if suffix == "json" else 1, field,
            "expected a language code, got a list")


def test_po_plural_entry_of_control_characters_only(mini_store: Path, tmp_path: Path) -> None:
    po = write(tmp_path / "p.po", PO_HEADER.format(lang="ru", plural=RU_PLURAL)
               + 'msgctxt "eeu"\nmsgid "EEU"\nmsgid_plural "EEUs"\n'
               'msgstr[0] "\\001"\nmsgstr[1] "\\001"\nmsgstr[2] "\\001"\n')
    refused(mini_store, po, 10, "msgstr[0]", "only control characters")


def test_po_plural_index_too_long_to_be_a_number(mini_store: Path, tmp_path: Path) -> None:
    po = write(tmp_path / "p.po", PO_HEADER.format(lang="ru", plural=RU_PLURAL)
               + 'msgctxt "eeu"\nmsgid "EEU"\nmsgid_plural "EEUs"\n'
               f'msgstr[{HUGE}] "x"\n')
    refused(mini_store, po, 10, "msgstr", "where msgstr[0] was expected")


def test_tbx_entry_nested_in_an_entry(mini_store: Path, tmp_path: Path) -> None:
    tbx = write(tmp_path / "n.tbx", TBX3.format(body=(
        '<conceptEntry id="a"><langSec xml:lang="en"><termSec><term>alpha</term></termSec>'
        '</langSec>\n<conceptEntry id="b"><langSec xml:lang="en"><termSec><term>beta</term>'
        '</termSec></langSec></conceptEntry>\n</conceptEntry>\n')))
    refused(mini_store, tbx, 5, "conceptEntry", "entries cannot nest")


def test_tbx_context_number_that_is_not_ascii(mini_store: Path, tmp_path: Path) -> None:
    tbx = write(tmp_path / "c.tbx", TBX3.format(body=(
        '<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>alpha</term>\n'
        '<descripGrp><descrip type="context" id="c1_ctx²">An alpha here.</descrip></descripGrp>\n'
        '<descripGrp><descrip type="context" id="c1_ctx1">An alpha there.</descrip>'
        '</descripGrp>\n</termSec></langSec></conceptEntry>\n')))
    result = run("import", tbx, store=mini_store)  # not an error: an id like any other
    assert result.exit_code == 0, result.output
    with Glossary.open(mini_store) as g:
        assert [c.text for c in g.get("c1").contexts] == ["An alpha there.", "An alpha here."]


def test_tbx_undeclared_entity_under_an_external_dtd(mini_store: Path, tmp_path: Path) -> None:
    tbx = write(tmp_path / "e.tbx", '<?xml version="1.0"?>\n'
                '<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">\n'
                '<martif type="TBX" xml:lang="en"><text><body>\n'
                '<termEntry id="x"><langSet xml:lang="en"><tig>\n<term>a &foo; b</term></tig>'
                '</langSet></termEntry>\n</body></text></martif>\n')
    refused(mini_store, tbx, 5, "term", "undeclared entity &foo;")


def test_tbx_undeclared_entity_without_a_dtd(mini_store: Path, tmp_path: Path) -> None:
    """No DTD named: the parser itself refuses the reference (so the reader looks for
    references only in documents naming one)."""
    tbx = write(tmp_path / "e.tbx", '<?xml version="1.0"?>\n'
                '<martif type="TBX" xml:lang="en"><text><body>\n'
                '<termEntry id="x"><langSet xml:lang="en"><tig>\n<term>a &foo; b</term></tig>'
                '</langSet></termEntry>\n</body></text></martif>\n')
    refused(mini_store, tbx, None, None, "not well-formed XML")


def test_tbx_undeclared_entity_in_a_source(mini_store: Path, tmp_path: Path) -> None:
    tbx = write(tmp_path / "e.tbx", '<?xml version="1.0"?>\n'
                '<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">\n'
                '<martif type="TBX" xml:lang="en"><text><body>\n'
                '<termEntry id="x"><descripGrp><descrip type="subjectField">s</descrip>'
                '<admin type="source" target="s1">S</admin></descripGrp>'
                '<langSet xml:lang="en"><tig><term>a</term></tig></langSet></termEntry>\n'
                '</body><back><refObjectList type="sources"><refObject id="s1">\n'
                '<item type="title">The &bar; title</item></refObject></refObjectList></back>'
                '</text></martif>\n')
    refused(mini_store, tbx, 6, "item", "undeclared entity &bar;")


# -- section 8: one rule for empty files -------------------------------------------------
@pytest.mark.parametrize("suffix", ["json", "jsonl"])
def test_empty_file_is_bad_input(mini_store: Path, tmp_path: Path, suffix: str) -> None:
    path = write(tmp_path / f"empty.{suffix}", "")
    refused(mini_store, path, None, None, "empty file")
    blank = write(tmp_path / f"blank.{suffix}", "\n  \n")
    refused(mini_store, blank, None, None, "empty file")


def test_python_api_reports_the_same(mini: Glossary, tmp_path: Path) -> None:
    j = write(tmp_path / "x.jsonl", "[" * 1000)
    with pytest.raises(InputError) as caught:
        mini.import_path(j)
    assert (caught.value.file, caught.value.line) == (j, 1)
