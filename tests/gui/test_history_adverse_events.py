"""Adverse events reported at follow-ups reach the patient page's history table (issue 19).

The real main window and services on a real SQLite data folder: two sealed migraine treatments;
the first is followed by a visit reporting a moderate eyelid droop (ongoing) and a mild
injection-site pain (resolved), then a visit reporting nothing; the second by a visit with no
adverse event. Follow-ups are stored by the same code as ``consult-app followup``. The history row
of each treatment says what was reported after it, as recorded; a treatment without any
follow-up says nothing (nothing is known). Set ``CONSULT_HISTORY_SHOT`` to a PNG path to save a
screenshot of the page.
"""

# ruff: noqa: F811 - the fixtures are shared with test_consultation_part1

import os

from PySide6.QtCore import Qt
from test_consultation_part1 import (  # noqa: F401 - fixtures
    create_patient,
    db_rows,
    make_window,
    paths,
    protocol,
)
from test_followup_gui import seal
from test_patient_page import current_patient_id


def record(window, patient_id, visit):
    port = window.followup_controller.port
    port.record(port.parse_for_patient(patient_id, visit), patient_id=patient_id)


def column(model, name):
    return model.COLUMNS.index(name)


def test_adverse_events_appear_in_the_history(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    pid = current_patient_id(window)
    seal(window, pid, "2026-05-01", {"monthly_headache_days": 20, "hit6": 66})
    seal(window, pid, "2026-08-01")
    # each follow-up attaches to the latest treatment on or before its date
    record(
        window,
        pid,
        {
            "date": "2026-05-20",
            "outcomes": {"monthly_headache_days": 14},
            "adverse_events": [
                {"risk": "eyelid_droop", "severity": "moderate", "onset": "2026-05-06"},
                {
                    "risk": "injection_site_pain",
                    "severity": "mild",
                    "onset": "2026-05-01",
                    "resolved": "2026-05-03",
                },
            ],
            "clinician": "Dr A. Smith",
        },
    )
    record(window, pid, {"date": "2026-06-15", "outcomes": {"monthly_headache_days": 12}})
    record(window, pid, {"date": "2026-09-01", "outcomes": {"monthly_headache_days": 10}})
    # what the history must show is what the database holds
    stored = db_rows(
        paths, "SELECT risk, severity, onset, resolved FROM adverse_events ORDER BY id"
    )
    assert [tuple(r) for r in stored] == [
        ("eyelid_droop", "moderate", "2026-05-06", None),
        ("injection_site_pain", "mild", "2026-05-01", "2026-05-03"),
    ]

    window.refresh_consultations()
    page = window.patient_page
    model = page.history_model
    ae = column(model, "adverse_events")
    assert model.headerData(ae, Qt.Orientation.Horizontal) == "Adverse events"
    assert model.rowCount() == 2
    newest, oldest = (model.index(r, ae) for r in range(2))
    assert model.data(model.index(0, 0)) == "2026-08-01"
    assert model.data(newest) == "none reported"
    text = model.data(oldest)
    droop, pain = text.split("\n")
    assert droop == "Drooping upper eyelid (ptosis): moderate, onset 2026-05-06, ongoing"
    assert pain == (
        "Pain or tenderness at the injection sites: mild, onset 2026-05-01, resolved 2026-05-03"
    )
    tip = model.data(oldest, Qt.ItemDataRole.ToolTipRole)
    assert tip.split("\n")[0].endswith("ongoing (reported 2026-05-20)")

    # on the screen: the column is there and its text is not cut off
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    table = page.history_table
    assert not table.isColumnHidden(ae) and table.columnWidth(ae) > 0
    # the column is on screen, without scrolling sideways
    assert table.horizontalScrollBar().maximum() == 0
    assert table.columnViewportPosition(ae) + table.columnWidth(ae) <= table.viewport().width()
    row_height = table.rowHeight(1)
    metrics = table.fontMetrics()
    assert row_height >= 2 * metrics.height()  # both events are on their own line
    qtbot.wait(50)  # the rows take the height of their wrapped text
    # every cell's text fits its cell (wrapped, nothing elided)
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            assert _fits(table, r, c), (r, model.COLUMNS[c])
    table.scrollTo(oldest)
    shot = os.environ.get("CONSULT_HISTORY_SHOT")
    if shot:
        window.grab().save(shot, "PNG")


def test_a_treatment_without_follow_up_says_nothing(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    pid = current_patient_id(window)
    seal(window, pid, "2026-08-01")
    window.refresh_consultations()
    model = window.patient_page.history_model
    assert model.rowCount() == 1
    assert model.data(model.index(0, column(model, "adverse_events"))) == ""


def _fits(table, row, col):
    from PySide6.QtCore import QRect

    text = table.model().data(table.model().index(row, col)) or ""
    margin = 2 * (table.style().pixelMetric(table.style().PixelMetric.PM_FocusFrameHMargin) + 1)
    rect = QRect(0, 0, table.columnWidth(col) - margin, 100000)
    needed = table.fontMetrics().boundingRect(rect, Qt.TextFlag.TextWordWrap, text).height()
    return needed <= table.rowHeight(row)
