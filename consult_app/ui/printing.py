"""Print a PDF file: each page rendered with QtPdf onto a QPrinter, page size honoured.

The printer is chosen with the system print dialog through the Prompter (``ask_printer``); this
module only renders. Pages are rasterised at the printer's resolution (capped at
``MAX_RASTER_DPI`` so a 1200 dpi printer does not need gigabytes) and scaled to fit the paper,
keeping their proportions.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

__all__ = ["MAX_RASTER_DPI", "PrintError", "prepare_printer", "print_pdf"]

MAX_RASTER_DPI = 300


def _tr(text: str) -> str:
    return QCoreApplication.translate("Printing", text)


class PrintError(Exception):
    """The PDF could not be opened or the printer could not start."""


def _open(path: Path) -> QPdfDocument:
    document = QPdfDocument()
    error = document.load(str(path))
    if error != QPdfDocument.Error.None_ or document.pageCount() == 0:
        raise PrintError(_tr("The document {name} could not be opened.").format(name=path.name))
    return document


def prepare_printer(printer: QPrinter, path: Path) -> None:
    """Set the printer's paper to the document's first page size (A4 or Letter), portrait.

    Call before showing the print dialog so the dialog proposes the right paper.
    """
    document = _open(path)
    try:
        size = document.pagePointSize(0)
        page_size = QPageSize(QSizeF(size.width(), size.height()), QPageSize.Unit.Point)
        standard = page_size.id()
        if standard != QPageSize.PageSizeId.Custom:
            page_size = QPageSize(standard)
        printer.setPageSize(page_size)
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        printer.setFullPage(True)
        printer.setDocName(path.stem)
    finally:
        document.close()


def print_pdf(path: Path, printer: QPrinter) -> int:
    """Print every page of the PDF at ``path`` on ``printer``.

    Returns:
        The number of pages printed.

    Raises:
        PrintError: if the PDF cannot be opened or the printer cannot start.
    """
    document = _open(path)
    try:
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError(_tr("The printer could not be started."))
        try:
            dpi = min(printer.resolution(), MAX_RASTER_DPI)
            layout = printer.pageLayout()
            resolution = printer.resolution()
            # The painter's origin is the paper's corner in full-page mode, else the printable
            # area's corner; only the size matters here.
            target = (
                layout.fullRectPixels(resolution)
                if printer.fullPage()
                else layout.paintRectPixels(resolution)
            )
            options = QPdfDocumentRenderOptions()
            count = document.pageCount()
            for page in range(count):
                if page > 0:
                    printer.newPage()
                points = document.pagePointSize(page)
                image = document.render(
                    page,
                    QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72)),
                    options,
                )
                # Fit the page into the printable area, keeping proportions, centred.
                scale = min(target.width() / points.width(), target.height() / points.height())
                width, height = points.width() * scale, points.height() * scale
                left = (target.width() - width) / 2
                top = (target.height() - height) / 2
                painter.drawImage(QRectF(left, top, width, height), image)
            return count
        finally:
            painter.end()
    finally:
        document.close()
