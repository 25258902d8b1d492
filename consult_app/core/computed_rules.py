"""The computed findings of case-format.md, one function each, in the order they are reported.

Each function is registered by :func:`~consult_app.core.rule_registry.computed_rule` with the
parameters its ``rules.toml`` table gives and the placeholders its messages may use; it returns
what it found, or ``None``. "Within N days" means fewer than N days before the consultation date;
units are never converted between products.
"""

from __future__ import annotations

from consult_app.core.protocol_model import Indication, RuleConfig
from consult_app.core.rule_registry import (
    COMPUTED_RULES,
    LEVEL,
    Facts,
    Fired,
    Param,
    computed_rule,
)
from consult_app.core.texts import Text, fill_text, join_texts

__all__ = ["COMPUTED_FINDINGS", "COMPUTED_RULES", "off_label_indications"]


@computed_rule("lot_expired", params=(LEVEL,), messages={"message": ("lot", "expiry")})
def lot_expired(rule: RuleConfig, facts: Facts) -> Fired | None:
    """The lot's expiry is before the consultation date (on the date itself it is valid)."""
    lot = facts.consultation.lot
    if lot is None or lot.expiry is None or lot.expiry >= facts.consultation.date:
        return None
    return Fired(
        rule.level, fill_text(rule.message(), lot=lot.number, expiry=lot.expiry.isoformat())
    )


@computed_rule(
    "dose_above_maximum",
    params=(LEVEL,),
    messages={
        "message": ("product", "total", "limit"),
        "cumulative_message": ("product", "total", "limit", "plan", "history", "days"),
    },
)
def dose_above_maximum(rule: RuleConfig, facts: Facts) -> Fired | None:
    """The plan is above the product's ceiling (``products.toml [X.maximum]``).

    With ``window_days`` the product's own history within that window counts too; a lower
    ceiling applies when one of its ``by_indication`` indications is treated.
    """
    maximum = facts.product.maximum
    if maximum is None:
        return None
    c = facts.consultation
    limits = [maximum.units]
    limits += [u for iid, u in maximum.by_indication.items() if iid in facts.situation.indications]
    limit = min(limits)
    history = 0.0
    if maximum.window_days is not None:
        history = sum(
            h.units
            for h in c.history
            if h.product == c.product and 0 <= facts.days_before(h.date) < maximum.window_days
        )
    total = facts.total
    if total + history <= limit:
        return None
    if history > 0:
        message = fill_text(
            rule.message("cumulative_message"),
            product=facts.product_name,
            plan=total,
            history=history,
            total=total + history,
            days=maximum.window_days or 0,
            limit=limit,
        )
    else:
        message = fill_text(rule.message(), product=facts.product_name, total=total, limit=limit)
    return Fired(rule.level, message)


@computed_rule(
    "dose_above_label",
    params=(LEVEL,),
    messages={"message": ("product", "total", "label", "indications")},
)
def dose_above_label(rule: RuleConfig, facts: Facts) -> Fired | None:
    """Every indication is on-label with a labeled dose, and the plan exceeds their sum."""
    protocol, product = facts.protocol, facts.product.id
    indications = facts.indications
    if not all(
        protocol.is_authorized(ind.id, product, facts.jurisdiction) and product in ind.labeled_dose
        for ind in indications
    ):
        return None
    label = sum(ind.labeled_dose[product] for ind in indications)
    if facts.total <= label:
        return None
    message = fill_text(
        rule.message(),
        product=facts.product_name,
        total=facts.total,
        label=float(label),
        indications=join_texts(ind.name for ind in indications),
    )
    return Fired(rule.level, message)


@computed_rule(
    "age_below_label",
    params=(Param("bands", "bands"),),
    messages={"message": ("age", "limit")},
)
def age_below_label(rule: RuleConfig, facts: Facts) -> Fired | None:
    """The patient is younger than a band's age (the first band that matches wins)."""
    for band in rule.bands:
        if facts.age < band.below and band.when.holds(facts.situation):
            return Fired(band.level, fill_text(rule.message(), age=facts.age, limit=band.below))
    return None


def age_above_indications(facts: Facts) -> tuple[Indication, ...]:
    """The indications ``age_above_label`` concerns for this patient (empty when it is silent)."""
    rule = facts.rule("age_above_label")
    when = rule.condition()
    if facts.age < rule.number("at_or_above") or not when.holds(facts.situation):
        return ()
    return tuple(
        ind for ind in facts.indications if when.indications is None or ind.id in when.indications
    )


