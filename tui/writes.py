"""Changes to the store, as the screens ask for them: on the backend's writer thread, in
a worker, so that the screen stays usable however long the store takes; a refusal is a
notification (see :meth:`SozdikApp.report`), never the end of the app."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.widget import Widget
from textual.worker import Worker

from glossary import Glossary, GlossaryError

from .appref import sozdik
from .i18n import _

if TYPE_CHECKING:
    from .backend import Backend

T = TypeVar("T")
#: Say that the store is being waited for after this long (seconds).
SLOW = 1.0


def write(node: Widget, backend: Backend, job: Callable[[Glossary], T],
          done: Callable[[T], Any] | None = None, *, title: str | None = None,
          failed: Callable[[GlossaryError | OSError], bool] | None = None,
          dry_run: bool = False) -> Worker[None]:
    """Run ``job(glossary)`` on the writer thread; then ``done(result)``.

    On a refusal, ``failed(exc)`` may handle it (returning True); otherwise the
    app reports it with ``title``. ``dry_run``: the job writes nothing in the end (an
    import's dry run), so it runs on a read-only store too (:meth:`Backend.dry_run`).
    """
    async def run() -> None:
        slow = node.set_timer(SLOW, lambda: node.notify(
            _("Waiting for the store: another program is writing to it…"), timeout=4))
        try:
            result = await (backend.dry_run(job) if dry_run else backend.write(job))
        except (GlossaryError, OSError) as exc:
            if failed is None or not failed(exc):
                sozdik(node).report(exc, title)
            return
        finally:
            slow.stop()
        if done is not None:
            done(result)

    return node.run_worker(run(), group="write")
