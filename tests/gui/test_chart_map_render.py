"""The injection map renders the same on paper every time (issue 18).

The map of the PREEMPT face points is drawn into a one-page PDF by the same code the record and
the sheet use (``documents.chart.map_drawing``), rasterised with Qt's PDF renderer, and compared
with the stored reference ``tests/fixtures/chart/face_upper_preempt.png`` within a tolerance
(anti-aliasing may differ by a few levels). ``CONSULT_UPDATE_REFERENCE=1`` rewrites the reference
after a deliberate change to the drawing; look at it before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from reportlab.graphics import renderPDF

from consult_app.app.services import load_diagrams_for, load_protocol_for
from consult_app.core.chart_model import MapPoint, RegionMap
from consult_app.core.diagrams import default_points
from consult_app.core.plan import default_plan
from consult_app.documents.chart import map_drawing
from consult_app.documents.fonts import register_fonts
from consult_app.resources import resource_path

REFERENCE = Path(__file__).resolve().parents[1] / "fixtures" / "chart" / "face_upper_preempt.png"
PIXELS = 240


def _render(tmp_path: Path) -> QImage:
    protocol = load_protocol_for(None)
    diagrams = load_diagrams_for(protocol)
    plan = default_plan(protocol, ["chronic_migraine"], "botox")
    points = [
        MapPoint(p.x, p.y, "5", n)
        for n, p in enumerate(default_points(diagrams, protocol, ["chronic_migraine"], plan), 1)
        if p.region == "face_upper"
    ]
    region_map = RegionMap(
        "face_upper", "Upper face", "", tuple(points), diagrams.regions["face_upper"]
    )
    register_fonts(resource_path("fonts"))
    pdf = tmp_path / "map.pdf"
    renderPDF.drawToFile(map_drawing(region_map, 200), str(pdf))
    document = QPdfDocument()
    document.load(str(pdf))
    assert document.pageCount() == 1
    rendered = document.render(0, QSize(PIXELS, PIXELS))
    page = QImage(rendered.size(), QImage.Format.Format_RGB32)
    page.fill(QColor("white"))  # the PDF page is transparent: lay it on paper
    painter = QPainter(page)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return page


def _difference(a: QImage, b: QImage) -> tuple[float, float]:
    total = 0
    far = 0
    for y in range(0, a.height(), 2):
        for x in range(0, a.width(), 2):
            ca, cb = QColor(a.pixel(x, y)), QColor(b.pixel(x, y))
            d = abs(ca.red() - cb.red()) + abs(ca.green() - cb.green()) + abs(ca.blue() - cb.blue())
            total += d
            far += d > 96
    count = (a.width() // 2) * (a.height() // 2)
    return total / (3 * count), far / count


def test_map_renders_like_the_reference(qapp, tmp_path: Path) -> None:
    image = _render(tmp_path)
    if os.environ.get("CONSULT_UPDATE_REFERENCE") == "1":
        REFERENCE.parent.mkdir(parents=True, exist_ok=True)
        assert image.save(str(REFERENCE))
    reference = QImage(str(REFERENCE)).convertToFormat(QImage.Format.Format_RGB32)
    assert reference.size() == image.size()
    mean, far = _difference(image, reference)
    assert mean < 2.0 and far < 0.01, (mean, far)
    # Something is drawn: the red points are there (not a blank page).
    reds = sum(
        1
        for y in range(0, PIXELS, 2)
        for x in range(0, PIXELS, 2)
        if QColor(image.pixel(x, y)).red() > 150 and QColor(image.pixel(x, y)).green() < 90
    )
    assert reds > 20
