"""PDF from the export HTML, drawn by Qt's text engine with the bundled CJK font.

Pages are painted one by one so a long document reports progress and can be
cancelled between pages. Works headless (QT_QPA_PLATFORM=offscreen) and off
the UI thread; the caller writes to a temporary file and renames it.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable

from .. import i18n


def ensure_gui_application():
    """A QGuiApplication for drawing text (the CLI has none); fonts registered."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") \
                and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([sys.argv[0] if sys.argv else "coach"])
    from .app import load_fonts

    load_fonts()
    return app


def write_pdf(html: str, images: dict[str, bytes], target: Path, *, title: str = "",
              lang: str | None = None, progress: Callable[[int, int], None] | None = None,
              cancelled: Callable[[], bool] | None = None) -> None:
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
    from PySide6.QtGui import (
        QColor,
        QFont,
        QImage,
        QPageLayout,
        QPageSize,
        QPainter,
        QPdfWriter,
        QTextDocument,
    )

    from ..export import Cancelled
    from .app import _FONT_FAMILY

    ensure_gui_application()
    writer = QPdfWriter(str(target))
    writer.setTitle(title)
    writer.setCreator("Coach")
    writer.setResolution(144)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Portrait,
                                     QMarginsF(18, 16, 18, 16), QPageLayout.Millimeter))
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    font = QFont()
    font.setFamilies(["Noto Sans", _FONT_FAMILY or "Noto Sans CJK SC"])
    font.setPointSizeF(10)
    doc.setDefaultFont(font)
    paint = writer.pageLayout().paintRectPixels(writer.resolution())
    # Qt draws an image at its pixel size times (device dpi / 96): fit charts to the text width
    fit = paint.width() * 96 / max(writer.logicalDpiX(), 1) * 0.92
    for name, png in images.items():
        image = QImage()
        image.loadFromData(png, "PNG")
        if image.width() > fit:
            image = image.scaledToWidth(int(fit), Qt.SmoothTransformation)
        doc.addResource(QTextDocument.ImageResource, QUrl(name), image)
    doc.setHtml(html)
    footer_h = int(writer.resolution() * 0.35)
    page_h = paint.height() - footer_h
    doc.setPageSize(QSizeF(paint.width(), page_h))
    pages = doc.pageCount()
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write {target}")
    try:
        small = QFont(font)
        small.setPointSizeF(8)
        for i in range(pages):
            if cancelled and cancelled():
                raise Cancelled()
            if i:
                writer.newPage()
            painter.save()
            painter.translate(0, -i * page_h)
            doc.drawContents(painter, QRectF(0, i * page_h, paint.width(), page_h))
            painter.restore()
            if i:  # no footer on the title page
                painter.setFont(small)
                painter.setPen(QColor("#777777"))
                footer = QRectF(0, page_h, paint.width(), footer_h)
                painter.drawText(footer, Qt.AlignLeft | Qt.AlignBottom, title)
                painter.drawText(footer, Qt.AlignRight | Qt.AlignBottom,
                                 i18n.tr("doc.page", lang=lang, page=i + 1, pages=pages))
            if progress:
                progress(i + 1, pages)
    finally:
        painter.end()
