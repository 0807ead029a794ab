"""Starting the editor: the application object, language, settings, and the main window."""

from __future__ import annotations

import atexit
import contextlib
import gc
import importlib
import importlib.util
import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, Qt, QThreadPool, QTranslator, Signal
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from studio import __version__
from studio.io.templates import TemplateLibrary
from studio.model.errors import StudioError
from studio.resources import assets_dir, user_dir
from studio.ui.main_window import MainWindow
from studio.ui.settings import Settings

TRANSLATIONS = Path(__file__).resolve().parent / "i18n"


def install_translators(app: QApplication, language: str) -> str:
    """Load Studio's and Qt's own translations for ``language`` (``system``, ``en`` or ``fr``).

    Returns the language code in use.
    """
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.deleteLater()
    code = QLocale.system().name().split("_")[0] if language == "system" else language
    code = code if code in ("en", "fr") else "en"
    if code != "en":
        ours = QTranslator(app)
        if ours.load(str(TRANSLATIONS / f"studio_{code}.qm")):
            app.installTranslator(ours)
        qt = QTranslator(app)
        if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
    QLocale.setDefault(QLocale(code))
    return code


def wait_for_workers(msecs: int = 10_000) -> None:
    """Let every background job (previews, checks, thumbnails, exports) finish.

    Python must not shut down while a worker thread still runs Python code: the thread would be
    torn down under Qt's feet and the process would abort instead of exiting.
    """
    pools = [obj for obj in gc.get_objects() if isinstance(obj, QThreadPool)]
    pools.append(QThreadPool.globalInstance())
    for pool in pools:
        try:
            pool.clear()
            pool.waitForDone(msecs)
        except RuntimeError:  # already deleted on the C++ side
            continue


def _release_clipboard() -> None:
    """Hand back what Studio put on the clipboard before Qt goes away.

    The clipboard owns the data of a copy; left there, it would be deleted twice at exit.
    """
    clipboard = QApplication.clipboard()
    if clipboard is None:
        return
    mime = clipboard.mimeData()
    ours = mime is not None and mime.hasFormat("application/x-studio-layers")
    if ours or clipboard.ownsClipboard():
        clipboard.clear()


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.aboutToQuit.connect(wait_for_workers)
    app.aboutToQuit.connect(_release_clipboard)
    atexit.register(wait_for_workers)
    app.setApplicationName("Studio")
    app.setOrganizationName("Studio")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("studio")
    icon = assets_dir() / "icons" / "studio.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def build_window(settings: Settings | None = None) -> MainWindow:
    """The main window with every part of the editor installed."""
    settings = settings or Settings()
    library = TemplateLibrary.default()
    if settings.template_folders:
        library = TemplateLibrary([*library.folders, *settings.template_folders])
    window = MainWindow(settings, library)
    for name in _PARTS:
        module = importlib.import_module(f"studio.ui.{name}")
        module.install(window)
    return window


_PARTS: tuple[str, ...] = tuple(
    name
    for name in ("canvas", "panels", "files", "clipart", "preview")
    if importlib.util.find_spec(f"studio.ui.{name}") is not None
)
"""The editor's parts, installed in this order (each module has ``install(window)``)."""


class _ErrorReporter(QObject):
    """Carries an error's sentence to the GUI thread, to be shown from the top of the event loop.

    The hook may run in a worker thread, or inside a Qt virtual such as ``paint()``: showing a
    dialog there (a nested event loop inside a paint) is what brings the process down.
    """

    report = Signal(str)


def install_error_handler(window: MainWindow) -> None:
    """Show an unexpected error as one sentence, and keep its details in the user's log file.

    A bug must not take the user's work with it: the editor stays open, the recovery copy is
    brought up to date, and the details go to ``<user folder>/logs/studio.log`` for a bug report.
    Errors raised in the GUI thread (Qt virtuals included) and in worker threads are handled
    alike; each sentence is shown once, later repeats are only logged.
    """
    log_dir = user_dir() / "logs"
    reporter = _ErrorReporter(window)
    shown: set[str] = set()

    def show(message: str) -> None:
        files = getattr(window, "files", None)
        if files is not None:
            files.autosaver.start_copy()
        window.show_error(message)

    reporter.report.connect(show, Qt.ConnectionType.QueuedConnection)

    def handle(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            with open(log_dir / "studio.log", "a", encoding="utf-8") as log:
                log.write(f"--- {datetime.now().isoformat(timespec='seconds')} Studio {__version__}\n")
                log.write("".join(traceback.format_exception(kind, error, tb)))
        except OSError:
            pass
        if isinstance(error, StudioError):
            message = str(error)
        else:
            message = QCoreApplication.translate(
                "MainWindow", "Something went wrong ({error}). Your work is safe; details are in {log}."
            ).format(error=f"{kind.__name__}: {str(error)[:300]}", log=log_dir / "studio.log")
        if message in shown:
            return
        shown.add(message)
        with contextlib.suppress(RuntimeError):  # the window is gone
            reporter.report.emit(message)

    def handle_thread(args: threading.ExceptHookArgs) -> None:
        handle(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    sys.excepthook = handle
    threading.excepthook = handle_thread


def main(project: str | None = None) -> int:
    """Run the editor, optionally opening ``project``."""
    app = create_application()
    settings = Settings()
    install_translators(app, settings.language)
    window = build_window(settings)
    install_error_handler(window)
    geometry = settings.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)  # type: ignore[arg-type]
    window.show()
    if project:
        opener = getattr(window, "open_path", None)
        if opener is not None:
            opener(Path(project))
    return app.exec()
