"""The start page: a gallery of products to personalise, and the projects opened lately.

The page only shows and reports choices (:attr:`StartPage.product_chosen`,
:attr:`StartPage.recent_chosen`, :attr:`StartPage.open_requested`); :mod:`studio.ui.files`
decides what they do.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import (
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTime,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFocusEvent,
    QFont,
    QIcon,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from studio.model.template import Template, localize
from studio.resources import assets_dir

CATEGORIES: tuple[str, ...] = ("jars", "bottles", "apparel", "shoes", "drinkware", "bags", "stickers", "other")
"""Gallery categories, in the order of the filter chips (after "All")."""

TemplateRole = Qt.ItemDataRole.UserRole + 1
CategoryRole = Qt.ItemDataRole.UserRole + 2
SearchRole = Qt.ItemDataRole.UserRole + 3
CategoryNameRole = Qt.ItemDataRole.UserRole + 4
PathRole = Qt.ItemDataRole.UserRole + 5
MissingRole = Qt.ItemDataRole.UserRole + 6
DetailRole = Qt.ItemDataRole.UserRole + 7

CARD = QSize(180, 232)
CARD_GAP = 16
SIDEBAR_MIN = 232
START_HINT_WIDTH = 720
"""The start page's preferred width: small, so that it never takes room from the editor's docks."""
SIDEBAR_MAX = 304
"""The recent projects column's width range (px)."""
THUMB_HEIGHT = 164
RECENT_ROW = 68
MAX_THUMBNAIL_BYTES = 8 * 2**20


def ui_language() -> str:
    """The language code the interface is in (``en`` or ``fr``), for the templates' own texts."""
    code = QLocale().name().split("_")[0]
    return code if code in ("en", "fr") else "en"


def icon_path(name: str) -> Path:
    """An icon bundled in ``assets/icons``."""
    return assets_dir() / "icons" / name


def project_thumbnail(path: Path) -> QImage | None:
    """The picture a ``.studio`` file carries (``thumbnail.png``), or None.

    The archive is read defensively: only that member, only if it is small, and any problem
    simply means no picture.
    """
    if path.suffix.lower() != ".studio":
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("thumbnail.png")
            if info.file_size > MAX_THUMBNAIL_BYTES:
                return None
            data = archive.read(info)
    except (OSError, KeyError, zipfile.BadZipFile, ValueError, RuntimeError, EOFError):
        return None
    image = QImage.fromData(data)
    return None if image.isNull() else image


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def page_background(palette: QPalette) -> QColor:
    """The start page's backdrop: a soft tint between the window and base colours."""
    base = palette.color(QPalette.ColorRole.Base)
    window = palette.color(QPalette.ColorRole.Window)
    return _mix(base, window, 0.55 if not _is_dark(palette) else 0.2)


