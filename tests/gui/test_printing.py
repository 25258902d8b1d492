"""Printing a real PDF to a QPrinter in PDF output mode, and the preview widget."""

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox
from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from consult_app.ui.printing import PrintError, prepare_printer, print_pdf
from consult_app.ui.widgets.pdf_preview import PdfPreview


@pytest.fixture(autouse=True)
def _no_modal(monkeypatch):
    def fail(*args, **kwargs):
        pytest.fail("unexpected modal dialog")

    monkeypatch.setattr(QDialog, "exec", fail)
    monkeypatch.setattr(QMessageBox, "exec", fail)


def make_pdf(path, pages, size=letter):
    c = canvas.Canvas(str(path), pagesize=size)
    for number in range(pages):
        c.setFont("Helvetica", 24)
        c.drawString(72, size[1] - 100, f"Page {number + 1}")
        c.showPage()
    c.save()
    return path


@pytest.mark.parametrize(("size", "name"), [(letter, "Letter"), (A4, "A4")])
def test_print_to_pdf_keeps_page_count_and_size(qapp, tmp_path, size, name):
    source = make_pdf(tmp_path / "sheet.pdf", 3, size)
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    prepare_printer(printer, source)
    assert printer.pageLayout().pageSize().id() == getattr(QPageSize.PageSizeId, name)
    assert print_pdf(source, printer) == 3
    reader = PdfReader(out)
    assert len(reader.pages) == 3
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - size[0]) < 2 and abs(float(box.height) - size[1]) < 2


def test_unreadable_pdf_is_refused(qapp, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "x.pdf"))
    with pytest.raises(PrintError):
        print_pdf(bad, printer)


def test_preview_navigates_and_zooms(qtbot, tmp_path):
    source = make_pdf(tmp_path / "sheet.pdf", 3)
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.resize(700, 600)
    preview.show()
    assert preview.load(source)
    assert preview.page_count() == 3
    assert preview.current_page() == 0
    preview.next_button.click()
    qtbot.waitUntil(lambda: preview.current_page() == 1)
    assert "2 of 3" in preview.page_label.text()
    preview.go_to_page(9)
    qtbot.waitUntil(lambda: preview.current_page() == 2)
    assert not preview.next_button.isEnabled()
    preview.zoom_in_button.click()
    before = preview.zoom_factor()
    preview.zoom_in_button.click()
    assert preview.zoom_factor() > before
    preview.zoom_out_button.click()
    assert preview.zoom_factor() == pytest.approx(before)
