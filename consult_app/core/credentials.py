"""Clinician PINs (issue 24): the policy, the salted scrypt hash and the lockout rule (pure).

A PIN is 4-8 digits, or a passphrase of at least 8 characters (not all digits). It is stored only
as ``scrypt$N$r$p$<salt b64>$<hash b64>`` with a random 16-byte salt per hash; the PIN itself is
never stored, logged or put in an exception. Five wrong PINs in a row lock that clinician for
five minutes (``after_failure``); a right PIN clears the count.
"""

from __future__ import annotations

import base64
import datetime as dt
import enum
import hashlib
import hmac
import os
import unicodedata
from dataclasses import dataclass
from typing import Final

__all__ = [
    "LOCKOUT",
    "LOCKOUT_FAILURES",
    "AttemptState",
    "PinProblem",
    "after_failure",
    "check_pin",
    "hash_pin",
    "is_locked",
    "pin_problem",
]

LOCKOUT_FAILURES: Final = 5
LOCKOUT: Final = dt.timedelta(minutes=5)
MAX_PASSPHRASE: Final = 128

# scrypt cost: N=2**15, r=8, p=1 (32 MiB, about 0.1 s here). A 4-digit PIN is still only 10,000
# guesses offline: the hash protects against reading PINs back, the lockout against guessing at
# the keyboard, and the data folder's 0600 files against copying the table.
_N: Final = 2**15
_R: Final = 8
_P: Final = 1
_SALT_BYTES: Final = 16
_HASH_BYTES: Final = 32
_MAXMEM: Final = 64 * 1024 * 1024


class PinProblem(enum.Enum):
    """Why a new PIN is refused (the screens word each one)."""

    EMPTY = "empty"
    DIGITS_LENGTH = "digits_length"  # all digits, but not 4-8 of them
    TOO_SHORT = "too_short"  # a passphrase under 8 characters
    TOO_LONG = "too_long"
    TRIVIAL = "trivial"  # one repeated digit, or a run such as 1234 or 4321


def _normal(pin: str) -> str:
    return unicodedata.normalize("NFKC", pin)


def pin_problem(pin: str) -> PinProblem | None:
    """Return why ``pin`` may not be used as a PIN, or None when it may."""
    text = _normal(pin)
    if not text.strip():
        return PinProblem.EMPTY
    if len(text) > MAX_PASSPHRASE:
        return PinProblem.TOO_LONG
    if text.isascii() and text.isdigit():
        if not 4 <= len(text) <= 8:
            return PinProblem.DIGITS_LENGTH
        steps = {int(b) - int(a) for a, b in zip(text, text[1:], strict=False)}
        if len(set(text)) == 1 or steps in ({1}, {-1}):
            return PinProblem.TRIVIAL
        return None
    if len(text) < 8:
        return PinProblem.TOO_SHORT
    return None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, *, salt: bytes | None = None, n: int = _N) -> str:
    """Return the stored form of ``pin``: ``scrypt$N$r$p$salt$hash`` (a fresh salt by default)."""
    salt = os.urandom(_SALT_BYTES) if salt is None else salt
    digest = hashlib.scrypt(
        _normal(pin).encode("utf-8"), salt=salt, n=n, r=_R, p=_P, maxmem=_MAXMEM, dklen=_HASH_BYTES
    )
    return f"scrypt${n}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def check_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` matches the stored hash (constant-time; False for a malformed hash)."""
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return False
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        expected = base64.b64decode(parts[5], validate=True)
        if not (2 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 4 and salt and expected):
            return False
        digest = hashlib.scrypt(
            _normal(pin).encode("utf-8"),
            salt=salt,
            n=n,
            r=r,
            p=p,
            maxmem=_MAXMEM * 4,
            dklen=len(expected),
        )
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(digest, expected)


@dataclass(frozen=True, slots=True)
class AttemptState:
    """A clinician's wrong PINs in a row and, once locked, until when (aware UTC)."""

    failures: int = 0
    locked_until: dt.datetime | None = None


def is_locked(state: AttemptState, now: dt.datetime) -> bool:
    """Whether sign-in is refused at ``now`` (aware) because of earlier wrong PINs."""
    return state.locked_until is not None and now < state.locked_until


def after_failure(state: AttemptState, now: dt.datetime) -> AttemptState:
    """The state after one more wrong PIN at ``now``: the fifth in a row locks for five minutes.

    A lock that has run out starts the count again.
    """
    failures = state.failures
    if state.locked_until is not None and now >= state.locked_until:
        failures = 0
    failures += 1
    if failures >= LOCKOUT_FAILURES:
        return AttemptState(failures=failures, locked_until=now + LOCKOUT)
    return AttemptState(failures=failures, locked_until=None)
