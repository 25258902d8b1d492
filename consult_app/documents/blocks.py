"""Small flowable builders shared by the handout, the record and the letter.

Every text goes through :func:`consult_app.documents.text.para` here, so story code never builds
markup from raw strings. Empty values produce no flowable at all (nothing is printed for them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from consult_app.core.report_model import LabeledValue
from consult_app.documents.fonts import FALLBACKS, FONT_BOLD, FONT_BOLD_ITALIC
from consult_app.documents.styles import Stylesheet
from consult_app.documents.text import needs_shaping, para

BULLET = "•"

_shaped_styles: dict[str, ParagraphStyle] = {}
_BOLD_FACES = frozenset({FONT_BOLD, FONT_BOLD_ITALIC})


def make_paragraph(markup: str, style: ParagraphStyle, **kwargs: object) -> Paragraph:
    """Return a Paragraph of ``markup``; shaped (HarfBuzz) when it holds Devanagari.

    Every paragraph of the documents is made here, so a name in a script that needs shaping is
    drawn correctly wherever it appears, and the others keep reportlab's fast path.
    """
    if style.fontName in _BOLD_FACES:
        # A bold style (not <b> markup): its fallback runs take their bold faces too.
        for fallback in FALLBACKS:
            markup = markup.replace(
                f'<font name="{fallback.name}">', f'<font name="{fallback.bold_name}">'
            )
    if needs_shaping(markup):
        shaped = _shaped_styles.get(style.name)
        if shaped is None:
            shaped = ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)
            _shaped_styles[style.name] = shaped
        style = shaped
    return Paragraph(markup, style, **kwargs)


def paragraph(text: str, styles: Stylesheet, style: str = "Body") -> Paragraph:
    """Return one escaped paragraph in the named style."""
    return make_paragraph(para(text), styles.para[style])


def heading(text: str, styles: Stylesheet, style: str = "Heading") -> list[Flowable]:
    """Return a heading (bookmarked by the template), or nothing when ``text`` is empty."""
    return [paragraph(text, styles, style)] if text.strip() else []


def paragraphs(texts: Iterable[str], styles: Stylesheet, style: str = "Body") -> list[Flowable]:
    """Return one paragraph per non-empty text."""
    return [paragraph(text, styles, style) for text in texts if text.strip()]


def titled_markup(title: str, text: str) -> str:
    """Return markup for ``text`` with ``title`` as a bold run-in heading (omitted when empty)."""
    markup = para(text)
    if title.strip():
        markup = f"<b>{para(title.strip())}</b>" + (f" {markup}" if markup else "")
    return markup


def titled(title: str, text: str, styles: Stylesheet, style: str = "Body") -> Paragraph:
    """Return a paragraph with ``title`` as a bold run-in heading (omitted when empty)."""
    return make_paragraph(titled_markup(title, text), styles.para[style])


def bullets(items: Iterable[str], styles: Stylesheet, style: str = "Bullet") -> list[Flowable]:
    """Return a bulleted paragraph per non-empty item."""
    return [
        make_paragraph(para(item), styles.para[style], bulletText=BULLET)
        for item in items
        if item.strip()
    ]


def field_panel(
    fields: Sequence[LabeledValue],
    styles: Stylesheet,
    width: float,
    columns: int = 4,
    weights: Sequence[float] | None = None,
    wide: Sequence[LabeledValue] = (),
) -> list[Flowable]:
    """Return label-over-value cells on a tinted panel, ``columns`` per row; empty values skipped.

    Args:
        fields: the label-value pairs.
        styles: the stylesheet.
        width: available width.
        columns: cells per row.
        weights: relative column widths (used when every field has a value), else equal.
        wide: label-value pairs that each get a full-width row below the others (long lists).

    Returns:
        A one-table list, or an empty list when no field has a value.
    """

    def cell(field: LabeledValue) -> list[Flowable]:
        return [
            paragraph(field.label, styles, "FieldLabel"),
            paragraph(field.value, styles, "FieldValue"),
        ]

    cells = [cell(field) for field in fields if field.value.strip()]
    wide_cells = [cell(field) for field in wide if field.value.strip()]
    if not cells and not wide_cells:
        return []
    if weights is not None and len(cells) == len(fields) == len(weights) == columns:
        total = sum(weights)
        col_widths = [width * w / total for w in weights]
    else:
        columns = max(1, min(columns, len(cells)))
        col_widths = [width / columns] * columns
    rows: list[list[object]] = []
    for start in range(0, len(cells), columns):
        row: list[object] = list(cells[start : start + columns])
        row += [""] * (columns - len(row))
        rows.append(row)
    spans = []
    for wide_cell in wide_cells:
        spans.append(("SPAN", (0, len(rows)), (-1, len(rows))))
        rows.append([wide_cell, *[""] * (columns - 1)])
    table = Table(rows, colWidths=col_widths, hAlign="LEFT", splitInRow=1)
    table.setStyle(styles.table["Fields"])
    if spans:
        table.setStyle(spans)
    return [table]


def key_value_table(
    rows: Sequence[LabeledValue],
    styles: Stylesheet,
    width: float,
    label_width: float = 48 * mm,
    style: str = "KeyValue",
    value_style: str = "Cell",
) -> list[Flowable]:
    """Return a two-column label/value table; rows with an empty value are left out."""
    data = [
        [paragraph(row.label, styles, "CellBold"), paragraph(row.value, styles, value_style)]
        for row in rows
        if row.value.strip()
    ]
    if not data:
        return []
    table = Table(data, colWidths=[label_width, width - label_width], hAlign="LEFT", splitInRow=1)
    table.setStyle(styles.table[style])
    return [table]


def grid(
    header: Sequence[str] | None,
    rows: Sequence[Sequence[str]],
    styles: Stylesheet,
    col_widths: Sequence[float],
    style: str = "Grid",
) -> Table:
    """Return a light-grid table, with a repeated header row unless ``header`` is None."""
    data: list[list[object]] = []
    if header is not None:
        data.append([paragraph(text, styles, "CellHead") for text in header])
    data += [[paragraph(text, styles, "Cell") for text in row] for row in rows]
    table = Table(
        data,
        colWidths=list(col_widths),
        repeatRows=1 if header is not None else 0,
        hAlign="LEFT",
        splitInRow=1,
    )
    table.setStyle(styles.table[style])
    return table


def gap(height_mm: float) -> Spacer:
    """Return vertical space of ``height_mm`` millimetres."""
    return Spacer(1, height_mm * mm)
