"""``consult-app run`` through the real command in a subprocess, with no display (case-format.md).

Each exit code and their precedence, ``screening.json`` and ``missing``, malformed files, PDFs read
back, history from the database, ``verify`` after a run and after tampering, and ``--email``
against a real SMTP server on 127.0.0.1.
"""

from __future__ import annotations

import copy
import datetime as dt
import email
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
from email import policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
BASE_CASE = json.loads((ROOT / "tests/fixtures/cases/chronic_migraine_ca.json").read_text("utf-8"))
HOSTILE = "Zoë O'Brien-Łukasiewicz <b> & Co"
SHA = re.compile(r"\b[0-9a-f]{64}\b")


def _env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "CONSULT_APP_HOME")
        and not k.startswith("CONSULT_APP_SMTP")
    }
    env.update(extra)
    return env


def cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "consult_app", *args],
        capture_output=True,
        text=True,
        env=_env(**env),
        cwd=ROOT,
        timeout=120,
    )


def case(**changes) -> dict:
    data = copy.deepcopy(BASE_CASE)
    for key, value in changes.items():
        data[key] = value
    return data


def run_case(tmp_path: Path, data, name: str = "case", *extra: str, data_dir: Path | None = None):
    path = tmp_path / f"{name}.json"
    if isinstance(data, (bytes, str)):
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    else:
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / f"out-{name}"
    data_dir = data_dir or tmp_path / "data"
    result = cli("run", str(path), "--out", str(out), "--data-dir", str(data_dir), *extra)
    return result, out


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def screening(out: Path) -> dict:
    return json.loads((out / "screening.json").read_text("utf-8"))


# --------------------------------------------------------------------------- success


def test_given_consent_writes_sheet_and_record_with_the_verify_seal(tmp_path):
    data = case()
    data["patient"] = dict(data["patient"], name=HOSTILE)
    data["consent"] = dict(data["consent"], patient_signature=f"typed:{HOSTILE}")
    result, out = run_case(tmp_path, data)
    assert result.returncode == 0, result.stderr
    assert "PySide6" not in result.stderr

    doc = screening(out)
    assert set(doc) == {"verdict", "findings", "missing", "off_label", "protocol"}
    assert doc["verdict"] == "caution"
    assert doc["missing"] == [] and doc["off_label"] == []
    assert {"id": "muscle_relaxants", "level": "caution", "kind": "question"}.items() <= (
        doc["findings"][0].items()
    )
    for f in doc["findings"]:
        assert set(f) == {"id", "level", "kind", "message"}
    assert set(doc["protocol"]) == {"version", "hash"}
    assert sorted(p.name for p in out.iterdir()) == ["handout.pdf", "record.pdf", "screening.json"]

    handout = pdf_text(out / "handout.pdf")
    flat_handout = flat(handout)
    assert HOSTILE in handout
    assert "Botox" in handout and "onabotulinumtoxinA" in handout
    for area in ("Procerus", "Frontalis", "Temporalis", "Occipitalis", "Trapezius"):
        assert area in handout
    assert "Chronic migraine" in handout
    assert "C1234A" in handout
    assert "Get urgent help" in handout and "911" in handout
    assert "Trouble swallowing" in flat_handout and "Trouble breathing" in flat_handout
    assert "2026-11-21" in handout
    assert len(PdfReader(out / "handout.pdf").pages) <= 4

    record = pdf_text(out / "record.pdf")
    assert HOSTILE in record
    assert "Baclofen 10 mg at night" in flat(record)
    stdout_seal = SHA.search(result.stdout)
    assert stdout_seal is not None
    assert stdout_seal.group(0) in "".join(record.split())
    grouped = " ".join(stdout_seal.group(0)[i : i + 4] for i in range(0, 32, 4))
    assert grouped in record  # printed in groups of 4 so it can be read back

    verify = cli("verify", "--data-dir", str(tmp_path / "data"))
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert stdout_seal.group(0) in verify.stdout
    assert HOSTILE not in result.stdout  # the summary names no patient


def test_french_patient_gets_a_french_sheet(tmp_path):
    data = case()
    data["patient"] = dict(data["patient"], language="fr", name="Élodie Bérubé")
    result, out = run_case(tmp_path, data, "fr", "--lang", "fr")
    assert result.returncode == 0, result.stderr
    text = flat(pdf_text(out / "handout.pdf"))
    for french in (
        "Information sur votre traitement",
        "Ce qui a été fait aujourd'hui",
        "Quand obtenir des soins d'urgence",
        "911",
        "Migraine chronique",
        "Page 1 de",
    ):
        assert french in text, french
    for english in (
        "What to expect",
        "Get urgent help",
        "Aftercare",
        "Side effects",
        "Page 1 of",
        "Trouble swallowing",
    ):
        assert english not in text, english
    record = flat(pdf_text(out / "record.pdf"))
    assert "Dossier de consultation" in record and "Dépistage" in record


