"""Help → About: the version (from pyproject.toml) and what Coach ships under which licence."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import __version__, i18n, licenses
from .app import app_icon
from .layouts import resize_within


class AboutDialog(QDialog):
    """Name, version, a line for bug reports, and the licence of every bundled component."""

    COLUMNS = ("component", "version", "licence", "purpose")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.components = list(licenses.COMPONENTS)
        self._texts: dict[int, str] = {}

        self.icon = QLabel(self)
        self.icon.setPixmap(app_icon().pixmap(QSize(72, 72)))
        self.icon.setAlignment(Qt.AlignTop)
        self.heading = QLabel(self)
        self.heading.setObjectName("pageHeading")
        self.version_label = QLabel(self)
        self.version_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.blurb = QLabel(self)
        self.blurb.setWordWrap(True)
        self.privacy = QLabel(self)
        self.privacy.setWordWrap(True)
        self.privacy.setObjectName("fieldHelp")
        self.build_label = QLabel(licenses.version_info(), self)
        self.build_label.setObjectName("fieldHelp")
        self.build_label.setTextInteractionFlags(Qt.TextSelectableByMouse)

        head_text = QVBoxLayout()
        head_text.setSpacing(4)
        for widget in (self.heading, self.version_label, self.blurb, self.privacy,
                       self.build_label):
            head_text.addWidget(widget)
        head = QHBoxLayout()
        head.setSpacing(16)
        head.addWidget(self.icon)
        head.addLayout(head_text, 1)

        self.licences_heading = QLabel(self)
        self.licences_heading.setObjectName("sectionTitle")
        bold = QFont(self.licences_heading.font())
        bold.setBold(True)
        self.licences_heading.setFont(bold)
        self.licences_intro = QLabel(self)
        self.licences_intro.setWordWrap(True)

        self.table = QTableWidget(len(self.components), len(self.COLUMNS), self)
        self.table.setObjectName("licenceTable")
        self.table.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        for row, comp in enumerate(self.components):
            self.table.setItem(row, 0, QTableWidgetItem(comp.name))
            self.table.setItem(row, 1, QTableWidgetItem(comp.version() or "—"))
            self.table.setItem(row, 2, QTableWidgetItem(comp.licence))
            self.table.setItem(row, 3, QTableWidgetItem(""))
        self.table.currentCellChanged.connect(lambda row, *_: self._show_licence(row))

        self.licence_view = QPlainTextEdit(self)
        self.licence_view.setObjectName("licenceText")
        self.licence_view.setReadOnly(True)
        self.licence_view.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        self.licence_view.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))

        splitter = QSplitter(Qt.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.licence_view)
        splitter.setSizes([260, 220])

        self.copy_button = QPushButton(self)
        self.copy_button.clicked.connect(self.copy_version_info)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ActionRole)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 20, 20, 16)
        lay.setSpacing(10)
        lay.addLayout(head)
        lay.addWidget(self.licences_heading)
        lay.addWidget(self.licences_intro)
        lay.addWidget(splitter, 1)
        lay.addWidget(self.buttons)

        resize_within(self, 820, 640)
        unsubscribe = i18n.on_change(lambda _lang: self.retranslate())
        # Closed, or deleted with its parent window: stop listening either way.
        self.finished.connect(lambda _result: unsubscribe())
        self.destroyed.connect(lambda *_: unsubscribe())
        self.retranslate()
        self.table.selectRow(0)
        self.table.setFocus()

    # --- behaviour -----------------------------------------------------------
    def _show_licence(self, row: int) -> None:
        if not 0 <= row < len(self.components):
            return
        comp = self.components[row]
        if row not in self._texts:
            self._texts[row] = licenses.licence_text(comp)
        text = self._texts[row]
        if not text:
            text = i18n.tr("about.no_text", licence=comp.licence, url=comp.url)
        elif comp.url:
            text = f"{comp.name} — {comp.url}\n\n{text}"
        self.licence_view.setPlainText(text)
        self.licence_view.moveCursor(self.licence_view.textCursor().MoveOperation.Start)

    def copy_version_info(self) -> None:
        QGuiApplication.clipboard().setText(licenses.version_info())
        self.copy_button.setText(i18n.tr("about.copied"))

    def selected_component(self) -> licenses.Component | None:
        row = self.table.currentRow()
        return self.components[row] if 0 <= row < len(self.components) else None

    def retranslate(self) -> None:
        lang = i18n.current()
        self.setWindowTitle(i18n.tr("about.title"))
        self.heading.setText(i18n.tr("about.heading"))
        self.version_label.setText(i18n.tr("about.version", version=__version__))
        self.blurb.setText(i18n.tr("about.blurb"))
        self.privacy.setText(i18n.tr("about.privacy"))
        self.licences_heading.setText(i18n.tr("about.licences"))
        self.licences_intro.setText(i18n.tr("about.licences_intro"))
        self.table.setHorizontalHeaderLabels(
            [i18n.tr(f"about.column.{key}") for key in self.COLUMNS])
        for row, comp in enumerate(self.components):
            self.table.item(row, 3).setText(comp.purpose.get(lang))
        self.copy_button.setText(i18n.tr("about.copy"))
        self.table.setAccessibleName(i18n.tr("a11y.licence_table"))
        self.licence_view.setAccessibleName(i18n.tr("a11y.licence_text"))
        self.buttons.button(QDialogButtonBox.Close).setText(i18n.tr("about.close"))
        self._show_licence(self.table.currentRow())


def show_about(parent: QWidget | None = None) -> AboutDialog:
    dialog = AboutDialog(parent)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.open()
    return dialog
