"""The subject fields a store knows: a small controlled vocabulary with labels.

The bundled vocabulary (``glossary/data/subjects.yaml``) labels the subject
fields of the bundled glossary in every store; a store holds the fields its
team added or relabelled (imported with a YAML or JSON bundle, exported back),
which win over the bundled ones. A concept may name a subject field the
vocabulary lacks: it is shown by its id, and ``glossary doctor`` says so.
"""

from __future__ import annotations

import json
from functools import lru_cache

from ..errors import InputError
from ..i18n import _
from ..model import SubjectField
from ..paths import bundled_data
from .connection import Connection

TABLE = "subject_fields"
MIGRATION = f"CREATE TABLE IF NOT EXISTS {TABLE} (id TEXT PRIMARY KEY, doc TEXT NOT NULL);"
#: the table, empty, for a read-only store of an older schema (the bundled fields still apply)
TEMPORARY = f"CREATE TEMP TABLE IF NOT EXISTS {TABLE} (id TEXT PRIMARY KEY, doc TEXT NOT NULL);"
FILE = "subjects.yaml"


@lru_cache(maxsize=1)
def bundled() -> tuple[SubjectField, ...]:
    """The vocabulary that ships with Sozdik (checked by the tests, trusted here)."""
    import yaml  # when subjects are shown or checked: `glossary lookup` starts without it

    text = (bundled_data() / FILE).read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's when built with it
    return tuple(SubjectField.from_dict(item, (i,))
                 for i, item in enumerate(yaml.load(text, Loader=loader) or []))


def stored(conn: Connection) -> list[SubjectField]:
    """The fields the store holds, by id (a document that no longer reads is passed over)."""
    out = []
    for field_id, doc in conn.execute(f"SELECT id, doc FROM {TABLE} ORDER BY id"):
        try:
            out.append(SubjectField.from_dict(json.loads(doc)))
        except (InputError, ValueError):
            continue
    return out


def put(conn: Connection, fields: list[SubjectField]) -> bool:
    """Write the fields that are new or different (validated); True if any was."""
    changed = False
    for item in fields:
        item = SubjectField.from_dict(item.to_dict())
        doc = json.dumps(item.to_dict(), ensure_ascii=False, sort_keys=True)
        row = conn.execute(f"SELECT doc FROM {TABLE} WHERE id = ?", (item.id,)).fetchone()
        if row is None or row[0] != doc:
            conn.execute(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?)", (item.id, doc))
            changed = True
    return changed


def effective(conn: Connection) -> dict[str, SubjectField]:
    """Every known field by id: the bundled ones, overridden and extended by the store's."""
    out = {f.id: f for f in bundled()}
    out.update((f.id, f) for f in stored(conn))
    return dict(sorted(out.items()))


def unknown_subject(name: str, fields: dict[str, SubjectField],
                    labels: dict[str, str]) -> InputError:
    """The error for a subject that no field of the vocabulary and no concept has: it names
    the closest known subjects (by id or by a label in any language), else every one.
    ``labels``: every known subject's id → its label in the message language."""
    from difflib import get_close_matches  # (on this error only: lookups start without it)

    names = {subject: subject for subject in labels}  # a casefolded id or label → its id
    for item in fields.values():
        names.update((label.casefold(), item.id) for label in item.labels.values())
    close = dict.fromkeys(names[n] for n in get_close_matches(name.strip().casefold(), names,
                                                              n=5, cutoff=0.6))
    known = ", ".join(labels[s] if labels[s] == s else f"{labels[s]} ({s})"
                      for s in close or labels)
    template = (_("no subject field or concept has the subject {subject!r}; the closest: "
                  "{known}") if close else
                _("no subject field or concept has the subject {subject!r}; the subjects "
                  "are: {known}"))
    return InputError(template.format(subject=name, known=known), field="subject")
