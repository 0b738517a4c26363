"""The rules of reading: outside data (YAML, JSON, API callers, a stored document) into
the records of :mod:`.concept`, or InputError naming the offending field.

``Concept.from_dict`` and its neighbours are the one place where such data is
checked; they call the functions here. Two paths apply the same rules: the plain
path (``_plain_*``) builds a concept of the common shape without the validator's
field paths, and gives up (None) on anything unusual; the full check
(:class:`~.validator._Validator` and the functions taking it) then accepts it
or names what is wrong. ``tests/test_model_plain.py`` holds the two paths to the
same concepts, contents and errors; they are kept side by side so that a rule is
changed in both. A rule made stricter bumps :data:`~.values.RULES_VERSION`.
"""

from __future__ import annotations

import datetime as _dt
import re

from ..errors import InputError
from ..i18n import _
from ..text.normalize import clean, mixed_script_word
from .concept import (
    _CHECKED,
    Concept,
    Context,
    LangSection,
    MatchRules,
    Provenance,
    Source,
    SubjectField,
    Term,
)
from .names import Path
from .validator import _Validator
from .values import (
    LANG_ORDER,
    LANGUAGES,
    MAX_TERM_LENGTH,
    PLURAL_CATEGORIES,
    Gender,
    PartOfSpeech,
    RenderingKind,
    TermStatus,
    TermType,
    _ordered,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeVar

    from .values import _Choice

    _C = TypeVar("_C", bound=_Choice)

#: the languages the plain path (:func:`_plain_concept`) builds, in LANG_ORDER's order
_LANG_SET = frozenset(LANGUAGES) & frozenset(LANG_ORDER)


def read_concept(cls: type[Concept], data: Any, path: Path = ()) -> Concept:
    """:meth:`Concept.from_dict`: validate and build a concept; ``path`` prefixes field names
    in errors."""
    plain = _plain_concept(cls, data)
    if plain is not None:
        return plain
    v = _Validator(path)
    m = v.mapping(data, (), required=("id", "langs"),
                  optional=("subjects", "related", "sources", "contexts",
                            "revision", "created", "modified"))
    concept_id = v.slug(m["id"], ("id",))
    langs = v.mapping(m["langs"], ("langs",))
    if not langs:
        raise v.error(("langs",), _("a concept needs at least one language"))
    for code in langs:
        v.lang(code, ("langs", code))
    sections = {code: _section(v, langs[code], ("langs", code)) for code in _ordered(langs)}
    revision = m.get("revision", 0)
    if not isinstance(revision, int) or isinstance(revision, bool) or revision < 0:
        raise v.error(("revision",), _("must be a non-negative integer, not {value!r}")
                      .format(value=revision))
    contexts = [_context(v, c, ("contexts", i))
                for i, c in enumerate(v.sequence(m.get("contexts", []), ("contexts",)))]
    concept = cls(
        id=concept_id, langs=sections,
        subjects=v.slugs(m.get("subjects", []), ("subjects",)),
        related=v.slugs(m.get("related", []), ("related",)),
        sources=v.slugs(m.get("sources", []), ("sources",)),
        contexts=contexts, revision=revision,
        created=v.opt_text(m, "created"), modified=v.opt_text(m, "modified"),
    )
    # what passed the rules: see checked_content
    concept.__dict__[_CHECKED] = concept.to_dict(meta=False)
    return concept


def read_context(data: Any, path: Path = ()) -> Context:
    """:meth:`Context.from_dict`: validate and build a context; ``path`` prefixes field
    names in errors."""
    return _context(_Validator(path), data, ())


def read_source(cls: type[Source], data: Any, path: Path = (), *,
                stored: bool = False) -> Source:
    """:meth:`Source.from_dict`. ``stored``: a document the store wrote, its date and
    address kept as written (a release before their checks may have stored what they now
    refuse)."""
    v = _Validator(path)
    m = v.mapping(data, (), required=("id", "title"),
                  optional=("outlet", "author", "published", "url", "lang"))
    published = m.get("published")
    if isinstance(published, (_dt.date, _dt.datetime)):
        published = published.isoformat()  # YAML reads 2018-04-17 as a date
    lang = v.opt_text(m, "lang")
    if lang is not None:
        v.lang(lang, ("lang",))
    return cls(id=v.slug(m["id"], ("id",)), title=v.text(m["title"], ("title",)),
               outlet=v.opt_text(m, "outlet"), author=v.opt_text(m, "author"),
               published=None if published is None else
               (v.text if stored else v.date)(published, ("published",)),
               url=None if m.get("url") is None else
               (v.text if stored else v.url)(m["url"], ("url",)), lang=lang)


def read_subject_field(cls: type[SubjectField], data: Any,
                       path: Path = ()) -> SubjectField:
    """:meth:`SubjectField.from_dict`: validate and build a subject field."""
    v = _Validator(path)
    m = v.mapping(data, (), required=("id", "labels"))
    labels = v.mapping(m["labels"], ("labels",))
    if not labels:
        raise v.error(("labels",), _("a subject field needs a label in at least one "
                                     "language"))
    checked = {}
    for code, text in labels.items():
        v.lang(code, ("labels", code))
        checked[code] = v.text(text, ("labels", code))
        v.script(checked[code], ("labels", code))
    unknown = set(m) - {"id", "labels"}
    if unknown:
        key = sorted(unknown)[0]
        raise v.error((str(key),), _("unknown field (expected one of: {expected})").format(
            expected="id, labels"))
    return cls(id=v.slug(m["id"], ("id",)),
               labels={k: checked[k] for k in _ordered(checked)})


def _by_value(enum: type[_C]) -> dict[str, _C]:
    return {member.value: member for member in enum}


#: each choice's members by value (the plain paths, :func:`_plain_term`)
_TERM_TYPES, _TERM_STATUSES, _PARTS_OF_SPEECH, _GENDERS = (
    _by_value(TermType), _by_value(TermStatus), _by_value(PartOfSpeech), _by_value(Gender))


def _section(v: _Validator, data: Any, path: Path) -> LangSection:
    m = v.mapping(data, path, required=("terms",), optional=("definition", "note"))
    terms = [_term(v, t, path + ("terms", i))
             for i, t in enumerate(v.sequence(m["terms"], path + ("terms",)))]
    if not terms:
        raise v.error(path + ("terms",), _("a language section needs at least one term"))
    section = LangSection(terms=terms, definition=v.opt_text(m, "definition", path),
                          note=v.opt_text(m, "note", path))
    for key in ("definition", "note"):
        v.script(getattr(section, key), path + (key,))
    return section


def _term(v: _Validator, data: Any, path: Path) -> Term:
    plain = _plain_term(data)
    if plain is not None:
        return plain
    m = v.mapping(data, path, required=("text",),
                  optional=("type", "status", "pos", "gender", "case_sensitive",
                            "note", "forms", "reviewed", "rules"))
    text = v.term(m["text"], path + ("text",))
    v.script(text, path + ("text",))
    forms = v.mapping(m.get("forms", {}), path + ("forms",))
    for key, form in forms.items():
        if key not in PLURAL_CATEGORIES:
            raise v.error(path + ("forms", key), _(
                "unknown plural category {category!r} (expected one of: {expected})").format(
                    category=key, expected=", ".join(PLURAL_CATEGORIES)))
    term = Term(
        text=text,
        type=v.choice(TermType, m.get("type", "fullForm"), path + ("type",)),
        status=v.choice(TermStatus, m.get("status", "preferred"), path + ("status",)),
        pos=v.opt_choice(PartOfSpeech, m.get("pos"), path + ("pos",)),
        gender=v.opt_choice(Gender, m.get("gender"), path + ("gender",)),
        case_sensitive=v.flag(m.get("case_sensitive", False), path + ("case_sensitive",)),
        note=v.opt_text(m, "note", path),
        forms={k: v.term(f, path + ("forms", k)) for k, f in forms.items()},
        reviewed=v.flag(m.get("reviewed", True), path + ("reviewed",)),
        rules=_rules(v, m["rules"], path + ("rules",)) if m.get("rules") is not None else None,
    )
    v.script(term.note, path + ("note",))
    return term


_PLAIN_TERM_KEYS = frozenset(("text", "type", "status", "pos", "gender", "case_sensitive",
                              "note", "reviewed", "forms", "rules"))
_PLURALS = frozenset(PLURAL_CATEGORIES)


def _plain_term(data: Any) -> Term | None:
    """A term of the common shape, built by the same rules without the field paths
    that only an error needs; None when anything is unusual (the full check then
    accepts it or names what is wrong). Imports build millions of terms."""
    found = _plain_shown_term(data)
    return None if found is None else found[0]


def _plain_shown_term(data: Any) -> tuple[Term, dict[str, Any]] | None:
    """:func:`_plain_term` and the term's ``to_dict`` (built as it goes, the same keys in
    the same order: a second walk of every term was 2 % of an import's main thread)."""
    if type(data) is not dict or not _PLAIN_TERM_KEYS.issuperset(data):
        return None
    get = data.get
    text, note = get("text"), get("note")
    if type(text) is not str:
        return None
    text = clean(text)
    if (not text or len(text) > MAX_TERM_LENGTH
            or (not text.isascii() and mixed_script_word(text))):
        return None
    if note is not None:
        if type(note) is not str:
            return None
        note = clean(note)
        if not note or (not note.isascii() and mixed_script_word(note)):
            return None
    kind, status = get("type", "fullForm"), get("status", "preferred")
    pos, gender = get("pos"), get("gender")
    case_sensitive, reviewed = get("case_sensitive", False), get("reviewed", True)
    if (type(kind) is not str or type(status) is not str
            or (pos is not None and type(pos) is not str)
            or (gender is not None and type(gender) is not str)
            or type(case_sensitive) is not bool or type(reviewed) is not bool):
        return None
    shown: dict[str, Any] = {"text": text, "type": kind, "status": status}
    kind, status = _TERM_TYPES.get(kind), _TERM_STATUSES.get(status)
    if kind is None or status is None:
        return None
    if pos is not None:
        shown["pos"] = pos
        if (pos := _PARTS_OF_SPEECH.get(pos)) is None:
            return None
    if gender is not None:
        shown["gender"] = gender
        if (gender := _GENDERS.get(gender)) is None:
            return None
    if case_sensitive:
        shown["case_sensitive"] = True
    if note is not None:
        shown["note"] = note
    forms, given = {}, get("forms")
    if given is not None or "forms" in data:
        if type(given) is not dict:
            return None
        for key, form in given.items():
            if key not in _PLURALS or type(form) is not str:
                return None
            form = clean(form)
            if not form or len(form) > MAX_TERM_LENGTH:
                return None
            forms[key] = form
        if forms:
            shown["forms"] = dict(forms)
    if not reviewed:
        shown["reviewed"] = False
    rules = get("rules")
    if rules is not None:
        try:  # rare: the validator's own rules (an error: the full check names it)
            rules = _rules(_Validator(()), rules, ())
        except (InputError, TypeError):
            return None
        if rules:
            shown["rules"] = rules.to_dict()
    return (Term(text, kind, status, pos, gender, case_sensitive, note, forms, reviewed, rules),
            shown)


_PLAIN_CONCEPT_KEYS = frozenset(("id", "langs", "subjects", "related", "sources", "contexts",
                                 "revision", "created", "modified"))
_PLAIN_SECTION_KEYS = frozenset(("terms", "definition", "note"))
_PLAIN_CONTEXT_KEYS = frozenset(("lang", "text", "source", "translations", "reviewed",
                                 "provenance"))
#: an id as :meth:`_Validator.slug` takes it, already clean (no trailing newline: ``$``)
_PLAIN_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _plain_concept(cls: type[Concept], data: Any) -> Concept | None:
    """A concept of the common shape, built by the rules of :meth:`Concept.from_dict`
    together with its content (what ``to_dict(meta=False)`` would give, remembered as
    checked), without the validator's field paths or a second walk; None when anything
    is unusual (the full check then accepts it or names what is wrong). Every import
    of JSON or YAML builds its concepts here. ``tests/test_model_plain.py`` holds the
    two paths to the same concepts, contents and errors."""
    if type(data) is not dict or not _PLAIN_CONCEPT_KEYS.issuperset(data):
        return None
    concept_id, langs = data.get("id"), data.get("langs")
    if (type(concept_id) is not str or not _PLAIN_SLUG.fullmatch(concept_id)
            or type(langs) is not dict or not langs or not _LANG_SET.issuperset(langs)):
        return None
    revision = data.get("revision", 0)
    if type(revision) is not int or revision < 0:
        return None
    created, modified = data.get("created"), data.get("modified")
    if created is not None and (created := _plain_text(created)) is None:
        return None
    if modified is not None and (modified := _plain_text(modified)) is None:
        return None
    subjects, related, sources = (_plain_slugs(data.get(key))
                                  for key in ("subjects", "related", "sources"))
    if subjects is None or related is None or sources is None:
        return None
    sections, shown = {}, {}
    for code in LANG_ORDER:
        if code in langs:
            found = _plain_section(langs[code])
            if found is None:
                return None
            sections[code], shown[code] = found
    items = data.get("contexts")
    contexts, quoted = [], []
    if items is not None:
        if type(items) is not list:
            return None
        for item in items:
            pair = _plain_context(item)
            if pair is None:
                return None
            contexts.append(pair[0])
            quoted.append(pair[1])
    concept = cls(concept_id, sections, subjects, related, sources, contexts, revision,
                  created, modified)
    concept.__dict__[_CHECKED] = {  # see checked_content: nothing of it is the concept's
        "id": concept_id, "subjects": list(subjects), "related": list(related),
        "sources": list(sources), "langs": shown, "contexts": quoted}
    return concept


def _plain_text(value: Any, *, verbatim: bool = False) -> str | None:
    """Text as the validator takes it (cleaned, not empty, no word mixing scripts); None
    for anything else."""
    if type(value) is not str:
        return None
    text = clean(value, verbatim=verbatim)
    return text if text and (text.isascii() or not mixed_script_word(text)) else None


def concept_id(value: Any) -> str | None:
    """The id :meth:`Concept.from_dict` reads from ``value`` (a concept's ``id``, an item of
    its ``related``); None when it reads none (building that concept fails)."""
    if type(value) is str and _PLAIN_SLUG.fullmatch(value):
        return value
    try:
        return _Validator(()).slug(value, ())
    except (InputError, TypeError, ValueError):
        return None


def _plain_slugs(items: Any) -> list[str] | None:
    """A list of ids as :meth:`_Validator.slugs` takes it (nothing: none); None for
    anything else."""
    if items is None:
        return []
    if type(items) is not list:
        return None
    for item in items:
        if type(item) is not str or not _PLAIN_SLUG.fullmatch(item):
            return None
    return list(items) if len(set(items)) == len(items) else None


def _plain_section(data: Any) -> tuple[LangSection, dict[str, Any]] | None:
    """A language section of the common shape and its ``to_dict``; None when unusual."""
    if type(data) is not dict or not _PLAIN_SECTION_KEYS.issuperset(data):
        return None
    items = data.get("terms")
    if type(items) is not list or not items:
        return None
    terms, shown = [], []
    for item in items:
        found = _plain_shown_term(item)
        if found is None:
            return None
        terms.append(found[0])
        shown.append(found[1])
    definition, note = data.get("definition"), data.get("note")
    if definition is not None and (definition := _plain_text(definition)) is None:
        return None
    if note is not None and (note := _plain_text(note)) is None:
        return None
    return (LangSection(terms, definition, note),
            {"terms": shown, "definition": definition, "note": note})


def _plain_context(data: Any) -> tuple[Context, dict[str, Any]] | None:
    """A context of the common shape and its ``to_dict``; None when unusual."""
    if type(data) is not dict or not _PLAIN_CONTEXT_KEYS.issuperset(data):
        return None
    lang, source, given = data.get("lang"), data.get("source"), data.get("translations", {})
    text = _plain_text(data.get("text"), verbatim=True)
    reviewed = data.get("reviewed", True)
    if (type(lang) is not str or lang not in _LANG_SET or text is None
            or type(source) is not str or not _PLAIN_SLUG.fullmatch(source)
            or type(given) is not dict or not _LANG_SET.issuperset(given) or lang in given
            or type(reviewed) is not bool):
        return None
    translations = {}
    for code in LANG_ORDER:
        if code in given:
            if (translated := _plain_text(given[code])) is None:
                return None
            translations[code] = translated
    provenance, kinds = {}, data.get("provenance", {})
    if type(kinds) is not dict:
        return None
    for code, item in kinds.items():
        if code not in translations:
            return None
        try:  # rare: the validator's own rules (an error: the full check names it)
            provenance[code] = _provenance(_Validator(()), item, ())
        except (InputError, TypeError):
            return None
    shown: dict[str, Any] = {"lang": lang, "text": text, "source": source}
    if translations:
        shown["translations"] = dict(translations)
    if provenance:
        shown["provenance"] = {code: provenance[code].to_dict() for code in LANG_ORDER
                               if code in provenance}
    if not reviewed:
        shown["reviewed"] = False
    return Context(lang, text, source, translations, reviewed, provenance), shown


def _rules(v: _Validator, data: Any, path: Path) -> MatchRules | None:
    m = v.mapping(data, path, optional=("capitalized", "not_before", "not_after",
                                        "not_in_name", "confirm", "ambiguity"))

    def words(key: str) -> list[str]:
        items = [v.text(w, path + (key, i))
                 for i, w in enumerate(v.sequence(m.get(key, []), path + (key,)))]
        for i, word in enumerate(items):
            v.script(word, path + (key, i))
        if len(set(items)) != len(items):
            raise v.error(path + (key,), _("lists the same word twice"))
        return items

    rules = MatchRules(
        capitalized=v.flag(m.get("capitalized", False), path + ("capitalized",)),
        not_before=words("not_before"), not_after=words("not_after"),
        not_in_name=v.flag(m.get("not_in_name", False), path + ("not_in_name",)),
        confirm=words("confirm"), ambiguity=v.opt_text(m, "ambiguity", path))
    v.script(rules.ambiguity, path + ("ambiguity",))
    return rules or None


def _context(v: _Validator, data: Any, path: Path) -> Context:
    m = v.mapping(data, path, required=("lang", "text", "source"),
                  optional=("translations", "provenance", "reviewed"))
    translations = v.mapping(m.get("translations", {}), path + ("translations",))
    context = Context(
        lang=v.lang(m["lang"], path + ("lang",)),
        text=v.text(m["text"], path + ("text",), verbatim=True),
        source=v.slug(m["source"], path + ("source",)),
        translations={code: v.text(translations[code], path + ("translations", code))
                      for code in _ordered({v.lang(k, path + ("translations", k)): k
                                            for k in translations})},
        reviewed=v.flag(m.get("reviewed", True), path + ("reviewed",)),
    )
    v.script(context.text, path + ("text",))
    if context.lang in context.translations:
        raise v.error(path + ("translations", context.lang), _(
            "the sentence is quoted in {lang}: it has no {lang} translation").format(
                lang=context.lang))
    for k, t in context.translations.items():
        v.script(t, path + ("translations", k))
    for k, item in v.mapping(m.get("provenance", {}), path + ("provenance",)).items():
        where = path + ("provenance", k)
        lang = v.lang(k, where)
        if lang not in context.translations:
            raise v.error(where, _("says what the {lang} translation is, but the context has no "
                                   "{lang} translation (give translations.{lang} too)").format(
                                       lang=lang))
        context.provenance[lang] = _provenance(v, item, where)
    return context


_URL = re.compile(r"^https?://\S+$")


def _provenance(v: _Validator, data: Any, path: Path) -> Provenance:
    m = v.mapping(data, path, optional=("kind", "original", "citation", "url"))
    kind = v.choice(RenderingKind, m.get("kind", "translation"), path + ("kind",))
    original = m.get("original")
    found = Provenance(
        kind=kind,
        original=None if original is None else v.text(original, path + ("original",),
                                                      verbatim=True),
        citation=v.opt_text(m, "citation", path), url=v.opt_text(m, "url", path))
    for key in ("original", "citation"):
        v.script(getattr(found, key), path + (key,))
    if found.url is not None and not _URL.match(found.url):
        raise v.error(path + ("url",), _("{url!r} is not a web address (http:// or https://)")
                      .format(url=found.url))
    cited = found.citation or found.url
    if kind is RenderingKind.TRANSLATION and (found.original or cited):
        key = "original" if found.original else ("citation" if found.citation else "url")
        raise v.error(path + (key,), _(
            "only a back-translation has the speaker's original words and their citation "
            "(kind: back-translation), or an original (kind: original)"))
    if kind is RenderingKind.ORIGINAL and found.original:
        raise v.error(path + ("original",), _(
            "the translation itself is the speaker's words (kind: original): leave 'original' "
            "out"))
    if kind is RenderingKind.BACK_TRANSLATION and cited and not found.original:
        raise v.error(path + ("citation" if found.citation else "url",),
                      _("a citation goes with the speaker's original words: give 'original' "
                        "too"))
    if (found.original or kind is RenderingKind.ORIGINAL) and not cited:
        raise v.error(path + ("citation",), _(
            "required field is missing: where were the speaker's words published? (citation, "
            "url)"))
    return found

