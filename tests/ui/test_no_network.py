"""Coach opens no network connection: a full run of the UI creates no socket."""
from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from coach import i18n
from coach.store import entries as store
from tests.ui.conftest import type_text


def inet_socket_inodes() -> set[str]:
    """Inodes of this process's open TCP/UDP sockets (Linux /proc), C++ ones included."""
    net = set()
    for name in ("tcp", "tcp6", "udp", "udp6"):
        table = Path("/proc/net") / name
        if table.exists():
            for line in table.read_text().splitlines()[1:]:
                net.add(line.split()[9])
    mine = set()
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            mine.add(target[8:-1])
    return mine & net


@pytest.fixture
def no_sockets(monkeypatch):
    made = []

    class Refused(socket.socket):
        def __init__(self, *args, **kwargs):
            made.append(args)
            raise AssertionError(f"a socket was created: {args}")

    def refuse(*args, **kwargs):
        made.append(args)
        raise AssertionError(f"a network call was made: {args}")

    monkeypatch.setattr(socket, "socket", Refused)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "socketpair", refuse)
    return made


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc")
def test_a_full_ui_run_creates_no_socket(qtbot, no_sockets, data_dir, db):
    from coach.ui.app import make_application
    from coach.ui.main_window import MainWindow

    before = inet_socket_inodes()
    make_application()
    window = MainWindow(data_dir)
    qtbot.addWidget(window)
    window.show()
    for lang in ("zh_CN", "en"):
        i18n.set_language(lang)
        for row in range(window.nav.count()):  # every page, both languages
            window.nav.setCurrentRow(row)
            qtbot.wait(5)
    for key, page in window.tool_pages.items():  # every tool: start, type, save
        window.start_tool(key)
        if hasattr(page, "form"):
            page.form.example_button.setChecked(True)
            first = next(iter(page.form.widgets.values()))
            target = getattr(first, "edit", None)
            if target is not None:
                type_text(qtbot, target, "会议 meeting ✓")
            page.save_and_complete()
        page.flush()
    window.show_page(window.settings_page)
    for panel in window.settings_page.panels:
        button = getattr(panel, "backup_button", None)
        if button is not None:
            qtbot.mouseClick(button, Qt.LeftButton)
    window.show_page(window.home)
    window.home.refresh()
    window.flush_all()
    assert store.count() >= 1
    assert no_sockets == []
    assert inet_socket_inodes() - before == set()
    window.close()
