"""core.sealing: canonical JSON is stable and exact; seal is SHA-256 of the bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consult_app.core.sealing import canonical_json, seal_hash, verify_seal


def test_sorted_compact_utf8() -> None:
    data = {"b": 1, "a": {"z": [1, 2], "é": 'Zoë <b> & "q"'}}
    out = canonical_json(data)
    assert out == '{"a":{"z":[1,2],"é":"Zoë <b> & \\"q\\""},"b":1}'.encode()
    assert canonical_json({"a": {"é": 'Zoë <b> & "q"', "z": [1, 2]}, "b": 1}) == out


def test_numbers_have_one_spelling() -> None:
    assert canonical_json({"u": 10.0}) == canonical_json({"u": 10}) == b'{"u":10}'
    assert canonical_json({"u": 2.5}) == b'{"u":2.5}'
    assert canonical_json({"u": 0.1 + 0.2}) == b'{"u":0.30000000000000004}'
    assert canonical_json(True) == b"true"
    for bad in (float("nan"), float("inf")):
        with pytest.raises(ValueError):
            canonical_json({"x": bad})


def test_text_kept_exactly() -> None:
    composed = "é"
    decomposed = "e\u0301"
    assert canonical_json(composed) != canonical_json(decomposed)
    assert canonical_json("王小明\nline") == '"王小明\\nline"'.encode()


def test_dates_and_refusals() -> None:
    assert canonical_json({"d": dt.date(2026, 11, 21)}) == b'{"d":"2026-11-21"}'
    assert canonical_json((1, 2)) == b"[1,2]"
    with pytest.raises(TypeError):
        canonical_json({1: "x"})
    with pytest.raises(TypeError):
        canonical_json({"x": {1, 2}})


def test_seal_hash() -> None:
    assert seal_hash(b"abc") == hashlib.sha256(b"abc").hexdigest()
    assert len(seal_hash(b"")) == 64
    assert verify_seal(b"abc", seal_hash(b"abc").upper())
    assert not verify_seal(b"abd", seal_hash(b"abc"))


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text()
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values)
def test_round_trip_is_stable(value: object) -> None:
    out = canonical_json(value)
    assert canonical_json(json.loads(out.decode("utf-8"))) == out
