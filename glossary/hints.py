"""What ``typing`` gives the type checker, for modules a lookup loads: a lookup imports no
``typing`` (tests/test_front_end_imports.py), so these are its run-time no-ops."""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import cast as cast
else:
    def cast(_kind, value):
        """``typing.cast``: ``value`` as it is (the checker takes it as ``_kind``)."""
        return value
