"""The main window: a sidebar of sections and the page of the chosen one.

Pages are plain QWidgets with ``nav_key``, ``title()`` and ``retranslate()``.
Sections not built yet are simply not in the list (no dead buttons).
"""
from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QWidget,
)

from .. import i18n
from ..tools import registry
from .context import AppContext
from .home import HomePage
from .layouts import resize_within
from .sections import section_modules
from .settings_page import SettingsPage
from .tool_page import ToolPage


class MainWindow(QMainWindow):
    def __init__(self, data_dir, parent=None, *, figures_after_paint: bool = False):
        """``figures_after_paint``: fill Home's figures (which read every tool's
        entries) just after the first paint, so the app's window shows at once."""
        super().__init__(parent)
        self.data_dir = data_dir
        self.ctx = AppContext(data_dir, self)
        self.setObjectName("mainWindow")
        resize_within(self, 1180, 780)
        # Fits a 1366x768 screen at 150 % scaling (910x512 logical pixels).
        self.setMinimumSize(QSize(860, 480))
        central = QWidget(self)
        lay = QHBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.nav = QListWidget(central)
        self.nav.setObjectName("sidebar")
        self.nav.setFixedWidth(190)  # widened to the longest title in retranslate()
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.stack = QStackedWidget(central)
        lay.addWidget(self.nav)
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.home = HomePage(self)
        # Tool pages are built when first shown (or asked for): building ten
        # forms up front made start-up several times slower than a bare window.
        self.tool_pages = ToolPages(self)
        ordered: list[tuple[int, QWidget]] = [(0, self.home)]
        for spec in registry().values():
            if spec.ui != "form":
                continue  # a section module provides this tool's page (TOOL = key)
            placeholder = PagePlaceholder(spec)
            self.tool_pages.add_lazy(spec.key, placeholder)
            ordered.append((spec.order, placeholder))
        self.settings_page = SettingsPage(data_dir, self)
        ordered.append((1000, self.settings_page))
        self.sections = section_modules()
        for module in self.sections:
            order = getattr(module, "ORDER", 500)
            if hasattr(module, "create_page"):
                page = module.create_page(self.ctx)
                ordered.append((order, page))
                tool = getattr(module, "TOOL", None)
                if tool:  # a tool with its own page behaves like a ToolPage
                    self.tool_pages.add_built(tool, page)
            if hasattr(module, "create_home_panel"):
                self.home.add_panel(module.create_home_panel(self.ctx))
            if hasattr(module, "create_settings_panel"):
                self.settings_page.add_panel(module.create_settings_panel(self.ctx))
        ordered.sort(key=lambda pair: pair[0])
        self.pages: list[QWidget] = [page for _, page in ordered]
        for page in self.pages:
            self.stack.addWidget(page)
            item = QListWidgetItem()
            item.setData(Qt.UserRole, page.nav_key)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._select)
        self.home.open_entry.connect(self.open_entry)
        self.home.start_tool.connect(lambda key: self.start_tool(key))
        self._build_menu()
        self._unsubscribe = i18n.on_change(lambda _lang: self.retranslate())
        self.retranslate()
        self.home.ready = True
        self.home.figures_after_paint = figures_after_paint
        self.nav.setCurrentRow(0)  # shows Home and refreshes it, once

    def _build_menu(self):
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.section_actions: list[QAction] = []
        for module in self.sections:
            if hasattr(module, "create_actions"):
                for act in module.create_actions(self.ctx):
                    act.setParent(self)
                    self.file_menu.addAction(act)
                    self.section_actions.append(act)
        if self.section_actions:
            self.file_menu.addSeparator()
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.Quit)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)
        self.go_menu = bar.addMenu("")
        self.go_actions: list[QAction] = []
        for i, page in enumerate(self.pages):
            act = QAction(self)
            if i < 9:
                act.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            act.triggered.connect(lambda _=False, row=i: self.nav.setCurrentRow(row))
            self.go_menu.addAction(act)
            self.go_actions.append(act)
        self.help_menu = bar.addMenu("")
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)

    def _fit_sidebar(self) -> None:
        """Rows and width follow the font (system size, language): no title is cut off."""
        metrics = self.nav.fontMetrics()
        row = QSize(0, metrics.height() + max(16, metrics.height()))
        for i in range(self.nav.count()):
            self.nav.item(i).setSizeHint(row)
        widest = max((metrics.horizontalAdvance(self.nav.item(i).text()) for i in range(self.nav.count())),
                     default=0)
        scrollbar = self.nav.style().pixelMetric(QStyle.PM_ScrollBarExtent)
        # 2 x 14 px item padding (app style sheet), the frame, a scroll bar when rows overflow
        self.nav.setFixedWidth(max(190, widest + 28 + 2 * self.nav.frameWidth() + scrollbar + 8))

    def _materialise(self, key: str, placeholder: "PagePlaceholder") -> ToolPage:
        """Build a tool page in place of its placeholder."""
        page = ToolPage(placeholder.spec, self, ctx=self.ctx)
        page.entry_saved.connect(lambda _uuid: self.home.refresh_if_shown())
        index = self.pages.index(placeholder)
        showing = self.stack.currentWidget() is placeholder
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.pages[index] = page
        if showing:
            self.stack.setCurrentWidget(page)
        return page

    def _select(self, row: int):
        previous = self.stack.currentWidget()
        if isinstance(previous, ToolPage):
            previous.flush()
        target = self.pages[row] if 0 <= row < len(self.pages) else None
        if isinstance(target, PagePlaceholder):
            self.tool_pages[target.spec.key]  # builds it in place
        self.stack.setCurrentIndex(row)
        page = self.stack.currentWidget()
        if page is self.home:
            self.home.refresh()
        if hasattr(page, "activated"):
            page.activated()

    def show_page(self, page: QWidget):
        self.nav.setCurrentRow(self.pages.index(page))

    def open_entry(self, tool: str, uuid: str):
        page = self.tool_pages.get(tool)
        if page is None:
            return
        self.show_page(page)
        page.open_entry(uuid)

    def page(self, nav_key: str) -> QWidget | None:
        return next((p for p in self.pages if getattr(p, "nav_key", None) == nav_key), None)

    def start_tool(self, tool: str, prefill: dict | None = None, follows: str | None = None,
                   prompt: str | None = None):
        page = self.tool_pages[tool]
        self.show_page(page)
        page.new_entry(prefill=prefill, follows=follows, prompt=prompt)

    def data_changed(self):
        """Entries changed behind the pages' backs (import, restore, trash…)."""
        for page in self.pages:
            if hasattr(page, "data_changed"):
                page.data_changed()
        self.home.refresh_if_shown()

    def prompts_changed(self, source=None):
        """The user's own prompts changed (Settings, an import): rebuild the built
        forms (each saves what was typed first) and refresh the panels showing
        them, except ``source``, the panel that made the change."""
        for page in self.tool_pages.values():
            if hasattr(page, "apply_custom_prompts"):
                page.apply_custom_prompts()
        for panel in self.settings_page.panels:
            if panel is not source and hasattr(panel, "prompts_changed"):
                panel.prompts_changed()

    def flush_all(self):
        for page in self.tool_pages.values():
            page.flush()

    def closeEvent(self, event):
        self.flush_all()
        unsaved = [p for p in self.tool_pages.values() if p.dirty]
        if unsaved:
            answer = QMessageBox.warning(
                self, i18n.tr("app.name"), i18n.tr("app.unsaved_on_quit"),
                QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Cancel)
            if answer != QMessageBox.Discard:
                event.ignore()
                return
        self._unsubscribe()
        super().closeEvent(event)

    def show_about(self):
        from .about import show_about

        self.about_dialog = show_about(self)
        return self.about_dialog

    def retranslate(self):
        self.setWindowTitle(i18n.tr("app.window_title"))
        for i, page in enumerate(self.pages):
            page.retranslate()
            self.nav.item(i).setText(page.title())
            self.go_actions[i].setText(page.title())
        self._fit_sidebar()
        self.nav.setAccessibleName(i18n.tr("a11y.sidebar"))
        self.file_menu.setTitle(i18n.tr("menu.file"))
        self.quit_action.setText(i18n.tr("menu.quit"))
        for act in self.section_actions:
            if callable(getattr(act, "retranslate", None)):
                act.retranslate()
        self.go_menu.setTitle(i18n.tr("menu.go"))
        self.help_menu.setTitle(i18n.tr("menu.help"))
        self.about_action.setText(i18n.tr("menu.about"))


