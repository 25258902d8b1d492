"""One name for one thing on screen: the document the patient takes home is the "patient sheet".

The keyboard review found "sheet" and "handout" mixed in the window (issue 15, symptom 12). Every
string the interface can show is read from the source the way the translation extractor reads it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import i18n_extract  # noqa: E402


def test_the_interface_never_says_handout() -> None:
    found = i18n_extract.scan()
    shown = [m.source for m in found.messages.values()]
    assert len(shown) > 400  # the scan really read the interface
    assert any("patient sheet" in text.lower() for text in shown)
    assert [text for text in shown if "handout" in text.lower()] == []
