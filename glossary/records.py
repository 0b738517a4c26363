"""Records (dataclasses) that cost nothing to import: made at their first instance, or
written out, and ``dataclasses`` itself imported only then.

``dataclasses.dataclass`` writes each class's ``__init__``, ``__repr__`` and
``__eq__`` (frozen: also ``__setattr__``, ``__delattr__``, ``__hash__``) as
source text and compiles it, one ``exec`` a method: ~0.4 ms a class. ``glossary
lookup`` imports some thirty such classes (the model, the store's records,
the errors) to make instances of a handful: compiling them all was a quarter of
its start-up. A :func:`record` class is the same dataclass, made by
``dataclasses.dataclass`` itself, only later: when ``__init__`` first runs for
it (or a subclass). Until then ``dataclasses.fields`` and ``is_dataclass`` do
not know the class; everything else goes through an instance, made by then.
A dataclass deriving from a record is a record too (its bases must be
dataclasses when it is made). An instance unpickled before any other is made
would miss its methods: the project pickles none.

The few that every lookup makes are written out instead: :class:`Fixed` (small
read-only records) and :class:`Written` (the model's classes that every read
builds), each held by ``tests/test_records.py`` to what the dataclass would be.
A :func:`written` class is made a dataclass (fields only, no method) when its
fields are first asked for: by ``dataclasses.fields``, ``replace``, ``asdict``,
``is_dataclass``, or its ``__eq__`` and ``__repr__``.

Importing ``dataclasses`` (with ``inspect``, ``ast``, ``dis`` and ``tokenize``) was
itself a tenth of a lookup: this module and the class bodies that use it
(:func:`field`, :func:`replace`) import it when a class is made, not before.
"""

from __future__ import annotations

import reprlib
from _thread import RLock
from functools import wraps

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from contextlib import AbstractContextManager
    from dataclasses import Field
    from typing import Any, Callable, ClassVar, TypeVar, dataclass_transform, overload

    from _typeshed import DataclassInstance

    _T = TypeVar("_T", bound=type)
    _R = TypeVar("_R")
    _D = TypeVar("_D", bound=DataclassInstance)
else:  # what these decorators do at run time, without importing typing for them
    def overload(func):
        return func

    def dataclass_transform(**_options):
        return lambda func: func

#: the ``dataclass`` options of each class not made yet (in its own ``__dict__``)
_PENDING = "__record_pending__"
_lock = RLock()


class _FieldOptions:
    """What :func:`field` was given, for ``dataclasses.field`` when the class is made."""

    __slots__ = ("options",)

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options


def field(*, default_factory: Callable[[], Any], **options: Any) -> Any:
    """``dataclasses.field`` in the body of a :func:`record` or :func:`written` class: the
    same options, given to ``dataclasses.field`` when the class is made (a plain default
    needs no field)."""
    return _FieldOptions({"default_factory": default_factory, **options})


def replace(obj: _D, /, **changes: Any) -> _D:
    """``dataclasses.replace`` (``dataclasses`` imported when first needed)."""
    import dataclasses

    return dataclasses.replace(obj, **changes)


def contextmanager(func: Callable[..., Iterator[_R]]
                   ) -> Callable[..., AbstractContextManager[_R]]:
    """``contextlib.contextmanager`` for class bodies a lookup loads (the store's
    transactions): the same context managers, ``contextlib`` imported at the first call."""
    made: list[Callable[..., AbstractContextManager[_R]]] = []

    @wraps(func)
    def helper(*args: Any, **kwargs: Any) -> AbstractContextManager[_R]:
        if not made:
            from contextlib import contextmanager

            made.append(contextmanager(func))
        return made[0](*args, **kwargs)

    return helper


@overload
def record(cls: _T, /) -> _T: ...
@overload
def record(*, frozen: bool = False) -> Callable[[_T], _T]: ...


@dataclass_transform(field_specifiers=(field,))
def record(cls: Any = None, /, *, frozen: bool = False) -> Any:
    """``@dataclass`` (or ``@dataclass(frozen=True)``), applied at the first instance."""

    def defer(cls: _T) -> _T:
        if "__init__" in cls.__dict__:
            raise TypeError(f"{cls.__qualname__}: a record's __init__ is the dataclass's")
        setattr(cls, _PENDING, {"frozen": frozen})

        def first_init(self: Any, *args: Any, **kwargs: Any) -> None:
            made(type(self))
            vars(cls)["__init__"](self, *args, **kwargs)  # the dataclass's, now

        # until made (what a record is for); set as dataclass sets the methods it writes
        setattr(cls, "__init__", first_init)
        return cls

    return defer if cls is None else defer(cls)


