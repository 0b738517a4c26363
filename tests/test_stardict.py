"""``glossary export stardict``: read back by Debian's ``sdcv`` and ``dictzip``, and byte by byte."""

from __future__ import annotations

import gzip
import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from conftest import run
from glossary import Glossary

SDCV, DICTZIP = shutil.which("sdcv"), shutil.which("dictzip")
BOOKS = ("sozdik-en-ru-kk", "sozdik-ru-en-kk", "sozdik-kk-en-ru")


@pytest.fixture(scope="module")
def exported(bundled_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("stardict") / "dicts"
    result = run("export", "stardict", "-o", out, store=bundled_store)
    assert result.exit_code == 0, result.stderr
    assert "wrote 3 dictionaries" in result.stderr
    return out


def sdcv(data_dir: Path, word: str, home: Path,
         exact: bool = False) -> subprocess.CompletedProcess[str]:
    assert SDCV is not None
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache"),
           "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    return subprocess.run([SDCV, "-n", *(["-e"] if exact else []), "--utf8-input",
                           "--utf8-output", "--data-dir", str(data_dir), word],
                          capture_output=True, text=True, env=env, timeout=30)


def read_ifo(path: Path) -> dict[str, str]:
    lines = path.read_text("utf-8").splitlines()
    assert lines[0] == "StarDict's dict ifo file"
    return dict(line.split("=", 1) for line in lines[1:])


def read_idx(path: Path) -> list[tuple[bytes, int, int]]:
    data, out, at = path.read_bytes(), [], 0
    while at < len(data):
        end = data.index(b"\0", at)
        offset, size = struct.unpack(">II", data[end + 1:end + 9])
        out.append((data[at:end], offset, size))
        at = end + 9
    return out


def read_syn(path: Path) -> list[tuple[bytes, int]]:
    data, out, at = path.read_bytes(), [], 0
    while at < len(data):
        end = data.index(b"\0", at)
        out.append((data[at:end], struct.unpack(">I", data[end + 1:end + 5])[0]))
        at = end + 5
    return out


def stardict_order(key: bytes) -> tuple[bytes, bytes]:
    return key.lower(), key  # g_ascii_strcasecmp, then strcmp


@pytest.mark.parametrize("book", BOOKS)
def test_files_agree_with_each_other(exported: Path, book: str, bundled: Glossary) -> None:
    folder = exported / book
    assert sorted(p.name for p in folder.iterdir() if p.suffix != ".oft") == sorted(  # sdcv's cache
        f"{book}{ext}" for ext in (".dict.dz", ".idx", ".ifo", ".syn"))
    ifo = read_ifo(folder / f"{book}.ifo")
    idx, syn = read_idx(folder / f"{book}.idx"), read_syn(folder / f"{book}.syn")
    assert ifo["version"] == "3.0.0" and ifo["sametypesequence"] == "m"
    assert int(ifo["wordcount"]) == len(idx) == len(bundled)  # one article per concept
    assert int(ifo["idxfilesize"]) == (folder / f"{book}.idx").stat().st_size
    assert int(ifo["synwordcount"]) == len(syn) > len(idx)
    assert [w for w, *_ in idx] == sorted((w for w, *_ in idx), key=stardict_order)
    assert [k for k, _ in syn] == sorted((k for k, _ in syn), key=stardict_order)
    assert all(0 <= n < len(idx) and len(k) < 256 for k, n in syn)
    text = gzip.decompress((folder / f"{book}.dict.dz").read_bytes())
    for word, offset, size in idx:  # each article starts with its headword
        assert text[offset:offset + size].startswith(word + b"\n")
    assert sum(size for _, _, size in idx) == len(text)


def test_synonyms_hold_terms_and_inflected_forms(exported: Path) -> None:
    book = exported / "sozdik-ru-en-kk"
    idx = read_idx(book / "sozdik-ru-en-kk.idx")
    keys = {k.decode(): idx[n][0].decode() for k, n in read_syn(book / "sozdik-ru-en-kk.syn")}
    assert keys["ЕАЭС"] == keys["ЕврАзЭС"] == "Евразийский экономический союз"
    assert keys["Государственной думы"] == "Государственная дума"
    assert keys["Евразийского экономического союза"] == "Евразийский экономический союз"
    kk = exported / "sozdik-kk-en-ru"
    idx = read_idx(kk / "sozdik-kk-en-ru.idx")
    keys = {k.decode(): idx[n][0].decode() for k, n in read_syn(kk / "sozdik-kk-en-ru.syn")}
    assert keys["Қазақстанның"] == "Қазақстан"
    assert keys["ЕАЭО-ға"] == keys["Еуразиялық экономикалық одағының"] == \
        "Еуразиялық экономикалық одақ"
    assert keys["Qazaqstan"] == "Қазақстан"  # the 2021 Latin alphabet


