"""Answers and results of a peer-rating round: export the form, import the
returned files, show aggregates (only from three answers on), compare with
the previous round."""
from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
)

from ... import i18n
from ...store import entries as store
from ...tools import servqual as sq
from ..fields import FieldWidget, register_widget


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path`` and rename: never half-written."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".coach-", dir=str(path.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


class ServqualResponses(FieldWidget):
    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        self._responses: list[dict] = []
        self.form = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("servqualExport")
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("servqualImport")
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        self.count = QLabel(self)
        self.count.setObjectName("servqualCount")
        self.count.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("servqualMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.results = QTextBrowser(self)
        self.results.setObjectName("servqualResults")
        self.results.setMinimumHeight(420)
        lay.addLayout(row)
        lay.addWidget(self.count)
        lay.addWidget(self.message)
        lay.addWidget(self.results)
        self.export_button.clicked.connect(self._export_clicked)
        self.import_button.clicked.connect(self._import_clicked)
        self.retranslate()

    # FieldWidget ------------------------------------------------------------------------
    def attach(self, form) -> None:
        self.form = form
        form.changed.connect(self.render)

    def value(self):
        return list(self._responses) or None

    def set_value(self, value, data=None):
        self._responses = [r for r in (value if isinstance(value, list) else []) if isinstance(r, dict)]
        self.message.setVisible(False)
        self.render()

    def retranslate(self):
        self.export_button.setText(i18n.tr("servqual.export_form"))
        self.export_button.setToolTip(i18n.tr("servqual.export_tooltip"))
        self.import_button.setText(i18n.tr("servqual.import_answers"))
        self.results.setAccessibleName(self.field.label.get())
        self.render()

    # helpers --------------------------------------------------------------------------------
    def _data(self) -> dict:
        return self.form.value() if self.form is not None else {"responses": self._responses}

    def _host(self):
        return getattr(self.form, "host", None) if self.form is not None else None

    def _entry_uuid(self) -> str | None:
        """The round's uuid; the entry is saved first so the form can name it."""
        host = self._host()
        if host is None:
            return None
        if hasattr(host, "save_now"):
            return host.save_now()
        return host.record.uuid if getattr(host, "record", None) else None

    def _ensure_statement_ids(self) -> None:
        rows_widget = self.form.widgets.get("statements") if self.form else None
        if rows_widget is None:
            return
        rows = [r.value() for r in rows_widget.rows]
        for row, with_id in zip(rows_widget.rows, sq.ensure_ids(rows)):
            row.original["id"] = with_id["id"]

    def _say(self, text: str | None, error: bool = True):
        self.message.setStyleSheet("color: #c0392b; font-weight: 600;" if error else "")
        self.message.setText(text or "")
        self.message.setVisible(bool(text))

    # export / import ----------------------------------------------------------------------------
    def _export_clicked(self):
        data = self._data()
        default = f"{i18n.tr('servqual.file_stem')}-{data.get('round') or 'round'}.html"
        path, _ = QFileDialog.getSaveFileName(self, i18n.tr("servqual.export_form"), default,
                                              "HTML (*.html)")
        if path:
            self.export_form(Path(path))

    def export_form(self, path: Path) -> bool:
        self._ensure_statement_ids()
        data = self._data()
        if sq.rules(data) or not sq.statements(data):
            self._say(i18n.tr("servqual.fix_form_first"))
            return False
        uuid = self._entry_uuid()
        if not uuid:
            self._say(i18n.tr("servqual.save_first"))
            return False
        try:
            write_atomically(path, sq.form_html(self._data(), uuid, i18n.current()))
        except OSError as exc:
            self._say(i18n.tr("servqual.write_failed", error=str(exc)))
            return False
        self._say(i18n.tr("servqual.exported", path=str(path)), error=False)
        return True

    def _import_clicked(self):
        paths, _ = QFileDialog.getOpenFileNames(self, i18n.tr("servqual.import_answers"), "",
                                                "JSON (*.json);;* (*)")
        if paths:
            self.import_answers([Path(p) for p in paths])

    def import_answers(self, paths: list[Path]) -> int:
        """Check every file first; add all of them or none. Returns how many were added."""
        uuid = self._entry_uuid()
        if not uuid:
            self._say(i18n.tr("servqual.save_first"))
            return 0
        data = dict(self._data())
        data["responses"] = list(self._responses)
        added: list[dict] = []
        for path in paths:
            try:
                raw = Path(path).read_bytes()[: sq.MAX_ANSWER_FILE + 1]
                response = sq.parse_answers(raw, {**data, "responses": data["responses"] + added}, uuid)
            except OSError as exc:
                self._say(i18n.tr("servqual.import_failed", name=Path(path).name,
                                  reason=i18n.tr("servqual.unreadable", error=str(exc))))
                return 0
            except sq.AnswerFileError as exc:
                self._say(i18n.tr("servqual.import_failed", name=Path(path).name,
                                  reason=i18n.tr(f"servqual.err_{exc.key}", **exc.args_)))
                return 0
            added.append(response)
        self._responses += added
        self.changed.emit()
        self._say(i18n.tr("servqual.imported", count=len(added)), error=False)
        self.render()
        return len(added)

    def remove_response(self, response_id: str) -> None:
        self._responses = [r for r in self._responses if r.get("id") != response_id]
        self.changed.emit()
        self.render()

    # results ----------------------------------------------------------------------------------
    def _previous_round(self) -> dict | None:
        host = self._host()
        current = getattr(getattr(host, "record", None), "uuid", None)
        for rec in store.query(tool="servqual", status="complete"):
            if rec.uuid != current:
                return rec.data
        return None

    def render(self):
        data = dict(self._data()) if self.form is not None else {}
        data["responses"] = self._responses
        result = sq.aggregate(data)
        self.count.setText(i18n.tr("servqual.count", count=result.count, needed=sq.MIN_RESPONSES))
        esc = html.escape
        if not result.shown:
            self.results.setHtml(f"<p>{esc(i18n.tr('servqual.waiting', needed=sq.MIN_RESPONSES))}</p>")
            return
        previous = self._previous_round()
        change = sq.compare(previous, data) if previous else {}
        fmt = lambda v: "—" if v is None else f"{v:+.2f}" if v < 0 or v > 0 else "0.00"  # noqa: E731
        num = lambda v: "—" if v is None else f"{v:.2f}"  # noqa: E731
        head = [i18n.tr("servqual.col_dimension"), i18n.tr("servqual.col_expectation"),
                i18n.tr("servqual.col_perception"), i18n.tr("servqual.col_gap"),
                i18n.tr("servqual.col_importance")]
        if change:
            head.append(i18n.tr("servqual.col_change"))
        rows = []
        weights = sq.importance(data)
        labels = {c.key: c.label.get() for c in sq.DIMENSIONS}
        for d in result.dimensions:
            cells = [labels[d.key], num(d.expectation), num(d.perception), fmt(d.gap), str(weights.get(d.key, "—"))]
            if change:
                cells.append(fmt(change.get(d.key)))
            colour = "#c0392b" if (d.gap or 0) < -1 else "inherit"
            rows.append("<tr>" + "".join(f"<td style='padding:3px 10px'>{esc(c)}</td>" for c in cells[:3])
                        + f"<td style='padding:3px 10px;color:{colour}'><b>{esc(cells[3])}</b></td>"
                        + "".join(f"<td style='padding:3px 10px'>{esc(c)}</td>" for c in cells[4:]) + "</tr>")
        table = ("<table><tr>" + "".join(f"<th align='left' style='padding:3px 10px'>{esc(h)}</th>" for h in head)
                 + "</tr>" + "".join(rows) + "</table>")
        summary = (f"<p><b>{esc(i18n.tr('servqual.weighted'))}:</b> {fmt(result.weighted_gap)}"
                   + (f" ({esc(i18n.tr('servqual.since_last'))} {fmt(change.get('weighted'))})"
                      if change.get("weighted") is not None else "")
                   + f"<br><b>{esc(i18n.tr('servqual.perception_avg'))}:</b> {num(result.perception_average)}</p>"
                   + f"<p style='color:gray'>{esc(i18n.tr('servqual.gap_help'))}</p>")
        groups = []
        for choice in sq.COMMENT_KINDS:
            items = result.comments.get(choice.key) or []
            body = "".join(f"<li>{esc(t)}</li>" for t in items) or f"<li>{esc(i18n.tr('servqual.none'))}</li>"
            groups.append(f"<h4>{esc(choice.label.get())} ({len(items)})</h4><ul>{body}</ul>")
        self.results.setHtml(table + summary + f"<h3>{esc(i18n.tr('servqual.comments'))}</h3>" + "".join(groups))


register_widget("servqual_responses", ServqualResponses)
