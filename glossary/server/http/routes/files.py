"""Export every format as a download, and import an uploaded file as one transaction."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, BinaryIO, Literal

from fastapi import APIRouter, File, Query, Response, UploadFile
from fastapi.responses import StreamingResponse

from ....api import Glossary
from ....errors import InputError
from ....formats.report import summary_dict
from ....i18n import _
from ....model import language
from .. import archive, uploads
from ..deps import Author, Pool
from ..models import ImportSummary, Lang, PoImportSummary
from ..problems import responses
from ..responses import json_response

router = APIRouter(tags=["files"])

Format = Literal["json", "yaml", "po", "tbx", "csv", "tsv", "jsonl", "stardict", "tmx"]
MEDIA = {"json": "application/json", "jsonl": "application/jsonl", "tbx": "application/xml",
         "tmx": "application/xml", "csv": "text/csv; charset=utf-8",
         "tsv": "text/tab-separated-values; charset=utf-8", "yaml": "application/zip",
         "po": "application/zip", "stardict": "application/zip"}
#: formats written as a directory, sent zipped
DIRECTORIES = ("yaml", "po", "stardict")
IMPORTABLE = (".yaml", ".yml", ".json", ".jsonl", ".po", ".tbx", ".csv", ".tsv", ".zip")
_DOMAIN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"


@router.get("/export/{format}", summary="The store in an interchange format",
            response_class=StreamingResponse,
            responses={200: {"description": "The export, as a download", "content": {
                m: {"schema": {"type": "object"} if m == "application/json" else
                    {"type": "string", "format": "binary"}}
                for m in dict.fromkeys(MEDIA.values())}},
                       **responses(422)})
def export(pool: Pool, format: Format,
           source: Annotated[Lang, Query(description="po, csv, tsv: the source language")]
           = "en",
           target: Annotated[str | None, Query(description="csv, tsv: the target language "
                                               "(required); po: comma-separated targets "
                                               "(default: every other language)")] = None,
           version: Annotated[Literal["3", "2"], Query(description="tbx: TBX v3 (TBX-Basic, "
                                                       "DCA) or v2 (martif)")] = "3",
           layout: Annotated[Literal["omegat", "weblate"], Query(description="csv: column "
                                                                 "layout")] = "omegat",
           domain: Annotated[str, Query(pattern=_DOMAIN, description="po: gettext domain")]
           = "glossary") -> Response:
    """Written as ``glossary export FORMAT`` writes it (to a temporary file), then
    streamed; the same store always gives the same bytes. The directory formats come
    zipped: ``yaml`` as ``sources.yaml`` + ``concepts/``, ``po`` as ``<domain>.pot`` +
    ``<lang>/LC_MESSAGES/<domain>.po`` and ``.mo``, ``stardict`` as a folder per
    direction (``.ifo``, ``.idx``, ``.dict.dz``, ``.syn``). ``tmx`` is the translation
    memory of the quoted sentences."""
    g = pool.current()
    work = Path(tempfile.mkdtemp(prefix="sozdik-export-"))
    try:
        name = _write(g, format, work, source=source, target=target, version=int(version),
                      layout=layout, domain=domain)
        export = (work / name).open("rb")
    finally:
        # the open file outlives its directory: nothing is left behind, even when the
        # client goes away before the end
        shutil.rmtree(work, ignore_errors=True)
    return StreamingResponse(_chunks(export), media_type=MEDIA[format], headers={
        "Content-Length": str(os.fstat(export.fileno()).st_size),
        "Content-Disposition": f'attachment; filename="{name}"'})


def _chunks(export: BinaryIO) -> Iterator[bytes]:
    with export:
        while chunk := export.read(1 << 16):
            yield chunk


def _write(g: Glossary, format: str, work: Path, *, source: str, target: str | None,
           version: int, layout: str, domain: str) -> str:
    if format in ("csv", "tsv"):
        if target is None:
            raise InputError(_("{format} is one language pair: give a target language")
                             .format(format=format), field="target")
        _lang(target)
        name = f"glossary-{source}-{target}.{format}"
        g.export_csv(work / name, source=source, target=target, layout=layout,
                     delimiter="\t" if format == "tsv" else ",")
        return name
    if format in DIRECTORIES:
        tree = work / format
        if format == "yaml":
            g.export_yaml(tree)
        elif format == "stardict":
            g.export_stardict(tree)
        else:
            targets = [_lang(t.strip()) for t in target.split(",") if t.strip()] if target else None
            g.export_po(tree, source=source, targets=targets, domain=domain)
        name = f"glossary-{format}.zip"
        archive.zip_directory(tree, work / name, g.stats()["last_change"])
        return name
    name = f"glossary.{format}"
    if format == "json":
        g.export_json(work / name)
    elif format == "jsonl":
        g.export_jsonl(work / name)
    elif format == "tmx":
        g.export_tmx(work / name)
    else:
        g.export_tbx(work / name, version=version)
    return name


def _lang(code: str) -> str:
    return language(code, "target")


@router.post("/import", summary="Import a file as one transaction",
             response_model=ImportSummary | PoImportSummary,
             responses=responses(401, 403, 413, 422))
def import_(pool: Pool, author: Author,
            file: Annotated[UploadFile, File(description="A YAML file or a zip of the YAML "
                                             "layout, a JSON or JSONL export, a PO, TBX, CSV "
                                             "or TSV file: told by its name")],
            source: Annotated[Lang | None, Query(description="csv, tsv: language of a plain "
                                                 "'source' column")] = None,
            target: Annotated[Lang | None, Query(description="csv, tsv: language of a plain "
                                                 "'target' column")] = None,
            dry_run: Annotated[bool, Query(description="do the import, then roll it back: "
                                           "what it would do, nothing written")] = False
            ) -> Response:
    """As ``glossary import FILE --json``: all of it or nothing (a bad file changes nothing,
    and the error names the file, line and field). The format is told by the file name.
    ``dry_run=true`` answers the same summary, with ``"dry_run": true``, and leaves the
    store exactly as it was."""
    name, suffix = uploads.client_name(file, IMPORTABLE)
    with uploads.saved(file, suffix, "sozdik-import-") as (work, saved):
        if suffix == ".zip":
            tree = work / "tree"
            archive.unzip(saved, tree, name)
            saved = _yaml_root(tree, name)
        with pool.writing(author) as g:
            try:
                return json_response(_import(g, saved, name, suffix, source, target, dry_run))
            except InputError as exc:
                raise uploads.renamed(exc, work, name) from None


def _import(g: Glossary, path: Path, name: str, suffix: str, source: str | None,
            target: str | None, dry_run: bool) -> dict[str, Any]:
    if suffix in (".csv", ".tsv"):
        report: Any = g.import_csv(path, source=source, target=target, dry_run=dry_run)
    else:
        report = g.import_path(path, dry_run=dry_run)
    summary = summary_dict(report, dry_run=dry_run)
    if "file" in summary:  # a PO import names its file: the client's name, not ours
        summary["file"] = name
    return summary


def _yaml_root(tree: Path, name: str) -> Path:
    """The folder holding sources.yaml and concepts/ (the archive's root or its one folder)."""
    if not (tree / "sources.yaml").exists() and not (tree / "concepts").exists():
        entries = list(tree.iterdir()) if tree.exists() else []
        if len(entries) == 1 and entries[0].is_dir():
            return entries[0]
        raise InputError(_("the archive holds no YAML glossary (sources.yaml and concepts/, "
                           "as GET /export/yaml gives)"), file=name)
    return tree
