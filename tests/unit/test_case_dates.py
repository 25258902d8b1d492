"""Every date of a consultation comes from the consultation, never from the clock (issue 13).

A case file dated another day than the run (an EMR or an intake form sending a past visit) was
signed on its own date: the sealed canonical consent, the record's timestamps and its signature
blocks, the patient sheet and the deferral letter say that date. The clock's day is printed only
as what it is, the day the record was entered ("late entry"). Real runs through ``run_case`` on a
real SQLite file, the PDFs read back with pypdf.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path

from pypdf import PdfReader

from consult_app.app.cmd_run import run_case
from consult_app.core.protocol import load_protocol_dir
from consult_app.core.usecase import parse_signed, signing_moment
from consult_app.resources import resource_path

PROTOCOL = load_protocol_dir(resource_path("protocol"))
PAST = "2024-06-03"


def case(date: str | None, **changes: object) -> dict:
    data: dict = {
        "format": "consult-case/1",
        "id": "emr-4711",
        "patient": {"name": "Ada Late", "birth_date": "1980-02-01", "sex": "female"},
        "indications": ["chronic_migraine"],
        "diagnosis": "Chronic migraine (ICHD-3), examined by Dr P. Raman",
        "product": "botox",
        "lot": {"number": "C1234A", "expiry": "2027-05-31"},
        "plan": {
            "procerus": 5,
            "corrugator": 10,
            "frontalis": 20,
            "temporalis": 40,
            "occipitalis": 30,
            "cervical_paraspinal": 20,
            "trapezius": 30,
        },
        "answers": dict.fromkeys(PROTOCOL.questions, "no"),
        "risks_discussed": "all",
        "consent": {
            "decision": "given",
            "patient_signature": "typed:Ada Late",
            "clinician": "Dr A. Smith",
            "clinician_signature": "typed:A. Smith",
        },
    }
    if date is not None:
        data["date"] = date
    data.update(changes)
    return data


def run(tmp_path: Path, data: dict, name: str):
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / f"out-{name}"
    return run_case(path, out, data_dir=tmp_path / "data"), out


def text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(path).pages).split())


def sealed(tmp_path: Path) -> dict:
    conn = sqlite3.connect(tmp_path / "data" / "consult.sqlite3")
    try:
        (canonical,) = conn.execute("SELECT canonical FROM consents").fetchone()
    finally:
        conn.close()
    return json.loads(canonical)


def test_a_back_dated_case_is_signed_on_its_own_date_everywhere(tmp_path):
    today = dt.date.today().isoformat()
    outcome, out = run(tmp_path, case(PAST), "past")
    assert outcome.code == 0

    payload = sealed(tmp_path)
    assert payload["date"] == PAST
    assert payload["signed_at"] == PAST  # the day the patient signed; no invented time

    record = text(out / "record.pdf")
    assert f"Consultation date {PAST}" in record
    assert f"Consent signed {PAST}" in record
    assert f"Consent signed {today}" not in record
    assert record.count(f"Signed {PAST}") == 2  # the patient's and the clinician's blocks
    assert f"Signed {today}" not in record
    # the day it was typed in is said for what it is, never as the visit's start
    assert f"Entered in this record (late entry) {today}" in record
    assert "Consultation started" not in record

    sheet = text(out / "handout.pdf")
    assert PAST in sheet
    # the review date counts from the visit, not from the run
    assert payload["review_date"] > PAST and payload["review_date"] < "2024-12-31"
    assert payload["review_date"] in sheet

    # a rerun of the same case id writes the same documents from the sealed record
    again, out_again = run(tmp_path, case(PAST), "past")
    assert again.code == 0 and again.consultation_id == outcome.consultation_id
    assert f"Consent signed {PAST}" in text(out_again / "record.pdf")


def test_a_back_dated_refusal_and_deferral_carry_the_case_date(tmp_path):
    today = dt.date.today().isoformat()
    declined = case(PAST, id="emr-4712")
    declined["consent"] = {"decision": "declined", "clinician": "Dr A. Smith"}
    outcome, out = run(tmp_path, declined, "declined")
    assert outcome.code == 5
    record = text(out / "record.pdf")
    assert f"Refusal recorded {PAST}" in record and f"Refusal recorded {today}" not in record

    stop = case(PAST, id="emr-4713")
    stop["patient"] = {"name": "Bo Late", "birth_date": "1970-05-05", "sex": "male"}
    stop["answers"] = {**stop["answers"], "toxin_allergy": "yes"}
    outcome, out = run(tmp_path, stop, "stop")
    assert outcome.code == 3
    assert PAST in text(out / "deferral.pdf")
    assert f"Consultation date {PAST}" in text(out / "record.pdf")


def test_a_case_dated_today_keeps_the_signing_time(tmp_path):
    outcome, out = run(tmp_path, case(None), "today")
    assert outcome.code == 0
    signed = sealed(tmp_path)["signed_at"]
    moment = dt.datetime.fromisoformat(signed)
    assert moment.tzinfo is not None and moment.date() == dt.date.today()
    record = text(out / "record.pdf")
    assert re.search(r"Consultation started \d{4}-\d\d-\d\d \d\d:\d\d", record)
    assert re.search(r"Consent signed \d{4}-\d\d-\d\d \d\d:\d\d", record)
    assert "late entry" not in record


def test_signing_moment_and_its_sealed_form():
    now = dt.datetime(2026, 12, 5, 14, 30, tzinfo=dt.UTC)
    assert signing_moment(dt.date(2026, 12, 5), now) is now
    assert signing_moment(dt.date(2026, 6, 1), now) == dt.date(2026, 6, 1)
    fallback = dt.datetime(2026, 12, 5, tzinfo=dt.UTC)
    assert parse_signed("2026-06-01", fallback) == dt.date(2026, 6, 1)
    assert parse_signed("2026-12-05T14:30:00+00:00", fallback) == now
    assert parse_signed(None, fallback) is fallback
    assert parse_signed("garbled", fallback) is fallback
