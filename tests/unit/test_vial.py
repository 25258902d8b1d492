"""GS1 check digits and the rule that a typed expiry never contradicts a scanned one."""

import datetime as dt

import pytest

from consult_app.core.vial import gtin_check_digit_ok, scanned_expiry_for


@pytest.mark.parametrize(
    ("gtin", "ok"),
    [
        ("03664798034561", True),
        ("03664798034567", False),
        ("4006381333931", True),  # EAN-13
        ("96385074", True),  # EAN-8
        ("036000291452", True),  # UPC-A
        ("0366479803456", False),  # 13 digits, wrong check digit
        ("0366479803456X", False),
        ("123", False),
    ],
)
def test_gtin_check_digit(gtin, ok):
    assert gtin_check_digit_ok(gtin) is ok


def test_scanned_expiry_only_for_the_scanned_lot():
    scan = {"lot": "C1234A", "expiry": "2027-05-31", "gtin": "03664798034561"}
    assert scanned_expiry_for(scan, "C1234A") == dt.date(2027, 5, 31)
    assert scanned_expiry_for(scan, "OTHER") is None
    assert scanned_expiry_for(None, "C1234A") is None
    assert scanned_expiry_for({"lot": "C1234A", "expiry": "bad"}, "C1234A") is None
