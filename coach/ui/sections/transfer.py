"""File menu: Export…, Export selected… (Journal), Import…, and the homework actions."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from ... import i18n

ORDER = 900


def _action(ctx, key: str, slot, shortcut: str | None = None, name: str = "") -> QAction:
    act = QAction(ctx.window)
    act.setObjectName(name or f"action_{key.replace('.', '_')}")
    if shortcut:
        act.setShortcut(QKeySequence(shortcut))
    act.triggered.connect(lambda _checked=False: slot())
    act.retranslate = lambda: act.setText(i18n.tr(key))
    act.retranslate()
    return act


def open_export(ctx, uuids: list[str] | None = None):
    from ..transfer_dialogs import ExportDialog

    dialog = ExportDialog(ctx, ctx.window, uuids=uuids)
    ctx.window._coach_export_dialog = dialog
    dialog.open()
    return dialog


def open_import(ctx):
    from ..transfer_dialogs import start_import

    start_import(ctx, ctx.window)


def _homework_page(ctx):
    return ctx.window.page("homework") if ctx.window is not None else None


def create_actions(ctx) -> list[QAction]:
    actions = [
        _action(ctx, "transfer.menu.export", lambda: open_export(ctx), "Ctrl+E", "exportAction"),
        _action(ctx, "transfer.menu.import", lambda: open_import(ctx), "Ctrl+Shift+I",
                "importAction"),
        _action(ctx, "transfer.menu.homework_open",
                lambda: _homework_page(ctx).open_pack_dialog(), None, "homeworkOpenAction"),
        _action(ctx, "transfer.menu.homework_new",
                lambda: _homework_page(ctx).new_pack_dialog(), None, "homeworkNewAction"),
        _action(ctx, "transfer.menu.homework_handin",
                lambda: _homework_page(ctx).handin_dialog(), None, "homeworkHandinAction"),
    ]
    # "Export selected…" on the Journal: its context menu and Ctrl+Shift+E while it is shown
    journal = ctx.window.page("journal") if ctx.window is not None else None
    if journal is not None:
        selected = _action(ctx, "transfer.menu.export_selected",
                           lambda: open_export(ctx, journal.selected_uuids()), "Ctrl+Shift+E",
                           "exportSelectedAction")
        selected.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        journal.addAction(selected)
        table = getattr(getattr(journal, "entries", None), "table", None)
        if table is not None and table.contextMenuPolicy() == Qt.DefaultContextMenu:
            table.setContextMenuPolicy(Qt.ActionsContextMenu)
            table.addAction(selected)
        journal._coach_export_action = selected
        actions.insert(1, selected)
    return actions