def test_dict_dz_is_dictzip_with_random_access(exported: Path, tmp_path: Path) -> None:
    assert DICTZIP is not None
    dz = exported / "sozdik-kk-en-ru" / "sozdik-kk-en-ru.dict.dz"
    listing = subprocess.run([DICTZIP, "-l", str(dz)], capture_output=True, text=True,
                             check=True).stdout
    assert listing.splitlines()[1].startswith("dzip ")  # not plain gzip: the RA table is there
    assert int(listing.split()[-6]) > 1  # several chunks, so the seeks below cross them
    subprocess.run([DICTZIP, "-t", str(dz)], check=True)
    whole = gzip.decompress(dz.read_bytes())
    for _, offset, size in read_idx(dz.with_name("sozdik-kk-en-ru.idx"))[::9]:
        part = subprocess.run([DICTZIP, "-d", "-c", "-s", str(offset), "-e", str(size), str(dz)],
                              capture_output=True, check=True).stdout
        assert part == whole[offset:offset + size]


@pytest.mark.parametrize(("query", "book", "headword", "shown"), [
    ("ЕАЭС", "Russian → English, Kazakh", "Евразийский экономический союз",
     ["ЕАЭС — acronym, preferred", "ЕврАзЭС — acronym, FORBIDDEN", "Eurasian Economic Union",
      "Еуразиялық экономикалық одақ", "Международная организация региональной"]),
    ("Государственной думы", "Russian → English, Kazakh", "Государственная дума",
     ["State Duma"]),
    ("Владимира Соловьева", "Russian → English, Kazakh", "Владимир Соловьёв", []),
    ("Қазақстанның", "Kazakh → English, Russian", "Қазақстан", ["Kazakhstan"]),
    ("ЕАЭО-ға", "Kazakh → English, Russian", "Еуразиялық экономикалық одақ", []),
    ("EAEU", "English → Russian, Kazakh", "Eurasian Economic Union",
     ["EAEU — acronym, preferred", "Contexts", "(our translation)"]),
])
def test_sdcv_finds_the_concept(exported: Path, tmp_path: Path, query: str, book: str,
                                headword: str, shown: list[str]) -> None:
    result = sdcv(exported, query, tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"-->Sozdik: {book}\n-->{headword}\n" in result.stdout
    for text in shown:
        assert text in result.stdout


@pytest.mark.parametrize(("query", "headword"), [
    ("Казакстан", "Қазақстан"), ("Казакстаннын", "Қазақстан"),
    ("Бириккен Улттар Уйымы", "Біріккен Ұлттар Ұйымы"), ("ЕАЭО-га", "Еуразиялық экономикалық одақ"),
])
def test_sdcv_finds_kazakh_typed_without_its_letters(exported: Path, tmp_path: Path, query: str,
                                                     headword: str) -> None:
    result = sdcv(exported, query, tmp_path, exact=True)  # a key of the book, not a guess
    assert result.returncode == 0, result.stderr
    assert f"-->Sozdik: Kazakh → English, Russian\n-->{headword}\n" in result.stdout


def test_sdcv_nothing_found(exported: Path, tmp_path: Path) -> None:
    result = sdcv(exported, "zzqqxxwwvv", tmp_path)
    assert "Nothing similar to zzqqxxwwvv" in result.stdout


def test_export_is_deterministic_and_leaves_other_dictionaries(bundled_store: Path,
                                                              tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    (second / "someone-else").mkdir(parents=True)
    (second / "someone-else" / "x.ifo").write_text("keep me")
    for out in (first, second, second):  # the second export replaces the first in place
        assert run("export", "stardict", "-o", out, store=bundled_store).exit_code == 0
    for book in BOOKS:
        for path in (first / book).iterdir():
            assert path.read_bytes() == (second / book / path.name).read_bytes(), path.name
    assert (second / "someone-else" / "x.ifo").read_text() == "keep me"
    assert sorted(p.name for p in second.iterdir()) == sorted([*BOOKS, "someone-else"])


def test_output_must_be_a_directory(bundled_store: Path, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("")
    result = run("export", "stardict", "-o", target, store=bundled_store)
    assert result.exit_code == 2 and "is a file" in result.stderr
