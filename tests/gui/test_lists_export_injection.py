"""CSV formula injection through the GUI's export (issue 19): the lists dialog, on a real SQLite
database where a patient treated through the real ``run`` command has a name, chart number,
phone, email and lot that start a formula, writes a file whose every cell is neutralised (the
same ``cmd_lists.to_csv`` as ``due`` and ``lot``)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from PySide6.QtCore import QDate, Qt

from consult_app.app.followup_service import FollowUpService
from consult_app.core.protocol import load_protocol_dir
from consult_app.core.settings import ClinicSettings
from consult_app.resources import resource_path
from consult_app.storage.db import open_database
from consult_app.ui.dialogs.lists_dialog import ListsDialog
from consult_app.ui.prompts import Prompter

NAME = '=HYPERLINK("http://evil.example","Ann") Keller'
LOT = "=cmd|' /C calc'!A0"


class _SaveTo(Prompter):
    def __init__(self, target: Path) -> None:
        self.target = target

    def ask_save_path(self, title: str, default: Path, filter_text: str) -> Path | None:
        return self.target


def _treated(tmp_path: Path) -> Path:
    from tests.unit.test_run_cli import ROOT, run_case

    data = json.loads((ROOT / "tests/fixtures/cases/glabellar_us_proceed.json").read_text("utf-8"))
    data["patient"] = {
        "name": NAME,
        "birth_date": "1970-01-02",
        "sex": "male",
        "chart_number": "@A-9",
        "phone": "=2+5",
        "email": "-2+3@evil.example",
    }
    data["lot"] = {"number": LOT, "expiry": "2027-01-01"}
    data["consent"]["patient_signature"] = "typed:Ann Keller"
    result, _ = run_case(tmp_path, data, "hostile", data_dir=tmp_path / "data")
    assert result.returncode == 0, (result.stdout, result.stderr)
    return tmp_path / "data"


def _cells(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text("utf-8"))))


def test_exported_due_and_lot_files_neutralise_every_payload(qtbot, tmp_path):
    data_dir = _treated(tmp_path)
    conn = open_database(data_dir / "consult.sqlite3")
    try:
        port = FollowUpService(
            conn, load_protocol_dir(resource_path("protocol")), data_dir, ClinicSettings()
        )
        target = tmp_path / "export.csv"
        dialog = ListsDialog(port, _SaveTo(target), dt.date(2026, 6, 29))
        qtbot.addWidget(dialog)
        dialog.show()

        dialog.from_edit.setDate(QDate(2026, 6, 29))
        dialog.to_edit.setDate(QDate(2026, 6, 29))
        qtbot.mouseClick(dialog.due_button, Qt.MouseButton.LeftButton)
        assert len(dialog.due_tab.rows) == 1
        qtbot.mouseClick(dialog.due_tab.export_button, Qt.MouseButton.LeftButton)
        due = _cells(target)
        assert due[0][0] == "chart_number"
        assert due[1][:4] == ["'@A-9", "'" + NAME, "'=2+5", "'-2+3@evil.example"]

        dialog.tabs.setCurrentWidget(dialog.lot_tab)
        dialog.lot_edit.setText(LOT)
        qtbot.keyClick(dialog.lot_edit, Qt.Key.Key_Return)
        assert len(dialog.lot_tab.rows) == 1
        qtbot.mouseClick(dialog.lot_tab.export_button, Qt.MouseButton.LeftButton)
        lot = _cells(target)
        assert lot[0] == ["date", "chart_number", "name", "phone", "email", "product", "units"]
        assert lot[1][:5] == ["2026-06-15", "'@A-9", "'" + NAME, "'=2+5", "'-2+3@evil.example"]
        for row in due[1:] + lot[1:]:
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
        dialog.close()
    finally:
        conn.close()
