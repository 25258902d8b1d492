"""The patient information sheet (``handout.pdf``), in the patient's language.

:func:`build_story` is pure (model + stylesheet -> flowables); :func:`render_handout` writes the
PDF atomically. All wording comes from :class:`~consult_app.core.report_model.HandoutModel`.

Characters the bundled DejaVu Sans cannot draw are printed as a visible ``[U+XXXX]`` marker,
never as boxes (see :mod:`consult_app.documents.text`); control characters are dropped.
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from consult_app.core.report_model import HandoutModel, LabeledValue
from consult_app.documents._atomic import write_atomically
from consult_app.documents.blocks import (
    BULLET,
    bullets,
    field_panel,
    gap,
    heading,
    paragraph,
    paragraphs,
    titled,
    titled_markup,
)
from consult_app.documents.fonts import register_fonts
from consult_app.documents.styles import Stylesheet, build_stylesheet
from consult_app.documents.templates import PAGE_SIZES, ConsultDocTemplate
from consult_app.documents.text import para

FREQUENCY_COLUMN = 30 * mm


def _content_width(model: HandoutModel) -> float:
    width, _ = PAGE_SIZES[model.page_size]
    return float(width - 36 * mm)


def build_story(model: HandoutModel, styles: Stylesheet) -> list[Flowable]:
    """Return the flowables of the patient sheet.

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
    story.append(gap(2))
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

    done = field_panel(
        [
            LabeledValue(labels.product, _product(model)),
            LabeledValue(labels.reasons, "\n".join(r for r in model.reasons if r.strip())),
            LabeledValue(labels.areas, ", ".join(a for a in model.areas if a.strip())),
            LabeledValue(labels.lot, model.lot),
        ],
        styles,
        width,
        columns=2,
    )
    if done:
        story += heading(labels.done_heading, styles)
        story += done

    expectations: list[Flowable] = [
        titled(item.title, item.text, styles)
        for item in model.expectations
        if item.title.strip() or item.text.strip()
    ]
    if expectations:
        story += heading(labels.expect_heading, styles)
        story += expectations

    aftercare = bullets(model.aftercare, styles)
    if aftercare:
        story += heading(labels.aftercare_heading, styles)
        story += paragraphs([labels.aftercare_intro], styles, "Small")
        story += aftercare

    effects = _side_effects(model, styles, width)
    if effects:
        story += heading(labels.side_effects_heading, styles)
        story += paragraphs([labels.side_effects_intro], styles, "Small")
        story += effects

    story.append(gap(4))
    # Kept on one page when it fits; only a box taller than a page is split.
    story.append(KeepTogether([_urgent_box(model, styles, width)]))

    counselling = bullets(model.counselling, styles)
    if counselling:
        story += heading(labels.counselling_heading, styles)
        story += counselling

    if model.off_label and model.off_label.strip():
        story += heading(labels.off_label_heading, styles)
        story.append(paragraph(model.off_label, styles))

    next_panel = field_panel(
        [
            LabeledValue(labels.review_date, model.review_date),
            LabeledValue(labels.next_treatment, model.next_treatment_date),
        ],
        styles,
        width,
        columns=2,
    )
    if next_panel:
        story.append(KeepTogether([*heading(labels.next_heading, styles), *next_panel]))
    return story


def _product(model: HandoutModel) -> str:
    brand, generic = model.product_brand.strip(), model.product_generic.strip()
    if brand and generic:
        return f"{brand} ({generic})"
    return brand or generic


def _side_effects(model: HandoutModel, styles: Stylesheet, width: float) -> list[Flowable]:
    """One row per run of side effects sharing a frequency word, kept in the given order."""
    rows: list[list[object]] = []
    effects = [e for e in model.side_effects if e.text.strip() or e.title.strip()]
    for frequency, group in groupby(effects, key=lambda effect: effect.frequency):
        rows.append(
            [
                paragraph(frequency, styles, "Frequency"),
                [
                    Paragraph(
                        titled_markup(effect.title, effect.text),
                        styles.para["Bullet"],
                        bulletText=BULLET,
                    )
                    for effect in group
                ],
            ]
        )
    if not rows:
        return []
    table = Table(
        rows,
        colWidths=[FREQUENCY_COLUMN, width - FREQUENCY_COLUMN],
        hAlign="LEFT",
        # A frequency group moves to the next page whole rather than leaving its label behind.
        splitInRow=0,
    )
    table.setStyle(styles.table["Frequencies"])
    return [table]


def _urgent_box(model: HandoutModel, styles: Stylesheet, width: float) -> Flowable:
    """The boxed "Get urgent help" section: symptoms in two columns, then what to do."""
    flags = model.red_flags
    inner_width = width - 18
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
    return Paragraph(para(text), styles.para["UrgentStep"], bulletText=f"{index}.")


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
    register_fonts(font_dir)
    styles = build_stylesheet()
    story = build_story(model, styles)

    def write(path: Path) -> None:
        doc = ConsultDocTemplate(
            str(path),
            styles=styles,
            page_size=model.page_size,
            clinic=model.clinic,
            common=model.common,
            footer=model.footer,
            title=model.labels.title,
            subject=model.labels.subject,
            lang=model.lang,
            running_header=f"{model.labels.title} · {model.patient_name}",
            invariant=invariant,
        )
        doc.build_story(story)

    write_atomically(target, write)
