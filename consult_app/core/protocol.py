"""The clinical protocol: the model, its loader and its computed findings, in one import.

The model (:mod:`~consult_app.core.protocol_model`), the validating loader
(:mod:`~consult_app.core.protocol_loader`) and the table of computed findings
(:mod:`~consult_app.core.computed_rules`) live in their own modules; this module gathers what
the rest of the application uses.
"""

from __future__ import annotations

from consult_app.core.computed_rules import COMPUTED_FINDINGS, COMPUTED_RULES
from consult_app.core.protocol_loader import (
    ENGINE_FILES,
    check_protocol_dir,
    load_protocol,
    load_protocol_dir,
    normalise_newlines,
    protocol_hash,
    read_protocol_files,
)
from consult_app.core.protocol_model import (
    ALWAYS,
    INDICATION_KINDS,
    JURISDICTIONS,
    REQUIRED_AREAS,
    REQUIRED_INDICATIONS,
    REQUIRED_OUTCOMES,
    REQUIRED_PRODUCTS,
    REQUIRED_QUESTIONS,
    SEXES,
    AgeBand,
    Area,
    Condition,
    DoseMaximum,
    DosePattern,
    Indication,
    Ingredient,
    JurisdictionInfo,
    Level,
    LevelRule,
    Outcome,
    Product,
    Protocol,
    Question,
    Region,
    RuleConfig,
    Situation,
    first_level,
)
from consult_app.core.toml_files import SCHEMA_VERSION

__all__ = [
    "ALWAYS",
    "COMPUTED_FINDINGS",
    "COMPUTED_RULES",
    "ENGINE_FILES",
    "INDICATION_KINDS",
    "JURISDICTIONS",
    "REQUIRED_AREAS",
    "REQUIRED_INDICATIONS",
    "REQUIRED_OUTCOMES",
    "REQUIRED_PRODUCTS",
    "REQUIRED_QUESTIONS",
    "SCHEMA_VERSION",
    "SEXES",
    "AgeBand",
    "Area",
    "Condition",
    "DoseMaximum",
    "DosePattern",
    "Indication",
    "Ingredient",
    "JurisdictionInfo",
    "Level",
    "LevelRule",
    "Outcome",
    "Product",
    "Protocol",
    "Question",
    "Region",
    "RuleConfig",
    "Situation",
    "check_protocol_dir",
    "first_level",
    "load_protocol",
    "load_protocol_dir",
    "normalise_newlines",
    "protocol_hash",
    "read_protocol_files",
]