def _fit(image: QImage, box: QSize, ratio: float) -> QPixmap:
    target = QSize(round(box.width() * ratio), round(box.height() * ratio))
    scaled = image.scaled(target, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    pixmap = QPixmap.fromImage(scaled)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


class _FlowLayout(QLayout):
    """Lays widgets out left to right and wraps them onto new lines (the category chips).

    Its minimum width is its widest widget's, so the chips never set the window's minimum width.
    """

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def sizeHint(self) -> QSize:
        """Every widget on one line."""
        shown = self._shown()
        width = sum(item.sizeHint().width() for item in shown) + self._gap * max(0, len(shown) - 1)
        height = max((item.sizeHint().height() for item in shown), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """The widest widget (the others wrap)."""
        size = QSize(0, 0)
        for item in self._shown():
            size = size.expandedTo(item.minimumSize().expandedTo(item.sizeHint()))
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._shown():
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line > 0:
                x = area.x()
                y += line + self._gap
                line = 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()


class _ClickList(QListView):
    """A list that reports a choice on a single click, Enter, Return or Space.

    A plain :class:`QListView` activates on single or double click depending on the platform's
    style; a gallery should behave the same everywhere.
    """

    chosen = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pressed = QPersistentModelIndex()
        self.setMouseTracking(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.viewport().setAutoFillBackground(False)
        self.setAutoFillBackground(False)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed = QPersistentModelIndex(self.indexAt(event.position().toPoint()))
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        super().mouseReleaseEvent(event)
        if (
            event.button() == Qt.MouseButton.LeftButton
            and index.isValid()
            and self._pressed == QPersistentModelIndex(index)
        ):
            self.chosen.emit(index)
        self._pressed = QPersistentModelIndex()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.currentIndex().isValid():
            self.chosen.emit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if not self.currentIndex().isValid() and self.model() is not None and self.model().rowCount():
            self.setCurrentIndex(self.model().index(0, 0))


class _Gallery(_ClickList):
    """The product grid: columns of cards that share the width evenly."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card_delegate = ProductCardDelegate(self)
        self.setItemDelegate(self.card_delegate)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setSpacing(0)
        self._fit_columns()

    def _fit_columns(self) -> None:
        # QListView lays the items out in the viewport less room for a vertical scroll bar, shown
        # or not: share that width, or a wide window shows a row short of a column and a gap.
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self.verticalScrollBar())
        width = max(1, self.maximumViewportSize().width() - bar)
        step = CARD.width() + CARD_GAP
        columns = max(1, width // step)
        # QListView wraps a row a little before the very edge: keep a few pixels spare.
        cell = QSize(max(step, (width - 4) // columns), CARD.height() + CARD_GAP)
        if cell != self.card_delegate.cell:
            self.card_delegate.cell = cell
            self.setGridSize(cell)
            self.doItemsLayout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()


class ProductCardDelegate(QStyledItemDelegate):
    """Draws a product as a card: its picture on a soft panel, its name and its category."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cache: dict[tuple[str, float, int, int], QPixmap] = {}
        self.cell = QSize(CARD.width() + CARD_GAP, CARD.height() + CARD_GAP)
        """The grid cell a card is drawn in (the card is inset by half the gap)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return self.cell

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        palette = option.palette
        rect: QRect = option.rect
        state = option.state
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        selected = bool(state & QStyle.StateFlag.State_Selected)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        dark = _is_dark(palette)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        inset = CARD_GAP / 2 + 0.5
        card = QRectF(rect).adjusted(inset, inset - 2, -inset, -inset - 2)
        # Soft shadow: a few widening translucent outlines under the card.
        lift = 3 if hovered else 1
        for i in range(4, 0, -1):
            shadow = QColor(0, 0, 0, (10 if hovered else 6) * (5 - i) // 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(shadow)
            painter.drawRoundedRect(card.adjusted(-i / 2, -i / 2 + lift, i / 2, i / 2 + lift), 14 + i / 2, 14 + i / 2)
        painter.setBrush(base)
        border = QColor(text)
        border.setAlpha(28 if not dark else 50)
        if selected or focused or hovered:
            border = QColor(highlight)
            if not (selected and focused):
                border.setAlpha(150)
        painter.setPen(border)
        painter.drawRoundedRect(card, 14, 14)

        # Picture panel.
        panel = QRectF(card.left() + 8, card.top() + 8, card.width() - 16, THUMB_HEIGHT - 8)
        tint = _mix(base, palette.color(QPalette.ColorRole.Window), 0.6 if not dark else 0.35)
        if hovered:
            tint = _mix(tint, highlight, 0.06)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(tint)
        painter.drawRoundedRect(panel, 10, 10)
        image = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(image, QImage) and not image.isNull():
            box = panel.adjusted(14, 12, -14, -12).toRect()
            ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
            key = (str(index.data(TemplateRole).id), ratio, box.width(), box.height())
            pixmap = self._cache.get(key)
            if pixmap is None:
                pixmap = _fit(image, box.size(), ratio)
                self._cache[key] = pixmap
            size = pixmap.deviceIndependentSize().toSize()
            x = box.left() + (box.width() - size.width()) // 2
            y = box.top() + (box.height() - size.height()) // 2
            painter.drawPixmap(QPoint(x, y), pixmap)

        # Name and category.
        font = QFont(option.font)
        font.setWeight(QFont.Weight.DemiBold)
        font.setPointSizeF(font.pointSizeF() * 1.05)
        painter.setFont(font)
        painter.setPen(text)
        text_rect = QRectF(card.left() + 14, panel.bottom() + 10, card.width() - 28, 22)
        name = painter.fontMetrics().elidedText(
            str(index.data(Qt.ItemDataRole.DisplayRole)), Qt.TextElideMode.ElideRight, round(text_rect.width())
        )
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        small = QFont(option.font)
        small.setPointSizeF(small.pointSizeF() * 0.9)
        painter.setFont(small)
        muted = QColor(text)
        muted.setAlpha(140)
        painter.setPen(muted)
        cat_rect = QRectF(text_rect.left(), text_rect.bottom() + 1, text_rect.width(), 18)
        painter.drawText(
            cat_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, str(index.data(CategoryNameRole))
        )
        painter.restore()


class RecentDelegate(QStyledItemDelegate):
    """A recent project: its picture, its name, its folder and when it was last changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cache: dict[tuple[str, float], QPixmap] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(260, RECENT_ROW)

    def forget(self) -> None:
        self._cache.clear()

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        palette = option.palette
        rect = QRectF(option.rect).adjusted(2, 2, -2, -2)
        state = option.state
        missing = bool(index.data(MissingRole))
        text = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if state & (QStyle.StateFlag.State_MouseOver | QStyle.StateFlag.State_Selected):
            fill = QColor(highlight)
            fill.setAlpha(40 if state & QStyle.StateFlag.State_Selected else 22)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 10, 10)
        if state & QStyle.StateFlag.State_HasFocus:
            ring = QColor(highlight)
            ring.setAlpha(160)
            painter.setPen(ring)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 10, 10)
        if missing:
            painter.setOpacity(0.45)

        thumb = QRectF(rect.left() + 8, rect.top() + 8, rect.height() - 16, rect.height() - 16)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_mix(palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Window), 0.7))
        painter.drawRoundedRect(thumb, 8, 8)
        image = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(image, QImage) and not image.isNull():
            ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
            key = (str(index.data(PathRole)), ratio)
            pixmap = self._cache.get(key)
            if pixmap is None:
                pixmap = _fit(image, thumb.adjusted(3, 3, -3, -3).toRect().size(), ratio)
                self._cache[key] = pixmap
            size = pixmap.deviceIndependentSize()
            painter.drawPixmap(
                QPoint(
                    round(thumb.center().x() - size.width() / 2),
                    round(thumb.center().y() - size.height() / 2),
                ),
                pixmap,
            )
        else:
            placeholder = QColor(text)
            placeholder.setAlpha(60)
            painter.setPen(placeholder)
            inner = thumb.adjusted(
                thumb.width() * 0.3, thumb.height() * 0.25, -thumb.width() * 0.3, -thumb.height() * 0.25
            )
            path = QPainterPath()
            path.addRoundedRect(inner, 3, 3)
            painter.drawPath(path)

        left = thumb.right() + 12
        width = round(rect.right() - left - 8)
        font = QFont(option.font)
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(text)
        fm = painter.fontMetrics()
        name = fm.elidedText(str(index.data(Qt.ItemDataRole.DisplayRole)), Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRectF(left, rect.top() + 10, width, 20), Qt.AlignmentFlag.AlignVCenter, name)
        small = QFont(option.font)
        small.setPointSizeF(small.pointSizeF() * 0.88)
        painter.setFont(small)
        muted = QColor(text)
        muted.setAlpha(135)
        painter.setPen(muted)
        fm = painter.fontMetrics()
        detail = fm.elidedText(str(index.data(DetailRole)), Qt.TextElideMode.ElideMiddle, width)
        painter.drawText(QRectF(left, rect.top() + 32, width, 18), Qt.AlignmentFlag.AlignVCenter, detail)
        painter.restore()


