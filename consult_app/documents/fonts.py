"""Register the bundled DejaVu Sans fonts with reportlab, once, and never a system font.

The PDFs use only the fonts shipped in ``resources/fonts`` (DejaVu Sans: Latin, Greek, Cyrillic).
reportlab's built-in Helvetica would print ``Ł``, ``ź`` and every non-Latin-1 character as boxes.
Callers pass the font folder (``consult_app.resources.resource_path("fonts")`` in the app).

The family is registered under :data:`FONT_FAMILY` so ``<b>`` and ``<i>`` in paragraph markup pick
the bold and oblique faces.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_FAMILY = "DejaVuSans"
FONT_REGULAR = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"

#: reportlab font name -> file name in the font folder.
FONT_FILES: dict[str, str] = {
    FONT_REGULAR: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

_lock = threading.Lock()
_registered_from: Path | None = None


def register_fonts(font_dir: Path) -> None:
    """Register the four DejaVu Sans faces and their family with reportlab.

    Idempotent: later calls are cheap no-ops (reportlab's font registry is process-global, so
    the first folder wins for the life of the process).

    Args:
        font_dir: folder holding ``DejaVuSans*.ttf``.

    Raises:
        FileNotFoundError: a font file is missing from ``font_dir`` (no system fallback is tried).
    """
    global _registered_from
    if _registered_from is not None:
        return
    with _lock:
        if _registered_from is not None:
            return
        font_dir = Path(font_dir)
        paths = {name: font_dir / file for name, file in FONT_FILES.items()}
        missing = [str(path) for path in paths.values() if not path.is_file()]
        if missing:
            raise FileNotFoundError(f"bundled font missing: {', '.join(missing)}")
        for name, path in paths.items():
            pdfmetrics.registerFont(TTFont(name, str(path)))
        pdfmetrics.registerFontFamily(
            FONT_FAMILY,
            normal=FONT_REGULAR,
            bold=FONT_BOLD,
            italic=FONT_ITALIC,
            boldItalic=FONT_BOLD_ITALIC,
        )
        addMapping(FONT_FAMILY, 0, 0, FONT_REGULAR)
        addMapping(FONT_FAMILY, 1, 0, FONT_BOLD)
        addMapping(FONT_FAMILY, 0, 1, FONT_ITALIC)
        addMapping(FONT_FAMILY, 1, 1, FONT_BOLD_ITALIC)
        _registered_from = font_dir
