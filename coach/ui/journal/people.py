"""People: the list of counterparts, editing them, and each person's timeline."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ... import i18n, timeline
from ...store import entries as store
from ...store import people as people_store
from ..people import PersonDialog
from .tags import NumberItem


def type_label(key: str, short: bool = False) -> str:
    if not key:
        return ""
    return i18n.tr(f"people.type_short.{key}" if short else f"people.type.{key}")


def fact(label: str, value: str) -> str:
    """``label: value`` as HTML, without a colon after a question mark."""
    label = label.rstrip(":：")
    sep = " " if label.endswith(("?", "？")) else ("：" if i18n.current() == "zh_CN" else ": ")
    return f"{html.escape(label)}{sep}<b>{html.escape(value)}</b>"


def timeline_html(person: store.PersonRecord, tl: timeline.Timeline, department: bool) -> str:
    e = html.escape
    who = e(person.department) if department else e(person.name)
    facts = [e(person.department)] if person.department and not department else []
    if person.customer_type and not department:
        facts.append(e(type_label(person.customer_type)))
    facts.append(e(i18n.tr_count("people.entry_count", len(tl.items))))
    parts = [f"<h2>{who}</h2><p style='color:gray'>{' · '.join(facts)}</p>"]
    if department:
        parts[0] = (f"<h2>{e(i18n.tr('people.department_heading', department=person.department))}"
                    f"</h2><p style='color:gray'>{' · '.join(facts)}</p>")
    if not tl.items:
        parts.append(f"<p>{e(i18n.tr('people.no_entries'))}</p>")
        return "".join(parts)
    repeated = [p for p in tl.patterns if p.counts and p.counts[0][1] >= 2][:6]
    if repeated:
        parts.append(f"<h3>{e(i18n.tr('people.patterns'))}</h3><ul>")
        for p in repeated:
            counts = i18n.join(f"{e(label)} ×{n}" for label, n in p.counts)
            share = i18n.tr_count("people.pattern_of", p.total)
            label = p.label.rstrip(":：")
            sep = " " if label.endswith(("?", "？")) else ("：" if i18n.current() == "zh_CN" else ": ")
            parts.append(f"<li><b>{e(p.tool_name)} · {e(label)}</b>{sep}{counts} "
                         f"<span style='color:gray'>({e(share)})</span></li>")
        parts.append("</ul>")
    parts.append(f"<h3>{e(i18n.tr('people.timeline'))}</h3>")
    names = people_store.names()
    for item in tl.items:
        status = i18n.tr(f"status.{item.status}")
        link = f"entry:{item.tool}:{item.uuid}"
        line = (f"<p><span style='color:gray'>{e(i18n.format_date(item.created_at))}</span> · "
                f"<b>{e(item.tool_name)}</b> · <a href='{e(link)}'>{e(item.title)}</a>"
                f" <span style='color:gray'>({e(status)})</span>")
        if department:
            others = [names.get(p, "?") for p in item.people]
            line += f"<br><span style='color:gray'>{e(i18n.join(others))}</span>"
        if item.facts:
            line += "<br>" + ("；" if i18n.current() == "zh_CN" else "; ").join(
                fact(label, value) for label, value in item.facts)
        for f in item.followups:
            mark = "☑" if f.done else "☐"
            extra = ", ".join(x for x in (f.owner, f.due_date or "") if x)
            line += f"<br>{mark} {e(f.text)}" + (f" <span style='color:gray'>({e(extra)})</span>"
                                                  if extra else "")
        parts.append(line + "</p>")
    return "".join(parts)


class PeopleView(QWidget):
    changed = Signal()
    show_person = Signal(int)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._people: list[store.PersonRecord] = []
        self._archived: set[int] = set()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 0)
        split = QSplitter(Qt.Horizontal, self)
        lay.addWidget(split)
        left = QWidget(split)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 4, left)
        self.table.setObjectName("peopleTable")
        self.table.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setSortIndicator(0, Qt.AscendingOrder)
        self.table.setSortingEnabled(True)
        ll.addWidget(self.table, 1)
        self.show_archived = QCheckBox(left)
        ll.addWidget(self.show_archived)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(left)
        self.new_button.setObjectName("newPerson")
        self.edit_button = QPushButton(left)
        self.edit_button.setObjectName("editPerson")
        self.archive_button = QPushButton(left)
        self.archive_button.setObjectName("archivePerson")
        for b in (self.new_button, self.edit_button, self.archive_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        ll.addLayout(buttons)
        right = QWidget(split)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(8, 0, 0, 0)
        top = QHBoxLayout()
        self.department = QCheckBox(right)
        self.department.setObjectName("wholeDepartment")
        self.in_journal = QPushButton(right)
        self.in_journal.setObjectName("personInJournal")
        top.addWidget(self.department)
        top.addStretch(1)
        top.addWidget(self.in_journal)
        rl.addLayout(top)
        self.timeline = QTextBrowser(right)
        self.timeline.setObjectName("personTimeline")
        self.timeline.setOpenLinks(False)
        rl.addWidget(self.timeline, 1)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([380, 560])

        self.table.itemSelectionChanged.connect(self.show_timeline)
        self.table.itemActivated.connect(lambda _i: self.edit_selected())
        self.show_archived.toggled.connect(lambda _on: self.reload())
        self.new_button.clicked.connect(self.new_person)
        self.edit_button.clicked.connect(self.edit_selected)
        self.archive_button.clicked.connect(self.toggle_archive)
        self.department.toggled.connect(lambda _on: self.show_timeline())
        self.in_journal.clicked.connect(self._to_journal)
        self.timeline.anchorClicked.connect(self._open_link)
        self.retranslate()

    # data ------------------------------------------------------------------------------
    def reload(self) -> None:
        keep = self.selected_id()
        self._archived = people_store.archived_ids()
        everyone = store.people(include_archived=True)
        self._people = [p for p in everyone
                        if self.show_archived.isChecked() or p.id not in self._archived]
        counts = people_store.entry_counts()
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self._people))
        for i, p in enumerate(self._people):
            name = QTableWidgetItem(p.name + (f" ({i18n.tr('people.archived')})"
                                              if p.id in self._archived else ""))
            name.setData(Qt.UserRole, p.id)
            self.table.setItem(i, 0, name)
            self.table.setItem(i, 1, QTableWidgetItem(p.department))
            kind = QTableWidgetItem(type_label(p.customer_type, short=True))
            kind.setToolTip(type_label(p.customer_type))
            self.table.setItem(i, 2, kind)
            self.table.setItem(i, 3, NumberItem(counts.get(p.id, 0)))
        self.table.setSortingEnabled(True)
        if keep is not None:
            self.select_person(keep)
        elif self._people:
            self.table.selectRow(0)
        self.show_timeline()

    def select_person(self, person_id: int) -> None:
        for i in range(self.table.rowCount()):
            if self.table.item(i, 0).data(Qt.UserRole) == person_id:
                self.table.selectRow(i)
                return

    def selected_id(self) -> int | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if not rows:
            return None
        return self.table.item(min(rows), 0).data(Qt.UserRole)

    def selected(self) -> store.PersonRecord | None:
        pid = self.selected_id()
        return people_store.get(pid) if pid is not None else None

    def show_timeline(self) -> None:
        person = self.selected()
        has = person is not None
        for w in (self.edit_button, self.archive_button, self.in_journal):
            w.setEnabled(has)
        self.department.setEnabled(has and bool(person.department))
        if not has:
            self.timeline.setHtml(f"<p>{html.escape(i18n.tr('people.none_selected'))}</p>")
            return
        archived = person.id in self._archived
        self.archive_button.setText(i18n.tr("people.unarchive" if archived else "people.archive"))
        whole = self.department.isChecked() and bool(person.department)
        ids = people_store.ids_in_department(person.department) if whole else [person.id]
        tl = timeline.build(ids)
        self.timeline.setHtml(timeline_html(person, tl, whole))

    # actions ----------------------------------------------------------------------------
    def new_person(self) -> None:
        dlg = PersonDialog(self)
        if dlg.exec() == QDialog.Accepted and dlg.person.id is not None:
            self.reload()
            self.select_person(dlg.person.id)
            self.changed.emit()

    def edit_selected(self) -> None:
        person = self.selected()
        if person is None:
            return
        dlg = PersonDialog(self, person)
        if dlg.exec() == QDialog.Accepted:
            self.reload()
            self.changed.emit()

    def toggle_archive(self) -> None:
        pid = self.selected_id()
        if pid is None:
            return
        people_store.set_archived(pid, pid not in self._archived)
        self.reload()
        self.changed.emit()

    def _to_journal(self) -> None:
        pid = self.selected_id()
        if pid is not None:
            self.show_person.emit(pid)

    def _open_link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("entry:"):
            _, tool, uuid = text.split(":", 2)
            self.ctx.open_entry(tool, uuid)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([
            i18n.tr("people.col.name"), i18n.tr("people.department"), i18n.tr("people.col.type"),
            i18n.tr("people.col.entries")])
        self.show_archived.setText(i18n.tr("people.show_archived"))
        self.new_button.setText(i18n.tr("people.new"))
        self.edit_button.setText(i18n.tr("people.edit"))
        self.archive_button.setText(i18n.tr("people.archive"))
        self.department.setText(i18n.tr("people.whole_department"))
        self.department.setToolTip(i18n.tr("people.whole_department_tooltip"))
        self.in_journal.setText(i18n.tr("people.in_journal"))
        self.table.setAccessibleName(i18n.tr("journal.tab.people"))
        self.timeline.setAccessibleName(i18n.tr("people.timeline"))