@computed_rule(
    "age_above_label",
    params=(LEVEL, Param("at_or_above", "whole", 1), Param("when", "when")),
    messages={"message": ("age", "limit", "product", "indications")},
)
def age_above_label(rule: RuleConfig, facts: Facts) -> Fired | None:
    """The patient is at or above the age the product is labeled for, for these indications."""
    concerned = age_above_indications(facts)
    if not concerned:
        return None
    message = fill_text(
        rule.message(),
        age=facts.age,
        limit=rule.number("at_or_above"),
        product=facts.product_name,
        indications=join_texts(ind.name for ind in concerned),
    )
    return Fired(rule.level, message)


@computed_rule(
    "retreatment_too_soon",
    params=(LEVEL, Param("days", "whole", 1)),
    messages={"message": ("product", "date", "days", "limit")},
)
def retreatment_too_soon(rule: RuleConfig, facts: Facts) -> Fired | None:
    """The same product was given within ``days`` (the most recent treatment is shown)."""
    c, days = facts.consultation, rule.number("days")
    same = [
        h for h in c.history if h.product == c.product and 0 <= facts.days_before(h.date) < days
    ]
    if not same:
        return None
    last = max(same, key=lambda h: h.date)
    message = fill_text(
        rule.message(),
        product=facts.product_name,
        date=last.date.isoformat(),
        days=facts.days_before(last.date),
        limit=days,
    )
    return Fired(rule.level, message)


@computed_rule(
    "other_toxin_recent",
    params=(LEVEL, Param("days", "whole", 1)),
    messages={"message": ("entries", "limit"), "entry": ("product", "units", "date", "days")},
)
def other_toxin_recent(rule: RuleConfig, facts: Facts) -> Fired | None:
    """A different product was given within ``days``; its own units shown, never converted."""
    c, days, products = facts.consultation, rule.number("days"), facts.protocol.products
    others = sorted(
        (h for h in c.history if h.product != c.product and 0 <= facts.days_before(h.date) < days),
        key=lambda h: (h.date, h.product),
        reverse=True,
    )
    if not others:
        return None
    entries = [
        fill_text(
            rule.message("entry"),
            product=(
                products[h.product].display_name(facts.jurisdiction)
                if h.product in products
                else h.product
            ),
            units=h.units,
            date=h.date.isoformat(),
            days=facts.days_before(h.date),
        )
        for h in others
    ]
    message = fill_text(rule.message(), entries=join_texts(entries, "; "), limit=days)
    return Fired(rule.level, message)


@computed_rule(
    "below_indication_threshold",
    params=(
        LEVEL,
        Param("indication", "indication"),
        Param("outcome", "outcome"),
        Param("minimum", "whole", 0),
    ),
    messages={"message": ("value", "limit", "indication", "outcome")},
)
def below_indication_threshold(rule: RuleConfig, facts: Facts) -> Fired | None:
    """The indication's baseline score is below ``minimum`` (silent when it is not given)."""
    indication, outcome = rule.ids.get("indication", ""), rule.ids.get("outcome", "")
    value = facts.consultation.outcomes.get(outcome)
    minimum = rule.number("minimum")
    if indication not in facts.situation.indications or value is None or value >= minimum:
        return None
    message = fill_text(
        rule.message(),
        value=value,
        limit=minimum,
        indication=facts.protocol.indications[indication].name,
        outcome=facts.protocol.outcomes[outcome].name,
    )
    return Fired(rule.level, message)


def off_label_indications(facts: Facts) -> tuple[Indication, ...]:
    """The indications that are off-label for this patient, in the consultation's order.

    Those not authorized for the product in the jurisdiction, and (1.1) those ``age_above_label``
    concerns: the label does not cover a patient of this age, so the use is off-label for them.
    """
    by_age = {ind.id for ind in age_above_indications(facts)}
    return tuple(
        ind
        for ind in facts.indications
        if ind.id in by_age
        or not facts.protocol.is_authorized(ind.id, facts.product.id, facts.jurisdiction)
    )


