"""Special widgets of the conversation plan: the emotion gate, the one-page
agenda (copy / print / PDF), the debrief comparison and recap-action rows
with stable ids."""
from __future__ import annotations

import html
import logging
import uuid as uuidlib
from pathlib import Path

from PySide6.QtCore import QMarginsF, QTimer
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import i18n
from ...store import entries as store
from ...tools import precomm
from ..fields import FieldWidget, register_widget
from ..rows import RowsWidget

log = logging.getLogger(__name__)


def _vbox(widget: QWidget) -> QVBoxLayout:
    lay = QVBoxLayout(widget)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(6)
    return lay


class EmotionGateWidget(FieldWidget):
    """Offers an ABCDE entry first when my own emotion is at or above the threshold
    (never blocks), and lists the ABCDE entries linked to this plan."""

    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        self.form = None
        lay = _vbox(self)
        self.banner = QFrame(self)
        self.banner.setObjectName("promptBanner")
        bl = QHBoxLayout(self.banner)
        bl.setContentsMargins(8, 6, 8, 6)
        self.message = QLabel(self.banner)
        self.message.setWordWrap(True)
        self.start = QPushButton(self.banner)
        self.start.setObjectName("startAbcdeButton")
        self.start.clicked.connect(self.start_abcde)
        bl.addWidget(self.message, 1)
        bl.addWidget(self.start)
        lay.addWidget(self.banner)
        self.linked_label = QLabel(self)
        self.linked_label.setObjectName("fieldHelp")
        lay.addWidget(self.linked_label)
        self.linked_box = QWidget(self)
        self.linked_lay = _vbox(self.linked_box)
        lay.addWidget(self.linked_box)
        self.linked_buttons: list[QPushButton] = []
        self.calm = QLabel(self)
        self.calm.setObjectName("fieldHelp")
        self.calm.setWordWrap(True)
        lay.insertWidget(1, self.calm)
        self.banner.setVisible(False)
        self.linked_label.setVisible(False)
        self.setFocusProxy(self.start)
        self.retranslate()

    def attach(self, form) -> None:
        self.form = form
        source = form.widgets.get("my_emotion")
        if source is not None:
            source.changed.connect(self.update_gate)

    def _emotion(self) -> int | None:
        source = self.form.widgets.get("my_emotion") if self.form else None
        return source.value() if source is not None else None

    def gate_open(self) -> bool:
        return precomm.needs_abcde({"my_emotion": self._emotion()})

    def update_gate(self):
        show = self.gate_open()
        self.banner.setVisible(show)
        self.calm.setVisible(not show)
        value = self._emotion()
        if show:
            self.message.setText(i18n.tr("precomm.gate_message", value=value,
                                         threshold=precomm.GATE_THRESHOLD))
        elif value is None:
            self.calm.setText(i18n.tr("precomm.gate_unrated", threshold=precomm.GATE_THRESHOLD))
        else:
            self.calm.setText(i18n.tr("precomm.gate_calm", value=value,
                                      threshold=precomm.GATE_THRESHOLD))

    def _plan_uuid(self) -> str | None:
        host = self.form.host if self.form else None
        record = getattr(host, "record", None)
        return record.uuid if record is not None else None

    def start_abcde(self):
        """Save the plan (so it has a uuid) and open a new ABCDE entry linked to it."""
        host = self.form.host if self.form else None
        if host is None or self.form.ctx is None:
            return
        plan_uuid = host.save_now()
        if not plan_uuid:
            return
        title = host.record.display_title() if host.record else ""
        self.form.ctx.start_tool("abcde", follows=plan_uuid, prompt=i18n.tr(
            "precomm.gate_abcde_prompt", title=title or i18n.tr("entry.untitled")))

    def refresh_links(self):
        for b in self.linked_buttons:
            b.setParent(None)
            b.deleteLater()
        self.linked_buttons.clear()
        plan_uuid = self._plan_uuid()
        linked = store.followers(plan_uuid, tool="abcde") if plan_uuid else []
        for rec in linked:
            text = i18n.tr("precomm.linked_entry",
                           title=rec.display_title() or i18n.tr("entry.untitled"),
                           when=i18n.format_datetime(rec.created_at),
                           status=i18n.tr(f"status.{rec.status}"))
            b = QPushButton(text, self.linked_box)
            b.setObjectName("linkedEntry")
            b.setFlat(True)
            b.setStyleSheet("text-align: left; text-decoration: underline;")
            b.setToolTip(i18n.tr("precomm.linked_open"))
            b.clicked.connect(lambda _=False, u=rec.uuid: self._open(u))
            self.linked_lay.addWidget(b)
            self.linked_buttons.append(b)
        self.linked_label.setVisible(bool(linked))

    def _open(self, uuid: str):
        if self.form and self.form.ctx:
            self.form.ctx.open_entry("abcde", uuid)

    def showEvent(self, event):
        super().showEvent(event)
        self.refresh_links()

    def retranslate(self):
        self.start.setText(i18n.tr("precomm.gate_button"))
        self.start.setToolTip(i18n.tr("precomm.gate_tooltip"))
        self.linked_label.setText(i18n.tr("precomm.linked_heading"))
        if self.form is not None:
            self.update_gate()
            self.refresh_links()

    def value(self):
        return None

    def set_value(self, value, data=None):
        if self.form is not None:
            self.update_gate()
            self.refresh_links()


