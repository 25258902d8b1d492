"""Register the bundled fonts with reportlab, once, and never a system font.

The PDFs use only the fonts shipped in ``resources/fonts`` (each with its licence file):

* DejaVu Sans, four faces: Latin, Greek, Cyrillic and the symbols of every document's own text;
* fallbacks, each drawn for the characters DejaVu lacks (see :mod:`consult_app.documents.text`):
  Noto Sans Arabic, Noto Sans Hebrew and Noto Sans Devanagari (regular, bold), NanumSquare
  (Korean Hangul, regular and bold) and Droid Sans Fallback Full (Chinese and Japanese; one face).

reportlab's built-in Helvetica would print ``Ł``, ``ź`` and every non-Latin-1 character as boxes,
and is never used (``pdffonts`` lists embedded fonts only). Callers pass the font folder
(``consult_app.resources.resource_path("fonts")`` in the app).

Every family is registered so ``<b>`` and ``<i>`` in paragraph markup pick the right face (a
fallback without an oblique face uses its upright one). Devanagari needs shaping (HarfBuzz,
``uharfbuzz``): its font is marked shapable and the paragraphs holding it are shaped.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class Fallback:
    """A bundled font drawn for the characters DejaVu Sans lacks.

    Attributes:
        name: reportlab family and regular face name.
        regular: file of the regular face.
        bold: file of the bold face (the regular one when the font has no bold).
        shaped: the script needs shaping (HarfBuzz) to be drawn correctly.
    """

    name: str
    regular: str
    bold: str
    shaped: bool = False

    @property
    def bold_name(self) -> str:
        """The reportlab name of the bold face."""
        return f"{self.name}-Bold"


#: The fallbacks, in the order they are tried for a character DejaVu lacks.
FALLBACKS: tuple[Fallback, ...] = (
    Fallback("NotoSansArabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    Fallback("NotoSansHebrew", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
    Fallback(
        "NotoSansDevanagari",
        "NotoSansDevanagari-Regular.ttf",
        "NotoSansDevanagari-Bold.ttf",
        shaped=True,
    ),
    Fallback("NanumSquare", "NanumSquareR.ttf", "NanumSquareB.ttf"),
    Fallback("DroidSansFallback", "DroidSansFallbackFull.ttf", "DroidSansFallbackFull.ttf"),
)

_lock = threading.Lock()
_registered_from: Path | None = None


class _UnshapedTTFont(TTFont):  # type: ignore[misc]  # reportlab ships no type hints
    """A face that is never shaped, although a paragraph style asks for shaping.

    Shaped paragraphs (those holding Devanagari) shape each word; a word in this face is left as
    it is (reportlab's ``shapeFragWord`` skips a font whose ``hbFont`` raises AttributeError).
    """

    @property
    def shapable(self) -> bool:
        return True

    @shapable.setter
    def shapable(self, value: bool) -> None:
        pass

    def hbFont(self, fontSize: float = 10) -> None:  # noqa: N802, N803  (reportlab API)
        raise AttributeError("not shaped")


def font_files(font_dir: Path) -> list[Path]:
    """Every bundled font file (for checks: all must exist)."""
    names = list(FONT_FILES.values())
    for fallback in FALLBACKS:
        names += [fallback.regular, fallback.bold]
    return [Path(font_dir) / name for name in dict.fromkeys(names)]


def register_fonts(font_dir: Path) -> None:
    """Register DejaVu Sans and the fallbacks, with their families, with reportlab.

    Idempotent: later calls are cheap no-ops (reportlab's font registry is process-global, so
    the first folder wins for the life of the process).

    Args:
        font_dir: folder holding the bundled ``.ttf`` files.

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
        missing = [str(path) for path in font_files(font_dir) if not path.is_file()]
        if missing:
            raise FileNotFoundError(f"bundled font missing: {', '.join(missing)}")
        for name, file in FONT_FILES.items():
            pdfmetrics.registerFont(_UnshapedTTFont(name, str(font_dir / file)))
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
        for fallback in FALLBACKS:
            kind = TTFont if fallback.shaped else _UnshapedTTFont
            pdfmetrics.registerFont(kind(fallback.name, str(font_dir / fallback.regular)))
            pdfmetrics.registerFont(kind(fallback.bold_name, str(font_dir / fallback.bold)))
            # Oblique asks get the upright faces; the plain mappings last, so each face name
            # maps back to (family, bold, upright).
            for bold, italic in ((0, 1), (1, 1), (0, 0), (1, 0)):
                face = fallback.bold_name if bold else fallback.name
                addMapping(fallback.name, bold, italic, face)
        _registered_from = font_dir
