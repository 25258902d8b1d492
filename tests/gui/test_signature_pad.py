"""The signature pad: scripted strokes become a PNG; an untouched pad refuses."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QMessageBox

from consult_app.ui.widgets.signature_pad import (
    MIN_HEIGHT,
    MIN_WIDTH,
    EmptySignatureError,
    SignaturePad,
)


@pytest.fixture(autouse=True)
def _no_modal(monkeypatch):
    def fail(*args, **kwargs):
        pytest.fail("unexpected modal dialog")

    monkeypatch.setattr(QDialog, "exec", fail)
    monkeypatch.setattr(QMessageBox, "exec", fail)


def draw(qtbot, pad, points):
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


@pytest.fixture
def pad(qtbot):
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.show()
    qtbot.waitExposed(pad)
    return pad


def test_untouched_pad_refuses(pad):
    assert pad.is_empty()
    with pytest.raises(EmptySignatureError):
        pad.to_png()


def test_stroke_becomes_png(qtbot, pad):
    with qtbot.waitSignal(pad.changed):
        draw(qtbot, pad, [(40, 100), (80, 60), (120, 110), (160, 50), (200, 120), (260, 80)])
    assert not pad.is_empty()
    data = pad.to_png()
    assert data.startswith(b"\x89PNG")
    image = QImage.fromData(data)
    assert image.width() >= MIN_WIDTH and image.height() >= MIN_HEIGHT
    dark = sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if image.pixelColor(x, y).lightness() < 128
    )
    assert dark > 20


def test_clear_empties(qtbot, pad):
    draw(qtbot, pad, [(40, 100), (200, 60), (300, 100)])
    assert not pad.is_empty()
    pad.clear()
    assert pad.is_empty()


def test_read_only_pad_ignores_strokes(qtbot, pad):
    pad.set_read_only(True)
    draw(qtbot, pad, [(40, 100), (200, 60)])
    assert pad.is_empty()


def test_pad_is_finger_sized_and_named(pad):
    assert pad.minimumWidth() >= 480 and pad.minimumHeight() >= 160
    assert pad.accessibleName()
