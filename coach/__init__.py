"""Coach (协作教练): a private, bilingual self-coaching journal."""
from __future__ import annotations


def _version() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("coach")
    except Exception:  # not installed (running from a source tree or a bundle without metadata)
        import re
        from pathlib import Path

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        if pyproject.exists():
            match = re.search(r'^version\s*=\s*"([^"]+)"', pyproject.read_text("utf-8"), re.M)
            if match:
                return match.group(1)
        return "0+unknown"


__version__ = _version()
