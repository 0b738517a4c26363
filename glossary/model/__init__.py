"""The concept-oriented data model (after TBX / ISO 30042).

A :class:`Concept` is one meaning; it holds a :class:`LangSection` per
language, each with its :class:`Term` list and definition, plus contexts quoted
from :class:`Source` articles. ``Concept.from_dict`` is the one place where
outside data (YAML, JSON, API callers) is checked; it raises
:class:`~glossary.errors.InputError` naming the offending field.

Every public name is importable from here; each module holds one part:

- :mod:`.values`: the languages and scripts, the choices (TermType, TermStatus...),
  the form of an id, the limits of a term, the version of the rules (RULES_VERSION)
- :mod:`.names`: how messages name them (language_name, value_name, kind_of,
  field_name), and the check of a language code (language, unknown_language)
- :mod:`.concept`: the records (Concept, LangSection, Term, Context, Provenance,
  Segment, Source, SubjectField, MatchRules), and the content a concept was checked
  with (checked_content, mark_checked)
- :mod:`.validator`: the check of one value read, naming its field
- :mod:`.reading`: the rules of reading documents into records (what ``from_dict``
  runs; concept_id), imported with :mod:`.validator` at the first ``from_dict`` or
  ``concept_id``: a lookup needs neither
"""

from __future__ import annotations

from .concept import (
    Concept,
    Context,
    LangSection,
    MatchRules,
    Provenance,
    Segment,
    Source,
    SubjectField,
    Term,
    checked_content,
    mark_checked,
)
from .names import (
    Path,
    field_name,
    kind_of,
    language,
    language_name,
    unknown_language,
    value_name,
)
from .values import (
    ID_PATTERN,
    LANG_ORDER,
    LANGUAGES,
    LATIN_SCRIPTS,
    MAX_TERM_LENGTH,
    OTHER_SCRIPT,
    PLURAL_CATEGORIES,
    RULES_VERSION,
    SCRIPTS,
    Gender,
    PartOfSpeech,
    RenderingKind,
    TermStatus,
    TermType,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .reading import concept_id
else:
    def __getattr__(name):
        """``concept_id``, from the rules of reading, imported when it is first asked for."""
        if name == "concept_id":
            from .reading import concept_id

            return concept_id
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "ID_PATTERN", "LANG_ORDER", "LANGUAGES", "LATIN_SCRIPTS", "MAX_TERM_LENGTH", "OTHER_SCRIPT",
    "PLURAL_CATEGORIES", "RULES_VERSION", "SCRIPTS", "Concept", "Context", "Gender",
    "LangSection", "MatchRules", "PartOfSpeech", "Path", "Provenance", "RenderingKind",
    "Segment", "Source", "SubjectField", "Term", "TermStatus", "TermType", "checked_content",
    "concept_id", "field_name", "kind_of", "language", "language_name", "mark_checked",
    "unknown_language", "value_name",
]
