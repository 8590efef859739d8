"""Documents for people: HTML and Markdown (jinja2, autoescaped) and CSV.

The document model (:func:`document`) is built once from a bundle in one
language and rendered by the templates in ``coach/resources/templates``; the
PDF is drawn from the same HTML by ``coach.ui.pdf``. Every value goes
through the tool spec (``coach.tools.view``), so a new tool exports without
changes here.
"""
from __future__ import annotations

import base64
import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from .. import __version__, i18n, paths
from ..store.entries import EntryRecord
from ..tools.base import Figure, ToolSpec
from ..tools.view import describe, format_value, rerate_text
from . import Cancelled
from .files import atomic_path
from .selection import Bundle

TOC_MIN = 4  # a table of contents from this many entries on


@dataclass
class Chart:
    title: str
    png: bytes
    name: str  # resource name for the PDF renderer

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass
class Document:
    lang: str
    title: str
    subtitle: str
    period: str
    generated: str
    summary: list[tuple[str, int]]
    groups: list[dict]
    figures: list[dict]
    charts: list[Chart] = field(default_factory=list)
    show_toc: bool = False
    count: int = 0
    labels: dict[str, str] = field(default_factory=dict)


def _figure_text(f: Figure, lang: str) -> str:
    if f.kind == "text":
        return f.text.get(lang) if f.text else "—"
    if f.value is None:
        return "—"
    if f.kind == "percent":
        return i18n.format_percent(f.value, lang=lang)
    if f.kind == "points":
        return i18n.tr("figure.points", lang=lang, value=i18n.format_number(f.value, lang=lang))
    return i18n.format_number(f.value, lang=lang)


def _period_text(bundle: Bundle, lang: str) -> str:
    sel = bundle.selection
    first, last = bundle.period()
    start = sel.since or (first and i18n.to_local(first).date())
    end = sel.until or (last and i18n.to_local(last).date())
    if not start and not end:
        return i18n.tr("doc.period_none", lang=lang)
    return i18n.tr("doc.period", lang=lang, start=i18n.format_date(start, lang),
                   end=i18n.format_date(end, lang))


def entry_meta(rec: EntryRecord, spec: ToolSpec, people_names: dict[int, str], lang: str) -> str:
    parts = [i18n.format_datetime(rec.created_at, lang), spec.name.get(lang),
             i18n.tr(f"status.{rec.status}", lang=lang)]
    if rec.tags:
        parts.append(i18n.tr("doc.tags", lang=lang, tags=i18n.join(rec.tags, lang)))
    names = [people_names[p] for p in rec.people if p in people_names]
    if names:
        parts.append(i18n.tr("doc.people", lang=lang, people=i18n.join(names, lang)))
    return " · ".join(parts)


def document(bundle: Bundle, lang: str, *, title: str | None = None, subtitle: str = "",
             charts: list[Chart] | None = None,
             progress: Callable[[int, int], None] | None = None,
             cancelled: Callable[[], bool] | None = None) -> Document:
    tools = bundle.specs()
    names = {p.id: p.name for p in bundle.people}
    groups: dict[str, dict] = {}
    total = len(bundle.entries)
    for n, rec in enumerate(bundle.entries, 1):
        if cancelled and cancelled():
            raise Cancelled()
        spec = tools.get(rec.tool)
        if spec is None:
            continue
        group = groups.setdefault(rec.tool, {
            "key": rec.tool, "name": spec.name.get(lang), "summary": spec.summary.get(lang),
            "entries": [], "order": spec.order})
        sections = [{"label": label, "lines": [{"label": line.label, "value": line.value}
                                               for line in lines]}
                    for label, lines in describe(spec, rec.data, lang)]
        group["entries"].append({
            "anchor": f"e{n}", "title": rec.display_title(lang) or i18n.tr("entry.untitled", lang=lang),
            "date": i18n.format_date(rec.created_at, lang),
            "meta": entry_meta(rec, spec, names, lang), "sections": sections,
            "draft": rec.status != "complete",
        })
        if progress and n % 20 == 0:
            progress(n, total)
    ordered = sorted(groups.values(), key=lambda g: (g["order"], g["key"]))
    counter = 0
    for g in ordered:
        for e in g["entries"]:
            counter += 1
            e["number"] = counter
    figures = []
    for g in ordered:
        spec = tools[g["key"]]
        done = [r.data for r in bundle.entries if r.tool == g["key"] and r.status == "complete"]
        items = [{"label": f.label.get(lang), "value": _figure_text(f, lang), "count": f.count}
                 for f in spec.compute_figures(done) if f.value is not None or f.text is not None]
        if items:
            figures.append({"name": g["name"], "items": items, "based_on": len(done)})
    return Document(
        lang=lang,
        title=title or i18n.tr("doc.title", lang=lang),
        subtitle=subtitle,
        period=_period_text(bundle, lang),
        generated=i18n.tr("doc.generated", lang=lang, date=i18n.format_date(datetime.now(), lang),
                          version=__version__),
        summary=[(g["name"], len(g["entries"])) for g in ordered],
        groups=ordered, figures=figures, charts=list(charts or []),
        show_toc=total >= TOC_MIN, count=total,
        labels={k: i18n.tr(f"doc.{k}", lang=lang) for k in (
            "contents", "figures", "charts", "entries_heading", "private", "no_entries",
            "entries_count_label", "figure_based_on", "draft_mark")},
    )


