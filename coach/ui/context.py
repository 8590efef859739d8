"""What a page or panel may use from the app, passed in through constructors."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow


@dataclass
class AppContext:
    data_dir: Path
    window: "MainWindow | None" = None

    # Navigation helpers (set by the main window) --------------------------------
    def open_entry(self, tool: str, uuid: str) -> None:
        if self.window is not None:
            self.window.open_entry(tool, uuid)

    def start_tool(self, tool: str, prefill: dict | None = None, follows: str | None = None,
                   prompt: str | None = None) -> None:
        """Open a new entry of ``tool``, optionally prefilled / linked / with a prompt."""
        if self.window is not None:
            self.window.start_tool(tool, prefill=prefill, follows=follows, prompt=prompt)

    def refresh_home(self) -> None:
        if self.window is not None:
            self.window.home.refresh_if_shown()

    def data_changed(self) -> None:
        """Tell every page that entries changed (after an import, restore, trash…)."""
        if self.window is not None:
            self.window.data_changed()

    on_quit: list[Callable[[], None]] | None = None
