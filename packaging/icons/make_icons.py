#!/usr/bin/env python3
"""Render the app icon (coach/resources/icons/coach.svg) to every size desktops need.

    python packaging/icons/make_icons.py

Writes, next to this script:
- png/coach-<N>.png for N in 16, 24, 32, 48, 64, 128, 256, 512 (Linux hicolor
  theme sizes; the .desktop file and AppStream metadata use them),
- coach.ico (Windows: 16–256 in one file),
- coach.icns (macOS: 16–512 in one file).

Qt's SVG renderer draws each size from the vector source (no scaling of a
bitmap); Pillow packs the .ico and .icns. Run it again after editing the SVG
and commit the results, so Windows and macOS builds need neither step.
"""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCE = ROOT / "coach" / "resources" / "icons" / "coach.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SOURCE}")
    image = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def main() -> int:
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    out = HERE / "png"
    out.mkdir(exist_ok=True)
    images = {}
    for size in SIZES:
        png = render(size)
        (out / f"coach-{size}.png").write_bytes(png)
        images[size] = Image.open(io.BytesIO(png)).convert("RGBA")
    images[256].save(HERE / "coach.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)],
                     append_images=[images[s] for s in (16, 24, 32, 48, 64, 128)])
    images[512].save(HERE / "coach.icns", append_images=[images[s] for s in (16, 32, 64, 128, 256)])
    for path in sorted(HERE.glob("coach.i*")) + sorted(out.glob("*.png")):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
