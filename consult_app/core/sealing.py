"""Canonical JSON and SHA-256 seals (stdlib only).

A sealed consent is stored as the exact bytes ``canonical_json(payload)`` returned, and its seal is
``seal_hash(those bytes)``. ``verify`` recomputes the hash from the stored bytes, so later edits of
a patient's details never break a seal.

Canonical form: UTF-8, keys sorted by code point, no whitespace (``separators=(",", ":")``),
non-ASCII kept as is (``ensure_ascii=False``), strings exactly as given (no Unicode
normalisation: the consent text is sealed exactly as shown). Numbers are written one way only:
integers as integers, a float with an integral value as that integer (``10.0`` -> ``10``), other
floats in Python's shortest round-trip form; NaN and infinities are refused. ``datetime.date`` and
``datetime.datetime`` become ISO-8601 text; tuples become arrays; any other type is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Mapping

__all__ = ["canonical_json", "seal_hash", "verify_seal"]


def _normalise(value: object, where: str) -> object:
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{where}: {value!r} cannot be sealed")
        return int(value) if value.is_integer() else value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        out: dict[str, object] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{where}: key {key!r} is not text")
            out[key] = _normalise(item, f"{where}.{key}" if where else key)
        return out
    if isinstance(value, list | tuple):
        return [_normalise(item, f"{where}[{i}]") for i, item in enumerate(value)]
    raise TypeError(f"{where or 'value'}: {type(value).__name__} cannot be sealed")


def canonical_json(obj: object) -> bytes:
    """Return the canonical UTF-8 JSON bytes of ``obj``.

    Args:
        obj: JSON-like data (dicts with text keys, lists, text, numbers, booleans, None, dates).

    Returns:
        The same bytes for equal data, whatever the key order or float spelling.

    Raises:
        TypeError: a value or key of a type that cannot be sealed.
        ValueError: NaN or an infinity.
    """
    text = json.dumps(
        _normalise(obj, ""),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    )
    return text.encode("utf-8")


def seal_hash(data: bytes) -> str:
    """Return the SHA-256 of ``data`` as 64 lowercase hex digits."""
    return hashlib.sha256(data).hexdigest()


def verify_seal(data: bytes, expected: str) -> bool:
    """Return True when ``seal_hash(data)`` equals ``expected`` (case-insensitive)."""
    return seal_hash(data) == expected.lower()
