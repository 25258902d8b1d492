"""The administration step's dialog on a real sealed consultation (issue 18).

Prefilled from the plan, one key (Ctrl+Return) seals "given as planned"; an expired vial is
refused with the reason and nothing is sealed; "not given" needs a reason.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from chart_cli import case, run  # noqa: E402

from consult_app.app.consultation_service import ConsultationService  # noqa: E402
from consult_app.app.paths import AppPaths  # noqa: E402
from consult_app.app.services import load_protocol_for  # noqa: E402
from consult_app.core.settings import ClinicSettings  # noqa: E402
from consult_app.storage.db import open_database  # noqa: E402
from consult_app.ui.dialogs.administration_dialog import AdministrationDialog  # noqa: E402

NOW = dt.datetime(2026, 11, 21, 10, 45)


@pytest.fixture
def service(tmp_path: Path):
    result, _ = run(tmp_path, case())
    assert result.returncode == 0, result.stderr
    data = tmp_path / "data"
    paths = AppPaths(data=data, config=tmp_path / "c", cache=tmp_path / "k", logs=tmp_path / "l")
    conn = open_database(data / "consult.sqlite3")
    yield ConsultationService(
        conn,
        load_protocol_for(None),
        paths,
        ClinicSettings(),
        out_dir=tmp_path / "after",
        clock=lambda: NOW.replace(tzinfo=dt.UTC),
    )
    conn.close()


def _dialog(qtbot, service):
    dialog = AdministrationDialog(service, 1, service.load_draft(1), now=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_prefilled_from_the_plan_and_sealed_as_planned_with_one_key(qtbot, service) -> None:
    dialog = _dialog(qtbot, service)
    # The case file's plan: 7 areas, bilateral ones per side (13 lines), 155 U.
    assert dialog.table.rowCount() == 13
    assert sum(s.value() for s in dialog.unit_spins) == 155
    assert dialog.lot_edit.text() == "C1234A" and dialog.clinician_edit.text() == "Dr A. Smith"
    dialog.unit_spins[0].setValue(1)  # "as planned" puts the planned units back
    # Offscreen windows never become active, so Qt delivers no shortcut here: check the key
    # binding, then press the button it triggers.
    from PySide6.QtGui import QShortcut

    keys = {s.key().toString() for s in dialog.findChildren(QShortcut)}
    assert "Ctrl+Return" in keys
    qtbot.mouseClick(dialog.planned_button, Qt.MouseButton.LeftButton)
    assert dialog.result_sealed is not None, dialog.message.text()
    payload = service.conn.execute("SELECT status FROM administrations").fetchone()
    assert payload[0] == "treated"
    assert service.history(1)[0].treatment.units_total == 155


def test_expired_vial_is_refused_with_the_reason(qtbot, service) -> None:
    dialog = _dialog(qtbot, service)
    dialog.expiry_edit.setText("2026-10-31")
    qtbot.mouseClick(dialog.seal_button, Qt.MouseButton.LeftButton)
    assert "This vial has expired" in dialog.message.text()
    assert dialog.result_sealed is None
    assert service.conn.execute("SELECT count(*) FROM administrations").fetchone()[0] == 0


def test_changed_units_and_not_given(qtbot, service) -> None:
    dialog = _dialog(qtbot, service)
    qtbot.mouseClick(dialog.not_given_button, Qt.MouseButton.LeftButton)
    assert "Type why nothing was given" in dialog.message.text()
    dialog.reason_edit.setText("Patient fainted before the first injection.")
    qtbot.mouseClick(dialog.not_given_button, Qt.MouseButton.LeftButton)
    assert dialog.result_sealed is not None and dialog.result_sealed.handout is None
    assert service.conn.execute("SELECT status FROM administrations").fetchone()[0] == (
        "not_treated"
    )


def test_finish_step_offers_the_administration_once(qtbot, service, monkeypatch) -> None:
    from consult_app.ui.dialogs.administration_dialog import AdministrationDialog as Dialog
    from consult_app.ui.steps.finish_step import FinishStep

    class _Prompter:
        def __getattr__(self, name):
            return lambda *a, **k: None

    step = FinishStep(service, _Prompter())
    qtbot.addWidget(step)
    step.set_context(1, 1, service.load_draft(1), None, read_only=True)
    step.show()
    assert step.administration_button.isVisible()

    def exec_as_planned(dialog: Dialog) -> int:
        assert dialog.seal_as_planned()
        return 1

    monkeypatch.setattr(Dialog, "exec", exec_as_planned)
    qtbot.mouseClick(step.administration_button, Qt.MouseButton.LeftButton)
    assert not step.administration_button.isVisible()
    assert service.history(1)[0].treatment.status == "treated"


def test_more_than_planned_needs_a_note(qtbot, service) -> None:
    dialog = _dialog(qtbot, service)
    dialog.unit_spins[0].setValue(10)  # procerus: 5 U planned
    qtbot.mouseClick(dialog.seal_button, Qt.MouseButton.LeftButton)
    assert "More is given than the consented plan (160 U > 155 U)" in dialog.message.text()
    assert dialog.result_sealed is None
    dialog.notes_edit.setText("Strong procerus, 5 U more after discussion with the patient.")
    qtbot.mouseClick(dialog.seal_button, Qt.MouseButton.LeftButton)
    assert dialog.result_sealed is not None, dialog.message.text()

    (canonical,) = service.conn.execute("SELECT canonical FROM administrations").fetchone()
    payload = json.loads(bytes(canonical))
    assert payload["total_given"] == 160 and payload["notes"].startswith("Strong procerus")