def written(cls: _T) -> _T:
    """``@dataclass(init=False, repr=False, eq=False)`` for a :class:`Written` class (its
    own ``__init__``), applied when its fields are first asked for."""
    if cls.__bases__ != (Written,):
        raise TypeError(f"{cls.__qualname__}: a written class derives from Written alone")
    setattr(cls, _PENDING, {"written": True})
    return cls


def made(cls: _T) -> _T:
    """``cls`` and its record bases made dataclasses now (their first instance does it)."""
    with _lock:
        for base in reversed(cls.__mro__):
            options = base.__dict__.get(_PENDING)
            if options is not None:
                _make(base, options)
    return cls


def _make(cls: type, options: dict[str, Any]) -> None:
    import dataclasses

    for name, value in list(vars(cls).items()):
        if isinstance(value, _FieldOptions):
            setattr(cls, name, dataclasses.field(**value.options))
    if options.get("written"):
        dataclasses.dataclass(cls, init=False, repr=False, eq=False)
        delattr(cls, _PENDING)
        return
    undocumented = not cls.__doc__
    if undocumented:  # else dataclass reads first_init's signature (and that costs)
        cls.__doc__ = cls.__name__
    dataclasses.dataclass(cls, init=False, **options)
    # the __init__ dataclass writes for these fields, written for a subclass adding none:
    # it replaces first_init in one step (another thread never finds the class without one)
    helper = type(cls.__name__, (cls,), {"__doc__": cls.__name__})
    init = dataclasses.dataclass(helper, repr=False, eq=False, **options).__dict__["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    setattr(cls, "__init__", init)  # making the class, as dataclass does
    delattr(cls, _PENDING)
    if undocumented:
        import inspect

        cls.__doc__ = cls.__name__ + str(inspect.signature(cls)).replace(" -> None", "")


def _frozen_error(message: str) -> Exception:
    from dataclasses import FrozenInstanceError

    return FrozenInstanceError(message)


class Fixed:
    """An immutable record written out (``__slots__`` and ``__init__``), for the few that
    every lookup makes: compared, hashed and shown by the values of its slots, as a
    frozen dataclass is by its fields, without one to compile at its first instance."""

    __slots__: tuple[str, ...] = ()  # a subclass's field names

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__qualname__}({values})"

    def __reduce__(self) -> tuple[Any, ...]:  # copy and pickle: made again by __init__
        return type(self), self._values()

    def __setattr__(self, name: str, value: Any) -> None:
        raise _frozen_error(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise _frozen_error(f"cannot delete field {name!r}")


class _MadeWhenAsked:
    """An attribute ``dataclasses.dataclass`` gives a :func:`written` class, asked for
    before the class was made: making it puts the real one in the class's own
    ``__dict__`` (where it is found from then on), and this returns it."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: object, owner: type) -> Any:
        if _PENDING not in owner.__dict__:  # Written itself, or a class not written
            raise AttributeError(self.name)
        return vars(made(owner))[self.name]


class Written:
    """A dataclass with its methods written out, for the model's classes that every
    read builds: ``@written``, i.e. ``@dataclass(init=False, repr=False, eq=False)`` (its
    fields known to ``fields``, ``replace`` and ``asdict``, nothing compiled), its own
    ``__init__``, and from here the ``__eq__`` and ``__repr__`` that dataclass would
    write."""

    __slots__ = ()
    if TYPE_CHECKING:  # what a written class's is, once made (the first time it is asked)
        __dataclass_fields__: ClassVar[dict[str, Field[Any]]]
    else:
        __dataclass_fields__ = _MadeWhenAsked()
    __dataclass_params__ = _MadeWhenAsked()
    __match_args__ = _MadeWhenAsked()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = self.__dataclass_fields__
        return (tuple(getattr(self, name) for name in names)
                == tuple(getattr(other, name) for name in names))

    # no __hash__: a class defining __eq__ gets __hash__ = None (compared by value and
    # mutable, as a dataclass with eq is)

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}"
                           for name in self.__dataclass_fields__)
        return f"{type(self).__qualname__}({values})"
