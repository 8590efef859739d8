"""Writing outputs safely: a temporary name next to the target, renamed at the end.

A cancelled or failed export removes its temporary file, so the target is
either the complete new file or untouched.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterator

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


def no_progress(done: int, total: int) -> None:  # pragma: no cover - trivial
    pass


def never() -> bool:
    return False


@contextlib.contextmanager
def atomic_path(target: Path, *, directory: bool = False) -> Iterator[Path]:
    """Yield a temporary path (file or folder) that becomes ``target`` on success."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if directory:
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    else:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        os.close(fd)
        tmp = Path(name)
    try:
        yield tmp
        if directory:
            if target.exists():
                old = target.with_name(f".{target.name}.old")
                if old.exists():
                    shutil.rmtree(old)
                os.replace(target, old)
                os.replace(tmp, target)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(tmp, target)
        else:
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, target)
    except BaseException:
        if tmp.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)
        elif tmp.exists():
            tmp.unlink()
        raise


def write_text(target: Path, text: str, *, bom: bool = False) -> Path:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8-sig" if bom else "utf-8", newline="")
    return Path(target)


def safe_name(text: str, fallback: str = "coach") -> str:
    """A file-name part from user text: no path separators or reserved characters."""
    bad = '<>:"/\\|?*\0'
    clean = "".join("_" if (c in bad or ord(c) < 32) else c for c in text).strip(" .")
    clean = "-".join(clean.split())
    return clean[:80] or fallback
