"""The one stylesheet of every document: named paragraph styles, table styles and colours.

Story code only refers to styles by name (``styles.para["Body"]``); nothing builds an ad-hoc style.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from consult_app.documents.fonts import FONT_BOLD, FONT_FAMILY, FONT_REGULAR

ACCENT = colors.HexColor("#1F5A78")
ACCENT_LIGHT = colors.HexColor("#EAF2F6")
TEXT = colors.HexColor("#1E2327")
MUTED = colors.HexColor("#5C6770")
GRID = colors.HexColor("#C5D0D7")
HEAD_FILL = colors.HexColor("#EEF3F6")
URGENT = colors.HexColor("#B3261E")
URGENT_FILL = colors.HexColor("#FDF2F1")
CAUTION = colors.HexColor("#8A5A00")
CAUTION_FILL = colors.HexColor("#FFF6E0")
STOP_FILL = colors.HexColor("#FBE9E7")
NOTE_FILL = colors.HexColor("#EEF3F6")

#: Fill colour of a record finding row per severity key.
SEVERITY_FILL: Mapping[str, colors.Color] = MappingProxyType(
    {"stop": STOP_FILL, "caution": CAUTION_FILL, "note": NOTE_FILL, "info": colors.white}
)


@dataclass(frozen=True, slots=True)
class Stylesheet:
    """All named styles: ``para`` (ParagraphStyle by name) and ``table`` (TableStyle by name)."""

    para: Mapping[str, ParagraphStyle]
    table: Mapping[str, TableStyle]


def _paragraph_styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "Base",
        fontName=FONT_FAMILY,
        fontSize=9.5,
        leading=13,
        textColor=TEXT,
        alignment=TA_LEFT,
        # Bullets and list numbers in the embedded font too, never the base-14 Helvetica.
        bulletFontName=FONT_REGULAR,
    )
    styles: dict[str, ParagraphStyle] = {"Base": base}

    def add(name: str, **kwargs: object) -> None:
        styles[name] = ParagraphStyle(name, parent=base, **kwargs)

    add("Title", fontName=FONT_BOLD, fontSize=17, leading=21, textColor=ACCENT, spaceAfter=2)
    add("Subtitle", fontSize=10, leading=13, textColor=MUTED, spaceAfter=8)
    add(
        "Heading",
        fontName=FONT_BOLD,
        fontSize=11.5,
        leading=15,
        textColor=ACCENT,
        spaceBefore=10,
        spaceAfter=4,
        keepWithNext=1,
    )
    add("Body", spaceAfter=4)
    add("BodyTight")
    add("Small", fontSize=8.5, leading=11, textColor=MUTED)
    add("Bullet", leftIndent=12, bulletIndent=2, spaceAfter=1.5)
    add("FieldLabel", fontSize=7.5, leading=9.5, textColor=MUTED)
    add("FieldValue", fontName=FONT_BOLD, fontSize=10, leading=13)
    add("ClinicName", fontName=FONT_BOLD, fontSize=13, leading=16, textColor=ACCENT)
    add("ClinicContact", fontSize=8, leading=10.5, textColor=MUTED, alignment=TA_RIGHT)
    add("RunningHeader", fontSize=7.5, leading=9.5, textColor=MUTED)
    add("Cell", fontSize=8.5, leading=11)
    add("CellBold", fontName=FONT_BOLD, fontSize=8.5, leading=11)
    add("CellHead", fontName=FONT_BOLD, fontSize=8, leading=10, textColor=ACCENT)
    # Patient sheet: a little tighter than the record so a typical sheet fits on 2 pages,
    # body text never below 9 pt.
    sheet = {"fontSize": 9, "leading": 10.8}
    add(
        "SheetHeading",
        fontName=FONT_BOLD,
        fontSize=11,
        leading=13.5,
        textColor=ACCENT,
        spaceBefore=5,
        spaceAfter=2,
        keepWithNext=1,
    )
    add("SheetBody", **sheet, spaceAfter=1.5)
    add("SheetBullet", **sheet, leftIndent=10, bulletIndent=1, spaceAfter=0.8)
    add("SheetSmall", fontSize=8, leading=10, textColor=MUTED, spaceAfter=1.5)
    add("Frequency", fontName=FONT_BOLD, fontSize=8.5, leading=11.2, textColor=ACCENT)
    add("UrgentTitle", fontName=FONT_BOLD, fontSize=12, leading=15, textColor=URGENT)
    add("UrgentBody", **sheet, spaceAfter=2)
    add("UrgentBullet", **sheet, leftIndent=10, bulletIndent=1, spaceAfter=0.5)
    add("UrgentStep", **sheet, fontName=FONT_BOLD, leftIndent=13, bulletIndent=0, spaceAfter=2)
    add("UrgentStrong", **sheet, fontName=FONT_BOLD, spaceBefore=2, spaceAfter=0)
    add("Consent", fontSize=9, leading=12.5, spaceAfter=4)
    add("Seal", fontSize=9.5, leading=13, textColor=TEXT)
    add("Letter", fontSize=10.5, leading=15, spaceAfter=8)
    add("LetterBullet", fontSize=10.5, leading=15, leftIndent=14, bulletIndent=3, spaceAfter=3)
    add(
        "LetterHeading",
        fontName=FONT_BOLD,
        fontSize=11,
        leading=15,
        textColor=ACCENT,
        spaceBefore=6,
        spaceAfter=4,
        keepWithNext=1,
    )
    add("Signature", fontSize=10.5, leading=14)
    add("SignatureRole", fontSize=9, leading=12, textColor=MUTED)
    add("TypedSignature", fontName="DejaVuSans-Oblique", fontSize=13, leading=17)
    return styles


def _table_styles() -> dict[str, TableStyle]:
    pad = [
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    return {
        # Patient block / "what was done": label-value pairs on a light panel.
        "Fields": TableStyle(
            [
                *pad,
                ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
                ("LINEABOVE", (0, 0), (-1, 0), 1.2, ACCENT),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        ),
        # Record tables: header row tinted, light grid.
        "Grid": TableStyle(
            [
                *pad,
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ]
        ),
        # Grid whose last row is a bold total.
        "GridTotal": TableStyle(
            [
                *pad,
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
                ("LINEABOVE", (0, -1), (-1, -1), 1, ACCENT),
            ]
        ),
        # Label-value pairs with a light grid (record).
        "KeyValue": TableStyle(
            [
                *pad,
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (0, -1), HEAD_FILL),
            ]
        ),
        # Side effects: frequency column, no grid, hairline between groups.
        "Frequencies": TableStyle(
            [
                *pad,
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        ),
        # The boxed "Get urgent help" section.
        "Urgent": TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.6, URGENT),
                ("BACKGROUND", (0, 0), (-1, -1), URGENT_FILL),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 4.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        ),
        # Consent text exactly as shown, on a framed panel.
        "Panel": TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, ACCENT),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#FAFBFC")),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        ),
        # Signature blocks: side by side, a line above the name.
        "Signatures": TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 12),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, MUTED),
            ]
        ),
        # Signature blocks side by side, bottoms aligned so the lines line up.
        "SignatureRow": TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        ),
        # Plain layout table (no lines, no padding).
        "Layout": TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        ),
    }


@functools.cache
def build_stylesheet() -> Stylesheet:
    """Return the stylesheet (built once; styles are never mutated by story code).

    Returns:
        Every named paragraph and table style used by the documents.
    """
    tables = _table_styles()
    for style in tables.values():
        # A cell holding a plain string (even an empty one) is drawn in the table's font, which
        # is Helvetica unless set: pdffonts would list an unembedded base-14 font.
        style.add("FONTNAME", (0, 0), (-1, -1), FONT_REGULAR)
    return Stylesheet(
        para=MappingProxyType(_paragraph_styles()),
        table=MappingProxyType(tables),
    )


#: Page margins shared by the page templates (points).
MARGIN_X = 18 * mm
MARGIN_BOTTOM = 16 * mm
#: Baseline of the footer line and page number, from the bottom edge of the paper.
FOOTER_BASELINE = 9 * mm
FONT_FOOTER = FONT_REGULAR
