"""One call for every export format, used by the CLI and the UI worker.

The PDF is drawn by a renderer the front end hands in (``coach.ui.pdf.write_pdf``),
because drawing needs Qt and the domain never imports it.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from .. import i18n
from . import FORMATS, Cancelled
from .files import atomic_path, write_text
from .selection import Bundle, Selection, collect

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]

SUFFIX = {"json": ".json", "csv": ".zip", "md": ".md", "html": ".html", "pdf": ".pdf"}


class PdfWriter(Protocol):
    def __call__(self, html: str, images: dict[str, bytes], target: Path, *, title: str,
                 lang: str, progress: ProgressFn | None, cancelled: CancelFn | None) -> None: ...


@dataclass
class ExportRequest:
    fmt: str
    target: Path
    selection: Selection
    lang: str
    title: str | None = None
    subtitle: str = ""
    include_charts: bool = True


def chart_images(bundle: Bundle, lang: str):
    """The Progress page's charts for the export's period and tools (when coach.charts exists).

    Charts describe a period of the diary, so exports of hand-picked entries
    (the Journal's selection, a homework hand-in) carry none.
    """
    from .render import Chart

    if bundle.selection.uuids is not None or not bundle.entries:
        return []
    try:
        from .. import charts, progress  # type: ignore[attr-defined]
    except ImportError:
        return []
    if not hasattr(charts, "dashboard_charts") or not hasattr(charts, "figure_bytes"):
        return []
    out = []
    try:
        first, last = bundle.period()
        start = bundle.selection.since or i18n.to_local(first).date()
        end = bundle.selection.until or i18n.to_local(last).date()
        period = progress.Period("custom", start, end)
        tools = bundle.selection.tools or list(dict.fromkeys(e.tool for e in bundle.entries))
        for chart in charts.dashboard_charts(period, tools, lang, today=end):
            if getattr(chart, "empty", False):
                continue
            out.append(Chart(chart.title, charts.figure_bytes(chart.figure, "png", 150),
                             f"chart{len(out) + 1}.png"))
    except Exception:  # a chart must never cost the user their export
        log.exception("charts for the export failed")
        return []
    return out


def run_export(req: ExportRequest, *, bundle: Bundle | None = None,
               pdf_writer: PdfWriter | None = None, progress: ProgressFn | None = None,
               cancelled: CancelFn | None = None) -> Path:
    """Write ``req.target`` completely, or leave it untouched (raises Cancelled / OSError)."""
    if req.fmt not in FORMATS:
        raise ValueError(req.fmt)

    def check():
        if cancelled and cancelled():
            raise Cancelled()

    check()
    bundle = bundle if bundle is not None else collect(req.selection)
    check()
    target = Path(req.target)
    if req.fmt == "json":
        from .jsonfmt import build, dumps

        write_text(target, dumps(build(bundle)))
    elif req.fmt == "csv":
        from .render import write_csv

        write_csv(bundle, req.lang, target)
    else:
        from .render import document, render_html, render_markdown

        charts = chart_images(bundle, req.lang) if req.include_charts and req.fmt != "md" else []
        check()
        doc = document(bundle, req.lang, title=req.title, subtitle=req.subtitle, charts=charts,
                       progress=progress, cancelled=cancelled)
        if req.fmt == "md":
            write_text(target, render_markdown(doc))
        elif req.fmt == "html":
            write_text(target, render_html(doc))
        else:
            if pdf_writer is None:
                raise RuntimeError("PDF needs a renderer from the front end")
            html = render_html(doc, for_pdf=True)
            with atomic_path(target) as tmp:
                pdf_writer(html, {c.name: c.png for c in doc.charts}, tmp, title=doc.title,
                           lang=req.lang, progress=progress, cancelled=cancelled)
    if progress:
        progress(1, 1)
    return target


def private_note(lang: str | None = None) -> str:
    return i18n.tr("export.private_note", lang=lang)