class AgendaToolsWidget(FieldWidget):
    """Copy the plan as a one-page agenda, print it, or save it as a PDF."""

    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        self.form = None
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.copy = QPushButton(self)
        self.copy.setObjectName("copyAgendaButton")
        self.print_button = QPushButton(self)
        self.pdf = QPushButton(self)
        self.feedback = QLabel(self)
        self.feedback.setObjectName("fieldHelp")
        for b in (self.copy, self.print_button, self.pdf):
            lay.addWidget(b)
        lay.addWidget(self.feedback, 1)
        self.copy.clicked.connect(self.copy_agenda)
        self.print_button.clicked.connect(self.print_agenda)
        self.pdf.clicked.connect(self.ask_pdf)
        self._clear = QTimer(self)
        self._clear.setSingleShot(True)
        self._clear.timeout.connect(lambda: self.feedback.setText(""))
        self.setFocusProxy(self.copy)
        self.retranslate()

    def attach(self, form) -> None:
        self.form = form

    def _data(self) -> tuple[dict, str]:
        if self.form is None:
            return {}, ""
        title, _tags, _people = self.form.header_value()
        return self.form.value(), title

    def text(self) -> str:
        data, title = self._data()
        return precomm.agenda_text(data, title)

    def html(self) -> str:
        data, title = self._data()
        heading, blocks = precomm.agenda(data, title)
        parts = [f"<h2>{html.escape(heading)}</h2>"]
        for label, lines in blocks:
            parts.append(f"<h4>{html.escape(label)}</h4>")
            parts.append("<p>" + "<br>".join(html.escape(line) for line in lines) + "</p>")
        return "".join(parts)

    def document(self) -> QTextDocument:
        doc = QTextDocument(self)
        font = QFont(QApplication.font())
        font.setPointSize(11)
        doc.setDefaultFont(font)
        doc.setHtml(self.html())
        return doc

    def _say(self, text: str):
        self.feedback.setText(text)
        self._clear.start(6000)

    def copy_agenda(self):
        QApplication.clipboard().setText(self.text())
        self._say(i18n.tr("precomm.agenda_copied"))

    def print_agenda(self):
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.Accepted:
            self.document().print_(printer)
            self._say(i18n.tr("precomm.agenda_printed"))

    def ask_pdf(self):
        path, _ = QFileDialog.getSaveFileName(self, i18n.tr("precomm.agenda_pdf_title"),
                                              i18n.tr("precomm.agenda_pdf_name"), "PDF (*.pdf)")
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.write_pdf(Path(path))

    def write_pdf(self, path: Path) -> bool:
        """Write the agenda to ``path`` (A4); a failure is reported, nothing half-written stays."""
        tmp = path.with_name(path.name + ".part")
        try:
            writer = QPdfWriter(str(tmp))
            writer.setPageSize(QPageSize(QPageSize.A4))
            writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Millimeter)
            data, title = self._data()
            writer.setTitle(precomm.agenda(data, title)[0])
            self.document().print_(writer)
            del writer
            if not tmp.exists() or tmp.stat().st_size == 0:
                raise OSError(i18n.tr("precomm.agenda_pdf_empty"))
            tmp.replace(path)
        except OSError as exc:
            log.warning("saving the agenda as PDF failed: %s", exc)
            tmp.unlink(missing_ok=True)
            QMessageBox.warning(self, i18n.tr("precomm.agenda_pdf_title"),
                                i18n.tr("precomm.agenda_pdf_failed", error=str(exc)))
            return False
        self._say(i18n.tr("precomm.agenda_saved", path=str(path)))
        return True

    def retranslate(self):
        self.copy.setText(i18n.tr("precomm.agenda_copy"))
        self.copy.setToolTip(i18n.tr("precomm.agenda_copy_tooltip"))
        self.print_button.setText(i18n.tr("precomm.agenda_print"))
        self.pdf.setText(i18n.tr("precomm.agenda_pdf"))

    def value(self):
        return None

    def set_value(self, value, data=None):
        self.feedback.setText("")


class DebriefWidget(FieldWidget):
    """Compares the actual outcome with the prediction as the user rates it."""

    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        self.form = None
        self.label = QLabel(self)
        self.label.setObjectName("debriefText")
        self.label.setWordWrap(True)
        _vbox(self).addWidget(self.label)
        self._data: dict = {}
        self.retranslate()

    def attach(self, form) -> None:
        self.form = form
        for key in ("predicted_outcome", "actual_outcome", "worry"):
            w = form.widgets.get(key)
            if w is not None:
                w.changed.connect(self.update_text)

    def update_text(self):
        if self.form is not None:
            self._data = {k: self.form.widgets[k].value() for k in
                          ("predicted_outcome", "actual_outcome", "worry") if k in self.form.widgets}
        self.retranslate()

    def retranslate(self):
        text = precomm.debrief(self._data)
        if text is not None:
            self.label.setText(text.get())
        elif self._data.get("predicted_outcome") is None:
            self.label.setText(i18n.tr("precomm.debrief_no_prediction"))
        else:
            self.label.setText(i18n.tr("precomm.debrief_waiting",
                                       predicted=self._data["predicted_outcome"]))

    def value(self):
        return None

    def set_value(self, value, data=None):
        self._data = dict(data or {})
        self.retranslate()


def new_row_id() -> str:
    return uuidlib.uuid4().hex[:12]


class ActionRowsWidget(RowsWidget):
    """Recap actions: every row the user adds gets a hidden stable id, so marking
    its follow-up done on Home survives later edits of the text."""

    def add_row(self, data: dict):
        row = super().add_row(data)
        lay = row.layout()
        lay.setStretch(0, 3)  # the action text gets more room than the owner
        lay.setStretch(1, 1)
        return row

    def _add_clicked(self):
        row = self.add_row({"id": new_row_id()})
        if row.widgets:
            row.widgets[0].setFocus()
        self.changed.emit()


register_widget("emotion_gate", EmotionGateWidget)
register_widget("agenda_tools", AgendaToolsWidget)
register_widget("debrief", DebriefWidget)
register_widget("action_rows", ActionRowsWidget)
