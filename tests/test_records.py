"""`glossary.records.record`: a dataclass made at its first instance, the same as `@dataclass`;
`written`: the fields of a class whose methods are written out, made when first asked for."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import threading
from dataclasses import FrozenInstanceError, dataclass, field

import pytest

from glossary import (Concept, Context, Hit, InputError, LangSection, LinkedConceptError, Term,
                      TermType)
from glossary import records
from glossary.records import Written, made, record, written
from glossary.store import KeyMatch
from glossary.store.base import _ReadAhead
from glossary.store.connection import Access


@dataclass
class _Plain:
    a: int
    b: list[str] = field(default_factory=list)
    c: str | None = None


def _record(field: object = field) -> type:
    @record
    class _Plain:  # the same class, as a record (a new one for each test)
        a: int
        b: list[str] = field(default_factory=list)  # type: ignore[operator]
        c: str | None = None

    return _Plain


@pytest.mark.parametrize("field", [dataclasses.field, records.field],
                         ids=["dataclasses.field", "records.field"])
def test_a_record_behaves_as_the_dataclass(field: object) -> None:
    cls = _record(field)
    made_one, plain = cls(1, ["x"]), _Plain(1, ["x"])
    assert repr(made_one) == repr(plain).replace("_Plain", cls.__qualname__)
    assert repr(plain) == "_Plain(a=1, b=['x'], c=None)"
    assert made_one == cls(1, ["x"]) and made_one != cls(2) and made_one != plain
    assert cls(1).b is not cls(1).b  # a new list for each
    assert cls.__hash__ is None  # mutable and compared by value, as a dataclass
    assert dataclasses.replace(made_one, c="y") == cls(1, ["x"], "y")
    assert [f.name for f in dataclasses.fields(cls)] == ["a", "b", "c"]
    assert dataclasses.asdict(made_one) == {"a": 1, "b": ["x"], "c": None}
    assert cls.__doc__ == _Plain.__doc__ == "_Plain(a: 'int', b: 'list[str]' = <factory>, " \
                                           "c: 'str | None' = None)"
    assert cls.__match_args__ == ("a", "b", "c")
    with pytest.raises(TypeError):
        cls()  # a is required


def test_a_frozen_record_and_subclasses() -> None:
    @record(frozen=True)
    class Point:
        """A point."""

        x: int
        y: int = 0

    @record(frozen=True)
    class Named(Point):
        name: str = ""

    class Plain(Point):  # not a dataclass: Point's methods
        pass

    assert Named(1, 2, "a") == Named(1, 2, "a") and hash(Named(1)) == hash(Named(1))
    assert repr(Plain(3)) == f"{Plain.__qualname__}(x=3, y=0)" and Point.__doc__ == "A point."
    with pytest.raises(FrozenInstanceError):
        Point(1).x = 2  # type: ignore[misc]


def test_the_project_records_are_dataclasses_once_used() -> None:
    term = Term("EEU")
    assert dataclasses.replace(term, text="ЕАЭС").text == "ЕАЭС"
    assert dataclasses.is_dataclass(made(Concept)) and Concept("eeu") == Concept("eeu")
    error = LinkedConceptError("linked", field="related", linked=["a"])
    assert isinstance(error, InputError) and str(error) == "linked" and error.args == ("linked",)
    assert dataclasses.replace(error, file="f").file == "f"
    hit = Hit("eeu", "EEU", "en", "acronym", "preferred", "exact", "eeu")
    with pytest.raises(FrozenInstanceError):
        hit.term = "x"  # type: ignore[misc]
    assert repr(hit) == ("Hit(concept_id='eeu', term='EEU', lang='en', type='acronym', "
                         "status='preferred', match='exact', query='eeu', labels={}, distance=0, "
                         "matched='', field='term', snippet=None, marks=())")
    for same in (copy.copy(hit), copy.deepcopy(hit), pickle.loads(pickle.dumps(hit)),
                 pickle.loads(pickle.dumps(term)), pickle.loads(pickle.dumps(error))):
        assert same == (hit if isinstance(same, Hit) else term if isinstance(same, Term)
                        else error)


def test_threads_making_the_first_instances_at_once() -> None:
    cls = _record()
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def make() -> None:
        start.wait()
        try:
            for i in range(200):
                assert cls(i).a == i
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=make) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def _written() -> type:
    @written
    class Point(Written):  # a new class for each test
        """A point."""

        x: int
        tags: list[str] = records.field(default_factory=list)

        def __init__(self, x: int, tags: list[str] | None = None) -> None:
            self.x, self.tags = x, [] if tags is None else tags

    return Point


@pytest.mark.parametrize("first", ["fields", "is_dataclass", "replace", "asdict", "eq", "repr",
                                   "match_args"])
def test_a_written_class_is_made_when_its_fields_are_first_asked_for(first: str) -> None:
    cls = _written()
    assert "__dataclass_fields__" not in vars(cls)  # not made yet: nothing compiled, imported
    point = cls(1)
    asked = {"fields": lambda: [f.name for f in dataclasses.fields(cls)],
             "is_dataclass": lambda: dataclasses.is_dataclass(point),
             "replace": lambda: dataclasses.replace(point, x=2).x,
             "asdict": lambda: dataclasses.asdict(point), "eq": lambda: point == cls(1),
             "repr": lambda: repr(point), "match_args": lambda: cls.__match_args__}[first]()
    assert asked == {"fields": ["x", "tags"], "is_dataclass": True, "replace": 2,
                     "asdict": {"x": 1, "tags": []}, "eq": True, "match_args": ("x", "tags"),
                     "repr": f"{cls.__qualname__}(x=1, tags=[])"}[first]
    assert "__dataclass_fields__" in vars(cls)
    [_, tags] = dataclasses.fields(cls)
    assert tags.default_factory is list and "tags" not in vars(cls)  # as dataclass leaves it
    assert not dataclasses.is_dataclass(Written)


def test_a_written_class_derives_from_written_alone() -> None:
    with pytest.raises(TypeError, match="derives from Written alone"):
        @written
        class Named(_written()):  # type: ignore[misc]
            name: str = ""


def test_replace_is_dataclasses() -> None:
    error = InputError("bad", field="x")
    assert records.replace(error, line=3) == dataclasses.replace(error, line=3)


@pytest.mark.parametrize("cls", [Term, LangSection, Context, Concept, _ReadAhead])
def test_the_written_model_classes_behave_as_their_dataclasses(cls: type) -> None:
    """Term, LangSection, Context and Concept (and the store's _ReadAhead) write their
    methods out: the same as the dataclass of the same fields (equality, repr, defaults,
    replace, fields, no hash)."""
    fields = dataclasses.fields(cls)
    twin = dataclasses.make_dataclass(cls.__name__, [(f.name, f.type, f) for f in fields])
    required = {f.name: f"{f.name}-value" for f in fields
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    ours, theirs = cls(**required), twin(**required)
    assert repr(ours) == repr(theirs)
    assert dataclasses.asdict(ours) == dataclasses.asdict(theirs)
    assert ours == cls(**required) and ours != twin(**required)
    for f in fields:  # each default is a new object, as a default_factory's
        if f.default_factory is not dataclasses.MISSING:
            assert getattr(ours, f.name) is not getattr(cls(**required), f.name)
    name = fields[-1].name
    changed = dataclasses.replace(ours, **{name: "other"})
    assert getattr(changed, name) == "other" and changed != ours
    assert cls.__hash__ is None and cls.__match_args__ == twin.__match_args__


def test_concepts_compare_by_fields_only() -> None:
    """What from_dict remembers (checked content) is not a field: equal concepts stay equal."""
    data = {"id": "eeu", "langs": {"en": {"terms": [{"text": "EEU", "type": "acronym"}]}}}
    built = Concept.from_dict(data)
    assert built == Concept("eeu", {"en": LangSection([Term("EEU", TermType.ACRONYM)])})
    assert "checked" in repr(vars(built)) and "checked" not in repr(built)


@pytest.mark.parametrize("cls", [Hit, KeyMatch, Access])
def test_the_written_out_frozen_records_behave_as_frozen_dataclasses(cls: type) -> None:
    """Hit, KeyMatch and Access: shown, compared, hashed and read-only as the frozen
    dataclass of the same fields."""
    names = cls.__slots__
    twin = dataclasses.make_dataclass(cls.__name__, names, frozen=True)
    args = [f"{name}-value" for name in names]
    ours, theirs = cls(*args), twin(*args)
    assert repr(ours) == repr(theirs)
    assert ours == cls(*args) and ours != cls(*args[:-1], "other") and ours != theirs
    assert hash(ours) == hash(cls(*args))
    with pytest.raises(FrozenInstanceError):
        setattr(ours, names[0], "x")
    with pytest.raises(FrozenInstanceError):
        delattr(ours, names[0])
