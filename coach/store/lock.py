"""One writer per data folder.

The GUI holds this lock for its whole session; CLI commands that write
(import, restore) take it for their run. It is an OS advisory lock on
``<data folder>/coach.lock`` (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on
Windows), so it disappears with the process that held it, even after a crash
or SIGKILL: there is never a stale lock to clean up by hand.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

LOCK_NAME = "coach.lock"


class FolderLocked(Exception):
    """Another Coach process writes to this data folder (``pid`` if known)."""

    def __init__(self, folder: Path, pid: int | None, role: str = ""):
        self.folder = Path(folder)
        self.pid = pid
        self.role = role
        super().__init__(f"{folder} is in use by process {pid} ({role or 'unknown'})")


class DataLock:
    """An exclusive, non-blocking lock on a data folder."""

    def __init__(self, folder: Path, role: str = "app"):
        self.folder = Path(folder)
        self.path = self.folder / LOCK_NAME
        self.role = role
        self._fh = None

    @property
    def held(self) -> bool:
        return self._fh is not None

    def acquire(self) -> "DataLock":
        """Take the lock or raise :class:`FolderLocked` at once (never waits)."""
        if self._fh is not None:
            return self
        self.folder.mkdir(parents=True, exist_ok=True)
        fh = open(self.path, "a+b")
        try:
            _lock(fh)
        except OSError:
            fh.close()
            pid, role = read_holder(self.folder)
            raise FolderLocked(self.folder, pid, role) from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()} {self.role}\n".encode())
        fh.flush()
        self._fh = fh
        return self

    def release(self) -> None:
        fh, self._fh = self._fh, None
        if fh is None:
            return
        try:
            fh.seek(0)
            fh.truncate()
            fh.flush()
            _unlock(fh)
        finally:
            fh.close()

    def __enter__(self) -> "DataLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def read_holder(folder: Path) -> tuple[int | None, str]:
    """(pid, role) written by the current holder, if it could be read."""
    try:
        text = (Path(folder) / LOCK_NAME).read_text(encoding="utf-8", errors="replace").split()
    except OSError:
        return None, ""
    pid = int(text[0]) if text and text[0].isdigit() else None
    return pid, (text[1] if len(text) > 1 else "")


def is_locked(folder: Path) -> bool:
    """True while another process holds the folder's lock."""
    probe = DataLock(folder, role="probe")
    try:
        probe.acquire()
    except FolderLocked:
        return True
    # Releasing would blank the holder line; just drop our handle.
    fh, probe._fh = probe._fh, None
    _unlock(fh)
    fh.close()
    return False


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fh) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(fh) -> None:
        fh.seek(0)
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def _lock(fh) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fh) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
