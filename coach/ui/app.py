"""Starting the GUI: QApplication, bundled fonts, the store, the main window."""
from __future__ import annotations

import logging
import os
import sys

from .. import __version__, i18n, paths

log = logging.getLogger(__name__)


def style_sheet() -> str:
    """The application style sheet; font sizes are relative to the application font
    (designed at 12 px), so they follow the system font size."""
    from .theme import font_size

    return _STYLE.format(**{f"s{px}": font_size(px / 12) for px in (14, 16, 18, 20)})


_STYLE = """
#sidebar {{ border: none; font-size: {s14}; padding-top: 8px; }}
#sidebar::item {{ padding: 6px 14px; }}
#pageHeading {{ font-size: {s20}; font-weight: 600; }}
#fieldHelp, #sectionHelp {{ color: palette(placeholder-text); }}
#fieldError {{ color: #c0392b; font-weight: 600; }}
#contextCard {{ background: palette(alternate-base); border: 1px solid palette(mid);
               border-radius: 6px; padding: 8px; }}
#stepButton {{ padding: 5px 12px; }}
#stepButton:checked {{ font-weight: 600; }}
#tkCard {{ background: palette(alternate-base); border: 1px solid palette(mid);
          border-radius: 6px; }}
#tkChoice {{ background: palette(base); border: 1px solid palette(mid); border-radius: 8px; }}
#tkChoice:hover {{ border-color: palette(highlight); }}
#tkChoice[chosen="true"] {{ border: 2px solid palette(highlight); background: palette(alternate-base); }}
#tkChoiceLetter {{ font-size: {s18}; font-weight: 700; color: palette(highlight); min-width: 28px; }}
#tkChoiceText {{ font-size: {s16}; }}
#promptBanner {{ background: palette(alternate-base); border-left: 4px solid palette(highlight);
                padding: 6px 10px; }}
"""

_FONT_FAMILY: str | None = None

# Reverse-DNS id of the app: the .desktop file, the AppStream metadata and the
# macOS bundle identifier use it too (packaging/).
APP_ID = "io.github.coachjournal.Coach"


def load_fonts() -> str | None:
    """Register the bundled CJK font so Chinese never renders as boxes."""
    global _FONT_FAMILY
    from PySide6.QtGui import QFontDatabase

    font_file = paths.resource("fonts", "NotoSansSC-Coach.otf")
    if font_file.exists():
        fid = QFontDatabase.addApplicationFont(str(font_file))
        families = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
        if families:
            _FONT_FAMILY = families[0]
    return _FONT_FAMILY


def load_image_plugins() -> None:
    """Load Qt's image format plugins now, on the main thread (about 6 ms).

    Otherwise the first PDF with a chart, written on a worker thread, loads
    them there: the plugin is moved to the main thread under a Qt lock while
    the worker holds Python's GIL, and a main thread that holds that lock and
    waits for the GIL (any Qt call into Python) never gets it: the app froze
    for good during an export, now and then (seen in the test suite)."""
    from PySide6.QtGui import QImageReader, QImageWriter

    QImageWriter.supportedImageFormats()
    QImageReader.supportedImageFormats()


def cjk_family() -> str | None:
    """The family name of the bundled CJK font, once it is registered."""
    return _FONT_FAMILY


def app_icon():
    """The app icon, drawn from its SVG source at any size."""
    from PySide6.QtGui import QIcon

    return QIcon(str(paths.resource("icons", "coach.svg")))


def make_application(argv: list[str] | None = None):
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName("Coach")
    app.setOrganizationName("coach")
    app.setApplicationVersion(__version__)
    # Matches packaging/linux/<APP_ID>.desktop, so Wayland docks show our icon.
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    family = load_fonts()
    if family:
        from PySide6.QtGui import QFontInfo

        base = app.font()
        font = QFont(base)
        # The system's font first (by the family it really resolves to: a generic
        # name such as "Sans Serif" is not matched inside a list of families, and
        # then even English would be set in the CJK font, whose quotes are
        # full-width), and the bundled CJK font for what it lacks.
        font.setFamilies([QFontInfo(base).family(), family])
        app.setFont(font)
    app.setStyleSheet(style_sheet())
    load_image_plugins()
    from . import theme

    theme.install_focus_ring(app)
    return app


def choose_language(stored: str | None) -> str:
    return stored if stored in i18n.LANGUAGES else i18n.system_language()


def show_store_error(exc) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(None, i18n.tr("app.name"), i18n.tr(exc.message_key, **exc.args_))


def run_gui(args, rest: list[str]) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") \
            and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = paths.data_dir(args.data_dir)
    paths.setup_logging(folder)
    install_excepthook()
    app = make_application([sys.argv[0], *rest])
    from ..store import backups, close_database, settings
    from .startup import InstanceServer, acquire_lock, open_or_recover

    i18n.set_language(args.lang or i18n.system_language())
    lock = acquire_lock(folder)  # one writer per data folder
    if lock is None:
        return 0
    server = InstanceServer(folder)
    try:
        from .lock import ask_passphrase_at_start

        if not ask_passphrase_at_start(paths.db_path(folder)):
            return 0  # cancelled: nothing was opened or changed
        database = open_or_recover(folder)
        if database is None:
            return 2
        backups.auto_backup(database, folder)  # at most one a day; never fatal
        i18n.set_language(args.lang or choose_language(settings.get("language")))
        from . import theme

        theme.apply(settings.get(theme.SETTING))
        from .main_window import MainWindow

        window = MainWindow(folder, figures_after_paint=True)
        server.window = window
        window.show()
        if os.environ.get("COACH_EXIT_AFTER_SHOW"):
            install_first_paint_probe(app, window, int(os.environ["COACH_EXIT_AFTER_SHOW"]),
                                      os.environ.get("COACH_SHOW_GRAB"))
        try:
            return app.exec()
        finally:
            backups.auto_backup(database, folder, refresh=True)  # today's backup, fresh
            close_database(database)
    finally:
        server.close()
        lock.release()


def install_first_paint_probe(app, window, delay_ms: int, grab_path: str | None = None):
    """For smoke tests and benchmarks (``COACH_EXIT_AFTER_SHOW=ms``).

    On the first paint of the main window: say so on stderr, save a
    screenshot when ``grab_path`` is given (``COACH_SHOW_GRAB``), and close
    the window ``delay_ms`` milliseconds later.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaintProbe(QObject):
        seen = False

        def eventFilter(self, obj, event):
            if (not self.seen and event.type() == QEvent.Paint
                    and callable(getattr(obj, "window", None)) and obj.window() is window):
                self.seen = True
                print(f"coach: main window painted {window.width()}x{window.height()}",
                      file=sys.stderr, flush=True)
                QTimer.singleShot(0, self.after_paint)
            return False

        def after_paint(self):
            if grab_path:
                window.grab().save(grab_path)
            QTimer.singleShot(delay_ms, window.close)

    probe = FirstPaintProbe(window)
    app.installEventFilter(probe)
    return probe


def install_excepthook() -> None:
    def hook(exc_type, exc, tb):
        logging.getLogger("coach").error("unhandled error", exc_info=(exc_type, exc, tb))
        sys.__excepthook__(exc_type, exc, tb)

    sys.excepthook = hook
