"""The deferral letter (``deferral.pdf``): screening said STOP, so no treatment was given today.

A kind letter to the patient in their language: greeting, why treatment was not given (in patient
words), what to do next, and the clinician's name. :func:`build_story` is pure;
:func:`render_deferral` writes the PDF atomically. Characters the bundled fonts cannot draw print
as ``[U+XXXX]`` (see :mod:`consult_app.documents.text`).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether

from consult_app.core.report_model import DeferralModel
from consult_app.documents.blocks import (
    bullets,
    gap,
    heading,
    make_paragraph,
    paragraph,
    paragraphs,
)
from consult_app.documents.styles import Stylesheet
from consult_app.documents.templates import render_document
from consult_app.documents.text import fill


def build_story(model: DeferralModel, styles: Stylesheet) -> list[Flowable]:
    """Return the flowables of the deferral letter.

    Args:
        model: the letter's content, in the patient's language.
        styles: from :func:`~consult_app.documents.styles.build_stylesheet`.

    Returns:
        The story.
    """
    labels = model.labels
    story: list[Flowable] = []
    story += paragraphs([model.date], styles, "Subtitle")
    story += heading(labels.title, styles, "Title")
    story.append(gap(4))
    story.append(
        make_paragraph(fill(labels.greeting, name=model.patient_name), styles.para["Letter"])
    )
    story += paragraphs([labels.intro], styles, "Letter")
    reasons = bullets(model.reasons, styles, "LetterBullet")
    if reasons:
        story += heading(labels.reasons_heading, styles, "LetterHeading")
        story += reasons
    steps = bullets(model.next_steps, styles, "LetterBullet")
    if steps:
        story += heading(labels.next_heading, styles, "LetterHeading")
        story += steps
    story.append(gap(6))
    closing: list[Flowable] = [
        *paragraphs([labels.closing], styles, "Letter"),
        gap(8),
        *paragraphs([model.clinician], styles, "Signature"),
        *paragraphs([model.clinician_role], styles, "SignatureRole"),
    ]
    if model.clinic.name.strip():
        closing.append(paragraph(model.clinic.name, styles, "SignatureRole"))
    story.append(KeepTogether(closing))
    return story


def render_deferral(
    model: DeferralModel, target: Path, font_dir: Path, *, invariant: bool = False
) -> None:
    """Write the deferral letter to ``target`` (temporary file, then rename).

    Args:
        model: the letter's content.
        target: the PDF to write; replaced atomically, never left half-written.
        font_dir: folder holding the bundled DejaVu fonts.
        invariant: write a byte-reproducible PDF (fixed dates and IDs), for tests.

    Raises:
        FileNotFoundError: a bundled font is missing.
        OSError: the target folder is not writable.
    """
    render_document(model, build_story, target, font_dir, invariant=invariant)
