"""Sane limits on everything a case file (or a draft) may hold; errors name the field.

Every hostile input gets exit 2 naming the field before anything is stored (issue 14): deep
nesting, numbers too large to mean anything, dates no clinic will see, lone surrogates and control
characters, text so long it cannot be laid out, PNG signatures that are not whole PNG images.
The limits are generous for real use and small enough that every document lays out:

==========================  ===========================================================
what                        limit
==========================  ===========================================================
case file                   ``MAX_CASE_BYTES`` (4 MB); nesting ``MAX_DEPTH`` (12) levels
numbers (anywhere)          ``MAX_INT_DIGITS`` (15) digits, finite, at most ``MAX_NUMBER`` (1e9)
any text (anywhere)         no lone surrogates or control characters, ``MAX_TEXT`` characters
dates                       ``MIN_DATE`` .. ``MAX_DATE`` (1900-01-01 .. 2199-12-31)
units (per area, history)   at most ``MAX_UNITS`` (2000)
dilution                    ``MIN_DILUTION`` .. ``MAX_DILUTION`` U/mL (1 .. 1000)
names, clinician, witness   ``MAX_NAME`` (100) characters, no line breaks (*)
typed signatures            ``MAX_TYPED_SIGNATURE`` (60) characters after ``typed:``
PNG signatures              ``MAX_PNG_BYTES`` (256 kB), at most 2000 x 1000 pixels, valid
free text (diagnosis...)    ``MAX_TEXT`` (2000) characters
email                       ``MAX_EMAIL`` (254) characters
identifiers and the rest    ``MAX_SHORT`` (200) characters
case ``id``                 1-64 characters from ``A-Z a-z 0-9 . _ -``
==========================  ===========================================================

(*) A character outside Latin, Greek and Cyrillic counts as 2 (``display_length``): the
documents print it in a bundled font of its script, CJK as a glyph about two Latin letters wide.

Pure functions; no I/O. The case parser (``core.case_file``) calls them.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import math
import re
import struct
import zlib
from typing import Any, Final

from consult_app.core.errors import CaseError

__all__ = [
    "MAX_CASE_BYTES",
    "MAX_DEPTH",
    "TooLarge",
    "check_case_id",
    "check_date",
    "check_depth",
    "check_dilution",
    "check_png",
    "check_text",
    "check_typed_signature",
    "check_units",
    "decode_case",
]

MAX_CASE_BYTES: Final = 4 * 1024 * 1024
MAX_DEPTH: Final = 12
MAX_INT_DIGITS: Final = 15
MIN_DATE: Final = dt.date(1900, 1, 1)
MAX_DATE: Final = dt.date(2199, 12, 31)
MAX_UNITS: Final = 2000.0
MIN_DILUTION: Final = 1.0
MAX_DILUTION: Final = 1000.0
MAX_NAME: Final = 100
MAX_TYPED_SIGNATURE: Final = 60
WIDE: Final = 2
_NARROW_BELOW: Final = 0x0530  # Latin, Greek, Cyrillic (what the document font draws narrow)
MAX_TEXT: Final = 2000
MAX_SHORT: Final = 200
MAX_EMAIL: Final = 254
MAX_PNG_BYTES: Final = 256 * 1024
MAX_PNG_WIDTH: Final = 2000
MAX_PNG_HEIGHT: Final = 1000
MAX_NUMBER: Final = 1_000_000_000.0

_CASE_ID: Final = re.compile(r"[A-Za-z0-9._-]{1,64}")
_SURROGATE: Final = re.compile(r"[\ud800-\udfff]")
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LINE: Final = re.compile(r"[\n\t\u2028\u2029]")
#: Field names (the last part of a path) holding one person's name or a single-line value.
_NAMES: Final = frozenset({"name", "clinician", "relationship", "prescriber"})
#: Field names holding free text.
_FREE: Final = frozenset({"diagnosis", "allergies", "notes", "not_given", "patient_questions"})
_PNG_MAGIC: Final = b"\x89PNG\r\n\x1a\n"
_DATE_PREFIX: Final = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|T)")


class TooLarge:
    """An integer literal with too many digits, kept unparsed (``int()`` would be slow)."""

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits


def _fail(path: str, message: str) -> CaseError:
    return CaseError(f"{path}: {message}")


def _parse_int(text: str) -> int | TooLarge:
    digits = len(text.lstrip("-"))
    return TooLarge(digits) if digits > MAX_INT_DIGITS else int(text)


def decode_case(raw: bytes) -> object:
    """Decode case-file bytes as JSON with the limits above.

    Raises:
        CaseError: too large, not UTF-8, not JSON, or nested too deeply. The message completes
            a sentence about the file (``"<file> is not JSON: ..."``), or names the field.
    """
    if len(raw) > MAX_CASE_BYTES:
        raise CaseError(f"is larger than {MAX_CASE_BYTES // (1024 * 1024)} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CaseError(f"is not JSON: not UTF-8 text ({exc.reason})") from None
    try:
        data = json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise CaseError(f"is not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise CaseError(f"is nested more than {MAX_DEPTH} levels deep") from None
    except ValueError as exc:
        raise CaseError(f"is not JSON: {exc}") from None
    return data


def check_depth(data: object) -> None:
    """Walk the whole decoded case once, before any field is parsed, naming the first bad value.

    Refused anywhere in the case: nesting deeper than ``MAX_DEPTH``; a lone surrogate or a control
    character (other than line breaks and tabs) in any text; any text longer than ``MAX_TEXT``
    except a signature (``MAX_PNG_BYTES``); a number beyond ``MAX_NUMBER`` in size, not finite, or
    with more than ``MAX_INT_DIGITS`` digits; a date (``YYYY-MM-DD...``) outside ``MIN_DATE`` ..
    ``MAX_DATE``. Each field's own parser then applies its tighter limits.
    """
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        where = path or "case"
        if isinstance(value, dict | list):
            if depth >= MAX_DEPTH:
                raise _fail(where, f"nested more than {MAX_DEPTH} levels deep")
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(value, list):
                    child = f"{path}[{key}]"
                else:
                    _check_any_text(str(key), f"{path}.(key)" if path else "(key)")
                    child = f"{path}.{key}" if path else str(key)
                stack.append((item, child, depth + 1))
        elif isinstance(value, str):
            _check_any_text(value, where)
        elif isinstance(value, TooLarge):
            raise _fail(where, f"a number of {value.digits} digits is too large")
        elif _too_large(value):
            raise _fail(where, f"{value:g} is too large a number")


def _too_large(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, float | int):
        return False
    return not math.isfinite(value) or abs(value) > MAX_NUMBER


def _check_any_text(text: str, path: str) -> None:
    if _SURROGATE.search(text):
        raise _fail(path, "holds an invalid character (a lone UTF-16 surrogate)")
    if _CONTROL.search(text.replace("\r", "")):
        raise _fail(path, "holds a control character")
    limit = MAX_PNG_BYTES * 4 // 3 + 8 if _field(path).endswith("signature") else MAX_TEXT
    if len(text) > limit:
        raise _fail(path, f"too long ({len(text)} characters; at most {limit})")
    match = _DATE_PREFIX.match(text)
    if match:
        try:
            when = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return  # the field's own parser names an impossible date
        check_date(when, path)


def check_case_id(value: object) -> str:
    """Check a case ``id``: 1-64 characters from ``A-Z a-z 0-9 . _ -``."""
    if not isinstance(value, str) or not _CASE_ID.fullmatch(value):
        shown = value if isinstance(value, str) and len(value) <= 80 else "this value"
        raise _fail("id", f"{shown!r} is not 1-64 characters from A-Z a-z 0-9 . _ -")
    return value


def _field(path: str) -> str:
    last = path.rsplit(".", 1)[-1]
    return last.split("[", 1)[0]


def check_text(text: str, path: str) -> str:
    """Check one text value for its field.

    No lone surrogates or control characters, and a length that lays out (names ``MAX_NAME``,
    free text ``MAX_TEXT``, anything else ``MAX_SHORT``).
    Signatures are checked by ``check_typed_signature`` and ``check_png``.
    """
    if _SURROGATE.search(text):
        raise _fail(path, "holds an invalid character (a lone UTF-16 surrogate)")
    if _CONTROL.search(text):
        raise _fail(path, "holds a control character")
    field = _field(path)
    if field.endswith("signature"):
        return text
    if path.startswith("reasons.") or field in _FREE:
        limit = MAX_TEXT
    elif field == "email":
        limit = MAX_EMAIL
    elif field in _NAMES:
        limit = MAX_NAME
    else:
        limit = MAX_SHORT
    size = display_length(text) if field in _NAMES else len(text)
    if size > limit:
        raise _fail(path, f"too long ({_size(text, size)}; at most {limit})")
    if limit != MAX_TEXT and _LINE.search(text):
        raise _fail(path, "must be on one line")
    return text


def display_length(text: str) -> int:
    """The room a one-line value takes on a document, in Latin characters.

    A character outside Latin, Greek and Cyrillic counts ``WIDE`` (2): the documents print it in a
    bundled font of its script (a CJK glyph is about two Latin letters wide).
    """
    return sum(1 if ord(ch) < _NARROW_BELOW else WIDE for ch in text)


def _size(text: str, size: int) -> str:
    if size == len(text):
        return f"{size} characters"
    return f"{len(text)} characters taking the room of {size}"


def check_typed_signature(name: str, path: str) -> str:
    """Check the name of a ``typed:`` signature (one line, ``MAX_TYPED_SIGNATURE`` characters).

    Shorter than a name: three signatures share one row of the record, and a CJK character
    takes the room of two Latin ones.
    """
    size = display_length(name)
    if size > MAX_TYPED_SIGNATURE:
        raise _fail(
            path, f"typed signature too long ({_size(name, size)}; at most {MAX_TYPED_SIGNATURE})"
        )
    if _LINE.search(name):
        raise _fail(path, "typed signature must be on one line")
    return name


def check_png(encoded: str, path: str) -> bytes:
    """Decode and check a ``png:`` signature: base64 of one whole, valid, modest PNG image.

    Every chunk's CRC is checked, ``IHDR`` comes first and ``IEND`` last, the size is at most
    ``MAX_PNG_WIDTH`` x ``MAX_PNG_HEIGHT`` and the image data inflates.
    """
    if len(encoded) > MAX_PNG_BYTES * 4 // 3 + 4:
        raise _fail(path, f"png signature larger than {MAX_PNG_BYTES // 1024} kB")
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise _fail(path, "png signature is not valid base64") from None
    if not data.startswith(_PNG_MAGIC):
        raise _fail(path, "png signature is not a PNG image")
    pos = len(_PNG_MAGIC)
    chunks: list[bytes] = []
    idat = bytearray()
    width = height = 0
    while pos < len(data):
        if pos + 12 > len(data):
            raise _fail(path, "png signature is cut short")
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if len(body) != length or pos + 12 + length > len(data):
            raise _fail(path, "png signature is cut short")
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        if zlib.crc32(kind + body) & 0xFFFFFFFF != crc:
            raise _fail(path, "png signature is damaged (checksum)")
        if not chunks and kind != b"IHDR":
            raise _fail(path, "png signature does not start with its header")
        if kind == b"IHDR":
            if length != 13:
                raise _fail(path, "png signature has a bad header")
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        chunks.append(kind)
        pos += 12 + length
        if kind == b"IEND":
            break
    if not chunks or chunks[-1] != b"IEND" or pos != len(data):
        raise _fail(path, "png signature is not one whole PNG image")
    if not (0 < width <= MAX_PNG_WIDTH and 0 < height <= MAX_PNG_HEIGHT):
        raise _fail(
            path, f"png signature must be at most {MAX_PNG_WIDTH} x {MAX_PNG_HEIGHT} pixels"
        )
    try:
        inflater = zlib.decompressobj()
        inflater.decompress(bytes(idat), 64 * 1024 * 1024)
        if not inflater.eof:
            raise zlib.error("incomplete")
    except zlib.error:
        raise _fail(path, "png signature image data is damaged") from None
    return data


def check_date(value: dt.date, path: str) -> dt.date:
    """Check a date lies between ``MIN_DATE`` and ``MAX_DATE``."""
    if not MIN_DATE <= value <= MAX_DATE:
        raise _fail(path, f"{value.isoformat()} is outside {MIN_DATE} .. {MAX_DATE}")
    return value


def check_units(units: float, path: str) -> float:
    """Check units are at most ``MAX_UNITS``."""
    if units > MAX_UNITS:
        raise _fail(path, f"{units:g} units is more than {MAX_UNITS:g}")
    return units


def check_dilution(value: float, path: str) -> float:
    """Check a dilution in units per mL is realistic (``MIN_DILUTION`` .. ``MAX_DILUTION``)."""
    if not MIN_DILUTION <= value <= MAX_DILUTION:
        raise _fail(
            path, f"{value:g} U/mL is not a usual dilution ({MIN_DILUTION:g}-{MAX_DILUTION:g})"
        )
    return value
