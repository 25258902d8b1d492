"""The follow-up note (``followup.pdf``): the chart's record of a review after a treatment.

Patient and visit fields, the outcome scores against the baseline of the first treatment for each
indication, the adverse events (severity, onset, resolution), the notes and the stored hash. Same
page template, styles and escaping as the record (:mod:`consult_app.documents.templates`).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from consult_app.core.followup_report import FollowUpNoteModel
from consult_app.documents.blocks import gap, grid, heading, key_value_table, paragraphs
from consult_app.documents.styles import Stylesheet
from consult_app.documents.templates import PAGE_SIZES, render_document


def build_story(model: FollowUpNoteModel, styles: Stylesheet) -> list[Flowable]:
    """Return the flowables of the follow-up note."""
    labels = model.labels
    width = float(PAGE_SIZES[model.page_size][0] - 36 * mm)
    story: list[Flowable] = [*heading(labels.title, styles, "Title")]
    story += key_value_table(model.fields, styles, width)
    story += heading(labels.scores_heading, styles)
    if model.scores:
        story += paragraphs([labels.scores_intro], styles, "Small")
        story.append(
            grid(
                [
                    labels.col_indication,
                    labels.col_score,
                    labels.col_baseline,
                    labels.col_now,
                    labels.col_change,
                ],
                model.scores,
                styles,
                [width * w for w in (0.24, 0.26, 0.2, 0.15, 0.15)],
            )
        )
    else:
        story += paragraphs([labels.no_scores], styles)
    story += heading(labels.adverse_heading, styles)
    if model.adverse_events:
        story.append(
            grid(
                [labels.col_event, labels.col_severity, labels.col_onset, labels.col_resolved],
                model.adverse_events,
                styles,
                [width * w for w in (0.46, 0.18, 0.18, 0.18)],
            )
        )
    else:
        story += paragraphs([labels.no_adverse], styles)
    if model.notes.strip():
        story += heading(labels.notes_heading, styles)
        story += paragraphs(model.notes.split("\n"), styles)
    story.append(gap(4))
    story += paragraphs([model.integrity], styles, "Small")
    return story


def render_followup(
    model: FollowUpNoteModel, target: Path, font_dir: Path, *, invariant: bool = False
) -> None:
    """Write the follow-up note to ``target`` (temporary file, then rename).

    Raises:
        FileNotFoundError: a bundled font is missing.
        OSError: the target folder is not writable.
    """
    render_document(model, build_story, target, font_dir, invariant=invariant)
