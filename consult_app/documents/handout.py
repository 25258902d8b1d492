"""The patient information sheet (``handout.pdf``), in the patient's language.

:func:`build_story` is pure (model + stylesheet -> flowables); :func:`render_handout` writes the
PDF atomically. All wording comes from :class:`~consult_app.core.report_model.HandoutModel`.

Characters the bundled DejaVu Sans cannot draw are printed as a visible ``[U+XXXX]`` marker,
never as boxes (see :mod:`consult_app.documents.text`); control characters are dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import groupby
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table

from consult_app.core.report_model import HandoutModel, LabeledValue
from consult_app.documents.blocks import (
    BULLET,
    bullets,
    field_panel,
    gap,
    heading,
    make_paragraph,
    paragraph,
    paragraphs,
    titled,
    titled_markup,
)
from consult_app.documents.chart import areas_panel, sheet_maps
from consult_app.documents.styles import Stylesheet
from consult_app.documents.templates import PAGE_SIZES, render_document
from consult_app.documents.text import para

#: The sheet's page limit: a map that would push it further is left out (the area list stays).
MAX_PAGES = 2
#: Width of the side-effects frequency column: one short frequency word per group.
FREQUENCY_COLUMN = 21 * mm
#: Space between the two columns of a two-column list.
COLUMN_GAP = 5 * mm


def _content_width(model: HandoutModel) -> float:
    width, _ = PAGE_SIZES[model.page_size]
    return float(width - 36 * mm)


def build_story(model: HandoutModel, styles: Stylesheet) -> list[Flowable]:
    """Return the flowables of the patient sheet.

    The order is: patient, what was done, the boxed "Get urgent help" section (kept whole, on
    page 1), what to expect, aftercare, side effects from common to rare, this patient's own
    points, the off-label statement and the alternatives. The next appointments sit with what was
    done today, at the top.

    Args:
        model: the sheet's content, already in the patient's language.
        styles: from :func:`~consult_app.documents.styles.build_stylesheet`.

    Returns:
        The story, ready for :class:`~consult_app.documents.templates.ConsultDocTemplate`.
    """
    labels = model.labels
    width = _content_width(model)
    story: list[Flowable] = []
    story += heading(labels.title, styles, "Title")
    story += field_panel(
        [
            LabeledValue(labels.patient, model.patient_name),
            LabeledValue(labels.birth_date, model.birth_date),
            LabeledValue(labels.treatment_date, model.treatment_date),
            LabeledValue(labels.clinician, model.clinician),
        ],
        styles,
        width,
        weights=(0.32, 0.2, 0.2, 0.28),
    )

    # Product, reason and lot side by side; the areas (often a long list) get a full-width row.
    done = field_panel(
        [
            LabeledValue(labels.product, _product(model)),
            LabeledValue(labels.reasons, "\n".join(r for r in model.reasons if r.strip())),
            LabeledValue(labels.lot, model.lot),
            LabeledValue(labels.review_date, model.review_date),
            LabeledValue(labels.next_treatment, model.next_treatment_date),
        ],
        styles,
        width,
        columns=3,
        weights=(0.35, 0.28, 0.37),
    )
    done += areas_panel(
        model.areas_label or labels.areas,
        model.areas,
        styles,
        width,
        drawing=sheet_maps(model.maps, styles),
    )
    if done:
        story += heading(labels.done_heading, styles, "SheetHeading")
        story += done

    # The urgent box comes early on page 1, whole: the patient cannot miss it, and it never
    # ends up alone on a last page. Only a box taller than a page would be split.
    story.append(gap(2.5))
    story.append(KeepTogether([_urgent_box(model, styles, width)]))

    expectations: list[Flowable] = [
        titled(item.title, item.text, styles, "SheetBody")
        for item in model.expectations
        if item.title.strip() or item.text.strip()
    ]
    if expectations:
        story += heading(labels.expect_heading, styles, "SheetHeading")
        story += expectations

    aftercare = _two_columns(model.aftercare, styles, width)
    if aftercare:
        story += heading(labels.aftercare_heading, styles, "SheetHeading")
        story += aftercare

    effects = _side_effects(model, styles, width)
    if effects:
        story += heading(labels.side_effects_heading, styles, "SheetHeading")
        story += paragraphs([labels.side_effects_intro], styles, "SheetSmall")
        story += effects

    counselling = bullets(model.counselling, styles, "SheetBullet")
    if counselling:
        story += heading(labels.counselling_heading, styles, "SheetHeading")
        story += counselling

    if model.off_label and model.off_label.strip():
        story += heading(labels.off_label_heading, styles, "SheetHeading")
        story.append(paragraph(model.off_label, styles, "SheetBody"))

    # The alternatives the consent named (1.1), as one run-in paragraph to keep the sheet short.
    if model.alternatives:
        text = " ".join(f"{item.title} {item.text}".strip() for item in model.alternatives)
        story.append(gap(1.5))
        story.append(titled(model.alternatives_heading, text, styles, "SheetSmall"))
    return story


def _product(model: HandoutModel) -> str:
    brand, generic = model.product_brand.strip(), model.product_generic.strip()
    if brand and generic:
        return f"{brand} ({generic})"
    return brand or generic


def _two_columns(items: Sequence[str], styles: Stylesheet, width: float) -> list[Flowable]:
    """Short bulleted lines in two columns, read down the left column first.

    A list of fewer than four lines stays in one column. Each table row holds one line of each
    column, so the list can continue on the next page between any two rows.
    """
    lines = bullets(items, styles, "SheetBullet")
    if len(lines) < 4:
        return lines
    half = (len(lines) + 1) // 2
    left, right = lines[:half], lines[half:]
    rows: list[list[object]] = [
        [left[index], "", right[index] if index < len(right) else ""] for index in range(half)
    ]
    column = (width - COLUMN_GAP) / 2
    return _flowing_rows(rows, [column, COLUMN_GAP, column], styles, "Layout")


def _flowing_rows(
    rows: list[list[object]], widths: list[float], styles: Stylesheet, style: str
) -> list[Flowable]:
    """The rows as a first one-row table and a table of the rest.

    A heading's ``keepWithNext`` then holds the heading with the first row only, and the rest
    flows onto the next page, instead of the whole table moving and leaving a gap.
    """
    tables: list[Flowable] = []
    for part in (rows[:1], rows[1:]):
        if part:
            table = Table(part, colWidths=widths, hAlign="LEFT", splitInRow=1)
            table.setStyle(styles.table[style])
            tables.append(table)
    return tables


def _side_effects(model: HandoutModel, styles: Stylesheet, width: float) -> list[Flowable]:
    """One row per run of side effects sharing a frequency word, kept in the given order."""
    rows: list[list[object]] = []
    effects = [e for e in model.side_effects if e.text.strip() or e.title.strip()]
    for frequency, group in groupby(effects, key=lambda effect: effect.frequency):
        rows.append(
            [
                paragraph(frequency, styles, "Frequency"),
                [
                    make_paragraph(
                        titled_markup(effect.title, effect.text),
                        styles.para["SheetBullet"],
                        bulletText=BULLET,
                    )
                    for effect in group
                ],
            ]
        )
    if not rows:
        return []
    return _flowing_rows(rows, [FREQUENCY_COLUMN, width - FREQUENCY_COLUMN], styles, "Frequencies")


def _urgent_box(model: HandoutModel, styles: Stylesheet, width: float) -> Flowable:
    """The boxed "Get urgent help" section: symptoms in two columns, then what to do."""
    flags = model.red_flags
    inner_width = width - 16
    content: list[Flowable] = [paragraph(flags.title, styles, "UrgentTitle")]
    content += paragraphs([flags.intro], styles, "UrgentBody")
    symptoms = [s for s in flags.symptoms if s.strip()]
    if symptoms:
        half = (len(symptoms) + 1) // 2
        columns = Table(
            [
                [
                    bullets(symptoms[:half], styles, "UrgentBullet"),
                    bullets(symptoms[half:], styles, "UrgentBullet"),
                ]
            ],
            colWidths=[inner_width / 2, inner_width / 2],
            hAlign="LEFT",
            splitInRow=1,
        )
        columns.setStyle(styles.table["Layout"])
        content.append(columns)
    actions = [a for a in flags.actions if a.strip()]
    if actions:
        content.append(gap(1.5))
        content += [
            _numbered(index, action, styles) for index, action in enumerate(actions, start=1)
        ]
    content += paragraphs([flags.timing], styles, "UrgentStrong")
    box = Table([[content]], colWidths=[width], hAlign="LEFT", splitInRow=1)
    box.setStyle(styles.table["Urgent"])
    return box


def _numbered(index: int, text: str, styles: Stylesheet) -> Flowable:
    return make_paragraph(para(text), styles.para["UrgentStep"], bulletText=f"{index}.")


def render_handout(
    model: HandoutModel, target: Path, font_dir: Path, *, invariant: bool = False
) -> None:
    """Write the patient sheet to ``target`` (temporary file in the same folder, then rename).

    Args:
        model: the sheet's content.
        target: the PDF to write; replaced atomically, never left half-written.
        font_dir: folder holding the bundled DejaVu fonts.
        invariant: write a byte-reproducible PDF (fixed dates and IDs), for tests.

    Raises:
        FileNotFoundError: a bundled font is missing.
        OSError: the target folder is not writable.
    """
    render_document(model, build_story, target, font_dir, invariant=invariant)
    if model.maps and _pages(target) > MAX_PAGES:
        # The sheet must stay within two pages: the map goes, the list of areas stays.
        render_document(replace(model, maps=()), build_story, target, font_dir, invariant=invariant)


def _pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)