# --------------------------------------------------------------------------- invalid input


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (b"{not json", "is not JSON"),
        ({**BASE_CASE, "colour": "blue"}, "colour"),
        ({**BASE_CASE, "date": "2026-02-30"}, "date: 2026-02-30 is not a date"),
        ({**BASE_CASE, "plan": {"nose": 5}}, "plan.nose: unknown area"),
    ],
    ids=["not-json", "unknown-field", "bad-date", "unknown-area"],
)
def test_malformed_case_exits_2_naming_the_field(tmp_path, payload, expected):
    data = payload if isinstance(payload, bytes) else json.dumps(payload)
    result, out = run_case(tmp_path, data)
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not (out / "screening.json").exists()


def test_chart_number_of_another_patient_exits_2(tmp_path):
    first, _ = run_case(tmp_path, case(consent=None), "first")
    assert first.returncode == 4
    other = case(consent=None)
    other["patient"] = dict(other["patient"], name="Someone Else")
    result, _ = run_case(tmp_path, other, "second")
    assert result.returncode == 2
    assert "patient.chart_number" in result.stderr


# --------------------------------------------------------------------------- storage


def test_corrupt_database_exits_8_untouched_and_invalid_input_still_wins(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    db = data_dir / "consult.sqlite3"
    db.write_bytes(b"SQLite format 3\x00" + b"\xde\xad" * 2048)
    before = db.read_bytes()
    result, out = run_case(tmp_path, case(), "ok")
    assert result.returncode == 8, result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == before
    assert not (out / "screening.json").exists()

    invalid, _ = run_case(tmp_path, {**BASE_CASE, "plan": {"nose": 5}}, "bad")
    assert invalid.returncode == 2
    assert db.read_bytes() == before


# --------------------------------------------------------------------------- verdicts


def test_stop_writes_deferral_and_wins_over_a_decline(tmp_path):
    data = case()
    data["answers"] = dict(data["answers"], toxin_allergy="yes")
    data["consent"] = {"decision": "declined", "clinician": "Dr A. Smith"}
    result, out = run_case(tmp_path, data)
    assert result.returncode == 3, result.stderr
    assert screening(out)["verdict"] == "stop"
    assert sorted(p.name for p in out.iterdir()) == ["deferral.pdf", "record.pdf", "screening.json"]
    letter = flat(pdf_text(out / "deferral.pdf"))
    assert "Jane O'Brien" in letter and "allergic reaction to a botulinum toxin" in letter
    verify = cli("verify", "--data-dir", str(tmp_path / "data"))
    assert verify.returncode == 0 and "0 sealed consents" in verify.stdout


def test_decline_with_clinician_is_sealed_with_a_record(tmp_path):
    data = case()
    data["answers"] = dict(data["answers"])
    del data["answers"]["pregnant"]  # still incomplete: the decline wins over exit 4
    data["consent"] = {"decision": "declined", "clinician": "Dr A. Smith"}
    result, out = run_case(tmp_path, data)
    assert result.returncode == 5, result.stderr
    assert (out / "record.pdf").exists() and not (out / "handout.pdf").exists()
    assert "declined" in flat(pdf_text(out / "record.pdf")).lower()
    verify = cli("verify", "--data-dir", str(tmp_path / "data"))
    assert verify.returncode == 0
    assert "declined" in verify.stdout


def test_decline_without_clinician_is_incomplete(tmp_path):
    result, out = run_case(tmp_path, case(consent={"decision": "declined"}))
    assert result.returncode == 4
    assert "consent.clinician" in screening(out)["missing"]
    assert not (out / "record.pdf").exists()


def test_incomplete_lists_what_is_missing(tmp_path):
    data = case(risks_discussed=["injection_site_pain"], lot=None)
    data["answers"] = dict(data["answers"], pregnant="unsure")
    del data["answers"]["cardiovascular_disease"]
    data["reasons"] = {}
    data["consent"] = {"decision": "given"}
    result, out = run_case(tmp_path, data)
    assert result.returncode == 4
    doc = screening(out)
    assert doc["verdict"] == "incomplete"
    for item in (
        "pregnant",
        "cardiovascular_disease",
        "muscle_relaxants",
        "risks_discussed",
        "lot",
        "consent.patient_signature",
        "consent.clinician",
    ):
        assert item in doc["missing"], item
    assert sorted(p.name for p in out.iterdir()) == ["screening.json"]


def test_sealed_treatments_in_the_database_count_as_history(tmp_path):
    data = case(history=[])
    first, _ = run_case(tmp_path, data, "first")
    assert first.returncode == 0, first.stderr
    later = case(history=[], date="2026-12-21")  # 30 days later, same patient
    second, out = run_case(tmp_path, later, "second")
    assert second.returncode == 4
    doc = screening(out)
    assert "retreatment_too_soon" in [f["id"] for f in doc["findings"]]
    assert "retreatment_too_soon" in doc["missing"]


def test_verify_catches_an_edited_consent(tmp_path):
    result, _ = run_case(tmp_path, case())
    assert result.returncode == 0
    db = tmp_path / "data" / "consult.sqlite3"
    raw = sqlite3.connect(db)
    for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        raw.execute(f"DROP TRIGGER {name}")
    blob = bytes(raw.execute("SELECT canonical FROM consents").fetchone()[0])
    edited = blob.replace(b"C1234A", b"C1234B")
    assert edited != blob
    raw.execute("UPDATE consents SET canonical = ?", (edited,))
    raw.commit()
    raw.close()
    verify = cli("verify", "--data-dir", str(tmp_path / "data"))
    assert verify.returncode == 6
    assert "consultation 1" in verify.stdout


# --------------------------------------------------------------------------- email


class _Keep:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd hook name
        self.envelopes.append(envelope)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _clinic_toml(data_dir: Path, port: int, protect: bool | None = False) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "clinic.toml").write_text(
        '[clinic]\nname = "Lakeside Neurology"\nphone = "+1 416 555 0100"\n\n'
        f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'
        'sender = "clinic@example.org"\n'
        + ("" if protect is None else f"\n[email]\nprotect_attachment = {str(protect).lower()}\n"),
        encoding="utf-8",
    )


