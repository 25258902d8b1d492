"""The consultation record (``record.pdf``) for the chart, in the clinician's language.

Everything needed to defend the consultation years later: identifiers, indications with their
diagnosis basis, product, lot, expiry, dilution, dose per area and total, every screening answer,
every finding with the clinician's reason, risks discussed, the consent text exactly as shown,
confirmations, decision, notes, signature images, timestamps, the consent's SHA-256 seal and the
protocol version and hash. Hashes are printed in groups of four characters, eight groups a line,
so they can be read back and compared aloud.

:func:`build_story` is pure; :func:`render_record` writes the PDF atomically. Characters the
bundled fonts cannot draw print as ``[U+XXXX]`` (see :mod:`consult_app.documents.text`).

Raises:
    ValueError: from :func:`build_story` when a signature image is not a readable image, because
        a record must never be produced silently without a signature that was given.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, KeepTogether, Table

from consult_app.core.report_model import LabeledValue, RecordModel, Signature
from consult_app.documents.blocks import (
    bullets,
    gap,
    grid,
    heading,
    key_value_table,
    make_paragraph,
    paragraph,
    paragraphs,
)
from consult_app.documents.chart import administration_story
from consult_app.documents.styles import SEVERITY_FILL, Stylesheet
from consult_app.documents.templates import PAGE_SIZES, render_document
from consult_app.documents.text import para

SIGNATURE_MAX_WIDTH = 55 * mm
SIGNATURE_MAX_HEIGHT = 18 * mm


def group_hash(value: str, group: int = 4, per_line: int = 8) -> str:
    """Return ``value`` in groups of ``group`` characters, ``per_line`` groups a line.

    Args:
        value: a hex digest (any text works).
        group: characters per group.
        per_line: groups per line.

    Returns:
        Plain text with spaces between groups and newlines between lines.
    """
    value = "".join(value.split())
    groups = [value[i : i + group] for i in range(0, len(value), group)]
    lines = [" ".join(groups[i : i + per_line]) for i in range(0, len(groups), per_line)]
    return "\n".join(lines)


def build_story(model: RecordModel, styles: Stylesheet) -> list[Flowable]:
    """Return the flowables of the consultation record.

    Args:
        model: the record's content, in the clinician's language.
        styles: from :func:`~consult_app.documents.styles.build_stylesheet`.

    Returns:
        The story.

    Raises:
        ValueError: a signature image cannot be read.
    """
    labels = model.labels
    width = float(PAGE_SIZES[model.page_size][0] - 36 * mm)
    story: list[Flowable] = []
    story += heading(labels.title, styles, "Title")
    story += paragraphs([model.patient_name], styles, "Subtitle")

    story += heading(labels.patient_heading, styles)
    story += key_value_table(
        [
            LabeledValue(labels.patient, model.patient_name),
            *model.patient_identifiers,
            LabeledValue(labels.clinician, model.clinician),
            LabeledValue(model.prescriber_label, model.prescriber),
        ],
        styles,
        width,
    )
    if any(t.value.strip() for t in model.timestamps):
        story += heading(labels.timestamps_heading, styles)
        story += key_value_table(model.timestamps, styles, width)

    if model.indications:
        story += heading(labels.indications_heading, styles)
        story.append(
            grid(
                [labels.indication, labels.diagnosis_basis, labels.label_status],
                [[i.name, i.diagnosis_basis, i.label_status] for i in model.indications],
                styles,
                [width * 0.3, width * 0.45, width * 0.25],
            )
        )

    story += heading(labels.product_heading, styles)
    story += key_value_table(
        [
            LabeledValue(labels.product, model.product),
            LabeledValue(labels.lot, model.lot),
            LabeledValue(labels.expiry, model.expiry),
            LabeledValue(labels.dilution, model.dilution),
        ],
        styles,
        width,
    )
    if model.doses:
        story.append(gap(2))
        rows = [[d.area, d.sites, d.units, d.sides, d.volume] for d in model.doses]
        rows.append([labels.total, "", model.total_units, "", model.total_volume])
        total_table = grid(
            [labels.area, labels.sites, labels.units, model.sides_heading, labels.volume],
            rows,
            styles,
            [width * 0.36, width * 0.1, width * 0.12, width * 0.28, width * 0.14],
            style="GridTotal",
        )
        story.append(total_table)

    if model.screening:
        story += heading(labels.screening_heading, styles)
        story.append(
            grid(
                [labels.question, labels.answer],
                [[a.question, a.answer] for a in model.screening],
                styles,
                [width * 0.75, width * 0.25],
            )
        )

    story += heading(labels.findings_heading, styles)
    if model.findings:
        findings = grid(
            [labels.level, labels.finding, labels.reason],
            [[f.level, f.message, f.reason] for f in model.findings],
            styles,
            [width * 0.14, width * 0.43, width * 0.43],
        )
        for row, finding in enumerate(model.findings, start=1):
            findings.setStyle([("BACKGROUND", (0, row), (0, row), SEVERITY_FILL[finding.severity])])
        story.append(findings)
    else:
        story += paragraphs([labels.no_findings], styles)

    if model.risks_discussed or model.patient_questions.strip():
        story += heading(labels.risks_heading, styles)
        story += bullets(model.risks_discussed, styles)
        if model.patient_questions.strip():
            story.append(gap(1.5))
            story += key_value_table(
                [LabeledValue(labels.patient_questions, model.patient_questions)], styles, width
            )

    if model.consent_text.strip():
        story += heading(labels.consent_heading, styles)
        blocks = [b for b in model.consent_text.replace("\r\n", "\n").split("\n\n") if b.strip()]
        panel = Table(
            [[paragraph(block, styles, "Consent")] for block in blocks],
            colWidths=[width],
            hAlign="LEFT",
            splitInRow=1,
        )
        panel.setStyle(styles.table["Panel"])
        story.append(panel)

    if model.confirmations:
        story += heading(labels.confirmations_heading, styles)
        story.append(
            grid(
                None,
                [
                    [
                        ("✓ " + labels.confirmed) if c.confirmed else ("✗ " + labels.not_confirmed),
                        c.text,
                    ]
                    for c in model.confirmations
                ],
                styles,
                [width * 0.22, width * 0.78],
            )
        )

    if model.decision.strip():
        story += heading(labels.decision_heading, styles)
        story.append(paragraph(model.decision, styles, "FieldValue"))
    story += administration_story(model.administration, styles, width)

    if model.notes.strip():
        story += heading(labels.notes_heading, styles)
        story += paragraphs(model.notes.replace("\r\n", "\n").split("\n\n"), styles)

    if model.signatures:
        story += _signatures(model, styles, width)

    integrity = key_value_table(
        [
            LabeledValue(labels.seal, group_hash(model.seal_sha256)),
            LabeledValue(labels.protocol_version, model.protocol_version),
            LabeledValue(labels.protocol_hash, group_hash(model.protocol_hash)),
            *(
                [LabeledValue(labels.audit_chain, _chain(model.chain_head))]
                if model.chain_head
                else []
            ),
        ],
        styles,
        width,
        label_width=55 * mm,
        value_style="Seal",
    )
    if integrity:
        story.append(KeepTogether([*heading(labels.integrity_heading, styles), *integrity]))
    return story


def _signatures(model: RecordModel, styles: Stylesheet, width: float) -> list[Flowable]:
    per_row = 3 if len(model.signatures) >= 3 else 2
    col = width / per_row
    cells = [_signature_cell(sig, model, styles) for sig in model.signatures]
    rows: list[list[object]] = []
    for start in range(0, len(cells), per_row):
        row: list[object] = list(cells[start : start + per_row])
        row += [""] * (per_row - len(row))
        rows.append(row)
    table = Table(rows, colWidths=[col] * per_row, hAlign="LEFT")
    table.setStyle(styles.table["SignatureRow"])
    return [KeepTogether([*heading(model.labels.signatures_heading, styles), table])]


def _signature_cell(sig: Signature, model: RecordModel, styles: Stylesheet) -> list[Flowable]:
    labels = model.labels
    cell: list[Flowable] = []
    if sig.png:
        cell.append(_signature_image(sig))
    elif sig.typed_name and sig.typed_name.strip():
        cell.append(paragraph(sig.typed_name, styles, "TypedSignature"))
        cell.append(paragraph(f"({labels.typed_signature})", styles, "SignatureRole"))
    line = Table([[""]], colWidths=[SIGNATURE_MAX_WIDTH], rowHeights=[2])
    line.setStyle(styles.table["Signatures"])
    cell.append(line)
    cell += paragraphs([sig.name], styles, "Signature")
    cell += paragraphs([sig.role], styles, "SignatureRole")
    if sig.signed_at.strip():
        cell.append(
            make_paragraph(
                f"{para(labels.signed_at)} {para(sig.signed_at)}", styles.para["SignatureRole"]
            )
        )
    return cell


def _signature_image(sig: Signature) -> Image:
    assert sig.png is not None
    try:
        reader = ImageReader(BytesIO(sig.png))
        img_w, img_h = reader.getSize()
    except Exception as exc:
        raise ValueError(
            f"the signature image of the {sig.role!r} is not a readable image"
        ) from exc
    scale = min(SIGNATURE_MAX_WIDTH / img_w, SIGNATURE_MAX_HEIGHT / img_h)
    image = Image(BytesIO(sig.png), width=img_w * scale, height=img_h * scale)
    image.hAlign = "LEFT"
    return image


def render_record(
    model: RecordModel, target: Path, font_dir: Path, *, invariant: bool = False
) -> None:
    """Write the consultation record to ``target`` (temporary file, then rename).

    Args:
        model: the record's content.
        target: the PDF to write; replaced atomically, never left half-written.
        font_dir: folder holding the bundled DejaVu fonts.
        invariant: write a byte-reproducible PDF (fixed dates and IDs), for tests.

    Raises:
        FileNotFoundError: a bundled font is missing.
        ValueError: a signature image cannot be read.
        OSError: the target folder is not writable.
    """
    render_document(model, build_story, target, font_dir, invariant=invariant)


def _chain(head: str) -> str:
    """``<seq> <hash>`` as printed: the entry number, then the hash in groups."""
    seq, _, digest = head.partition(" ")
    return f"{seq} · {group_hash(digest)}" if digest else head
