"""What Coach ships and under which licence (shown in Help → About).

The list names every third-party component that ends up in the desktop
bundle. Versions and most licence texts come from the installed
distributions' metadata (``importlib.metadata``), which the bundle carries
too (packaging/coach.spec copies it), so the About dialog shows the same
thing from a source checkout and from the bundle. Texts a distribution does
not ship itself (Qt's LGPL, Python's PSF licence, the font's OFL) are in
``coach/resources/``.
"""
from __future__ import annotations

import platform
import re
from dataclasses import dataclass
from importlib import metadata

from . import __version__, paths
from .i18n import Text

_LICENCE_FILE = re.compile(r"^(licen[cs]e|copying|notice)", re.I)


@dataclass(frozen=True)
class Component:
    name: str
    licence: str  # SPDX-like name, as the project states it
    purpose: Text
    distribution: str = ""  # importlib.metadata name, if it is a Python distribution
    resource_texts: tuple[tuple[str, ...], ...] = ()  # files under coach/resources
    url: str = ""

    def version(self) -> str:
        if self.name == "Python":
            return platform.python_version()
        if not self.distribution:
            return ""
        try:
            return metadata.version(self.distribution)
        except metadata.PackageNotFoundError:
            return ""


FONT = Component(
    name="Noto Sans CJK SC (subset)",
    licence="OFL-1.1",
    purpose=Text("Chinese text in the app, charts and PDF exports",
                 "界面、图表和 PDF 导出中的中文字体"),
    resource_texts=(("fonts", "LICENSE-NotoSansCJK-OFL.txt"),),
    url="https://github.com/notofonts/noto-cjk",
)

COMPONENTS: tuple[Component, ...] = (
    FONT,
    Component("Qt and Qt for Python", "LGPL-3.0-only",
              Text("Windows, forms and drawing", "窗口、表单和绘图"),
              "pyside6-essentials", (("licenses", "LGPL-3.0.txt"), ("licenses", "GPL-3.0.txt")),
              "https://www.qt.io/qt-for-python"),
    Component("Shiboken6", "LGPL-3.0-only",
              Text("Binding layer between Python and Qt", "Python 与 Qt 之间的绑定层"),
              "shiboken6", (("licenses", "LGPL-3.0.txt"),), "https://www.qt.io/qt-for-python"),
    Component("Python", "PSF-2.0", Text("The language Coach is written in", "Coach 所用的编程语言"),
              "", (("licenses", "Python-PSF-2.0.txt"),), "https://www.python.org"),
    Component("peewee", "MIT", Text("Storing the diary in SQLite", "用 SQLite 保存日志"),
              "peewee", url="https://github.com/coleifer/peewee"),
    Component("sqlcipher3-binary", "MIT; bundles SQLCipher (BSD-3-Clause)",
              Text("Encrypting the diary when you set a passphrase",
                   "设置口令后加密日志"),
              "sqlcipher3-binary", url="https://github.com/coleifer/sqlcipher3"),
    Component("platformdirs", "MIT", Text("Finding the data folder", "确定数据文件夹的位置"),
              "platformdirs", url="https://github.com/tox-dev/platformdirs"),
    Component("matplotlib", "Matplotlib License (PSF-based)",
              Text("Charts of your progress", "进步图表"), "matplotlib",
              url="https://matplotlib.org"),
    Component("Jinja2", "BSD-3-Clause", Text("Export templates", "导出模板"), "Jinja2",
              url="https://palletsprojects.com/p/jinja/"),
    Component("MarkupSafe", "BSD-3-Clause", Text("Safe text in exports", "导出时的安全转义"),
              "MarkupSafe", url="https://palletsprojects.com/p/markupsafe/"),
    Component("NumPy", "BSD-3-Clause", Text("Numbers behind the charts", "图表的数值计算"), "numpy",
              url="https://numpy.org"),
    Component("Pillow", "MIT-CMU", Text("Images for charts", "图表图像"), "pillow",
              url="https://python-pillow.org"),
    Component("fontTools", "MIT", Text("Embedding fonts in PDF charts", "在 PDF 图表中嵌入字体"),
              "fonttools", url="https://github.com/fonttools/fonttools"),
    Component("contourpy", "BSD-3-Clause", Text("Used by matplotlib", "matplotlib 的依赖"),
              "contourpy", url="https://github.com/contourpy/contourpy"),
    Component("kiwisolver", "BSD-3-Clause", Text("Used by matplotlib", "matplotlib 的依赖"),
              "kiwisolver", url="https://github.com/nucleic/kiwi"),
    Component("cycler", "BSD-3-Clause", Text("Used by matplotlib", "matplotlib 的依赖"),
              "cycler", url="https://github.com/matplotlib/cycler"),
    Component("pyparsing", "MIT", Text("Used by matplotlib", "matplotlib 的依赖"),
              "pyparsing", url="https://github.com/pyparsing/pyparsing"),
    Component("python-dateutil", "Apache-2.0 OR BSD-3-Clause",
              Text("Used by matplotlib", "matplotlib 的依赖"), "python-dateutil",
              url="https://github.com/dateutil/dateutil"),
    Component("packaging", "Apache-2.0 OR BSD-2-Clause",
              Text("Used by matplotlib", "matplotlib 的依赖"), "packaging",
              url="https://github.com/pypa/packaging"),
    Component("six", "MIT", Text("Used by python-dateutil", "python-dateutil 的依赖"), "six",
              url="https://github.com/benjaminp/six"),
)

# Distributions whose metadata the bundle must carry (packaging/coach.spec).
DISTRIBUTIONS = tuple(c.distribution for c in COMPONENTS if c.distribution)


def licence_text(component: Component) -> str:
    """The full licence text(s) of ``component``, or "" if none can be found."""
    parts: list[str] = []
    for rel in component.resource_texts:
        path = paths.resource(*rel)
        if path.is_file():
            parts.append(path.read_text("utf-8", errors="replace"))
    if component.distribution:
        try:
            dist = metadata.distribution(component.distribution)
        except metadata.PackageNotFoundError:
            dist = None
        files = (dist.files or []) if dist is not None else []
        for file in files:
            if ".dist-info" not in str(file) or not _LICENCE_FILE.match(file.name):
                continue
            try:
                parts.append(file.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                continue
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def version_info() -> str:
    """One line for bug reports: app, Qt binding and Python versions."""
    qt = next((c for c in COMPONENTS if c.distribution == "pyside6-essentials"), None)
    qt_version = qt.version() if qt else ""
    return (f"Coach {__version__} · Qt for Python {qt_version or '?'} · "
            f"Python {platform.python_version()} · {platform.system()} {platform.machine()}")
