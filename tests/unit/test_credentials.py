"""Issue 24: the PIN policy, the salted scrypt hash and the five-wrong-PINs lockout."""

import base64
import datetime as dt
import hashlib

import pytest

from consult_app.core.credentials import (
    LOCKOUT,
    LOCKOUT_FAILURES,
    AttemptState,
    PinProblem,
    after_failure,
    check_pin,
    hash_pin,
    is_locked,
    pin_problem,
)

FAST = 2**10  # a low scrypt cost keeps the tests quick; the default is checked once


@pytest.mark.parametrize(
    ("pin", "problem"),
    [
        ("4821", None),
        ("48213975", None),
        ("correct horse", None),
        ("", PinProblem.EMPTY),
        ("   ", PinProblem.EMPTY),
        ("482", PinProblem.DIGITS_LENGTH),
        ("482139751", PinProblem.DIGITS_LENGTH),
        ("0000", PinProblem.TRIVIAL),
        ("1234", PinProblem.TRIVIAL),
        ("87654321", PinProblem.TRIVIAL),
        ("abc123", PinProblem.TOO_SHORT),
        ("x" * 129, PinProblem.TOO_LONG),
    ],
)
def test_pin_policy(pin, problem):
    assert pin_problem(pin) is problem


def test_the_hash_is_never_the_pin_and_is_salted_per_hash():
    first = hash_pin("4821")
    second = hash_pin("4821")
    assert first != second  # a fresh salt each time
    for stored in (first, second):
        assert "4821" not in stored
        assert stored.startswith(f"scrypt${2**15}$8$1$")
        assert check_pin("4821", stored)
        assert not check_pin("4822", stored)


def test_hash_is_scrypt_of_the_pin_with_its_salt():
    salt = bytes(range(16))
    stored = hash_pin("correct horse", salt=salt, n=FAST)
    expected = hashlib.scrypt(b"correct horse", salt=salt, n=FAST, r=8, p=1, dklen=32)
    assert stored.split("$")[5] == base64.b64encode(expected).decode()


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "plain4821",
        "scrypt$1$8$1$AA==$AA==",
        "scrypt$x$8$1$AA==$AA==",
        "scrypt$1024$8$1$!!$AA==",
    ],
)
def test_a_malformed_or_tampered_hash_never_matches(stored):
    assert not check_pin("4821", stored)


def test_passphrase_is_normalised():
    stored = hash_pin("caf\u00e9 au lait", n=FAST)
    assert check_pin("cafe\u0301 au lait", stored)


def test_five_wrong_pins_lock_for_five_minutes_then_count_again():
    now = dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC)
    state = AttemptState()
    for _ in range(LOCKOUT_FAILURES - 1):
        state = after_failure(state, now)
        assert not is_locked(state, now)
    state = after_failure(state, now)
    assert is_locked(state, now)
    assert is_locked(state, now + LOCKOUT - dt.timedelta(seconds=1))
    assert not is_locked(state, now + LOCKOUT)
    later = after_failure(state, now + LOCKOUT)
    assert later.failures == 1 and not is_locked(later, now + LOCKOUT)
