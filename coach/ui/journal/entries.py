"""The Journal's list of entries: filters, search as you type, open, duplicate, trash + undo."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontInfo, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ... import i18n
from ...store import entries as store
from ...store import people as people_store
from ...store import search
from ...store import tags as tag_store
from ...tools import registry
from .model import COLUMNS, HighlightDelegate, JournalModel

DEBOUNCE_MS = 150
WIDTHS = {"tool": 130, "title": 0, "date": 150, "tags": 130, "people": 110, "status": 80,
          "match": 260}
COMPACT_WIDTHS = {"tool": 110, "title": 190, "date": 140, "tags": 100, "people": 80, "status": 64}


def make_table(parent: QWidget, model: JournalModel, query_source) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setItemDelegate(HighlightDelegate(query_source, table))
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setSortingEnabled(True)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(max(28, table.fontMetrics().height() + 10))
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.Interactive)
    header.setSectionResizeMode(COLUMNS.index("title"), QHeaderView.Stretch)
    for name, width in WIDTHS.items():
        if name != "title":
            table.setColumnWidth(COLUMNS.index(name), width)
    header.setSortIndicator(COLUMNS.index("date"), Qt.DescendingOrder)
    table.fitter = ColumnFitter(table, WIDTHS)
    return table


class ColumnFitter(QObject):
    """Column widths that follow the font and leave the stretching column room.

    The widths above are designed for a 12 px font; they grow with a larger
    system font, and shrink together (to no less than half) when the table is
    too narrow — at 150 % on a small screen the title would otherwise get a
    few letters. Once the user drags a column, their widths are left alone.
    """

    SHARE = 0.62  # at most this part of the width for the fixed columns

    def __init__(self, table: QTableView, widths: dict[str, int]):
        super().__init__(table)
        self.table = table
        self.widths = widths
        self.manual = False
        self._fitting = False
        table.viewport().installEventFilter(self)  # its Resize arrives with the new width
        table.horizontalHeader().sectionResized.connect(self._resized)

    def _resized(self, index: int, _old: int, _new: int):
        header = self.table.horizontalHeader()
        if not self._fitting and self.table.isVisible() and \
                header.sectionResizeMode(index) != QHeaderView.Stretch:
            self.manual = True  # the user dragged a column edge

    def use(self, widths: dict[str, int]) -> None:
        self.widths = widths
        self.manual = False
        self.fit()

    def fit(self) -> None:
        scale = max(1.0, QFontInfo(self.table.font()).pixelSize() / 12)
        fixed = {name: round(w * scale) for name, w in self.widths.items()
                 if name != "title" and not self.table.isColumnHidden(COLUMNS.index(name))}
        stretch = self.table.horizontalHeader()
        room = self.table.viewport().width() * self.SHARE
        if self.widths.get("title") and not self.table.isColumnHidden(COLUMNS.index("match")):
            fixed["title"] = round(self.widths["title"] * scale)
        # the date and the status are short and always fit; the others share the squeeze
        whole = {name: min(fixed[name], self._needed(name)) for name in self.WHOLE if name in fixed}
        squeezable = sum(w for name, w in fixed.items() if name not in whole) or 1
        factor = max(0.5, min(1.0, (room - sum(whole.values())) / squeezable))
        self._fitting = True
        try:
            for name, width in fixed.items():
                if stretch.sectionResizeMode(COLUMNS.index(name)) != QHeaderView.Stretch:
                    width = max(whole[name], round(width * factor)) if name in whole \
                        else round(width * factor)
                    self.table.setColumnWidth(COLUMNS.index(name), width)
        finally:
            self._fitting = False

    WHOLE = ("date", "status")

    def _needed(self, name: str) -> int:
        """The width that shows the longest date or status in full."""
        from datetime import datetime

        if name == "date":
            texts = [i18n.format_datetime(datetime(2026, 12, 28, 23, 58))]
        else:
            texts = [i18n.tr("status.complete"), i18n.tr("status.draft")]
        fm = self.table.fontMetrics()
        return max(fm.horizontalAdvance(t) for t in texts) + 2 * fm.averageCharWidth() + 8

    def eventFilter(self, obj, event):  # noqa: N802 - Qt naming
        if event.type() in (QEvent.Resize, QEvent.Show) and not self.manual:
            self.fit()
        return False


def selected_rows(table: QTableView) -> list[search.Row]:
    model: JournalModel = table.model()
    rows = sorted({i.row() for i in table.selectionModel().selectedRows()})
    return [model.row_at(r) for r in rows]


def select_uuids(table: QTableView, uuids: list[str]) -> None:
    model: JournalModel = table.model()
    sel = table.selectionModel()
    sel.clearSelection()
    first = None
    for uuid in uuids:
        i = model.index_of(uuid)
        if i < 0:
            continue
        idx = model.index(i, 0)
        sel.select(idx, QItemSelectionModel.Select | QItemSelectionModel.Rows)
        if first is None:
            first = idx
    if first is not None:
        sel.setCurrentIndex(first, QItemSelectionModel.NoUpdate)
        table.scrollTo(first)


class EntriesView(QWidget):
    trashed = Signal()  # entries were added, or moved to or back from the Trash

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._all: list[search.Row] = []
        self._people: dict[int, str] = {}
        self._undo: list[list[str]] = []
        self._loaded = False

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 0)
        # search + filters -------------------------------------------------------------
        top = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("journalSearch")
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.search.setMinimumWidth(self.search.fontMetrics().averageCharWidth() * 16)
        top.addWidget(self.search, 1)  # the search gives way first; the filters keep their text
        self.tool = QComboBox(self)
        self.tool.setObjectName("filterTool")
        self.tag = QComboBox(self)
        self.tag.setObjectName("filterTag")
        self.person = QComboBox(self)
        self.person.setObjectName("filterPerson")
        self.status = QComboBox(self)
        self.status.setObjectName("filterStatus")
        for combo in (self.tool, self.tag, self.person, self.status):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
            combo.setMinimumContentsLength(6)
            top.addWidget(combo, 0)
        lay.addLayout(top)
        second = QHBoxLayout()
        self.dates = QCheckBox(self)
        self.dates.setObjectName("filterDates")
        self.since = QDateEdit(self)
        self.until = QDateEdit(self)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.since.setDate(QDate.currentDate().addMonths(-1))
        self.until.setDate(QDate.currentDate())
        self.to_label = QLabel(self)
        self.clear = QPushButton(self)
        self.clear.setObjectName("clearFilters")
        self.count = QLabel(self)
        self.count.setObjectName("journalCount")
        second.addWidget(self.dates)
        second.addWidget(self.since)
        second.addWidget(self.to_label)
        second.addWidget(self.until)
        second.addWidget(self.clear)
        second.addStretch(1)
        second.addWidget(self.count)
        lay.addLayout(second)
        # undo banner ------------------------------------------------------------------
        self.banner = QWidget(self)
        self.banner.setObjectName("promptBanner")
        bl = QHBoxLayout(self.banner)
        bl.setContentsMargins(8, 2, 8, 2)
        self.banner_text = QLabel(self.banner)
        self.undo_button = QPushButton(self.banner)
        self.undo_button.setObjectName("undoTrash")
        bl.addWidget(self.banner_text, 1)
        bl.addWidget(self.undo_button)
        self.banner.setVisible(False)
        lay.addWidget(self.banner)
        # table ----------------------------------------------------------------------------
        self.model = JournalModel(self)
        self.table = make_table(self, self.model, self.model.query)
        self.table.setObjectName("journalTable")
        self.table.setColumnHidden(COLUMNS.index("match"), True)
        lay.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("openEntry")
        self.duplicate_button = QPushButton(self)
        self.duplicate_button.setObjectName("duplicateEntry")
        self.trash_button = QPushButton(self)
        self.trash_button.setObjectName("trashEntry")
        self.hint = QLabel(self)
        self.hint.setObjectName("fieldHelp")
        self.hint.setWordWrap(True)  # two lines rather than cut off in a narrow window
        self.hint.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.duplicate_button)
        buttons.addWidget(self.trash_button)
        buttons.addWidget(self.hint, 1)
        lay.addLayout(buttons)

        # wiring --------------------------------------------------------------------------
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        for combo in (self.tool, self.tag, self.person, self.status):
            combo.activated.connect(lambda _i: self.apply_filter())
        self.dates.toggled.connect(self._toggle_dates)
        self.since.dateChanged.connect(lambda _d: self.apply_filter())
        self.until.dateChanged.connect(lambda _d: self.apply_filter())
        self.clear.clicked.connect(self.clear_filters)
        self.table.activated.connect(lambda _i: self.open_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.open_button.clicked.connect(self.open_current)
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.trash_button.clicked.connect(self.trash_selected)
        self.undo_button.clicked.connect(self.undo)
        delete = QShortcut(QKeySequence.Delete, self.table, self.trash_selected)
        delete.setContext(Qt.WidgetShortcut)
        undo = QShortcut(QKeySequence.Undo, self, self.undo)
        undo.setContext(Qt.WindowShortcut)  # while the list is shown; text boxes keep their own
        self.retranslate()

    # loading ------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the list from the diary again (after a change elsewhere)."""
        self._all = search.find()
        self._people = people_store.names()
        self._fill_combos()
        self._loaded = True
        self.apply_filter()

    def ensure_loaded(self) -> None:
        if not self._loaded:
            self.reload()

    def _fill_combo(self, combo: QComboBox, items: list[tuple[str, object]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(i18n.tr(f"journal.filter.all_{combo.objectName()[6:].lower()}"), None)
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def _fill_combos(self) -> None:
        self._fill_combo(self.tool, [(s.name.get(), k) for k, s in registry().items()])
        self._fill_combo(self.tag, [(f"{c.name} ({c.live})", c.name) for c in tag_store.counts()
                                    if c.live])
        archived = people_store.archived_ids()
        self._fill_combo(self.person, [(p.name + (f" · {p.department}" if p.department else ""), p.id)
                                       for p in store.people(include_archived=True)
                                       if p.id not in archived or p.id == self.person.currentData()])
        self._fill_combo(self.status, [(i18n.tr(f"status.{s}"), s) for s in store.STATUSES])

    # filtering ------------------------------------------------------------------------------
    def current_filter(self) -> search.Filter:
        since = until = None
        if self.dates.isChecked():
            since = self.since.date().toPython()
            until = self.until.date().toPython()
        return search.Filter(query=self.search.text().strip(), tool=self.tool.currentData(),
                             tag=self.tag.currentData(), person=self.person.currentData(),
                             status=self.status.currentData(), since=since, until=until)

    def set_filter(self, **values) -> None:
        """Set some filters (``tag=``, ``person=``, ``query=``…) and apply them."""
        self.ensure_loaded()
        for key, combo in (("tool", self.tool), ("tag", self.tag), ("person", self.person),
                           ("status", self.status)):
            if key in values:
                combo.setCurrentIndex(max(0, combo.findData(values[key])))
        if "query" in values:
            self.search.blockSignals(True)
            self.search.setText(values["query"] or "")
            self.search.blockSignals(False)
        if "since" in values or "until" in values:
            self.dates.blockSignals(True)
            on = bool(values.get("since") or values.get("until"))
            self.dates.setChecked(on)
            self._enable_dates(on)
            for key, edit in (("since", self.since), ("until", self.until)):
                d = values.get(key)
                if isinstance(d, str):
                    d = date.fromisoformat(d)
                if d:
                    edit.blockSignals(True)
                    edit.setDate(QDate(d.year, d.month, d.day))
                    edit.blockSignals(False)
            self.dates.blockSignals(False)
        self.apply_filter()

    def clear_filters(self) -> None:
        for combo in (self.tool, self.tag, self.person, self.status):
            combo.setCurrentIndex(0)
        self.dates.blockSignals(True)
        self.dates.setChecked(False)
        self._enable_dates(False)
        self.dates.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filter()

    def _enable_dates(self, on: bool) -> None:
        self.since.setEnabled(on)
        self.until.setEnabled(on)

    def _toggle_dates(self, on: bool) -> None:
        self._enable_dates(on)
        self.apply_filter()

    def apply_filter(self) -> None:
        self.timer.stop()
        if not self._loaded:
            return
        flt = self.current_filter()
        keep = [r.uuid for r in selected_rows(self.table)]
        rows = search.filter_rows(self._all, flt)
        self.model.set_rows(rows, self._people, flt.query if search.words(flt.query) else "")
        self._show_match_column(bool(self.model.query()))
        select_uuids(self.table, keep)
        if not keep and rows:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0), QItemSelectionModel.NoUpdate)
        total = len(self._all)
        if len(rows) == total:
            self.count.setText(i18n.tr_count("journal.count_all", total))
        else:
            self.count.setText(i18n.tr("journal.count_some", shown=i18n.format_number(len(rows)),
                                       count=i18n.format_number(total)))
        self._update_buttons()

    def _show_match_column(self, on: bool) -> None:
        """While searching, the excerpt around the match takes the spare width."""
        header = self.table.horizontalHeader()
        title, match = COLUMNS.index("title"), COLUMNS.index("match")
        if on == (not self.table.isColumnHidden(match)):
            return
        self.table.setColumnHidden(match, not on)
        if on:
            header.setSectionResizeMode(title, QHeaderView.Interactive)
            header.setSectionResizeMode(match, QHeaderView.Stretch)
        else:
            header.setSectionResizeMode(match, QHeaderView.Interactive)
            header.setSectionResizeMode(title, QHeaderView.Stretch)
        self.table.fitter.use(COMPACT_WIDTHS if on else WIDTHS)

    # actions ------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        n = len(self.table.selectionModel().selectedRows())
        self.open_button.setEnabled(n == 1)
        self.duplicate_button.setEnabled(n == 1)
        self.trash_button.setEnabled(n > 0)

    def selected_uuids(self) -> list[str]:
        return [r.uuid for r in selected_rows(self.table)]

    def _current_row(self) -> search.Row | None:
        rows = selected_rows(self.table)
        if rows:
            return rows[0]
        idx = self.table.currentIndex()
        if idx.isValid():
            return self.model.row_at(idx.row())
        return None

    def open_current(self) -> None:
        row = self._current_row()
        if row is not None:
            open_entry(self.ctx, row.tool, row.uuid, self.model.query())

    def duplicate_selected(self) -> None:
        row = self._current_row()
        if row is None:
            return
        copy = store.duplicate(row.uuid)
        self.reload()
        select_uuids(self.table, [copy.uuid])
        self.banner_text.setText(i18n.tr("journal.duplicated"))
        self.undo_button.setVisible(False)
        self.banner.setVisible(True)
        self.trashed.emit()

    def trash_selected(self) -> None:
        uuids = self.selected_uuids()
        if not uuids:
            return
        below = self._row_after_selection()
        store.trash_many(uuids)
        self._undo.append(uuids)
        self.reload()
        if below:
            select_uuids(self.table, [below])
        self.banner_text.setText(i18n.tr_count("journal.trashed", len(uuids)))
        self.undo_button.setVisible(True)
        self.banner.setVisible(True)
        self.table.setFocus()
        self.trashed.emit()

    def _row_after_selection(self) -> str | None:
        picked = {i.row() for i in self.table.selectionModel().selectedRows()}
        if not picked:
            return None
        for r in list(range(max(picked) + 1, self.model.rowCount())) + \
                list(range(min(picked) - 1, -1, -1)):
            if r not in picked:
                return self.model.row_at(r).uuid
        return None

    def undo(self) -> None:
        """Ctrl+Z: bring the last trashed entries back."""
        if not self._undo:
            return
        uuids = self._undo.pop()
        store.restore_many(uuids)
        self.reload()
        select_uuids(self.table, uuids)
        self.banner_text.setText(i18n.tr_count("journal.restored", len(uuids)))
        self.undo_button.setVisible(bool(self._undo))
        self.banner.setVisible(True)
        self.table.setFocus()
        self.trashed.emit()

    def can_undo(self) -> bool:
        return bool(self._undo)

    def forget_undo(self, uuids: set[str]) -> None:
        """Entries deleted for good cannot come back with Ctrl+Z."""
        self._undo = [[u for u in batch if u not in uuids] for batch in self._undo]
        self._undo = [b for b in self._undo if b]
        if not self._undo:
            self.undo_button.setVisible(False)

    # keyboard ------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, obj, event):
        if obj is self.search and event.type() == QEvent.KeyPress:
            if event.key() in (Qt.Key_Down, Qt.Key_PageDown) and self.model.rowCount():
                if self.timer.isActive():
                    self.apply_filter()
                self.table.setFocus()
                if not self.table.selectionModel().hasSelection():
                    self.table.selectRow(0)
                return True
            if event.key() in (Qt.Key_Return, Qt.Key_Enter):
                if self.timer.isActive():
                    self.apply_filter()
                if self.model.rowCount():
                    if not self.table.selectionModel().hasSelection():
                        self.table.selectRow(0)
                    self.open_current()
                return True
        return super().eventFilter(obj, event)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(i18n.tr("journal.search_placeholder"))
        self.search.setAccessibleName(i18n.tr("journal.search_placeholder"))
        self.tool.setToolTip(i18n.tr("journal.filter.tool"))
        self.tag.setToolTip(i18n.tr("journal.filter.tag"))
        self.person.setToolTip(i18n.tr("journal.filter.person"))
        self.status.setToolTip(i18n.tr("journal.filter.status"))
        for combo, key in ((self.tool, "tool"), (self.tag, "tag"), (self.person, "person"),
                           (self.status, "status")):
            combo.setAccessibleName(i18n.tr(f"a11y.filter_{key}"))
        self.dates.setText(i18n.tr("journal.filter.dates"))
        self.to_label.setText(i18n.tr("journal.filter.to"))
        self.clear.setText(i18n.tr("journal.filter.clear"))
        self.open_button.setText(i18n.tr("journal.open"))
        self.duplicate_button.setText(i18n.tr("journal.duplicate"))
        self.duplicate_button.setToolTip(i18n.tr("journal.duplicate_tooltip"))
        self.trash_button.setText(i18n.tr("journal.trash"))
        self.trash_button.setToolTip(i18n.tr("journal.trash_tooltip"))
        self.undo_button.setText(i18n.tr("journal.undo"))
        self.hint.setText(i18n.tr("journal.keys_hint"))
        self.table.setAccessibleName(i18n.tr("journal.table_name"))
        if self._loaded:
            self._fill_combos()
            self.apply_filter()
        self.model.retranslate()
        self.banner.setVisible(False)


def open_entry(ctx, tool: str, uuid: str, query: str = "") -> None:
    """Open an entry in its tool's page with the search words highlighted."""
    ctx.open_entry(tool, uuid)
    window = getattr(ctx, "window", None)
    page = getattr(window, "tool_pages", {}).get(tool) if window is not None else None
    form = getattr(page, "form", None)
    if form is not None and hasattr(form, "highlight"):
        form.highlight(query)
