"""``consult-app demo --out DIR``: run the bundled sample case through the case runner.

The sample (``resources/demo/demo_case.json``, chronic migraine, Botox 155 U in 31 sites) goes
through exactly the code of ``consult-app run``. Its date is today and its lot expires a year
from today, so the demo never goes stale. Without ``--data-dir`` (or ``CONSULT_APP_HOME``) the
demo keeps its records in ``DIR/demo-data``, never in a clinic's real database. When no clinic
is configured, documents show a clearly marked sample clinic.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from consult_app.app.cmd_run import report, run_case
from consult_app.app.paths import HOME_ENV
from consult_app.core.settings import ClinicProfile, ClinicSettings
from consult_app.resources import resource_path

__all__ = ["SAMPLE_CLINIC", "demo_case_path", "run"]

SAMPLE_CLINIC = ClinicProfile(
    name="Sample Clinic (demonstration)",
    address="100 Example Street, Suite 200\nToronto ON  M5V 0A1",
    phone="416-555-0100",
    email="clinic@example.org",
)
"""Shown on the demo's documents when the data folder configures no clinic."""


def demo_case_path() -> Path:
    """Return the bundled sample case."""
    return resource_path("demo", "demo_case.json")


def _prepare(today: dt.date) -> Any:
    def prepare(data: dict[str, Any]) -> dict[str, Any]:
        data = dict(data)
        data["date"] = today.isoformat()
        lot = dict(data.get("lot") or {})
        lot["expiry"] = today.replace(year=today.year + 1, day=min(today.day, 28)).isoformat()
        data["lot"] = lot
        return data

    return prepare


def _sample_clinic(settings: ClinicSettings) -> ClinicSettings:
    if settings.clinic.name.strip():
        return settings
    return replace(settings, clinic=SAMPLE_CLINIC)


def run(args: argparse.Namespace) -> int:
    """Run ``consult-app demo``; return the run's exit code (0 on a fresh data folder)."""
    out = Path(args.out)
    data_dir = getattr(args, "data_dir", None)
    if not data_dir and not os.environ.get(HOME_ENV):
        data_dir = out / "demo-data"
    today = dt.date.today()
    outcome = run_case(
        demo_case_path(),
        out,
        data_dir=data_dir,
        lang=getattr(args, "lang", "en") or "en",
        protocol_dir=getattr(args, "protocol", None),
        today=today,
        prepare=_prepare(today),
        adjust_settings=_sample_clinic,
    )
    report(outcome)
    return outcome.code
