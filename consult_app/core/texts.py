"""Bilingual texts and sources shared by every protocol file.

In TOML a text is an inline table ``{ en = "...", fr = "..." }``; a source is a string
(``"R20"``) or a list of strings (``["R20", "R21"]``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

LANGUAGES: tuple[str, ...] = ("en", "fr")


@dataclass(frozen=True, slots=True)
class Text:
    """A text in every supported language."""

    en: str
    fr: str

    def get(self, lang: str) -> str:
        """Return the text in ``lang`` (``en`` or ``fr``); English for anything else."""
        return self.fr if lang == "fr" else self.en


def parse_text(value: Any, where: str, errors: list[str]) -> Text:
    """Parse a bilingual text; append a message naming ``where`` to ``errors`` when invalid.

    Args:
        value: the TOML value.
        where: ``file: key`` used in messages.
        errors: collected error messages.

    Returns:
        The text (with empty strings where a language was missing).
    """
    if not isinstance(value, dict):
        errors.append(f"{where}: expected a text table {{ en = ..., fr = ... }}")
        return Text("", "")
    parts: dict[str, str] = {}
    for lang in LANGUAGES:
        item = value.get(lang)
        if not isinstance(item, str) or not item.strip():
            language = "French" if lang == "fr" else "English"
            errors.append(f"{where}: missing {language} text ({lang})")
            parts[lang] = ""
        else:
            parts[lang] = item.strip()
    for key in value:
        if key not in LANGUAGES:
            errors.append(f"{where}: unknown language '{key}'")
    return Text(parts["en"], parts["fr"])


def parse_source(value: Any, where: str, errors: list[str]) -> tuple[str, ...]:
    """Parse a ``source`` (string or list of strings); a missing or empty one is an error."""
    if isinstance(value, str) and value.strip():
        return (value.strip(),)
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    errors.append(f"{where}: missing source")
    return ()


def format_units(units: float, lang: str = "en") -> str:
    """Format a number of units: ``155`` or ``12.5`` (``12,5`` in French)."""
    if units == int(units):
        return str(int(units))
    text = f"{units:g}"
    return text.replace(".", ",") if lang == "fr" else text


Param = str | int | float | Text
"""A value filled into a message template (a float is a number of units)."""


def _value(value: Param, lang: str) -> str:
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, float):
        return format_units(value, lang)
    return str(value)


def fill_text(template: Text, **params: Param) -> Text:
    """Fill a message template in both languages (placeholders are checked at load)."""
    return Text(
        template.en.format_map({k: _value(v, "en") for k, v in params.items()}),
        template.fr.format_map({k: _value(v, "fr") for k, v in params.items()}),
    )


def join_texts(texts: Iterable[Text], separator: str = ", ") -> Text:
    """Join texts language by language."""
    items = list(texts)
    return Text(separator.join(t.en for t in items), separator.join(t.fr for t in items))
