"""The Clipart panel: listing, searching in both languages, categories, adding and dragging."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from studio.export.document import open_document  # noqa: F401 - loads the export stack like the app does
from studio.io.project import load_project
from studio.io.templates import TemplateLibrary
from studio.model.design import VectorLayer
from studio.ui import clipart
from studio.ui._clipart_index import fold, load_library
from studio.ui.clipart import ClipartBrowser, ClipartPanel, render_thumbnail
from studio.ui.main_window import MainWindow
from studio.ui.session import EditorSession

ROOT = Path(__file__).resolve().parents[2]
INDEX = ROOT / "assets" / "clipart" / "index.toml"


@pytest.fixture
def make_window(qtbot, settings) -> Iterator[Callable[[], MainWindow]]:
    """Main windows with the Clipart part alone installed (the other parts are tested on their own)."""
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(settings, TemplateLibrary.default())
        clipart.install(window)
        windows.append(window)  # closed here, after the session is marked clean (not by qtbot before that)
        return window

    yield make
    for window in windows:
        if window.session is not None:
            window.session.stack.set_clean()
        window.close()
        window.deleteLater()
    QApplication.processEvents()


def session_for(example: str) -> EditorSession:
    project = load_project(ROOT / "examples" / example / "design.json", TemplateLibrary.default())
    return EditorSession(project)


def index_entries() -> list[dict]:
    with INDEX.open("rb") as f:
        return tomllib.load(f)["clipart"]


def browser_of(window) -> ClipartBrowser:
    browser = window.findChild(ClipartBrowser, "clipart.browser")
    assert browser is not None
    return browser


def shown_files(panel: ClipartPanel) -> set[str]:
    return {item.path.relative_to(ROOT / "assets" / "clipart").as_posix() for item in panel.model.items()}


def test_search_ignores_case_and_accents() -> None:
    assert fold("Cœur ÉTOILÉ") == "coeur etoile"
    library = load_library()
    assert {i.path.stem for i in library.search("etoile")} == {i.path.stem for i in library.search("Étoile")}
    assert library.search("papillon") and all(i.category == "nature" for i in library.search("papillon"))


def test_the_dock_lists_every_piece(make_window) -> None:
    window = make_window()
    browser = browser_of(window)
    assert window.docks["clipart"] is browser.dock
    assert browser.dock.windowTitle() == "Clipart"
    assert shown_files(browser.panel) == {e["file"] for e in index_entries()}
    view = browser.panel.view
    assert view.model().rowCount() == len(index_entries())
    assert view.viewMode() == view.ViewMode.IconMode
    first = view.model().index(0, 0)
    assert view.model().data(first, Qt.ItemDataRole.ToolTipRole) == index_entries()[0]["name"]["en"]
    assert browser.panel.search.accessibleName() and view.accessibleName()


def test_typing_heart_or_coeur_filters_to_hearts(make_window, qtbot) -> None:
    window = make_window()
    panel = browser_of(window).panel
    hearts = {e["file"] for e in index_entries() if e["category"] == "hearts"}
    for query in ("heart", "coeur", "Cœur"):
        panel.search.clear()
        if query.isascii():
            qtbot.keyClicks(panel.search, query)  # typed, as a user would
        else:
            panel.search.setText(query)  # QTest cannot type characters beyond ASCII
        shown = shown_files(panel)
        assert hearts <= shown, query
        assert len(shown) < len(index_entries())
        for item in panel.model.items():
            words = [*item.names.values(), *item.keywords["en"], *item.keywords["fr"], item.path.stem]
            assert any(fold(query) in fold(w) for w in words), item.path
    panel.search.setText("no such clipart at all")
    assert panel.model.rowCount() == 0 and panel.empty.isVisibleTo(panel)


def test_choosing_a_category_filters(make_window) -> None:
    window = make_window()
    panel = browser_of(window).panel
    animals = {e["file"] for e in index_entries() if e["category"] == "animals"}
    panel.set_category("animals")
    assert panel.category.currentData() == "animals"
    assert shown_files(panel) == animals
    panel.search.setText("forest")  # search and category together
    assert shown_files(panel) and shown_files(panel) < animals
    panel.search.clear()
    panel.set_category(None)
    assert len(shown_files(panel)) == len(index_entries())


def test_double_click_adds_a_vector_layer_and_undo_removes_it(make_window, qtbot) -> None:
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    session = session_for("jar-name")
    window.open_session(session)
    browser = browser_of(window)
    assert window.action_registry["insert.clipart"].isEnabled()
    window.action_registry["insert.clipart"].trigger()
    assert browser.dock.isVisible()
    panel = browser.panel
    panel.search.setText("two hearts")
    assert panel.model.rowCount() == 1
    before = session.layers()
    view = panel.view
    index = view.model().index(0, 0)
    view.scrollTo(index)
    qtbot.waitUntil(lambda: view.visualRect(index).isValid() and view.isVisible())
    rect = view.visualRect(index)
    # A real double-click is a click followed by a double-click event; QTest sends only the latter.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    after = session.layers()
    assert len(after) == len(before) + 1
    added = after[-1]
    assert isinstance(added, VectorLayer)
    assert added.asset.endswith(".svg")
    assert session.project.assets.kind(added.asset) == "svg"
    assert session.selection == [added.id]
    session.undo()
    assert [layer.id for layer in session.layers()] == [layer.id for layer in before]


def test_a_single_click_adds_the_drawing(make_window, qtbot) -> None:
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    session = session_for("jar-name")
    window.open_session(session)
    window.action_registry["insert.clipart"].trigger()
    panel = browser_of(window).panel
    panel.search.setText("two hearts")
    view = panel.view
    index = view.model().index(0, 0)
    qtbot.waitUntil(lambda: view.visualRect(index).isValid() and view.isVisible())
    count = len(session.layers())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert len(session.layers()) == count + 1
    assert isinstance(session.layers()[-1], VectorLayer)


def test_enter_in_the_search_adds_the_first_match(make_window) -> None:
    window = make_window()
    session = session_for("jar-name")
    window.open_session(session)
    panel = browser_of(window).panel
    count = len(session.layers())
    panel.search.setText("sunflower")
    panel.search.returnPressed.emit()
    assert len(session.layers()) == count + 1


def test_dragging_carries_the_file_as_a_uri_list(make_window) -> None:
    window = make_window()
    panel = browser_of(window).panel
    panel.search.setText("paw")
    model = panel.model
    index = model.index(0, 0)
    assert model.flags(index) & Qt.ItemFlag.ItemIsDragEnabled
    mime = model.mimeData([index])
    assert mime.hasFormat("text/uri-list")
    paths = [Path(url.toLocalFile()) for url in mime.urls()]
    assert paths == [model.item(0).path] and paths[0].is_file()


def test_thumbnails_are_rendered_off_the_gui_thread(make_window, qtbot) -> None:
    window = make_window()
    panel = browser_of(window).panel
    model = panel.model
    item = model.item(0)
    model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole)  # asks for it
    qtbot.waitUntil(lambda: panel.thumbnails.pixmap(item.path) is not None, timeout=10000)
    pixmap = panel.thumbnails.pixmap(item.path)
    assert pixmap is not None and not pixmap.isNull()
    image = render_thumbnail(item.path, 48)
    assert image.width() == image.height() == 48
    assert image.pixelColor(24, 24).alpha() > 0


def test_without_a_project_clipart_cannot_be_inserted(make_window) -> None:
    window = make_window()
    assert not window.action_registry["insert.clipart"].isEnabled()
    assert not browser_of(window).dock.isVisible()