class ProductFilter(QSortFilterProxyModel):
    """Products of one category (or all) whose name, description or id contain the search words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._category = ""
        self._words: list[str] = []

    def set_category(self, category: str) -> None:
        self._refilter(lambda: setattr(self, "_category", category))

    def set_search(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_words", text.casefold().split()))

    def _refilter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # type: ignore[override]
        index = self.sourceModel().index(source_row, 0, source_parent)
        if self._category and index.data(CategoryRole) != self._category:
            return False
        haystack = str(index.data(SearchRole) or "")
        return all(word in haystack for word in self._words)


class StartPage(QWidget):
    """Studio's first screen.

    Parameters
    ----------
    templates
        Returns the installed products (called again by :meth:`reload_products`).
    recent_files
        Returns the recent project files, newest first.

    Signals
    -------
    product_chosen(object)
        A product card was picked (the :class:`~studio.model.template.Template`).
    recent_chosen(object)
        A recent project was picked (its :class:`~pathlib.Path`).
    open_requested
        The Open button was pressed.
    remove_recent_requested(object)
        "Remove from List" on a recent project (its path).
    clear_recent_requested
        The recent list's Clear button was pressed.
    """

    product_chosen = Signal(object)
    recent_chosen = Signal(object)
    open_requested = Signal()
    remove_recent_requested = Signal(object)
    clear_recent_requested = Signal()

    def __init__(
        self,
        templates: Callable[[], Sequence[Template]],
        recent_files: Callable[[], Sequence[Path]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("StartPage")
        self._templates = templates
        self._recent_files = recent_files
        self._category = ""
        self._styling = False

        # -- header --------------------------------------------------------------------------
        self.logo = QLabel()
        self.logo.setFixedSize(56, 56)
        logo_icon = QIcon(str(icon_path("studio.svg")))
        self.logo.setPixmap(logo_icon.pixmap(QSize(56, 56)))
        self.title = QLabel()
        self.title.setObjectName("startTitle")
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 2.0)
        title_font.setWeight(QFont.Weight.Bold)
        self.title.setFont(title_font)
        self.title.setWordWrap(True)  # on a narrow page, not a wide window
        self.subtitle = QLabel()
        self.subtitle.setObjectName("startSubtitle")
        self.subtitle.setWordWrap(True)
        sub_font = QFont(self.font())
        sub_font.setPointSizeF(sub_font.pointSizeF() * 1.1)
        self.subtitle.setFont(sub_font)
        self.open_button = QPushButton()
        self.open_button.setObjectName("openButton")
        self.open_button.setIcon(QIcon.fromTheme("document-open"))
        self.open_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.open_button.clicked.connect(self.open_requested)

        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        header = QHBoxLayout()
        header.setSpacing(16)
        header.addWidget(self.logo, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addLayout(titles, 1)
        header.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignVCenter)

        # -- gallery ---------------------------------------------------------------------------
        self.section = QLabel()
        self.section.setObjectName("sectionTitle")
        self.section.setWordWrap(True)
        self.chips = QButtonGroup(self)
        self.chips.setExclusive(True)
        # The chips wrap onto more lines when the page is narrow (a single row would set the
        # window's minimum width); the search box stays at the right of the first line.
        chip_flow = _FlowLayout(spacing=8)
        self._chip_buttons: dict[str, QPushButton] = {}
        for category in ("", *CATEGORIES):
            chip = QPushButton()
            chip.setObjectName("chip")
            chip.setCheckable(True)
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            chip.setProperty("category", category)
            chip.clicked.connect(lambda _c=False, c=category: self.set_category(c))
            self.chips.addButton(chip)
            chip_flow.addWidget(chip)
            self._chip_buttons[category] = chip
        self._chip_buttons[""].setChecked(True)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)
        self.search.setMaximumWidth(240)
        self.search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.search.addAction(QIcon(str(icon_path("search.svg"))), QLineEdit.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(self._on_search)
        chip_row = QHBoxLayout()
        chip_row.setSpacing(16)
        chip_row.addLayout(chip_flow, 3)
        chip_row.addWidget(self.search, 1, Qt.AlignmentFlag.AlignTop)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self._focus_search)

        self.products = QStandardItemModel(self)
        self.filter = ProductFilter(self)
        self.filter.setSourceModel(self.products)
        self.grid = _Gallery()
        self.grid.setObjectName("productGrid")
        self.grid.setModel(self.filter)
        self.grid.chosen.connect(self._on_product)
        self.no_match = QLabel()
        self.no_match.setObjectName("emptyState")
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match.setWordWrap(True)
        self.no_match.hide()

        # The cards are inset by half a gap in their cells: the rows above are inset to match.
        half = CARD_GAP // 2
        top = QVBoxLayout()
        top.setContentsMargins(half, 0, half, 0)
        top.setSpacing(0)
        top.addLayout(header)
        top.addSpacing(34)
        top.addWidget(self.section)
        top.addSpacing(12)
        top.addLayout(chip_row)
        main = QVBoxLayout()
        main.setContentsMargins(44 - half, 36, 28 - half, 12)
        main.setSpacing(0)
        main.addLayout(top)
        main.addSpacing(14)
        main.addWidget(self.grid, 1)
        main.addWidget(self.no_match, 1)

        # -- recent projects ---------------------------------------------------------------------
        self.sidebar = QFrame()
        self.sidebar.setObjectName("recentPanel")
        # Full width on a wide screen; it gives up some room before the gallery loses a column.
        self.sidebar.setMinimumWidth(SIDEBAR_MIN)
        self.sidebar.setMaximumWidth(SIDEBAR_MAX)
        self.sidebar.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.recent_title = QLabel()
        self.recent_title.setObjectName("sectionTitle")
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("linkButton")
        self.clear_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clear_button.clicked.connect(self.clear_recent_requested)
        recent_header = QHBoxLayout()
        recent_header.addWidget(self.recent_title, 1)
        recent_header.addWidget(self.clear_button)
        self.recent_model = QStandardItemModel(self)
        self.recent = _ClickList()
        self.recent.setObjectName("recentList")
        self.recent.setItemDelegate(RecentDelegate(self.recent))
        self.recent.setModel(self.recent_model)
        self.recent.setUniformItemSizes(True)
        self.recent.setSpacing(1)
        self.recent.chosen.connect(self._on_recent)
        self.recent.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.recent.customContextMenuRequested.connect(self._recent_menu)
        self.no_recent = QLabel()
        self.no_recent.setObjectName("emptyState")
        self.no_recent.setWordWrap(True)
        self.no_recent.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout(self.sidebar)
        side.setContentsMargins(20, 36, 16, 20)
        side.setSpacing(10)
        side.addLayout(recent_header)
        side.addWidget(self.recent, 1)
        side.addWidget(self.no_recent, 1)

        root = QHBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addLayout(main, 3)
        root.addWidget(self.sidebar, 1)

        self.setTabOrder(self.open_button, self._chip_buttons[""])
        self.setTabOrder(self.search, self.grid)
        self.setTabOrder(self.grid, self.recent)
        self._apply_style()
        self.retranslate()
        self.reload_products()
        self.reload_recent()

    # -- content -------------------------------------------------------------------------------
    def reload_products(self) -> None:
        """Read the installed products again (after the template folders changed)."""
        lang = ui_language()
        names = self._category_names()
        self.products.clear()
        for template in self._templates():
            product = template.product
            name = localize(product.name, lang)
            description = localize(product.description, lang)
            category = names.get(product.category, product.category)
            item = QStandardItem(name)
            item.setData(template, TemplateRole)
            item.setData(product.category, CategoryRole)
            item.setData(category, CategoryNameRole)
            item.setData(" ".join((name, description, product.id, category)).casefold(), SearchRole)
            item.setData(f"{name}. {category}. {description}", Qt.ItemDataRole.AccessibleDescriptionRole)
            item.setToolTip(f"<b>{name}</b><br>{description}" if description else name)
            thumbnail = (template.folder / "thumbnail.png") if template.folder is not None else None
            if thumbnail is not None and thumbnail.is_file():
                image = QImage(str(thumbnail))
                if not image.isNull():
                    item.setData(image, Qt.ItemDataRole.DecorationRole)
            self.products.appendRow(item)
        counts = {c: 0 for c in CATEGORIES}
        for template in self._templates():
            counts[template.product.category] = counts.get(template.product.category, 0) + 1
        for category, chip in self._chip_buttons.items():
            chip.setVisible(category == "" or counts.get(category, 0) > 0)
        if self._category and counts.get(self._category, 0) == 0:
            self.set_category("")
        self._update_empty_state()

    def reload_recent(self) -> None:
        """Show the recent projects again (after one was opened, saved or removed)."""
        delegate = self.recent.itemDelegate()
        if isinstance(delegate, RecentDelegate):
            delegate.forget()
        self.recent_model.clear()
        for path in self._recent_files():
            missing = not path.exists()
            name = path.stem if path.suffix.lower() == ".studio" else path.parent.name
            item = QStandardItem(name)
            item.setData(path, PathRole)
            item.setData(missing, MissingRole)
            if missing:
                detail = self.tr("Not found — {folder}").format(folder=str(path.parent))
            else:
                detail = f"{self._when(path)} · {path.parent}"
                image = project_thumbnail(path)
                if image is not None:
                    item.setData(image, Qt.ItemDataRole.DecorationRole)
            item.setData(detail, DetailRole)
            item.setToolTip(str(path))
            item.setData(f"{name}. {detail}", Qt.ItemDataRole.AccessibleDescriptionRole)
            self.recent_model.appendRow(item)
        empty = self.recent_model.rowCount() == 0
        self.recent.setVisible(not empty)
        self.no_recent.setVisible(empty)
        self.clear_button.setVisible(not empty)

    def _when(self, path: Path) -> str:
        try:
            moment = datetime.fromtimestamp(path.stat().st_mtime)
        except OSError:
            return ""
        locale = QLocale()
        today = datetime.now().date()
        if moment.date() == today:
            clock = QTime(moment.hour, moment.minute)
            return self.tr("Today, {time}").format(time=locale.toString(clock, QLocale.FormatType.ShortFormat))
        return locale.toString(QDate(moment.year, moment.month, moment.day), QLocale.FormatType.ShortFormat)

    # -- filtering -----------------------------------------------------------------------------
    @property
    def category(self) -> str:
        """The category shown (``""`` for all)."""
        return self._category

    def set_category(self, category: str) -> None:
        """Show only the products of ``category`` (``""``: every product)."""
        self._category = category
        self._chip_buttons[category].setChecked(True)
        self.filter.set_category(category)
        self._update_empty_state()

    def set_search(self, text: str) -> None:
        """Show only the products whose texts contain every word of ``text``."""
        if self.search.text() != text:
            self.search.setText(text)  # calls _on_search
        else:
            self._on_search(text)

    def _on_search(self, text: str) -> None:
        self.filter.set_search(text)
        self._update_empty_state()

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def visible_products(self) -> list[Template]:
        """The products the gallery shows now, in order."""
        return [self.filter.index(row, 0).data(TemplateRole) for row in range(self.filter.rowCount())]

    def _update_empty_state(self) -> None:
        empty = self.filter.rowCount() == 0
        self.grid.setVisible(not empty)
        self.no_match.setVisible(empty)
        query = self.search.text().strip()
        if query:
            self.no_match.setText(self.tr("No product matches “{query}”.").format(query=query))
        else:
            self.no_match.setText(self.tr("No product in this category."))

    # -- choices -------------------------------------------------------------------------------
    def product_index(self, template_id: str) -> QModelIndex:
        """The gallery's index of a product (invalid when it is filtered out)."""
        for row in range(self.filter.rowCount()):
            index = self.filter.index(row, 0)
            if index.data(TemplateRole).id == template_id:
                return index
        return QModelIndex()

    def _on_product(self, index: QModelIndex) -> None:
        template = index.data(TemplateRole)
        if template is not None:
            self.product_chosen.emit(template)

    def _on_recent(self, index: QModelIndex) -> None:
        path = index.data(PathRole)
        if path is not None:
            self.recent_chosen.emit(path)

    def _recent_menu(self, pos: QPoint) -> None:
        index = self.recent.indexAt(pos)
        if not index.isValid():
            return
        path: Path = index.data(PathRole)
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), lambda: self.recent_chosen.emit(path))
        show = menu.addAction(
            self.tr("Show in Folder"), lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
        )
        show.setEnabled(path.parent.exists())
        menu.addSeparator()
        menu.addAction(self.tr("Remove from List"), lambda: self.remove_recent_requested.emit(path))
        menu.popup(self.recent.viewport().mapToGlobal(pos))

    # -- look ----------------------------------------------------------------------------------
    def _category_names(self) -> dict[str, str]:
        return {
            "": self.tr("All"),
            "jars": self.tr("Jars"),
            "bottles": self.tr("Bottles"),
            "apparel": self.tr("Apparel"),
            "shoes": self.tr("Shoes"),
            "drinkware": self.tr("Drinkware"),
            "bags": self.tr("Bags"),
            "stickers": self.tr("Stickers"),
            "other": self.tr("Other"),
        }

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.title.setText(self.tr("Welcome to Studio"))
        self.subtitle.setText(self.tr("Pick a product to personalise, or pick up where you left off."))
        self.open_button.setText(self.tr("Open…"))
        self.open_button.setToolTip(self.tr("Open a project file"))
        self.open_button.setAccessibleName(self.tr("Open a project"))
        self.section.setText(self.tr("Start a new design"))
        for category, name in self._category_names().items():
            chip = self._chip_buttons[category]
            chip.setText(name)
            chip.setAccessibleName(self.tr("Show {category}").format(category=name))
        self.search.setPlaceholderText(self.tr("Search products"))
        self.search.setAccessibleName(self.tr("Search products"))
        self.grid.setAccessibleName(self.tr("Products"))
        self.recent_title.setText(self.tr("Recent projects"))
        self.recent.setAccessibleName(self.tr("Recent projects"))
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setAccessibleName(self.tr("Clear the recent projects list"))
        self.no_recent.setText(self.tr("Projects you open or save will appear here."))
        self._update_empty_state()

    def _apply_style(self) -> None:
        self._styling = True
        try:
            self._set_style_sheet()
        finally:
            self._styling = False

    def _set_style_sheet(self) -> None:
        palette = self.palette()
        dark = _is_dark(palette)
        text = palette.color(QPalette.ColorRole.Text)
        muted = QColor(text)
        muted.setAlpha(150)
        line = QColor(text)
        line.setAlpha(30 if not dark else 55)
        sidebar = palette.color(QPalette.ColorRole.Base)
        if dark:
            sidebar = _mix(sidebar, palette.color(QPalette.ColorRole.Window), 0.5)

        focus_ring = _mix(palette.color(QPalette.ColorRole.Highlight), palette.color(QPalette.ColorRole.Base), 0.55)

        handle = QColor(text)
        handle.setAlpha(60)
        handle_hover = QColor(text)
        handle_hover.setAlpha(110)

        def rgba(c: QColor) -> str:
            return f"rgba({c.red()}, {c.green()}, {c.blue()}, {c.alpha()})"

        self.setStyleSheet(
            f"""
            QLabel#startSubtitle, QLabel#emptyState {{ color: {rgba(muted)}; }}
            QLabel#sectionTitle {{ font-weight: 600; font-size: {self.font().pointSizeF() * 1.25:.1f}pt; }}
            QFrame#recentPanel {{ background: {rgba(sidebar)}; border-left: 1px solid {rgba(line)}; }}
            QPushButton#chip {{
                border: 1px solid {rgba(line)}; border-radius: 15px; padding: 5px 14px;
                background: palette(base); color: palette(text); min-height: 18px;
            }}
            QPushButton#chip:hover {{ border-color: palette(highlight); }}
            QPushButton#chip:focus {{ border: 2px solid palette(highlight); padding: 4px 13px; }}
            QPushButton#chip:checked {{
                background: palette(highlight); color: palette(highlighted-text); border-color: palette(highlight);
            }}
            QPushButton#openButton {{
                border: none; border-radius: 8px; padding: 9px 20px; font-weight: 600;
                background: palette(highlight); color: palette(highlighted-text);
            }}
            QPushButton#openButton:hover {{ background: palette(dark); }}
            QPushButton#openButton:focus {{ border: 2px solid {rgba(focus_ring)}; padding: 7px 18px; }}
            QPushButton#linkButton {{
                border: none; background: transparent; color: palette(highlight); padding: 2px 4px;
            }}
            QPushButton#linkButton:hover {{ text-decoration: underline; }}
            QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px; }}
            QScrollBar::handle:vertical {{ background: {rgba(handle)}; border-radius: 3px; min-height: 32px; }}
            QScrollBar::handle:vertical:hover {{ background: {rgba(handle_hover)}; }}
            QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
            QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: transparent; }}
            QLineEdit#search {{
                border: 1px solid {rgba(line)}; border-radius: 15px; padding: 5px 10px;
                background: palette(base); min-height: 18px;
            }}
            QLineEdit#search:focus {{ border: 2px solid palette(highlight); padding: 4px 9px; }}
            """
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), page_background(self.palette()))
        painter.end()
        super().paintEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.reload_products()
            self.reload_recent()
        elif event.type() == QEvent.Type.PaletteChange and not self._styling:
            self._apply_style()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(START_HINT_WIDTH, 640)
