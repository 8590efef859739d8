"""TK conflict log widgets: the live mode suggestion and the after-save match.

``tk_suggestion`` reads the stakes, relationship and time-pressure fields of
the same form (through ``attach``) and updates as they change. ``tk_match``
compares the saved entry's mode with the suggestion. Neither stores anything:
both are computed from the entry by :mod:`coach.tools.tk`.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from ... import i18n
from ...tools import tk
from ...tools.tk_instrument import mode_label
from ..fields import FieldWidget, register_widget

INPUTS = ("stakes", "relationship", "time_pressure")


def _modes_text(modes) -> str:
    return i18n.tr("tk.suggest.or").join(mode_label(m) for m in modes)


class _Card(FieldWidget):
    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        self.frame = QFrame(self)
        self.frame.setObjectName("tkCard")
        self.label = QLabel(self.frame)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.RichText)
        self.label.setObjectName(f"{field.key}_text")
        inner = QVBoxLayout(self.frame)
        inner.setContentsMargins(10, 8, 10, 8)
        inner.addWidget(self.label)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.frame)
        self.setFocusPolicy(Qt.NoFocus)
        self._data: dict = {}

    def value(self):
        return None  # computed, never stored

    def text(self) -> str:
        return self.label.text()


class SuggestionWidget(_Card):
    """Which modes fit the stakes and relationship being rated, and why."""

    def attach(self, form) -> None:
        self._form = form
        for key in INPUTS:
            w = form.widgets.get(key)
            if w is not None:
                w.changed.connect(self._from_form)

    def _from_form(self):
        form = getattr(self, "_form", None)
        if form is None:
            return
        self._data = {k: form.widgets[k].value() for k in INPUTS if k in form.widgets}
        self.refresh()

    def set_value(self, value, data=None):
        self._data = {k: (data or {}).get(k) for k in INPUTS}
        self.refresh()

    def suggestion(self):
        return tk.suggestion_for(self._data)

    def refresh(self):
        s = self.suggestion()
        if s is None:
            self.label.setText(html.escape(i18n.tr("tk.suggest.waiting")))
            return
        fits = html.escape(i18n.tr("tk.suggest.fits", modes=_modes_text(s.modes)))
        why = html.escape(i18n.tr("tk.suggest.why", why=s.text()))
        note = html.escape(i18n.tr("tk.suggest.note"))
        self.label.setText(f"<b>{fits}</b><br>{why}<br><i>{note}</i>")

    def retranslate(self):
        self.refresh()


class MatchWidget(_Card):
    """After saving: did the mode used match the suggestion?"""

    def set_value(self, value, data=None):
        self._data = dict(data or {})
        self.refresh()

    def saved(self, data: dict) -> None:
        self._data = dict(data)
        self.refresh()

    def refresh(self):
        used = self._data.get("mode_used")
        s = tk.suggestion_for(self._data)
        verdict = tk.matched(self._data)
        if used is None:
            text = html.escape(i18n.tr("tk.match.waiting"))
        elif s is None:
            text = html.escape(i18n.tr("tk.match.no_suggestion"))
        elif verdict:
            text = "<b>✓</b> " + html.escape(i18n.tr("tk.match.matched", used=mode_label(used)))
        else:
            text = "<b>≠</b> " + html.escape(i18n.tr(
                "tk.match.differed", used=mode_label(used), suggested=_modes_text(s.modes)))
        self.label.setText(text)

    def retranslate(self):
        self.refresh()


register_widget("tk_suggestion", SuggestionWidget)
register_widget("tk_match", MatchWidget)
