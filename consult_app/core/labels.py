"""Document and email labels: fixed wording in English and French, loaded from TOML.

Label files live in ``resources/labels/`` (``documents.toml``, ``email.toml``). Each holds
``schema_version = 1``, an ``id`` equal to the file's stem, and tables of texts
``key = { en = "...", fr = "..." }``. The caller reads the bytes (core does no path lookup) and
:func:`parse_labels` validates them: every text must exist in both languages. Errors name the
file and key (``documents.toml: handout.title: missing fr``).

Clinical wording never lives here: it is protocol content (``core.content``). Labels are
headings, field names and fixed phrases of the documents, with literal placeholders such as
``{page}`` that :func:`fill` substitutes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from consult_app.core.errors import ProtocolError
from consult_app.core.texts import LANGUAGES
from consult_app.core.toml_files import RESERVED, read_toml

__all__ = ["LabelError", "Labels", "build_labels", "fill", "parse_labels"]

T = TypeVar("T")


class LabelError(ProtocolError):
    """A label file is invalid; ``errors`` lists every problem as ``file: key: message``."""


@dataclass(frozen=True, slots=True)
class Labels:
    """Validated labels of one file: section -> key -> language -> text.

    Attributes:
        id: the file's ``id``.
        sections: section name -> key -> ``{"en": ..., "fr": ...}``.
    """

    id: str
    sections: Mapping[str, Mapping[str, Mapping[str, str]]]

    def get(self, section: str, key: str, lang: str) -> str:
        """Return one text.

        Raises:
            KeyError: naming ``section.key`` when it does not exist (a programming error or an
                outdated label file).
        """
        try:
            return self.sections[section][key][lang]
        except KeyError:
            raise KeyError(f"{self.id}.toml: {section}.{key}: missing label") from None

    def has(self, section: str, key: str) -> bool:
        """Return whether ``section.key`` exists."""
        return key in self.sections.get(section, {})

    def section(self, section: str, lang: str) -> dict[str, str]:
        """Return every text of a section in one language."""
        return {k: v[lang] for k, v in self.sections.get(section, {}).items()}


def parse_labels(data: bytes, file: str) -> Labels:
    """Validate a label file.

    Args:
        data: the file's bytes (UTF-8 TOML).
        file: its name, e.g. ``documents.toml`` (the ``id`` must equal its stem).

    Returns:
        The labels.

    Raises:
        LabelError: listing every problem, each naming the file and key.
    """
    errors: list[str] = []
    doc = read_toml(file, data, errors)
    if doc is None:
        raise LabelError(errors)
    stem = file.removesuffix(".toml")
    sections: dict[str, dict[str, dict[str, str]]] = {}
    for name, table in doc.items():
        if name in RESERVED:
            continue
        if not isinstance(table, dict):
            errors.append(f"{file}: {name}: expected a table of texts")
            continue
        texts: dict[str, dict[str, str]] = {}
        for key, value in table.items():
            where = f"{file}: {name}.{key}"
            if not isinstance(value, dict):
                errors.append(f"{where}: expected {{ en = ..., fr = ... }}")
                continue
            for lang in LANGUAGES:
                if not isinstance(value.get(lang), str) or not value[lang].strip():
                    errors.append(f"{where}: missing {lang}")
            unknown = sorted(set(value) - set(LANGUAGES))
            if unknown:
                errors.append(f"{where}: unknown language {unknown[0]!r}")
            texts[key] = {lang: str(value.get(lang, "")) for lang in LANGUAGES}
        sections[name] = texts
    if errors:
        raise LabelError(errors)
    return Labels(id=stem, sections=sections)


def build_labels(cls: type[T], labels: Labels, section: str, lang: str) -> T:
    """Fill a labels dataclass (``HandoutLabels``...) from one section in one language.

    Every field of ``cls`` must be a key of the section.

    Raises:
        KeyError: naming the missing ``section.key``.
    """
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"{cls!r} is not a dataclass")
    values: dict[str, Any] = {
        f.name: labels.get(section, f.name, lang) for f in dataclasses.fields(cls)
    }
    return cls(**values)


def fill(template: str, **values: str) -> str:
    """Replace ``{name}`` placeholders literally (never ``str.format``: user text is safe)."""
    for key, value in values.items():
        template = template.replace("{" + key + "}", value)
    return template
