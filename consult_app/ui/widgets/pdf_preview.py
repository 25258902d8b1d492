"""A PDF preview: QtPdf's QPdfView with zoom in/out, fit width/page and page navigation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

__all__ = ["PdfPreview"]

ZOOM_STEP = 1.25
MIN_ZOOM = 0.25
MAX_ZOOM = 5.0
BUTTON_HEIGHT = 40


def _tr(text: str) -> str:
    return QCoreApplication.translate("PdfPreview", text)


class PdfPreview(QWidget):
    """Shows one PDF file; ``load(path)`` replaces it.

    Signals:
        page_changed: the page now shown (0-based).
    """

    page_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.zoom_out_button = QPushButton("−", self)
        self.zoom_in_button = QPushButton("+", self)
        self.fit_width_button = QPushButton(self)
        self.fit_page_button = QPushButton(self)
        self.previous_button = QPushButton("◀", self)
        self.next_button = QPushButton("▶", self)
        self.page_label = QLabel(self)
        self.path: Path | None = None

        bar = QHBoxLayout()
        for button in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_width_button,
            self.fit_page_button,
        ):
            button.setMinimumHeight(BUTTON_HEIGHT)
            bar.addWidget(button)
        bar.addStretch(1)
        for widget in (self.previous_button, self.page_label, self.next_button):
            widget.setMinimumHeight(BUTTON_HEIGHT)
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.fit_width_button.clicked.connect(self._on_fit_width_clicked)
        self.fit_page_button.clicked.connect(self._on_fit_page_clicked)
        self.previous_button.clicked.connect(self.previous_page)
        self.next_button.clicked.connect(self.next_page)
        self.view.pageNavigator().currentPageChanged.connect(self._on_navigator_page_changed)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, self.zoom_in)
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, self.zoom_out)
        self.retranslate_ui()
        self._update_page_label()

    def retranslate_ui(self) -> None:
        """Set the translatable texts."""
        self.zoom_out_button.setToolTip(_tr("Zoom out"))
        self.zoom_out_button.setAccessibleName(_tr("Zoom out"))
        self.zoom_in_button.setToolTip(_tr("Zoom in"))
        self.zoom_in_button.setAccessibleName(_tr("Zoom in"))
        self.fit_width_button.setText(_tr("Fit width"))
        self.fit_width_button.setAccessibleName(_tr("Fit width"))
        self.fit_page_button.setText(_tr("Whole page"))
        self.fit_page_button.setAccessibleName(_tr("Whole page"))
        self.previous_button.setToolTip(_tr("Previous page"))
        self.previous_button.setAccessibleName(_tr("Previous page"))
        self.next_button.setToolTip(_tr("Next page"))
        self.next_button.setAccessibleName(_tr("Next page"))
        self.view.setAccessibleName(_tr("Document preview"))
        self._update_page_label()

    # --- public API -----------------------------------------------------------------------

    def load(self, path: Path) -> bool:
        """Show the PDF at ``path``; False (and an empty view) if it cannot be opened."""
        self.path = path
        error = self.document.load(str(path))
        ok = error == QPdfDocument.Error.None_
        self._update_page_label()
        return ok

    def clear(self) -> None:
        """Show nothing."""
        self.path = None
        self.document.close()
        self._update_page_label()

    def page_count(self) -> int:
        """Pages in the shown document."""
        return self.document.pageCount()

    def current_page(self) -> int:
        """The page shown (0-based)."""
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        """Show ``page`` (0-based), clamped to the document."""
        count = self.page_count()
        if count == 0:
            return
        page = max(0, min(page, count - 1))
        self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())
        self._update_page_label()

    def next_page(self) -> None:
        """Show the next page."""
        self.go_to_page(self.current_page() + 1)

    def previous_page(self) -> None:
        """Show the previous page."""
        self.go_to_page(self.current_page() - 1)

    def zoom_in(self) -> None:
        """Enlarge."""
        self._set_zoom(self.view.zoomFactor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        """Shrink."""
        self._set_zoom(self.view.zoomFactor() / ZOOM_STEP)

    def zoom_factor(self) -> float:
        """The current zoom factor (1.0 = 100 %)."""
        return float(self.view.zoomFactor())

    # --- slots ----------------------------------------------------------------------------

    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(MIN_ZOOM, min(factor, MAX_ZOOM)))

    def _on_fit_width_clicked(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def _on_fit_page_clicked(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    def _on_navigator_page_changed(self, page: int) -> None:
        self._update_page_label()
        self.page_changed.emit(page)

    def _update_page_label(self) -> None:
        count = self.page_count()
        page = self.current_page() + 1 if count else 0
        self.page_label.setText(_tr("Page {page} of {count}").format(page=page, count=count))
        self.previous_button.setEnabled(count > 0 and page > 1)
        self.next_button.setEnabled(count > 0 and page < count)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
