"""The editor's panels: Layers, Properties, Product, Preflight and History.

:func:`install` adds them to the main window as docks: Layers on the left, Properties and Product
tabbed on the right, Preflight and History tabbed at the bottom. Every panel follows
:attr:`MainWindow.session <studio.ui.main_window.MainWindow.session>` and edits only through
commands.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from studio.ui.actions import QT_TRANSLATE_NOOP
from studio.ui.main_window import MainWindow
from studio.ui.panels._session import SessionPanel
from studio.ui.panels.color_button import RecentColors
from studio.ui.panels.history import HistoryPanel
from studio.ui.panels.layers import LayersPanel
from studio.ui.panels.preflight_panel import PreflightPanel
from studio.ui.panels.product import ProductPanel
from studio.ui.panels.properties import PropertiesPanel

__all__ = ["HistoryPanel", "LayersPanel", "PreflightPanel", "ProductPanel", "PropertiesPanel", "install"]

_RECENT_KEY = "colors/recent"


def install(window: MainWindow) -> None:
    """Add the panels to ``window`` and make them follow its session."""
    left = Qt.DockWidgetArea.LeftDockWidgetArea
    right = Qt.DockWidgetArea.RightDockWidgetArea
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    layers = LayersPanel()
    properties = PropertiesPanel(units=lambda: window.settings.units, show_error=window.show_error)
    product = ProductPanel()
    preflight = PreflightPanel()
    history = HistoryPanel()
    # The window translates dock titles in the "Panels" context, now and on every language change.
    docks: tuple[tuple[str, str, SessionPanel, Qt.DockWidgetArea, str | None], ...] = (
        ("layers", QT_TRANSLATE_NOOP("Panels", "Layers"), layers, left, None),
        ("properties", QT_TRANSLATE_NOOP("Panels", "Properties"), properties, right, None),
        ("product", QT_TRANSLATE_NOOP("Panels", "Product"), product, right, "properties"),
        ("preflight", QT_TRANSLATE_NOOP("Panels", "Preflight"), preflight, bottom, None),
        ("history", QT_TRANSLATE_NOOP("Panels", "History"), history, bottom, "preflight"),
    )
    for dock_id, title, panel, area, tabify_with in docks:
        window.add_dock(dock_id, None, panel, area, tabify_with=tabify_with, title_source=("Panels", title))
    window.docks["properties"].raise_()
    window.docks["preflight"].raise_()
    window.resizeDocks([window.docks["layers"], window.docks["properties"]], [260, 340], Qt.Orientation.Horizontal)
    window.resizeDocks([window.docks["preflight"]], [170], Qt.Orientation.Vertical)
    panels: list[SessionPanel] = [layers, properties, product, preflight, history]

    recent = RecentColors.shared()
    stored = window.settings.value(_RECENT_KEY, [])
    recent.set_colors([stored] if isinstance(stored, str) else list(stored or []))  # type: ignore[call-overload]
    recent.changed.connect(lambda: window.settings.set_value(_RECENT_KEY, recent.hexes()))

    first = [True]

    def follow(session: object) -> None:
        for panel in panels:
            panel.set_session(session)  # type: ignore[arg-type]
        if session is not None and first[0]:
            # Showing the docks raises the last tab of each group; start on the main ones.
            first[0] = False
            window.docks["properties"].raise_()
            window.docks["preflight"].raise_()

    window.session_changed.connect(follow)
