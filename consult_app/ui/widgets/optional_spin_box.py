"""A spin box whose lowest value means "not recorded", and that takes typing at once.

A ``QSpinBox`` showing its special value text ("not recorded") keeps that text when clicked, so
digits typed after a click land inside the words and are refused. This one replaces the words
with what is typed: wherever the click left the cursor, the first digit replaces them.
"""

from __future__ import annotations

from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QSpinBox

__all__ = ["OptionalSpinBox"]


class OptionalSpinBox(QSpinBox):
    """A ``QSpinBox`` whose minimum shows as special text ("not recorded")."""

    def is_recorded(self) -> bool:
        """Whether a value (not the "not recorded" minimum) is shown."""
        return self.value() != self.minimum()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        """A digit typed over "not recorded" replaces the words."""
        if not self.is_recorded() and event.text().isdigit() and not self.isReadOnly():
            self.lineEdit().selectAll()
        super().keyPressEvent(event)
