"""Documents: render the samples, read them back with pypdf, check content and behaviour."""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).parent))

import document_samples as samples  # noqa: E402

from consult_app.core.report_model import SideEffect, TitledText  # noqa: E402
from consult_app.documents import deferral, handout, record  # noqa: E402
from consult_app.documents.fonts import register_fonts  # noqa: E402
from consult_app.documents.smoke import render_smoke_pdf  # noqa: E402
from consult_app.documents.styles import build_stylesheet  # noqa: E402
from consult_app.documents.text import clean, fill, para, unsupported_characters  # noqa: E402
from consult_app.resources import resource_path  # noqa: E402

FONTS = resource_path("fonts")


def text_of(path: Path) -> str:
    reader = PdfReader(path)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def flat(text: str) -> str:
    """Whitespace-insensitive form (pypdf puts line breaks where lines wrap)."""
    return re.sub(r"\s+", "", text)


def pages(path: Path) -> int:
    return len(PdfReader(path).pages)


@pytest.fixture(scope="module", autouse=True)
def _fonts() -> None:
    register_fonts(FONTS)


def test_smoke_pdf(tmp_path: Path) -> None:
    target = tmp_path / "smoke.pdf"
    render_smoke_pdf(target, FONTS)
    text = text_of(target)
    assert "Neuromodulator Consult" in text
    assert "Łukasiewicz" in text and "ботулинический" in text
    assert list(tmp_path.iterdir()) == [target]


def test_register_fonts_is_idempotent() -> None:
    register_fonts(FONTS)
    register_fonts(FONTS)


def test_handout_english_content(tmp_path: Path) -> None:
    model = samples.migraine_handout()
    target = tmp_path / "handout.pdf"
    handout.render_handout(model, target, FONTS, invariant=True)
    text = flat(text_of(target))
    for expected in [
        "Margaret Chen",
        "1978-04-12",
        "2025-03-14",
        "Botox (onabotulinumtoxinA)",
        "Temples",
        "Shoulders (trapezius)",
        "C7345C3",
        "Get urgent help",
        "Trouble swallowing",
        "Call 911",
        "hours to weeks",
        "2025-04-11",
        "2025-06-06",
        "apixaban",
        "Page 1 of 2",
        "Protocol 2025.1",
        "Harbourview Neurology & Aesthetics",
    ]:
        assert flat(expected) in text, expected
    assert pages(target) <= 2


def test_handout_metadata(tmp_path: Path) -> None:
    target = tmp_path / "handout.pdf"
    handout.render_handout(samples.glabellar_handout_fr(), target, FONTS, invariant=True)
    reader = PdfReader(target)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Information sur votre traitement"
    assert meta.author == "Clinique Saint-Laurent"
    assert meta.subject and "toxine botulique" in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    outline_titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Information sur votre traitement" in outline_titles
    assert "Soins après l'injection" in outline_titles


def test_french_sheet_is_french(tmp_path: Path) -> None:
    target = tmp_path / "handout.pdf"
    handout.render_handout(samples.glabellar_handout_fr(), target, FONTS, invariant=True)
    text = text_of(target)
    flat_text = flat(text)
    for expected in [
        "Élodie Bérubé-Lefèvre",
        "Obtenez de l'aide d'urgence",
        "Soins après l'injection",
        "Page 1 sur",
        "Produit le",
        "Composez le 911",
    ]:
        assert flat(expected) in flat_text, expected
    english = ["Get urgent help", "Page 1 of", "Aftercare", "What to expect", "Produced", "Email"]
    for word in english:
        assert flat(word) not in flat_text, word
    assert pages(target) <= 2


def test_hostile_names_print_exactly(tmp_path: Path) -> None:
    name = samples.HOSTILE_NAME
    clinic = replace(samples.CLINIC, name="A&B <Clinic> {page} %s")
    model = replace(samples.migraine_handout(name), clinic=clinic, lot="<lot>&1")
    target = tmp_path / "handout.pdf"
    handout.render_handout(model, target, FONTS, invariant=True)
    text = text_of(target)
    assert name in text
    assert "A&B <Clinic> {page} %s" in text
    assert "<lot>&1" in text
    rec = tmp_path / "record.pdf"
    record.render_record(
        replace(samples.migraine_record(), patient_name=name), rec, FONTS, invariant=True
    )
    assert name in text_of(rec)
    letter = tmp_path / "deferral.pdf"
    deferral.render_deferral(samples.deferral_en(name), letter, FONTS, invariant=True)
    assert f"Dear {name}," in text_of(letter)


