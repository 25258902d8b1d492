"""Document models from an evaluation: the patient sheet, the record and the deferral letter.

Pure functions: an :class:`~consult_app.core.usecase.Evaluation`, the clinic, the document labels
(``resources/labels/documents.toml`` via ``core.labels``) and the seal and timestamps in; a
``core.report_model`` dataclass with every string resolved out. Clinical wording comes from the
protocol (names, findings, questions) and its content (``SheetContent``); fixed wording from the
labels. Nothing here is written in Python.

* The sheet (:func:`build_handout`) and the deferral letter (:func:`build_deferral`) are in the
  patient's language (``patient.language``).
* The record (:func:`build_record`) is in the clinician's language; the consent text in it is the
  one shown to the patient, in the patient's language, exactly as sealed.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from consult_app.core.assembly import SheetText
from consult_app.core.chart_report import (
    administration_record,
    decision_text,
    region_maps,
    sheet_area_lines,
    sides_text,
)
from consult_app.core.consultation import Decision, age_on
from consult_app.core.diagrams import Diagrams
from consult_app.core.labels import Labels, build_labels, fill
from consult_app.core.report_model import (
    ClinicInfo,
    CommonLabels,
    Confirmation,
    DeferralLabels,
    DeferralModel,
    DoseLine,
    FindingEntry,
    FooterInfo,
    HandoutLabels,
    HandoutModel,
    IndicationEntry,
    LabeledValue,
    PageSize,
    RecordLabels,
    RecordModel,
    RedFlagSection,
    ScreeningAnswer,
    SideEffect,
    Signature,
    TitledText,
)
from consult_app.core.screening import Verdict, format_units
from consult_app.core.usecase import Evaluation, confirmed_ids, risks_discussed_ids

__all__ = [
    "DocumentContext",
    "build_deferral",
    "build_handout",
    "build_record",
    "consent_text",
    "format_moment",
    "format_timestamp",
]


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """What every document needs besides the evaluation.

    Attributes:
        labels: the document labels (``documents.toml``).
        clinic: the clinic printed in the header.
        page_size: ``Letter`` or ``A4`` (the clinic's setting).
        produced_at: when the document is produced (timezone-aware, local time).
        diagrams: the injection-map diagrams (maps are drawn only when given).
    """

    labels: Labels
    clinic: ClinicInfo
    page_size: PageSize
    produced_at: dt.datetime
    diagrams: Diagrams | None = None


def format_timestamp(when: dt.datetime) -> str:
    """Format a time as ``YYYY-MM-DD HH:MM`` in its own time zone, with the UTC offset."""
    return when.strftime("%Y-%m-%d %H:%M (UTC%z)").replace("(UTC+0000)", "(UTC)")


def format_moment(when: dt.datetime | dt.date) -> str:
    """Format a signing moment: a time as :func:`format_timestamp`, a date alone as ISO."""
    return format_timestamp(when) if isinstance(when, dt.datetime) else when.isoformat()


def _decimal(value: float, lang: str, places: int = 2) -> str:
    text = f"{value:.{places}f}"
    return text.replace(".", ",") if lang == "fr" else text


def _common(ctx: DocumentContext, lang: str) -> CommonLabels:
    return build_labels(CommonLabels, ctx.labels, "common", lang)


def _footer(ev: Evaluation, ctx: DocumentContext) -> FooterInfo:
    return FooterInfo(
        produced_date=ctx.produced_at.date().isoformat(), protocol_version=ev.protocol.version
    )


def _titled(ctx: DocumentContext, lang: str, item: SheetText) -> str:
    text = item.text
    if item.clinic_experience:
        text = f"{text} {ctx.labels.get('handout', 'clinic_experience', lang)}"
    if item.title:
        return fill(ctx.labels.get("handout", "titled", lang), title=item.title, text=text)
    return text


def _aftercare(ctx: DocumentContext, lang: str, ev: Evaluation) -> tuple[str, ...]:
    """General advice, then one line per treated region: its name, then its own advice.

    Repeated advice is already left out by the assembly (each line is given once).
    """
    lines: list[str] = []
    template = ctx.labels.get("handout", "titled", lang)
    for group in ev.sheet.aftercare:
        if group.title:
            text = " ".join(_titled(ctx, lang, item) for item in group.items)
            lines.append(fill(template, title=group.title, text=text))
        else:
            lines += [_titled(ctx, lang, item) for item in group.items]
    return tuple(lines)


def _capitalized(text: str) -> str:
    """``text`` with its first letter upper-case (an indication's name starting a sentence)."""
    return text[:1].upper() + text[1:]


def _sentence_title(title: str | None) -> str:
    if not title:
        return ""
    return title if title.endswith((".", "?", "!", ":")) else f"{title}."


def _lot(ev: Evaluation, ctx: DocumentContext, lang: str) -> str:
    lot = ev.consultation.lot
    if lot is None:
        return ""
    if lot.expiry is None:
        return lot.number
    return fill(
        ctx.labels.get("handout", "lot_with_expiry", lang),
        number=lot.number,
        expiry=lot.expiry.isoformat(),
    )


def build_handout(
    evaluation: Evaluation, ctx: DocumentContext, *, clinician: str | None = None
) -> HandoutModel:
    """Build the patient information sheet in the patient's language.

    Args:
        evaluation: the evaluated consultation (consent given).
        ctx: labels, clinic, page size and production time.
        clinician: the clinician's name (default: the consent's clinician).

    Returns:
        The sheet's model.
    """
    ev = evaluation
    c = ev.consultation
    sheet = ev.sheet
    lang = sheet.lang
    protocol = ev.protocol
    labels = ctx.labels
    jur = c.jurisdiction.value
    product = protocol.products[c.product]
    who = clinician or (c.consent.clinician if c.consent else None) or ""

    aftercare = _aftercare(ctx, lang, ev)
    areas_label, areas = sheet_area_lines(ev, labels, lang)
    side_effects = tuple(
        SideEffect(
            text=risk.sheet_text,
            frequency=labels.get("frequency", risk.band, lang),
            title=_sentence_title(risk.label),
        )
        for risk in sheet.side_effects
    )
    actions = [sheet.red_flags.action]
    if ctx.clinic.phone.strip():
        actions.append(fill(labels.get("handout", "clinic_call", lang), phone=ctx.clinic.phone))
    red_flags = RedFlagSection(
        title=labels.get("handout", "red_flags_title", lang),
        intro=sheet.red_flags.intro,
        symptoms=sheet.red_flags.symptoms,
        actions=tuple(actions),
        timing=sheet.red_flags.timing,
    )
    counselling = tuple(
        fill(labels.get("handout", "titled", lang), title=point.title, text=point.text)
        for point in sheet.counselling
    )
    return HandoutModel(
        lang=lang,
        clinic=ctx.clinic,
        patient_name=c.patient.name,
        birth_date=c.patient.birth_date.isoformat(),
        treatment_date=c.date.isoformat(),
        clinician=who,
        product_brand=product.display_name(jur),
        product_generic=product.generic,
        reasons=tuple(protocol.indications[i].name.get(lang) for i in c.indications),
        areas=areas,
        areas_label=areas_label,
        maps=region_maps(ev, ctx.diagrams, labels, lang),
        lot=_lot(ev, ctx, lang),
        expectations=tuple(
            TitledText(_sentence_title(item.title), _titled_text(ctx, lang, item))
            for item in sheet.expectations
        ),
        aftercare=aftercare,
        side_effects=side_effects,
        red_flags=red_flags,
        counselling=counselling,
        off_label=sheet.off_label_statement,
        review_date=ev.review_date.isoformat(),
        next_treatment_date=ev.earliest_retreatment_date.isoformat(),
        footer=_footer(ev, ctx),
        labels=build_labels(HandoutLabels, labels, "handout", lang),
        common=_common(ctx, lang),
        page_size=ctx.page_size,
        alternatives_heading=labels.get("handout", "alternatives_heading", lang),
        alternatives=tuple(
            TitledText(_sentence_title(_capitalized(a.name)), a.text) for a in sheet.alternatives
        ),
    )


def _titled_text(ctx: DocumentContext, lang: str, item: SheetText) -> str:
    if item.clinic_experience:
        return f"{item.text} {ctx.labels.get('handout', 'clinic_experience', lang)}"
    return item.text


def consent_text(evaluation: Evaluation, labels: Labels) -> str:
    """Return the consent text exactly as shown to the patient (blocks separated by a blank line).

    The sections (title on its own line, then the text), then the off-label statement when any,
    then the alternatives for each indication, in the patient's language: the same strings the
    sealed payload holds.
    """
    sheet = evaluation.sheet
    blocks = [f"{s.title}\n{s.text}" if s.title else s.text for s in sheet.consent_sections]
    if sheet.off_label_statement:
        blocks.append(sheet.off_label_statement)
    if sheet.alternatives:
        heading = labels.get("record_values", "alternatives_heading", sheet.lang)
        lines = [f"{_capitalized(a.name)}: {a.text}" for a in sheet.alternatives]
        blocks.append("\n".join([heading, *lines]))
    return "\n\n".join(blocks)


def _signature(
    value: str | None, name: str, role: str, signed_at: str, unsigned: str
) -> Signature | None:
    if not name.strip() and not value:
        return None
    if value and value.startswith("png:"):
        try:
            png = base64.b64decode(value[4:], validate=True)
        except (binascii.Error, ValueError):
            png = None
        if png:
            return Signature(name=name, role=role, signed_at=signed_at, png=png)
    if value and value.startswith("typed:"):
        return Signature(name=name, role=role, signed_at=signed_at, typed_name=value[6:])
    return Signature(name=name, role=role, signed_at=unsigned)


def _signatures(ev: Evaluation, ctx: DocumentContext, lang: str, signed: str) -> list[Signature]:
    consent = ev.consultation.consent
    if consent is None:
        return []
    get = ctx.labels.get
    unsigned = get("record_values", "unsigned", lang)
    found: list[Signature | None] = []
    if consent.substitute is not None:
        sub = consent.substitute
        role = fill(get("record_values", "role_substitute", lang), relationship=sub.relationship)
        found.append(_signature(sub.signature, sub.name, role, signed, unsigned))
    elif consent.patient_signature:
        found.append(
            _signature(
                consent.patient_signature,
                ev.consultation.patient.name,
                get("record_values", "role_patient", lang),
                signed,
                unsigned,
            )
        )
    found.append(
        _signature(
            consent.clinician_signature,
            consent.clinician or "",
            get("record_values", "role_clinician", lang),
            signed,
            unsigned,
        )
    )
    if consent.witness is not None:
        found.append(
            _signature(
                consent.witness.signature,
                consent.witness.name,
                get("record_values", "role_witness", lang),
                signed,
                unsigned,
            )
        )
    return [s for s in found if s is not None]


def build_record(
    evaluation: Evaluation,
    ctx: DocumentContext,
    *,
    lang: str,
    seal_sha256: str,
    signed_at: dt.datetime | dt.date | None,
    started_at: dt.datetime | None = None,
    confirmations: Sequence[str] | None = None,
    patient_questions: str = "",
    notes: str = "",
    chain_head: str = "",
) -> RecordModel:
    """Build the consultation record in the clinician's language.

    Args:
        evaluation: the evaluated consultation (consent given or declined, or (1.1) deferred:
            screening said STOP, consent was not asked and nothing is sealed).
        ctx: labels, clinic, page size and production time.
        lang: the clinician's language (``en`` or ``fr``).
        seal_sha256: the consent's seal, exactly as ``verify`` prints it ("" when deferred).
        signed_at: when the decision was signed (``None`` when deferred); a date alone for a
            consultation entered on another day (``usecase.signing_moment``).
        started_at: when the consultation was started in the app, if known. On another day
            than the consultation's date it is when a late entry was made, and says so.
        confirmations: the confirmation IDs ticked (``None``: see ``usecase.confirmed_ids``).
        patient_questions: the patient's questions, free text.
        notes: clinical notes, free text.
        chain_head: the audit chain entry that sealed the consent (``<seq> <hash>``).

    Returns:
        The record's model.
    """
    ev = evaluation
    c = ev.consultation
    protocol = ev.protocol
    labels = ctx.labels
    jur = c.jurisdiction.value
    product = protocol.products[c.product]
    p = c.patient

    def val(key: str) -> str:
        return labels.get("record_values", key, lang)

    def units(value: float) -> str:
        return fill(val("units_value"), units=format_units(value, lang))

    def volume(value: float) -> str:
        return fill(val("volume_value"), volume=_decimal(value, lang))

    identifiers = [
        LabeledValue(val("birth_date"), p.birth_date.isoformat()),
        LabeledValue(val("age"), fill(val("age_value"), age=str(age_on(p.birth_date, c.date)))),
        LabeledValue(val("chart_number"), p.chart_number or ""),
        LabeledValue(val("sex"), val(f"sex_{p.sex.value}")),
        LabeledValue(val("handout_language"), val(f"lang_{p.language}")),
        LabeledValue(val("allergies"), p.allergies or ""),
        LabeledValue(val("phone"), p.phone or ""),
        LabeledValue(val("email"), p.email or ""),
        LabeledValue(val("jurisdiction"), protocol.jurisdictions[jur].name.get(lang)),
    ]
    if c.history:
        entries = [
            fill(
                val("history_entry"),
                date=h.date.isoformat(),
                product=(
                    protocol.products[h.product].display_name(jur)
                    if h.product in protocol.products
                    else h.product
                ),
                units=format_units(h.units, lang),
            )
            for h in sorted(c.history, key=lambda h: h.date, reverse=True)
        ]
        identifiers.append(LabeledValue(val("history"), "\n".join(entries)))
    if c.outcomes:
        scores = ", ".join(
            f"{protocol.outcomes[o].name.get(lang)}: {v}" if o in protocol.outcomes else f"{o}: {v}"
            for o, v in c.outcomes.items()
        )
        identifiers.append(LabeledValue(val("outcomes"), scores))

    regulator = val(f"regulator_{jur}")
    indications = tuple(
        IndicationEntry(
            name=protocol.indications[i].name.get(lang),
            diagnosis_basis=c.diagnosis or val("no_diagnosis"),
            label_status=fill(
                val("off_label" if i in ev.screening.off_label else "on_label"),
                regulator=regulator,
            ),
        )
        for i in c.indications
    )

    dilution = ev.plan.dilution_units_per_ml
    doses = tuple(
        DoseLine(
            area=protocol.areas[line.area].name.get(lang),
            sites=str(line.sites),
            units=units(line.units),
            volume=volume(line.volume_ml),
            sides=sides_text(line.sides, labels, lang),
        )
        for line in ev.plan.lines
    )

    answer_words = {
        "yes": val("answer_yes"),
        "no": val("answer_no"),
        "unsure": val("answer_unsure"),
    }
    screening = []
    for qid in ev.screening.applicable_questions:
        question = protocol.questions[qid]
        text = question.text.get(lang)
        if question.show_ingredients:
            names = ", ".join(i.name.get(lang) for i in protocol.product_ingredients(c.product))
            if names:
                text = f"{text} ({names})"
        answer = c.answers.get(qid)
        screening.append(
            ScreeningAnswer(
                text, answer_words[answer.value] if answer is not None else val("answer_none")
            )
        )

    clinician_sheet = ev.sheet_in(lang)
    # A NOTE needs no reason from the clinician: its cell shows the counselling point given.
    counselled = {
        p.finding: fill(val("counselled"), title=p.title, text=p.text)
        for p in clinician_sheet.counselling
    }
    findings = tuple(
        FindingEntry(
            severity=f.level.value,
            level=val(f"level_{f.level.value}"),
            message=f.message.get(lang),
            reason="\n".join(
                part
                for part in (
                    c.reasons.get(f.id, ""),
                    counselled.get(f.id, "") if f.level.value == "note" else "",
                )
                if part
            ),
        )
        for f in ev.screening.findings
    )
    fired = {f.id for f in ev.screening.findings}
    other_reasons = [f"{fid}: {reason}" for fid, reason in c.reasons.items() if fid not in fired]

    risk_labels = {r.id: r.label for r in clinician_sheet.risks}
    risks = tuple(risk_labels.get(rid, rid) for rid in risks_discussed_ids(ev))

    ticked = set(confirmed_ids(ev, confirmations))
    confirmation_rows = tuple(
        Confirmation(text=k.text, confirmed=k.id in ticked) for k in ev.sheet.confirmations
    )

    consent = c.consent
    deferred = ev.screening.verdict is Verdict.STOP and signed_at is None
    decision = ""
    if deferred:
        decision = val("decision_deferred")
    elif consent is not None and consent.decision is Decision.GIVEN:
        decision = decision_text(
            ev, labels, lang, f"{product.display_name(jur)} ({product.generic})"
        )
    elif consent is not None and consent.decision is Decision.DECLINED:
        decision = val("decision_declined")

    signed = format_moment(signed_at) if signed_at is not None else ""
    timestamps = [LabeledValue(val("consultation_date"), c.date.isoformat())]
    if started_at is not None:
        # Every date of a consultation comes from the consultation: the clock's day is printed
        # only as what it is, the day the record was entered, when it is not the visit's day.
        late = started_at.date() != c.date
        timestamps.append(
            LabeledValue(
                val("entered_late" if late else "consultation_started"),
                format_timestamp(started_at),
            )
        )
    if signed_at is not None:
        timestamps.append(
            LabeledValue(
                val(
                    "consent_declined"
                    if consent is not None and consent.decision is Decision.DECLINED
                    else "consent_signed"
                ),
                signed,
            )
        )
    timestamps.append(LabeledValue(val("record_produced"), format_timestamp(ctx.produced_at)))

    note_blocks = [n for n in (notes.strip(),) if n]
    if other_reasons:
        note_blocks.append(val("other_reasons") + ":\n" + "\n".join(other_reasons))

    return RecordModel(
        lang=lang,
        clinic=ctx.clinic,
        patient_name=p.name,
        patient_identifiers=tuple(i for i in identifiers if i.value.strip()),
        clinician=(consent.clinician if consent and consent.clinician else ""),
        timestamps=tuple(timestamps),
        indications=indications,
        product=f"{product.display_name(jur)} ({product.generic})",
        lot=c.lot.number if c.lot else val("not_recorded"),
        expiry=c.lot.expiry.isoformat() if c.lot and c.lot.expiry else val("not_recorded"),
        dilution=fill(
            val("dilution_value"),
            units=format_units(dilution, lang),
            per_tenth=format_units(round(dilution / 10, 2), lang),
        ),
        doses=doses,
        total_units=units(ev.plan.total_units),
        total_volume=volume(ev.plan.total_volume_ml),
        screening=tuple(screening),
        findings=findings,
        risks_discussed=risks,
        patient_questions=patient_questions,
        consent_text="" if deferred else consent_text(ev, labels),
        confirmations=() if deferred else confirmation_rows,
        decision=decision,
        notes="\n\n".join(note_blocks),
        signatures=() if deferred else tuple(_signatures(ev, ctx, lang, signed)),
        seal_sha256=seal_sha256,
        protocol_version=protocol.version,
        protocol_hash=protocol.hash,
        footer=_footer(ev, ctx),
        labels=build_labels(RecordLabels, labels, "record", lang),
        common=_common(ctx, lang),
        page_size=ctx.page_size,
        sides_heading=labels.get("chart", "sides", lang),
        administration=(
            None if deferred else administration_record(ev, labels, lang, ctx.diagrams)
        ),
        prescriber=c.prescriber or "",
        prescriber_label=labels.get("record", "prescriber", lang),
        chain_head=chain_head,
    )


def build_deferral(
    evaluation: Evaluation, ctx: DocumentContext, *, clinician: str = ""
) -> DeferralModel:
    """Build the deferral letter (screening said STOP) in the patient's language.

    Args:
        evaluation: the evaluated consultation (verdict ``stop``).
        ctx: labels, clinic, page size and production time.
        clinician: the clinician signing the letter (default: the consent's clinician, if any).

    Returns:
        The letter's model.
    """
    ev = evaluation
    c = ev.consultation
    sheet = ev.sheet
    lang = sheet.lang
    get = ctx.labels.get
    explained = {d.finding for d in sheet.deferrals}
    reasons = [d.text for d in sheet.deferrals]
    # A STOP finding without deferral content (a clinic's own rule) still gets its message.
    reasons += [
        f.message.get(lang)
        for f in ev.screening.findings
        if f.level.value == "stop" and f.id not in explained
    ]
    next_steps = list(dict.fromkeys(d.next_steps for d in sheet.deferrals if d.next_steps))
    if ctx.clinic.phone.strip():
        next_steps.append(fill(get("deferral", "clinic_call", lang), phone=ctx.clinic.phone))
    who = clinician or (c.consent.clinician if c.consent and c.consent.clinician else "")
    return DeferralModel(
        lang=lang,
        clinic=ctx.clinic,
        patient_name=c.patient.name,
        date=c.date.isoformat(),
        reasons=tuple(reasons),
        next_steps=tuple(next_steps),
        clinician=who,
        clinician_role=get("deferral", "clinician_role", lang) if who else "",
        footer=_footer(ev, ctx),
        labels=build_labels(DeferralLabels, ctx.labels, "deferral", lang),
        common=_common(ctx, lang),
        page_size=ctx.page_size,
    )
