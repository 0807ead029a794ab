"""The canvas: the print area being designed, its layers, handles, guides, rulers and area strip.

``install(window)`` puts the canvas in the window's editor page and binds the edit, insert,
arrange and view actions it implements. The modules:

``view``        zoom, pan, pointer and keys (:class:`CanvasView`)
``page``        the scene of one print area, kept in step with the model
``items``       the page, layer items and print guides
``handles``     the selection overlay and its handles
``gestures``    move, resize, rotate, rubber band, pan
``snapping``    where a moving box snaps, and the smart guides (no Qt)
``rulers``      the rulers
``text_edit``   editing a text layer in place
``clipboard``   copy and paste of layers across areas and projects
``commands``    group, ungroup, align, distribute and multi-layer transforms
``area_strip``  the print-area thumbnails
``editor``      the widget that holds them all
``controller``  the actions bound to the canvas
"""

from __future__ import annotations

from PySide6.QtGui import QPixmapCache

from studio.ui.main_window import MainWindow

from .controller import CanvasController
from .editor import CanvasEditor

__all__ = ["PIXMAP_CACHE_KB", "CanvasController", "CanvasEditor", "install"]

PIXMAP_CACHE_KB = 192 * 1024
"""Room for the layers' cached pixels (KB): a few full 4K viewports."""


def install(window: MainWindow) -> None:
    """Put the canvas in ``window`` and bind the actions it implements.

    Parameters
    ----------
    window
        The main window; the canvas follows its session.
    """
    # Layer items keep their pixels in QPixmapCache (device-coordinate caching): with Qt's 10 MB
    # default, a page of large photos no longer fits and every frame repaints every layer.
    QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), PIXMAP_CACHE_KB))
    editor = CanvasEditor(lambda: window.settings.units)
    window.set_editor(editor)
    controller = CanvasController(window, editor)
    editor.controller = controller  # the editor keeps its controller alive
    if window.session is not None:
        controller._on_session(window.session)