def test_record_content(tmp_path: Path) -> None:
    target = tmp_path / "record.pdf"
    record.render_record(samples.migraine_record(), target, FONTS, invariant=True)
    text = text_of(target)
    flat_text = flat(text)
    for expected in [
        "Margaret Chen",
        "C-1042",
        "Chronic migraine",
        "ICHD-3",
        "C7345C3",
        "2026-01-31",
        "5 U per 0.1 mL",
        "Temporalis (temples)",
        "155 U",
        "3.10 mL",
        "aminoglycoside",
        "CAUTION",
        "lowest trapezius",
        "Right to withdraw: I may refuse or stop this treatment at any time.",
        "Not confirmed",
        "Treated as planned",
        "Signed 2025-03-14 09:16",
        "Protocol version",
        "2025.1",
    ]:
        assert flat(expected) in flat_text, expected
    assert samples.SEAL in flat_text
    assert samples.PROTOCOL_HASH in flat_text
    # the seal is printed in groups of 4 so it can be read back
    assert "9f2c 4e7a 1b3d 5f60" in text


def test_record_signature_image_embedded(tmp_path: Path) -> None:
    target = tmp_path / "record.pdf"
    record.render_record(samples.migraine_record(), target, FONTS, invariant=True)
    images = [img for page in PdfReader(target).pages for img in page.images]
    assert len(images) == 1


def test_bad_signature_image_is_a_clear_error(tmp_path: Path) -> None:
    model = samples.migraine_record()
    bad = replace(model.signatures[0], png=b"not a png")
    broken = replace(model, signatures=(bad,))
    with pytest.raises(ValueError, match="signature image"):
        record.render_record(broken, tmp_path / "record.pdf", FONTS)
    assert list(tmp_path.iterdir()) == []


def test_failed_render_leaves_no_file_and_keeps_old(tmp_path: Path) -> None:
    target = tmp_path / "record.pdf"
    target.write_bytes(b"old")
    model = samples.migraine_record()
    broken = replace(model, signatures=(replace(model.signatures[0], png=b"\x89PNG broken"),))
    with pytest.raises(ValueError):
        record.render_record(broken, target, FONTS)
    assert list(tmp_path.iterdir()) == [target]
    assert target.read_bytes() == b"old"


def test_failure_during_layout_removes_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from consult_app.documents import templates

    def boom(self: object, story: object) -> None:
        Path(self.filename).write_bytes(b"%PDF-1.4 half")  # type: ignore[attr-defined]
        raise RuntimeError("disk full")

    monkeypatch.setattr(templates.ConsultDocTemplate, "build_story", boom)
    with pytest.raises(RuntimeError):
        handout.render_handout(samples.migraine_handout(), tmp_path / "h.pdf", FONTS)
    assert list(tmp_path.iterdir()) == []


def test_long_notes_flow_onto_more_pages(tmp_path: Path) -> None:
    sentence = "The patient reports gradual improvement of headache frequency and asks about "
    notes = "\n\n".join(f"{i}. " + sentence * 12 for i in range(40))
    notes += "\nFINAL-LINE-MARKER"
    short = tmp_path / "short.pdf"
    long = tmp_path / "long.pdf"
    record.render_record(samples.migraine_record(), short, FONTS, invariant=True)
    record.render_record(samples.migraine_record(notes=notes), long, FONTS, invariant=True)
    assert pages(long) > pages(short) + 2
    assert "FINAL-LINE-MARKER" in text_of(long)
    # one huge paragraph with no breaks at all also flows
    huge = tmp_path / "huge.pdf"
    record.render_record(samples.migraine_record(notes="word " * 6000), huge, FONTS)
    assert pages(huge) > pages(short)


def test_long_consent_and_screening_flow(tmp_path: Path) -> None:
    model = samples.migraine_record()
    answers = model.screening * 30
    model = replace(model, screening=answers, consent_text="Consent clause. " * 800)
    target = tmp_path / "record.pdf"
    record.render_record(model, target, FONTS)
    assert pages(target) > 4


def test_off_label_statement_printed(tmp_path: Path) -> None:
    target = tmp_path / "handout.pdf"
    handout.render_handout(samples.off_label_handout(), target, FONTS, invariant=True)
    text = flat(text_of(target))
    assert flat("About this use") in text and flat("(off-label)") in text
    assert pages(target) <= 2


def test_empty_values_print_no_placeholder(tmp_path: Path) -> None:
    clinic = replace(samples.CLINIC, address="", phone="", email="", logo_path=None)
    model = replace(samples.migraine_handout(), clinic=clinic, lot="", counselling=())
    target = tmp_path / "handout.pdf"
    handout.render_handout(model, target, FONTS, invariant=True)
    text = text_of(target)
    for label in ["Tel.", "Email", "Lot number", "Points for you", "None"]:
        assert label not in text


