"""Issue 17: every name prints, in embedded fonts only.

Real PDFs (the patient sheet, the record and the deferral letter) read back with ``pdftotext``
(poppler) and ``pdffonts``; text compared after NFKC (Arabic comes back as presentation forms).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import document_samples as samples  # noqa: E402

from consult_app.documents import deferral, handout, record  # noqa: E402
from consult_app.documents.fonts import register_fonts  # noqa: E402
from consult_app.documents.text import unsupported_characters  # noqa: E402
from consult_app.resources import resource_path  # noqa: E402

FONTS = resource_path("fonts")
POPPLER = shutil.which("pdftotext") and shutil.which("pdffonts")
pytestmark = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdffonts) missing")

NAMES = {
    "chinese": "陈伟",
    "japanese": "山田 はなこ",
    "korean": "김민준",
    "arabic": "محمد عبد الله",
    "hebrew": "דוד כהן",
    "greek": "Γιώργος Παπαδόπουλος",
    "polish": "Zoë Łukasiewicz-Źdźbło",
    "russian": "Анна Кузнецова",
}
HINDI = "अमित शर्मा"


@pytest.fixture(scope="module", autouse=True)
def _fonts() -> None:
    register_fonts(FONTS)


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    # Drop the bidi embedding marks poppler puts around right-to-left runs, then NFKC.
    text = "".join(c for c in out.stdout if unicodedata.category(c) != "Cf")
    return unicodedata.normalize("NFKC", text)


def _fonts_of(pdf: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    return [line.split() for line in out.stdout.splitlines()[2:] if line.strip()]


def _documents(tmp_path: Path, name: str) -> list[Path]:
    sheet, chart, letter = tmp_path / "h.pdf", tmp_path / "r.pdf", tmp_path / "d.pdf"
    handout.render_handout(samples.migraine_handout(name), sheet, FONTS)
    record.render_record(replace(samples.migraine_record(), patient_name=name), chart, FONTS)
    deferral.render_deferral(samples.deferral_en(name), letter, FONTS)
    return [sheet, chart, letter]


@pytest.mark.parametrize("script", sorted(NAMES))
def test_name_prints_exactly_in_every_document(tmp_path: Path, script: str) -> None:
    name = NAMES[script]
    assert unsupported_characters(name) == []
    for pdf in _documents(tmp_path, name):
        text = _text(pdf)
        assert name in text, (pdf.name, script)
        assert "[U+" not in text
        fonts = _fonts_of(pdf)
        # name type encoding emb sub uni ...: every font embedded (no base-14 Helvetica).
        assert fonts and all(row[-5] == "yes" for row in fonts), fonts
        assert not any(row[0].endswith("Helvetica") for row in fonts)


def test_devanagari_is_shaped_in_its_own_font(tmp_path: Path) -> None:
    """Hindi is drawn shaped (HarfBuzz: the vowel sign before its consonant, the reph above).

    Shaped glyphs come back from text extraction in visual order, so only the letters that keep
    their place are compared; the font and the absence of markers are checked exactly.
    """
    assert unsupported_characters(HINDI) == []
    sheet = _documents(tmp_path, HINDI)[0]
    fonts = [row[0].split("+")[-1] for row in _fonts_of(sheet)]
    assert "NotoSansDevanagari-Bold" in fonts  # the name in the sheet's bold patient field
    text = _text(sheet)
    assert "[U+" not in text
    assert "अम" in text and "श" in text


def test_a_mixed_running_header_and_bold_fields_use_each_script_font(tmp_path: Path) -> None:
    name = "Anna 陈 김 محمد"
    sheet = _documents(tmp_path, name)[0]
    fonts = {row[0].split("+")[-1] for row in _fonts_of(sheet)}
    assert {"DroidSansFallback", "NanumSquareB", "NanumSquareR", "NotoSansArabic-Bold"} <= fonts
    # Page 2's running header carries the name too (drawn on the canvas, not in a paragraph).
    assert _text(sheet).count("Anna 陈 김") >= 2


def test_a_character_no_font_has_is_marked_and_reported() -> None:
    assert unsupported_characters("Ana 🙂") == ["🙂"]
