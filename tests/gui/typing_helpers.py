"""Typing any Unicode text into widgets like a keyboard would (QTest only knows ASCII keys)."""

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def type_text(qtbot, widget, text):
    """Type ``text`` into ``widget``: ASCII through qtbot.keyClicks, other characters as key
    events carrying the character (what an input method or a non-US keyboard delivers)."""
    for char in text:
        if char.isascii() and char.isprintable():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget,
                    QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char),
                )
