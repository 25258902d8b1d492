"""What a vial's barcode may say: the GS1 check digit of its GTIN, and scans versus typing.

A USB scanner types the GS1 string of the vial's 2D code: GTIN (AI 01), expiry (AI 17), lot (AI
10). The GTIN carries a check digit (GS1 General Specifications, 7.9: mod-10, weights 3 and 1
from the right); a wrong one means a misread, and the scan is refused. A lot that was scanned
has the expiry its barcode says; a date typed by hand that contradicts it is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

__all__ = ["gtin_check_digit_ok", "scanned_expiry_for"]


def gtin_check_digit_ok(gtin: str) -> bool:
    """Whether ``gtin`` (8, 12, 13 or 14 digits) ends with its GS1 check digit."""
    if not gtin.isdigit() or len(gtin) not in (8, 12, 13, 14):
        return False
    digits = [int(d) for d in gtin]
    body, check = digits[:-1], digits[-1]
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def scanned_expiry_for(scan: Mapping[str, Any] | None, lot_number: str) -> dt.date | None:
    """The expiry a scan of this lot said, or None when the lot was not scanned (or had none).

    Args:
        scan: the draft's ``extra.lot_scan`` (``{"lot", "expiry", "gtin"}``), if any.
        lot_number: the lot number now in the draft.
    """
    if not isinstance(scan, Mapping) or scan.get("lot") != lot_number or not lot_number:
        return None
    text = scan.get("expiry")
    try:
        return dt.date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None