def test_email_delivers_exactly_one_message_with_the_sheet(tmp_path):
    handler = _Keep()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        _clinic_toml(tmp_path / "data", controller.port)
        result, out = run_case(tmp_path, case(), "mail", "--email")
    finally:
        controller.stop()
    assert result.returncode == 0, result.stderr
    assert len(handler.envelopes) == 1
    envelope = handler.envelopes[0]
    assert envelope.rcpt_tos == ["jane@example.org"]
    message = email.message_from_bytes(envelope.content, policy=policy.default)
    assert "Lakeside Neurology" in message["Subject"]
    attachments = [
        p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"
    ]
    assert len(attachments) == 1
    assert attachments[0].get_content() == (out / "handout.pdf").read_bytes()


def test_email_attachment_is_protected_by_default_like_the_gui(tmp_path):
    """No [email] setting: the sheet opens only with the date of birth; the body says how."""
    handler = _Keep()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        _clinic_toml(tmp_path / "data", controller.port, protect=None)
        result, out = run_case(tmp_path, case(), "mail", "--email")
    finally:
        controller.stop()
    assert result.returncode == 0, result.stderr
    assert "protected" in result.stdout
    message = email.message_from_bytes(handler.envelopes[0].content, policy=policy.default)
    body = message.get_body(("plain",)).get_content()
    assert "YYYYMMDD" in body and "19840309" in body  # the example: 9 March 1984
    (attachment,) = [
        p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"
    ]
    data = attachment.get_content()
    import io

    reader = PdfReader(io.BytesIO(data))
    assert reader.is_encrypted
    assert reader.decrypt("wrong") == 0
    reader = PdfReader(io.BytesIO(data))
    birth = BASE_CASE["patient"]["birth_date"].replace("-", "")
    assert reader.decrypt(birth) != 0
    assert len(reader.pages) == len(PdfReader(out / "handout.pdf").pages)


def test_email_failure_exits_7_with_everything_stored(tmp_path):
    _clinic_toml(tmp_path / "data", _free_port())  # nothing listens there
    result, out = run_case(tmp_path, case(), "closed", "--email")
    assert result.returncode == 7
    assert "email not sent" in result.stderr
    assert (out / "handout.pdf").exists() and (out / "record.pdf").exists()
    assert cli("verify", "--data-dir", str(tmp_path / "data")).returncode == 0

    no_address = case(date=(dt.date(2026, 11, 21)).isoformat())
    no_address["patient"] = dict(
        no_address["patient"], email=None, name="No Mail", chart_number="A-2002"
    )
    result, out = run_case(tmp_path, no_address, "noaddr", "--email")
    assert result.returncode == 7
    assert "patient.email" in result.stderr
    assert (out / "handout.pdf").exists()


def test_no_qt_is_imported(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case()), encoding="utf-8")
    code = (
        "import sys\n"
        "from consult_app.app.main import main\n"
        f"rc = main(['run', {str(path)!r}, '--out', {str(tmp_path / 'o')!r},"
        f" '--data-dir', {str(tmp_path / 'd')!r}])\n"
        "assert rc == 0, rc\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')]\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