@computed_rule(
    "off_label",
    params=(LEVEL,),
    messages={
        "message": ("product", "jurisdiction", "indications"),
        "age_entry": ("indication", "limit"),
    },
)
def off_label(rule: RuleConfig, facts: Facts) -> Fired | None:
    """One finding listing every off-label indication (see :func:`off_label_indications`).

    An indication off-label only because of the patient's age is named with ``age_entry``.
    """
    off = off_label_indications(facts)
    if not off:
        return None
    by_age = {ind.id for ind in age_above_indications(facts)}
    limit = facts.rule("age_above_label").number("at_or_above")
    names = [
        fill_text(rule.message("age_entry"), indication=ind.name, limit=limit)
        if ind.id in by_age
        and facts.protocol.is_authorized(ind.id, facts.product.id, facts.jurisdiction)
        else ind.name
        for ind in off
    ]
    message = fill_text(
        rule.message(),
        product=facts.product_name,
        jurisdiction=facts.protocol.jurisdictions[facts.jurisdiction].name,
        indications=join_texts(names),
    )
    return Fired(rule.level, message)


@computed_rule(
    "prior_adverse_event",
    params=(LEVEL,),
    messages={
        "message": ("product", "entries"),
        "entry": ("event", "severity", "onset", "date"),
        "moderate": (),
        "severe": (),
    },
)
def prior_adverse_event(rule: RuleConfig, facts: Facts) -> Fired | None:
    """A moderate or severe adverse event followed an earlier treatment with the same product.

    Events after another product's treatments do not count.
    """
    c = facts.consultation
    names = {r.id: r.label for r in facts.protocol.content.risks}
    found = sorted(
        (
            (f.treatment_date, e.onset, e.risk, e.severity)
            for f in c.followups
            if f.product == c.product and f.treatment_date <= c.date
            for e in f.adverse_events
            if e.significant
        ),
        key=lambda item: (item[0], item[1], item[2]),
    )
    if not found:
        return None
    entries = [
        fill_text(
            rule.message("entry"),
            event=names.get(risk, Text(risk, risk)),
            severity=rule.message(severity),
            onset=onset.isoformat(),
            date=treated.isoformat(),
        )
        for treated, onset, risk, severity in dict.fromkeys(found)
    ]
    message = fill_text(
        rule.message(), product=facts.product_name, entries=join_texts(entries, "; ")
    )
    return Fired(rule.level, message)


@computed_rule(
    "insufficient_response",
    params=(
        LEVEL,
        Param("indication", "indication"),
        Param("outcome", "outcome"),
        Param("treatments", "whole", 1),
        Param("percent", "whole", 1),
    ),
    messages={
        "message": (
            "indication",
            "outcome",
            "baseline",
            "date",
            "value",
            "followup_date",
            "count",
            "change",
            "percent",
        )
    },
)
def insufficient_response(rule: RuleConfig, facts: Facts) -> Fired | None:
    """The latest follow-up score fell less than ``percent``% below the first treatment's.

    Fires when the indication was treated at least ``treatments`` times before; the baseline is
    the score recorded at the first of them. Silent without a baseline or a follow-up score.
    """
    indication, outcome = rule.ids.get("indication", ""), rule.ids.get("outcome", "")
    c = facts.consultation
    if indication not in facts.situation.indications:
        return None
    earlier = sorted(
        (h for h in c.history if indication in h.indications and h.date <= c.date),
        key=lambda h: h.date,
    )
    if len(earlier) < rule.number("treatments"):
        return None
    baseline = earlier[0].outcomes.get(outcome)
    scored = [
        f for f in c.followups if outcome in f.outcomes and earlier[0].date <= f.date <= c.date
    ]
    if not baseline or not scored:
        return None
    latest = max(scored, key=lambda f: (f.date, f.followup_id))
    value = latest.outcomes[outcome]
    fall = (baseline - value) * 100 / baseline
    if fall >= rule.number("percent"):
        return None
    change = round(-fall)
    message = fill_text(
        rule.message(),
        indication=facts.protocol.indications[indication].name,
        outcome=facts.protocol.outcomes[outcome].name,
        baseline=baseline,
        date=earlier[0].date.isoformat(),
        value=value,
        followup_date=latest.date.isoformat(),
        count=len(earlier),
        change=f"{change:+d}" if change else "0",
        percent=rule.number("percent"),
    )
    return Fired(rule.level, message)


COMPUTED_FINDINGS: tuple[str, ...] = tuple(COMPUTED_RULES)
"""The computed finding IDs, in the order they are reported."""