def test_missing_logo_is_skipped(tmp_path: Path) -> None:
    clinic = replace(samples.CLINIC, logo_path=str(tmp_path / "missing.png"))
    target = tmp_path / "handout.pdf"
    handout.render_handout(replace(samples.migraine_handout(), clinic=clinic), target, FONTS)
    assert "Harbourview" in text_of(target)


def test_logo_is_drawn(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(samples.tiny_png())
    clinic = replace(samples.CLINIC, logo_path=str(logo))
    target = tmp_path / "handout.pdf"
    handout.render_handout(replace(samples.migraine_handout(), clinic=clinic), target, FONTS)
    assert len(PdfReader(target).pages[0].images) == 1


def test_deferral_letters(tmp_path: Path) -> None:
    en = tmp_path / "en.pdf"
    fr = tmp_path / "fr.pdf"
    deferral.render_deferral(samples.deferral_en(), en, FONTS, invariant=True)
    deferral.render_deferral(samples.deferral_fr(), fr, FONTS, invariant=True)
    en_text, fr_text = flat(text_of(en)), flat(text_of(fr))
    assert flat("Dear Margaret Chen,") in en_text and flat("you are pregnant") in en_text
    assert flat("What to do next") in en_text
    assert flat("Bonjour Élodie Bérubé-Lefèvre,") in fr_text
    assert flat("Et maintenant?") in fr_text and "Page1sur1" in fr_text
    assert pages(en) == 1


def test_letter_and_a4_page_sizes(tmp_path: Path) -> None:
    letter, a4 = tmp_path / "l.pdf", tmp_path / "a.pdf"
    handout.render_handout(samples.migraine_handout(), letter, FONTS, invariant=True)
    handout.render_handout(
        replace(samples.migraine_handout(), page_size="A4"), a4, FONTS, invariant=True
    )
    assert round(float(PdfReader(letter).pages[0].mediabox.height)) == 792
    assert round(float(PdfReader(a4).pages[0].mediabox.height)) == 842


def test_invariant_output_is_reproducible(tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    handout.render_handout(samples.migraine_handout(), a, FONTS, invariant=True)
    handout.render_handout(samples.migraine_handout(), b, FONTS, invariant=True)
    assert a.read_bytes() == b.read_bytes()


def test_unsupported_characters_are_marked_not_boxed(tmp_path: Path) -> None:
    # Chinese prints in its bundled font (issue 17); an emoji no bundled font has is marked.
    name = "张伟 🙂 Ana"
    assert unsupported_characters(name) == ["🙂"]
    assert clean(name) == "张伟 [U+1F642] Ana"
    target = tmp_path / "handout.pdf"
    handout.render_handout(samples.migraine_handout(name), target, FONTS, invariant=True)
    assert "张伟 [U+1F642] Ana" in text_of(target)


def test_markup_helpers() -> None:
    assert para("a<b> & c\nd") == "a&lt;b&gt; &amp; c<br/>d"
    assert clean("a\x00b\tc\x07d\r\ne") == "ab cd\ne"
    assert fill("Dear {name},", name="{name} <x>") == "Dear {name} &lt;x&gt;,"


def test_build_story_is_pure_and_structured() -> None:
    styles = build_stylesheet()
    story = handout.build_story(samples.migraine_handout(), styles)
    assert story and story == story  # built without a canvas or a file
    names = [type(f).__name__ for f in story]
    assert names[0] == "Paragraph"
    assert "KeepTogether" in names  # urgent box, next appointments


TEXT = st.text(max_size=200)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=TEXT, reason=TEXT, note=TEXT, frequency=TEXT, clinic=TEXT)
def test_random_text_never_crashes_a_build(
    tmp_path: Path, name: str, reason: str, note: str, frequency: str, clinic: str
) -> None:
    model = replace(
        samples.migraine_handout(name),
        clinic=replace(samples.CLINIC, name=clinic, address=note),
        reasons=(reason,),
        areas=(reason, name),
        counselling=(note,),
        expectations=(TitledText(name, note),),
        side_effects=(SideEffect(note, frequency, reason),),
        off_label=note or None,
    )
    target = tmp_path / "h.pdf"
    handout.render_handout(model, target, FONTS)
    assert pages(target) >= 1
    rec = replace(samples.migraine_record(notes=note), patient_name=name, consent_text=reason)
    record.render_record(rec, tmp_path / "r.pdf", FONTS)
    deferral.render_deferral(
        replace(samples.deferral_en(name), reasons=(reason,)), tmp_path / "d.pdf", FONTS
    )
