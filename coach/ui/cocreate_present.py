"""Presentation mode for the co-creation board: full screen, large type,
high contrast, keyboard only (←/→ or PgUp/PgDn change steps, Esc leaves)."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from .. import i18n
from ..tools.cocreate import STEPS, summary_lines

STYLE = """
QWidget#presentation { background: #000000; }
QLabel { color: #ffffff; }
QLabel#presentTitle { color: #ffd84d; }
QLabel#presentHint { color: #bbbbbb; }
QScrollArea { background: #000000; border: none; }
"""


class PresentationWindow(QWidget):
    closed = Signal()

    def __init__(self, page):
        super().__init__(None, Qt.Window)
        self.page = page
        self.setObjectName("presentation")
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.setStyleSheet(STYLE)
        self.setAutoFillBackground(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(60, 40, 60, 30)
        self.title = QLabel(self)
        self.title.setObjectName("presentTitle")
        self.title.setWordWrap(True)
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.RichText)
        self.body.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        holder = QWidget(scroll)
        holder.setStyleSheet("background: #000000;")
        hl = QVBoxLayout(holder)
        hl.addWidget(self.body)
        hl.addStretch(1)
        scroll.setWidget(holder)
        self.hint = QLabel(self)
        self.hint.setObjectName("presentHint")
        lay.addWidget(self.title)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.hint)
        big = QFont(self.font())
        big.setPointSizeF(max(big.pointSizeF(), 10) * 2.6)
        big.setBold(True)
        self.title.setFont(big)
        body = QFont(self.font())
        body.setPointSizeF(max(body.pointSizeF(), 10) * 2.0)
        self.body.setFont(body)
        self.setFocusPolicy(Qt.StrongFocus)

    def keyPressEvent(self, event):
        key = event.key()
        if key in (Qt.Key_Right, Qt.Key_PageDown, Qt.Key_Space, Qt.Key_Down):
            self.page.go_relative(1)
        elif key in (Qt.Key_Left, Qt.Key_PageUp, Qt.Key_Backspace, Qt.Key_Up):
            self.page.go_relative(-1)
        elif key in (Qt.Key_Escape, Qt.Key_F5):
            self.close()
        else:
            super().keyPressEvent(event)

    def refresh(self):
        b = self.page.board
        step = b.step
        self.title.setText(html.escape(b.question) if b.question else i18n.tr("cocreate.no_question"))
        esc = html.escape
        if step == "setup":
            people = i18n.join(b.participants) or "—"
            body = f"<p>{esc(i18n.tr('cocreate.participants'))}: {esc(people)}</p>"
        elif step == "ideas":
            body = "".join(f"<p>▪ {esc(c.text)}</p>" for c in b.cards.values()) or "—"
        elif step in ("clusters", "themes"):
            parts = []
            for n, g in enumerate(b.groups, start=1):
                title = g.title or i18n.tr("cocreate.theme_n", n=n)
                cards = i18n.join(b.cards[c].text for c in g.cards)
                parts.append(f"<p><b>{n}. {esc(title)}</b><br>"
                             f"<span style='font-size:70%'>{esc(cards)}</span></p>")
            body = "".join(parts) or esc(i18n.tr("cocreate.no_themes_yet"))
        elif step == "votes":
            parts = []
            for rank, (g, votes) in enumerate(b.ranking(), start=1):
                bar = "●" * votes
                n = b.groups.index(g) + 1
                parts.append(f"<p>{rank}. {esc(g.title or i18n.tr('cocreate.theme_n', n=n))} "
                             f"<span style='color:#ffd84d'>{bar}</span> {votes}</p>")
            body = "".join(parts) or "—"
        elif step == "actions":
            parts = []
            for a in b.actions:
                who = f" — {esc(a.owner)}" if a.owner else ""
                due = f" ({esc(a.due)})" if a.due else ""
                parts.append(f"<p>▶ {esc(a.what or '—')}{who}{due}</p>")
            body = "".join(parts) or "—"
        else:
            parts = []
            for heading, lines in summary_lines(b.to_dict()):
                parts.append(f"<p><b>{esc(heading)}</b></p>")
                parts += [f"<p style='font-size:75%'>• {esc(line)}</p>" for line in lines]
            body = "".join(parts)
        step_name = i18n.tr(f"cocreate.step_{step}")
        self.body.setText(f"<p style='color:#7fd3ff'>{esc(step_name)}</p>{body}")
        self.hint.setText(i18n.tr("cocreate.present_keys", n=STEPS.index(step) + 1, total=len(STEPS)))

    def closeEvent(self, event):
        self.closed.emit()
        super().closeEvent(event)