class PagePlaceholder(QWidget):
    """Stands in the sidebar and the stack for a tool page not built yet."""

    def __init__(self, spec):
        super().__init__()
        self.spec = spec
        self.nav_key = f"tool:{spec.key}"

    def title(self) -> str:
        return self.spec.name.get()

    def retranslate(self) -> None:
        pass


class ToolPages(Mapping):
    """Tool pages by tool key; a page is built on first access.

    ``values()`` and ``items()`` give only pages already built (the others hold
    nothing to flush or refresh).
    """

    def __init__(self, window: "MainWindow"):
        self._window = window
        self._built: dict[str, QWidget] = {}
        self._lazy: dict[str, PagePlaceholder] = {}
        self._order: list[str] = []

    def add_lazy(self, key: str, placeholder: PagePlaceholder) -> None:
        self._lazy[key] = placeholder
        self._order.append(key)

    def add_built(self, key: str, page: QWidget) -> None:
        self._built[key] = page
        self._order.append(key)
        page.entry_saved.connect(lambda _uuid: self._window.home.refresh_if_shown())

    def __getitem__(self, key: str) -> QWidget:
        if key in self._built:
            return self._built[key]
        placeholder = self._lazy.pop(key)  # KeyError for unknown tools
        page = self._window._materialise(key, placeholder)
        self._built[key] = page
        return page

    def __iter__(self):
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def values(self):  # type: ignore[override]
        return list(self._built.values())

    def items(self):  # type: ignore[override]
        return list(self._built.items())
