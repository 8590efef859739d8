"""Coach (协作教练): a private, bilingual self-coaching journal."""
from __future__ import annotations


def _version() -> str:
    """The version in pyproject.toml, the only place it is written.

    From a source checkout pyproject.toml is read directly (an editable
    install's metadata can be older than the file); an installed wheel and
    the desktop bundle carry it as distribution metadata.
    """
    import re
    from pathlib import Path

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        text = pyproject.read_text("utf-8")
    except OSError:
        text = ""
    if re.search(r'^name\s*=\s*"coach"', text, re.M):
        match = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M)
        if match:
            return match.group(1)
    try:
        from importlib.metadata import version

        return version("coach")
    except Exception:  # neither a checkout nor installed
        return "0+unknown"


__version__ = _version()
