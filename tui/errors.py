"""What the interface says when the store refuses something: a title in the interface
language for each kind of storage error, and the library's own explanation."""

from __future__ import annotations

from glossary import (DamagedConceptError, GlossaryError, InputError, LinkedConceptError,
                      NotFoundError, ReadOnlyStoreError, StaleRevisionError, StoreBusyError,
                      StoreError)

from .i18n import _


def headline(exc: BaseException) -> str:
    """One line saying what happened, for a notification's title."""
    if isinstance(exc, ReadOnlyStoreError):
        return _("The store is read-only")
    if isinstance(exc, StoreBusyError):
        return _("Another program is writing to the store")
    if isinstance(exc, DamagedConceptError):
        return _("The concept is damaged in the store")
    if isinstance(exc, StoreError):
        return _("The store cannot be written")
    if isinstance(exc, StaleRevisionError):
        return _("Changed meanwhile")
    if isinstance(exc, LinkedConceptError):
        return _("Other concepts link to it")
    if isinstance(exc, NotFoundError):
        return _("Not in the store (any more)")
    if isinstance(exc, InputError):
        return _("Not accepted")
    if isinstance(exc, OSError):
        return _("The file system refused")
    return _("Not done")


def advice(exc: BaseException) -> str:
    """What the user can do about it, in the interface language ("" if nothing to add)."""
    if isinstance(exc, ReadOnlyStoreError):
        return _("You can search and read; changes need a store you can write.")
    if isinstance(exc, StoreBusyError):
        return _("Nothing was changed. Try again when the other program is done.")
    if isinstance(exc, StoreError):
        return _("Nothing was changed.")
    return ""


def explain(exc: BaseException) -> str:
    """The notification's text: the library's message, then the advice."""
    detail = str(exc) if isinstance(exc, (GlossaryError, OSError)) else repr(exc)
    extra = advice(exc)
    return f"{detail}\n{extra}" if extra else detail
