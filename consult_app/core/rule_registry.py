"""The table of computed findings: each rule registered once, with its parameters and messages.

A computed finding is one small function decorated with :func:`computed_rule`, which records
beside the code the parameters ``rules.toml`` gives it and the placeholders its messages may
use (the way MusicBrainz Picard registers each script function with its documentation)::

    @computed_rule(
        "lot_expired",
        params=(LEVEL,),
        messages={"message": ("lot", "expiry")},
    )
    def lot_expired(rule: RuleConfig, facts: Facts) -> Fired | None:
        \"\"\"Lot expiry before the consultation date.\"\"\"
        ...

The protocol loader reads :data:`COMPUTED_RULES` to know which tables ``rules.toml`` must hold
and what each may contain; screening reads it to run every rule, in registration order. Adding
a rule is one function here plus its table in ``rules.toml`` (and its counselling or deferral
text in the content files).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Literal

from consult_app.core.consultation import Consultation, age_on
from consult_app.core.protocol_model import (
    Indication,
    Level,
    Product,
    Protocol,
    RuleConfig,
    Situation,
)
from consult_app.core.texts import Text

ParamKind = Literal["level", "whole", "indication", "outcome", "when", "bands"]


@dataclass(frozen=True, slots=True)
class Param:
    """A parameter a rule reads from its ``rules.toml`` table (always required).

    Attributes:
        name: the key.
        kind: ``level`` (stop, caution or note), ``whole`` (a whole number of at least
            ``minimum``), ``indication`` or ``outcome`` (an ID of the protocol), ``when`` (a
            condition) or ``bands`` (a list of ``{ below, level, when, source }``).
        minimum: the smallest whole number allowed (``whole`` only).
    """

    name: str
    kind: ParamKind
    minimum: int = 0


LEVEL = Param("level", "level")
"""The usual parameter: the level the finding gives."""


@dataclass(frozen=True, slots=True)
class Fired:
    """A rule fired: the level it gives and its message (filled, both languages)."""

    level: Level
    message: Text


@dataclass(frozen=True, slots=True)
class Facts:
    """What every rule may read about one consultation, computed once.

    Attributes:
        protocol: the protocol.
        consultation: the consultation (its history includes the database's treatments).
        situation: the facts conditions look at.
        jurisdiction: ``CA`` or ``US``.
        product: the product chosen.
        product_name: its name in the jurisdiction (``Nuceiva`` or ``Jeuveau``).
        total: the plan total, in the product's units.
        indications: the indications, in the consultation's order.
        age: the patient's age in completed years on the consultation date.
    """

    protocol: Protocol
    consultation: Consultation
    situation: Situation
    jurisdiction: str
    product: Product
    product_name: str
    total: float
    indications: tuple[Indication, ...]
    age: int

    @classmethod
    def of(cls, protocol: Protocol, c: Consultation, situation: Situation) -> Facts:
        """Collect the facts of consultation ``c``."""
        jur = c.jurisdiction.value
        product = protocol.products[c.product]
        return cls(
            protocol=protocol,
            consultation=c,
            situation=situation,
            jurisdiction=jur,
            product=product,
            product_name=product.display_name(jur),
            total=c.total_units,
            indications=tuple(protocol.indications[i] for i in c.indications),
            age=age_on(c.patient.birth_date, c.date),
        )

    def days_before(self, when: date) -> int:
        """Days from ``when`` to the consultation date (0 on the date itself)."""
        return (self.consultation.date - when).days

    def rule(self, rule_id: str) -> RuleConfig:
        """The parameters of another rule (rules may share a decision, e.g. off-label)."""
        return self.protocol.rules[rule_id]


Check = Callable[[RuleConfig, Facts], Fired | None]


@dataclass(frozen=True, slots=True)
class ComputedRule:
    """One registered computed finding.

    Attributes:
        id: the finding ID (the table name in ``rules.toml``).
        params: the parameters its table must give (besides messages and ``source``).
        messages: message name -> the placeholders its template may use.
        check: the rule itself: its finding, or ``None`` when it does not fire.
        doc: what it checks (the function's docstring).
    """

    id: str
    params: tuple[Param, ...]
    messages: Mapping[str, tuple[str, ...]]
    check: Check
    doc: str


COMPUTED_RULES: dict[str, ComputedRule] = {}
"""Finding ID -> rule, in the order findings are reported (registration order)."""


def computed_rule(
    rule_id: str,
    *,
    params: tuple[Param, ...],
    messages: Mapping[str, tuple[str, ...]],
) -> Callable[[Check], Check]:
    """Register the decorated function as the computed finding ``rule_id``.

    Args:
        rule_id: the finding ID.
        params: the parameters read from its ``rules.toml`` table.
        messages: message name -> allowed placeholders.

    Raises:
        ValueError: the ID is already registered.
    """

    def register(check: Check) -> Check:
        if rule_id in COMPUTED_RULES:
            raise ValueError(f"computed finding '{rule_id}' registered twice")
        COMPUTED_RULES[rule_id] = ComputedRule(
            id=rule_id,
            params=params,
            messages=MappingProxyType(dict(messages)),
            check=check,
            doc=(check.__doc__ or "").strip(),
        )
        return check

    return register
