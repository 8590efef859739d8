"""Export and import: one layer for JSON, CSV, Markdown, HTML and PDF.

- :mod:`.selection` picks what to export (tools, period, chosen entries);
- :mod:`.jsonfmt` builds the lossless ``coach-export`` JSON document;
- :mod:`.render` turns a selection into HTML / Markdown (jinja2 templates in
  ``coach/resources/templates``) and CSV; PDF is drawn by ``coach.ui.pdf``
  from the same HTML (Qt's text engine with the bundled CJK font);
- :mod:`.importer` validates a JSON file completely, previews the merge and
  applies it in one transaction after a backup;
- :mod:`.files` writes every output under a temporary name and renames it at
  the end, so a cancelled or failed export leaves nothing half-written.

Nothing here imports Qt; jinja2 is imported only when a document is rendered.
"""
from __future__ import annotations

FORMAT = "coach-export"
VERSION = 1
FORMATS = ("json", "csv", "md", "html", "pdf")


class Cancelled(Exception):
    """The user cancelled a long export or import."""
