"""Long work off the UI thread with a progress dialog and Cancel.

``run_job(parent, label, fn, on_done)`` calls ``fn(progress, cancelled)`` in a
QThread; ``progress(done, total)`` moves the bar, ``cancelled()`` tells the
function the user pressed Cancel (it raises :class:`coach.export.Cancelled`,
which the domain code turns into "nothing written"). The thread's own
database connection is closed when it ends.
"""
from __future__ import annotations

import logging
import threading
from typing import Callable

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from .. import i18n

log = logging.getLogger(__name__)


class _Worker(QObject):
    progress = Signal(int, int)
    finished = Signal(object, object)  # result, error

    def __init__(self, fn):
        super().__init__()
        self.fn = fn
        self.cancel_flag = threading.Event()

    def run(self):
        result = error = None
        try:
            result = self.fn(lambda d, t: self.progress.emit(int(d), int(t)), self.cancel_flag.is_set)
        except BaseException as exc:  # reported to the UI thread, never lost
            error = exc
        finally:
            _close_thread_connection()
        self.finished.emit(result, error)


def _close_thread_connection() -> None:
    from ..store.models import db

    try:
        database = db.obj
        if database is not None and not database.is_closed():
            database.close()
    except Exception:  # pragma: no cover - closing must never hide the real outcome
        log.exception("closing the worker's connection failed")


class Job(QObject):
    """One running job; kept alive by its parent widget until it ends."""

    ended = Signal(object, object)

    def __init__(self, parent: QWidget, label: str, fn: Callable, *, cancellable: bool = True):
        super().__init__(parent)
        self.dialog = QProgressDialog(label, i18n.tr("common.cancel") if cancellable else "",
                                      0, 0, parent)
        self.dialog.setObjectName("jobProgress")
        self.dialog.setWindowTitle(i18n.tr("app.name"))
        self.dialog.setWindowModality(Qt.WindowModal)
        self.dialog.setMinimumDuration(400)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        if not cancellable:
            self.dialog.setCancelButton(None)
        self.thread = QThread()
        self.worker = _Worker(fn)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._progress)
        self.worker.finished.connect(self._finished)
        self.dialog.canceled.connect(self.cancel)
        self.running = True
        self.thread.start()

    def cancel(self):
        self.worker.cancel_flag.set()
        self.dialog.setLabelText(i18n.tr("jobs.cancelling"))

    def _progress(self, done: int, total: int):
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def _finished(self, result, error):
        self.thread.quit()
        self.thread.wait()
        self.running = False
        self.dialog.reset()
        self.dialog.hide()
        self.ended.emit(result, error)
        self.dialog.deleteLater()
        self.deleteLater()


def run_job(parent: QWidget, label: str, fn: Callable, on_done: Callable[[object], None], *,
            on_error: Callable[[BaseException], bool] | None = None,
            cancellable: bool = True) -> Job:
    """Run ``fn(progress, cancelled)`` off the UI thread; ``on_done(result)`` on success.

    A cancel shows "nothing was written"; other errors a warning (``on_error``
    may handle an error itself by returning True).
    """
    from ..export import Cancelled

    job = Job(parent, label, fn, cancellable=cancellable)

    def ended(result, error):
        if error is None:
            on_done(result)
        elif isinstance(error, Cancelled) or (isinstance(error, Exception) and on_error
                                               and on_error(error)):
            if isinstance(error, Cancelled):
                QMessageBox.information(parent, i18n.tr("app.name"), i18n.tr("jobs.cancelled"))
        else:
            log.error("background job failed", exc_info=(type(error), error, error.__traceback__))
            detail = getattr(error, "strerror", None) or str(error) or type(error).__name__
            QMessageBox.warning(parent, i18n.tr("app.name"), i18n.tr("jobs.failed", error=detail))

    job.ended.connect(ended)
    parent._coach_job = job  # keep a reference while it runs
    return job
