"""Reading untrusted XML: streaming, with no entity expansion and no fetching.

Every parse goes through :func:`iterparse`, which sets lxml's safe options
(no entity resolution, no DTD loading, no network, no huge trees) and
refuses any document that declares entities at all: a "billion laughs" bomb
or an external entity (``file://``, ``http://``) is stopped at its root
element, before anything is expanded, read or fetched. A DOCTYPE that only
names an external DTD, as TBX v2 files often do, is allowed (never loaded);
since that DTD might declare entities, the parser keeps a reference to an
undeclared one (``&foo;``) as it stands, and we refuse it rather than store
``&foo;`` as text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from lxml import etree

from ..errors import InputError
from ..i18n import _

Tick = Callable[[int], None]


#: local names by tag: a file uses a few dozen tags, millions of times (bounded, for
#: hostile files that use millions of names)
NAMES: dict[str, str] = {}
_MAX_NAMES = 4096


def local(tag: Any) -> str:
    """``{urn:...}termSec`` → ``termSec`` (comments and PIs have no name)."""
    name = NAMES.get(tag) if isinstance(tag, str) else ""
    if name is None:
        name = tag.rpartition("}")[2]
        if len(NAMES) < _MAX_NAMES:
            NAMES[tag] = name
    return name


class _Counting:
    """A binary file that reports how many bytes were read (for progress)."""

    def __init__(self, handle: IO[bytes], tick: Tick) -> None:
        self.handle, self.tick = handle, tick

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.tick(len(data))
        return data


class _Undeclared:
    """A binary file whose root start tag declares ``namespace`` as the default one, read
    with that declaration blanked (spaces: every line and offset as in the file). Its
    elements are then read in no namespace: lxml builds their tags (``termSec``, not
    ``{urn:iso:std:iso:30042:ed-2}termSec``) and a reader hashes them in a fraction of
    the time, and one going by local names reads the same. Only the usual start (an XML
    declaration, then the root's start tag declaring the namespace once and no other
    default) is changed; any other file is read as it is."""

    def __init__(self, handle: Any, namespace: str) -> None:
        self.handle, self.namespace = handle, namespace.encode()
        self.first = True

    def read(self, size: int = -1) -> bytes:
        if not self.first:
            return self.handle.read(size)
        self.first = False
        data: bytes = self.handle.read(max(size, _START_BYTES) if size >= 0 else size)
        return _undeclared(data, self.namespace)


#: how much of a file is read first to find its root's start tag in
_START_BYTES = 1 << 16
#: the usual start: an XML declaration, then the root's name and attributes (no "<" in a
#: value) up to its end
_USUAL_START = re.compile(
    rb"""(?:\xef\xbb\xbf)?<\?xml[ \t\r\n][^<>]*\?>[ \t\r\n]*<[A-Za-z_][\w.-]*"""
    rb"""((?:[ \t\r\n]+[^\s=/<>]+[ \t\r\n]*=[ \t\r\n]*(?:"[^"<]*"|'[^'<]*'))*)"""
    rb"""[ \t\r\n]*/?>""")
_ATTRIBUTE = re.compile(rb"""([^\s=/<>]+)[ \t\r\n]*=[ \t\r\n]*(?:"([^"<]*)"|'([^'<]*)')""")


def _undeclared(data: bytes, namespace: bytes) -> bytes:
    """``data`` (a file's start) with its root's declaration of ``namespace`` as the
    default blanked, when it starts the usual way (see _Undeclared)."""
    start = _USUAL_START.match(data)
    if start is None:
        return data
    found = [m for m in _ATTRIBUTE.finditer(data, start.start(1), start.end(1))
             if m.group(1) == b"xmlns"]
    if len(found) != 1 or (found[0].group(2) if found[0].group(2) is not None
                           else found[0].group(3)) != namespace:
        return data  # (none, another, or declared twice: lxml says what that is)
    cut = found[0]
    return data[:cut.start()] + b" " * (cut.end() - cut.start()) + data[cut.end():]


def iterparse(path: Path, events: tuple[str, ...], tag: Any = None,
              tick: Tick | None = None, undeclare: str | None = None
              ) -> Iterator[tuple[str, Any]]:
    """``lxml.etree.iterparse`` with safe settings; errors become InputErrors.
    ``undeclare``: a namespace the root may declare as the default, read without it (see
    _Undeclared: for a reader going by local names)."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(_("cannot read: {reason}").format(reason=exc.strerror),
                         file=path) from None
    with handle:
        source: Any = _Counting(handle, tick) if tick else handle
        if undeclare is not None:
            source = _Undeclared(source, undeclare)
        context = etree.iterparse(
            source, events=("start", *[e for e in events if e != "start"]), tag=tag,
            resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
            remove_comments=True, remove_pis=True)
        checked = declared = False
        try:
            for event, element in context:
                if not checked:
                    _refuse_entities(element, path)
                    # a reference to an undeclared entity is an error of the parser's own
                    # unless the document names a DTD (it might declare it)
                    declared = bool(element.getroottree().docinfo.doctype)
                    checked = True
                if event in events:
                    if event == "end" and declared:
                        _refuse_references(element, path)
                    yield event, element
        except etree.XMLSyntaxError as exc:
            if not checked:  # the parser stopped in the prolog (libxml2 >= 2.14 may stop at
                names = _declared_in_prolog(path)[0]  # an entity bomb's declarations itself)
                if names:
                    raise _entities_refused(names, path) from None
            line = exc.lineno or (exc.position[0] if exc.position else None)
            message = str(exc.msg or exc).split(", line ")[0]
            raise InputError(_("not well-formed XML: {problem}").format(problem=message),
                             file=path, line=line) from None


def root(path: Path) -> Any:
    """The root element of ``path`` (its tag and attributes), reading no further.

    Call it before any other pass: it refuses entity declarations even in a
    document that holds none of the elements a later, filtered pass asks for.
    """
    for _event, element in iterparse(path, ("start",)):
        return element
    raise InputError(_("empty document"), file=path)


def _refuse_references(element: Any, path: Path) -> None:
    """Refuse a reference to an entity the document does not declare (``&foo;``)."""
    for reference in element.iter(etree.Entity):
        parent = reference.getparent()
        raise InputError(_("reference to an undeclared entity {entity} (the external DTD is "
                           "never read: write the character itself)").format(
                               entity=reference.text), file=path,
                         line=parent.sourceline if parent is not None else None,
                         field=local(parent.tag) if parent is not None else None)


def _refuse_entities(element: Any, path: Path) -> None:
    dtd = element.getroottree().docinfo.internalDTD
    names = [e.name for e in dtd.iterentities()] if dtd is not None else []
    if names:
        raise _entities_refused(names, path)


def _entities_refused(names: list[str], path: Path) -> InputError:
    return InputError(_("the document declares entities ({names}); entity declarations are "
                        "refused (they can expand without bound or read files and URLs)")
                      .format(names=", ".join(names[:3])), file=path,
                      line=_declared_in_prolog(path)[1], field="DOCTYPE")


#: an entity declaration of a DTD's internal subset (a parameter entity's too)
_ENTITY = re.compile(rb"<!ENTITY\s+(?:%\s+)?([^\s>]+)")
#: how much of a file's start is searched for them when the parser could not say
_PROLOG_BYTES = 1 << 20


def _declared_in_prolog(path: Path) -> tuple[list[str], int]:
    """The entities the start of ``path`` declares, read as bytes, and the line of the
    first (1 if none is found there): for a document the parser refused before its
    root element (so that it is refused for what it is), and to say where."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_PROLOG_BYTES)
    except OSError:
        return [], 1
    found = list(_ENTITY.finditer(head))
    line = head.count(b"\n", 0, found[0].start()) + 1 if found else 1
    return [m.group(1).decode("utf-8", "replace") for m in found], line