# --- templates -----------------------------------------------------------------

_env = None


def environment():
    """The jinja2 environment (imported on first use; autoescape always on)."""
    global _env
    if _env is None:
        import jinja2
        from markupsafe import Markup, escape

        def nl2br(value) -> Markup:
            return Markup("<br>").join(escape(line) for line in str(value).split("\n"))

        def md_lines(value, indent: str = "  ") -> Markup:
            lines = [escape(line) for line in str(value).split("\n")]
            return Markup("  \n" + indent).join(lines)

        _env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(paths.resource("templates"))),
            autoescape=True, trim_blocks=True, lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        _env.filters["nl2br"] = nl2br
        _env.filters["md_lines"] = md_lines
    return _env


def render_html(doc: Document, *, for_pdf: bool = False) -> str:
    return environment().get_template("document.html.j2").render(doc=doc, for_pdf=for_pdf)


def render_markdown(doc: Document) -> str:
    return environment().get_template("document.md.j2").render(doc=doc)


# --- CSV -----------------------------------------------------------------------

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str | int:
    """A spreadsheet cell: numbers stay numbers; text that a spreadsheet would run as a
    formula gets a leading apostrophe (it is shown, never calculated)."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def csv_tables(bundle: Bundle, lang: str) -> dict[str, str]:
    """tool key -> CSV text (one table per tool, columns from the tool spec)."""
    tools = bundle.specs()
    names = {p.id: p.name for p in bundle.people}
    out: dict[str, str] = {}
    for key in dict.fromkeys(e.tool for e in bundle.entries):
        spec = tools.get(key)
        if spec is None:
            continue
        fields = [f for f in spec.all_fields() if not f.hidden]
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        head = [i18n.tr(f"csv.{c}", lang=lang) for c in
                ("uuid", "created_at", "updated_at", "status", "title", "tags", "people")]
        writer.writerow(head + [f.label.get(lang) for f in fields])
        for rec in bundle.entries:
            if rec.tool != key:
                continue
            row = [rec.uuid, _local_iso(rec.created_at), _local_iso(rec.updated_at),
                   i18n.tr(f"status.{rec.status}", lang=lang), rec.display_title(lang),
                   i18n.join(rec.tags, lang),
                   i18n.join((names[p] for p in rec.people if p in names), lang)]
            for f in fields:
                value = rec.data.get(f.key)
                if f.kind == "rerate":
                    row.append(rerate_text(spec, f, rec.data, lang))
                elif f.kind in ("slider", "rating") and isinstance(value, int) \
                        and not isinstance(value, bool):
                    row.append(value)
                else:
                    row.append(format_value(f, value, rec.data, lang))
            writer.writerow([_cell(c) for c in row])
        out[key] = buf.getvalue()
    return out


def _local_iso(moment: datetime | None) -> str:
    return i18n.to_local(moment).isoformat(timespec="seconds") if moment else ""


def write_csv(bundle: Bundle, lang: str, target: Path) -> Path:
    """A .zip of one CSV per tool, or a folder of them (UTF-8 with BOM for Excel)."""
    tables = csv_tables(bundle, lang)
    target = Path(target)
    if target.suffix.lower() == ".zip":
        with atomic_path(target) as tmp:
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
                for key, text in tables.items():
                    zf.writestr(f"{key}.csv", "\ufeff" + text)
    else:
        with atomic_path(target, directory=True) as tmp:
            for key, text in tables.items():
                (tmp / f"{key}.csv").write_text("\ufeff" + text, encoding="utf-8", newline="")
    return target
