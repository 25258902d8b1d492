"""A one-page PDF proving that reportlab and the bundled fonts work (``--smoke-test``)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from consult_app import APP_NAME, __version__
from consult_app.documents._atomic import write_atomically
from consult_app.documents.fonts import FONT_BOLD, FONT_REGULAR, register_fonts

SAMPLE_LINES: tuple[str, ...] = (
    "Latin: Zoë O'Brien-Łukasiewicz <b> & Co — café, naïve, Ångström, ß",
    "Français : soins après l'injection, effets secondaires, « consentement éclairé »",
    "Ελληνικά: αλλαντοτοξίνη",
    "Кириллица: ботулинический токсин, Съешь же ещё этих мягких французских булок",
)


def render_smoke_pdf(target: Path, font_dir: Path) -> None:
    """Write a one-page PDF with the app name and accented, Greek and Cyrillic sample text.

    Args:
        target: the PDF file to write (replaced atomically).
        font_dir: folder holding the bundled DejaVu fonts.

    Raises:
        FileNotFoundError: a bundled font is missing.
        OSError: the target folder is not writable.
    """
    register_fonts(font_dir)

    def write(path: Path) -> None:
        canvas = Canvas(str(path), pagesize=A4, invariant=1)
        canvas.setTitle(f"{APP_NAME} smoke test")
        canvas.setAuthor(APP_NAME)
        canvas.setSubject("Font and PDF smoke test")
        _, height = A4
        canvas.setFont(FONT_BOLD, 18)
        canvas.drawString(72, height - 90, f"{APP_NAME} {__version__}")
        canvas.setFont(FONT_REGULAR, 11)
        y = height - 130
        for line in SAMPLE_LINES:
            canvas.drawString(72, y, line)
            y -= 20
        canvas.showPage()
        canvas.save()

    write_atomically(target, write)
