"""The codes of the FHIR export, read from ``resources/exchange/fhir.toml`` and checked at load.

Every standard code (UCUM unit, ATC product class, optional SNOMED CT sites and LOINC outcomes)
carries a ``source``; anything else is coded in the app's local code systems.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from consult_app.resources import resource_path

__all__ = ["LABEL_KEYS", "Code", "FhirCodes", "FhirCodesError", "load_fhir_codes"]

#: The export's fixed texts, each given in English and French (``[labels]`` of fhir.toml).
LABEL_KEYS = (
    "consent_title",
    "consent_category",
    "questionnaire_title",
    "questionnaire_unavailable",
    "answer_yes",
    "answer_no",
    "answer_unsure",
    "reason",
    "side_left",
    "side_right",
    "side_midline",
    "from_vials",
    "encounter_treatment",
    "encounter_followup",
    "global_impression",
)


class FhirCodesError(ValueError):
    """``fhir.toml`` is malformed (the message names the key)."""


@dataclass(frozen=True, slots=True)
class Code:
    """A code in a system, with its display and sources (and, for a product, its country).

    ``jurisdiction`` (``CA`` or ``US``) limits a product code to consultations under it: a
    Health Canada DIN means nothing for a US consultation.
    """

    system: str
    code: str
    display: str
    source: tuple[str, ...]
    jurisdiction: str | None = None


@dataclass(frozen=True, slots=True)
class FhirCodes:
    """Everything the export codes.

    Attributes:
        local_system: prefix of the app's local code systems (``<prefix>:<kind>``).
        units: the dose unit (UCUM ``[iU]``).
        medication: the product class (ATC).
        sites: area id -> standard body-structure code, where one is given.
        outcomes: outcome id -> standard observation code, where one is given.
        products: product id -> standard product codes (e.g. a Health Canada DIN), where given.
        labels: label key (``LABEL_KEYS``) -> language -> text.
    """

    local_system: str
    units: Code
    medication: Code
    sites: Mapping[str, Code]
    outcomes: Mapping[str, Code]
    products: Mapping[str, tuple[Code, ...]]
    labels: Mapping[str, Mapping[str, str]]

    def label(self, key: str, lang: str) -> str:
        """The fixed text ``key`` in ``lang`` (English when ``lang`` has none)."""
        texts = self.labels[key]
        return texts.get(lang) or texts["en"]

    def local(self, kind: str) -> str:
        """The URI of the local code system for ``kind`` (``site``, ``outcome``...)."""
        return f"{self.local_system}:{kind}"


def _text(table: Mapping[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise FhirCodesError(f"{where}.{key}: required text")
    return value


def _code(table: object, where: str, *, display_key: str = "display") -> Code:
    if not isinstance(table, Mapping):
        raise FhirCodesError(f"{where}: must be a table")
    source = table.get("source")
    if (
        not isinstance(source, list)
        or not source
        or not all(isinstance(s, str) and s.strip() for s in source)
    ):
        raise FhirCodesError(f"{where}.source: at least one reference is required")
    system = _text(table, "system", where)
    if not system.startswith(("http://", "https://", "urn:")):
        raise FhirCodesError(f"{where}.system: must be a URI")
    jurisdiction = table.get("jurisdiction")
    if jurisdiction is not None and jurisdiction not in ("CA", "US"):
        raise FhirCodesError(f'{where}.jurisdiction: "CA" or "US"')
    return Code(
        system=system,
        code=_text(table, "code", where),
        display=_text(table, display_key, where),
        source=tuple(source),
        jurisdiction=jurisdiction,
    )


def _codes(table: object, where: str) -> dict[str, Code]:
    if table is None:
        return {}
    if not isinstance(table, Mapping):
        raise FhirCodesError(f"{where}: must be a table")
    return {str(k): _code(v, f"{where}.{k}") for k, v in table.items()}


def _product_codes(table: object, where: str) -> dict[str, tuple[Code, ...]]:
    if table is None:
        return {}
    if not isinstance(table, Mapping):
        raise FhirCodesError(f"{where}: must be a table")
    out: dict[str, tuple[Code, ...]] = {}
    for key, value in table.items():
        items = value if isinstance(value, list) else [value]
        out[str(key)] = tuple(_code(v, f"{where}.{key}[{i}]") for i, v in enumerate(items))
    return out


def _labels(table: object) -> dict[str, dict[str, str]]:
    if not isinstance(table, Mapping):
        raise FhirCodesError("labels: must be a table")
    out: dict[str, dict[str, str]] = {}
    for key in LABEL_KEYS:
        texts = table.get(key)
        if not isinstance(texts, Mapping):
            raise FhirCodesError(f"labels.{key}: required, with en and fr")
        out[key] = {lang: _text(texts, lang, f"labels.{key}") for lang in ("en", "fr")}
    return out


def parse_fhir_codes(data: bytes) -> FhirCodes:
    """Parse and check ``fhir.toml`` bytes.

    Raises:
        FhirCodesError: naming the first bad key.
    """
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FhirCodesError(f"fhir.toml: {exc}") from None
    if doc.get("schema_version") != 1:
        raise FhirCodesError("schema_version: must be 1")
    local = _text(doc, "local_system", "fhir")
    if not local.startswith(("http://", "https://", "urn:")):
        raise FhirCodesError("local_system: must be a URI")
    return FhirCodes(
        local_system=local,
        units=_code(doc.get("units"), "units", display_key="unit"),
        medication=_code(doc.get("medication"), "medication"),
        sites=_codes(doc.get("sites"), "sites"),
        outcomes=_codes(doc.get("outcomes"), "outcomes"),
        products=_product_codes(doc.get("products"), "products"),
        labels=_labels(doc.get("labels")),
    )


def load_fhir_codes(path: Path | None = None) -> FhirCodes:
    """Load the bundled ``exchange/fhir.toml`` (or ``path``)."""
    return parse_fhir_codes((path or resource_path("exchange", "fhir.toml")).read_bytes())
