"""The window's panels and how they are laid out: documents left, the article with its
find bar and overview strip in the centre over the list/search/review tabs, codebook
and inspector right. Built here, wired by ``MainWindow``."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.article_view import ArticleView
from gui.i18n import translate
from gui.margin_labels import MarginLabels
from gui.overview_strip import OverviewStrip
from gui.panels.annotation_list import AnnotationListPanel
from gui.panels.codebook import CodebookPanel
from gui.panels.documents import DocumentsPanel
from gui.panels.inspector import InspectorPanel
from gui.panels.review import ReviewPanel
from gui.panels.search import FindBar, ProjectSearchPanel
from gui.side_by_side import SideBySideView

#: Starting widths of documents, article and codebook/inspector; the splitter keeps the
#: proportions on a small screen (1024 × 700 leaves every pane usable).
PANE_WIDTHS = (190, 760, 300)
#: Narrowest the documents pane and the codebook/inspector pane may become: the article
#: gives way first (the codebook needs room for tag names and two rows of buttons).
DOCUMENTS_MINIMUM = 150
CODEBOOK_MINIMUM = 230


@dataclass
class Panels:
    """Every panel the window shows, made and laid out."""

    documents: DocumentsPanel
    view: ArticleView
    strip: OverviewStrip
    margin_labels: MarginLabels
    find_bar: FindBar
    title_label: QLabel
    side_view: SideBySideView
    side_header: QWidget
    side_captions: tuple[QLabel, QLabel]
    annotation_list: AnnotationListPanel
    project_search: ProjectSearchPanel
    review_panel: ReviewPanel
    bottom_tabs: QTabWidget
    codebook_panel: CodebookPanel
    inspector: InspectorPanel
    centre_split: QSplitter
    right_split: QSplitter
    main_split: QSplitter


def _title_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setAccessibleName(translate("WindowLayout", "Document title"))
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    label.setFont(font)
    label.setContentsMargins(8, 6, 8, 2)
    return label


def _titled(title: str, widget: QWidget, minimum_width: int) -> QWidget:
    """A panel with a small caption above it."""
    box = QWidget()
    box.setMinimumWidth(minimum_width)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.setSpacing(4)
    caption = QLabel(title)
    font = caption.font()
    font.setBold(True)
    caption.setFont(font)
    layout.addWidget(caption)
    layout.addWidget(widget, 1)
    return box


def _split(orientation: Qt.Orientation, name: str, parent: QWidget,
           *widgets: QWidget) -> QSplitter:
    split = QSplitter(orientation, parent)
    split.setObjectName(name)  # the key its sizes are remembered under
    for widget in widgets:
        split.addWidget(widget)
    return split


def build_panels(window: QMainWindow) -> Panels:
    """Make the panels and set the main splitter as the window's central widget."""
    view = ArticleView(window)
    strip = OverviewStrip(window)
    find_bar = FindBar(window)
    find_bar.hide()
    title_label = _title_label(window)
    side_view = SideBySideView(view, window)
    article_row = QHBoxLayout()
    article_row.setContentsMargins(0, 0, 0, 0)
    article_row.setSpacing(0)
    margin_labels = MarginLabels(view, window)
    margin_labels.hide()
    article_row.addWidget(view, 1)
    article_row.addWidget(margin_labels)
    article_row.addWidget(strip)  # the article's, so beside it, not the copy
    article_row.addWidget(side_view, 1)
    side_header = QWidget(window)
    header_row = QHBoxLayout(side_header)
    header_row.setContentsMargins(8, 0, 8, 2)
    side_captions = (QLabel(side_header), QLabel(side_header))
    for caption in side_captions:
        caption.setTextFormat(Qt.TextFormat.PlainText)
        header_row.addWidget(caption, 1)
    side_header.hide()
    centre_top = QWidget(window)
    column = QVBoxLayout(centre_top)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    for widget in (title_label, find_bar, side_header):
        column.addWidget(widget)
    column.addLayout(article_row, 1)

    annotation_list = AnnotationListPanel(window)
    project_search = ProjectSearchPanel(window)
    review_panel = ReviewPanel(window)
    tabs = QTabWidget(window)
    tabs.setAccessibleName(translate("WindowLayout", "Annotation list and search"))
    tabs.addTab(annotation_list, translate("WindowLayout", "Annotations"))
    tabs.addTab(project_search, translate("WindowLayout", "Search project"))
    tabs.addTab(review_panel, translate("WindowLayout", "Review"))
    tabs.setDocumentMode(True)

    documents = DocumentsPanel(window)
    codebook_panel = CodebookPanel(window)
    inspector = InspectorPanel(window)
    centre = _split(Qt.Orientation.Vertical, "centre", window, centre_top, tabs)
    centre.setStretchFactor(0, 3)
    centre.setStretchFactor(1, 1)
    right = _split(Qt.Orientation.Vertical, "right", window,
                   _titled(translate("WindowLayout", "Codebook"), codebook_panel,
                           CODEBOOK_MINIMUM),
                   _titled(translate("WindowLayout", "Annotation"), inspector, CODEBOOK_MINIMUM))
    main = _split(Qt.Orientation.Horizontal, "main", window,
                  _titled(translate("WindowLayout", "Documents"), documents, DOCUMENTS_MINIMUM),
                  centre, right)
    main.setStretchFactor(1, 1)
    main.setSizes(list(PANE_WIDTHS))
    centre.setSizes([520, 220])
    right.setSizes([280, 420])
    window.setCentralWidget(main)
    return Panels(documents, view, strip, margin_labels, find_bar, title_label, side_view,
                  side_header, side_captions, annotation_list, project_search, review_panel,
                  tabs, codebook_panel, inspector, centre, right, main)
