"""One way to read and check the TOML files of the protocol, its content and the labels.

Every such file holds ``schema_version = 1`` and an ``id`` equal to its stem. :func:`read_toml`
parses one file and reports what is wrong with it; :class:`TomlFile` is the checking context the
loaders use on its tables. Problems are collected, never raised, as ``file: key: message`` so
that a loader can report every problem of every file at once.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from typing import Any, TypeGuard

from consult_app.core.texts import Text, parse_source, parse_text

SCHEMA_VERSION = 1
RESERVED = frozenset({"schema_version", "id"})
"""The header keys of every file (not IDs of the file's entries)."""

_EMPTY = Text("", "")
_formatter = string.Formatter()


def is_number(value: object) -> TypeGuard[int | float]:
    """Return whether ``value`` is an int or float (``bool`` is not a number here)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def read_toml(name: str, data: bytes | None, errors: list[str]) -> dict[str, Any] | None:
    """Parse one file and check its header.

    Args:
        name: the file's name (``products.toml``); its stem is the expected ``id``.
        data: its bytes, or ``None`` when the file is missing.
        errors: problems are appended as ``file: key: message``.

    Returns:
        The parsed document, or ``None`` (with the problem reported) when it is missing, not
        UTF-8 or not TOML. A wrong ``schema_version`` or ``id`` is reported and the document
        still returned.
    """
    f = TomlFile(name, errors)
    if data is None:
        f.error("", "missing file")
        return None
    try:
        doc = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        f.error("", "not UTF-8 text")
        return None
    except tomllib.TOMLDecodeError as exc:
        f.error("", f"invalid TOML: {exc}")
        return None
    if doc.get("schema_version") != SCHEMA_VERSION:
        f.error("schema_version", f"expected {SCHEMA_VERSION} (got {doc.get('schema_version')!r})")
    expected_id = name.removesuffix(".toml")
    if doc.get("id") != expected_id:
        f.error("id", f"expected '{expected_id}' (got {doc.get('id')!r})")
    return doc


class TomlFile:
    """Checking context for one file: reports ``file: key: message``.

    Attributes:
        name: the file's name.
        errors: the shared list problems are appended to.
        broken: the file could not be read, so what it lacks is not listed (one broken file then
            does not bury its real error under a cascade of "missing" messages).
    """

    def __init__(self, name: str, errors: list[str], broken: bool = False) -> None:
        self.name = name
        self.errors = errors
        self.broken = broken

    def error(self, key: str, message: str) -> None:
        """Report a problem at ``key`` (the file itself when ``key`` is empty)."""
        self.errors.append(f"{self.name}: {key}: {message}" if key else f"{self.name}: {message}")

    def where(self, key: str) -> str:
        """Return ``file: key`` for messages built elsewhere."""
        return f"{self.name}: {key}"

    def table(self, value: Any, key: str) -> dict[str, Any]:
        """Return ``value`` when it is a table, else report it and return an empty one."""
        if isinstance(value, dict):
            return value
        self.error(key, "expected a table")
        return {}

    def tables(self, value: Any, key: str) -> list[dict[str, Any]]:
        """An array of tables (``[[key]]``); absent is an empty list."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(key, "expected an array of tables")
            return []
        return [self.table(item, f"{key}[{index}]") for index, item in enumerate(value)]

    def entries(self, doc: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
        """The top-level ID tables of a flat file (every key but the header)."""
        return {key: self.table(value, key) for key, value in doc.items() if key not in RESERVED}

    def keys(
        self,
        table: Mapping[str, Any],
        key: str,
        allowed: Iterable[str],
        required: Iterable[str] = (),
    ) -> None:
        """Report keys of ``table`` not in ``allowed`` and ``required`` keys it lacks."""
        allowed_set = set(allowed)
        for name in table:
            if name not in allowed_set:
                self.error(f"{key}.{name}" if key else name, "unknown key")
        for name in () if self.broken else required:
            if name not in table:
                self.error(f"{key}.{name}" if key else name, "missing")

    def require(self, present: Iterable[str], required: Iterable[str], kind: str) -> None:
        """Report every ID of ``required`` (fixed by case-format.md) not in ``present``."""
        if self.broken:
            return
        have = set(present)
        for rid in required:
            if rid not in have:
                self.error(rid, f"missing {kind} '{rid}' (required by case-format.md)")

    def text(self, table: Mapping[str, Any], key: str, name: str) -> Text:
        """A required bilingual text ``{ en = ..., fr = ... }``."""
        if name not in table:
            self.error(f"{key}.{name}", "missing text")
            return _EMPTY
        return parse_text(table[name], self.where(f"{key}.{name}"), self.errors)

    def optional_text(self, table: Mapping[str, Any], key: str, name: str) -> Text | None:
        """A bilingual text, or ``None`` when absent."""
        if name not in table:
            return None
        return parse_text(table[name], self.where(f"{key}.{name}"), self.errors)

    def source(self, table: Mapping[str, Any], key: str) -> tuple[str, ...]:
        """The ``source`` of ``table`` (a string or a list of strings; required)."""
        return parse_source(table.get("source"), self.where(f"{key}.source"), self.errors)

    def string(self, table: Mapping[str, Any], key: str, name: str) -> str:
        """A non-empty string, stripped."""
        value = table.get(name)
        if not isinstance(value, str) or not value.strip():
            self.error(f"{key}.{name}", "expected a non-empty string")
            return ""
        return value.strip()

    def integer(
        self, table: Mapping[str, Any], key: str, name: str, minimum: int = 0
    ) -> int | None:
        """A whole number of at least ``minimum``, or ``None`` (reported)."""
        value = table.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            self.error(f"{key}.{name}", f"expected a whole number of at least {minimum}")
            return None
        return value

    def boolean(self, table: Mapping[str, Any], key: str, name: str, default: bool) -> bool:
        """``true`` or ``false`` (``default`` when absent)."""
        value = table.get(name, default)
        if not isinstance(value, bool):
            self.error(f"{key}.{name}", "expected true or false")
            return default
        return value

    def units(self, value: Any, key: str) -> float | None:
        """A positive dose in whole or half units."""
        if not is_number(value) or value <= 0 or (value * 2) != int(value * 2):
            self.error(key, "expected a positive number of units (whole or half)")
            return None
        return float(value)

    def ident(self, table: Mapping[str, Any], key: str, seen: set[str]) -> str:
        """The ``id`` of an item of an array of tables (unique within ``seen``)."""
        value = table.get("id")
        if not isinstance(value, str) or not value.strip():
            self.error(f"{key}.id", "missing id")
            return ""
        if value in seen:
            self.error(f"{key}.id", f"duplicate id '{value}'")
        seen.add(value)
        return value

    def id_list(
        self,
        value: Any,
        key: str,
        known: AbstractSet[str] | tuple[str, ...],
        kind: str,
        *,
        allow_empty: bool = False,
    ) -> tuple[str, ...]:
        """A list of known IDs of ``kind``, without duplicates."""
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(key, f"expected a list of {kind} IDs")
            return ()
        if not value and not allow_empty:
            self.error(key, f"expected at least one {kind}")
        seen: set[str] = set()
        for index, item in enumerate(value):
            if item not in known:
                self.error(f"{key}[{index}]", f"unknown {kind} '{item}'")
            elif item in seen:
                self.error(f"{key}[{index}]", f"duplicate {kind} '{item}'")
            seen.add(item)
        return tuple(value)

    def id_set(
        self,
        table: Mapping[str, Any],
        key: str,
        name: str,
        known: AbstractSet[str],
        kind: str,
    ) -> frozenset[str] | None:
        """A list of IDs of ``kind`` or ``"all"``; absent or ``"all"`` gives ``None``."""
        value = table.get(name, "all")
        if value == "all":
            return None
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self.error(f"{key}.{name}", f'expected "all" or a non-empty list of {kind} IDs')
            return None
        for index, item in enumerate(value):
            if item not in known:
                self.error(f"{key}.{name}[{index}]", f"unknown {kind} '{item}'")
        return frozenset(value)

    def message(
        self, table: Mapping[str, Any], key: str, name: str, placeholders: Iterable[str]
    ) -> Text:
        """A message template whose ``{placeholders}`` are all among ``placeholders``."""
        text = self.text(table, key, name)
        allowed = set(placeholders)
        for lang, value in (("en", text.en), ("fr", text.fr)):
            try:
                fields = [f for _, f, _spec, _conv in _formatter.parse(value) if f is not None]
            except ValueError as exc:
                self.error(f"{key}.{name}.{lang}", f"invalid placeholder syntax ({exc})")
                continue
            for f in fields:
                if f not in allowed:
                    names = ", ".join("{" + p + "}" for p in sorted(allowed))
                    self.error(
                        f"{key}.{name}.{lang}",
                        f"unknown placeholder '{{{f}}}' (allowed: {names or 'none'})",
                    )
        return text
