"""Sides in the units grid (1.1): left/right columns for bilateral areas, "Midline" otherwise.

Through the real widgets on a real SQLite file: typing one side keeps both sides in the stored
draft and the total follows; typing the total splits it evenly again.
"""

from test_consultation_part1 import (  # noqa: F401 - fixtures
    choose_indication,
    choose_product,
    click,
    create_patient,
    make_window,
    paths,
    protocol,
    start,
    stored_draft,
)


def _type(qtbot, spin, text):
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)


def test_grid_shows_sides_and_keeps_them_in_the_draft(qtbot, make_window, paths):  # noqa: F811
    window = make_window()
    create_patient(qtbot, window)
    view = start(qtbot, window)
    choose_indication(qtbot, view, "glabellar_lines")
    click(qtbot, view.next_button)
    choose_product(qtbot, view, "botox")
    step = view.product_step
    # Procerus is midline: no side boxes; the corrugators are bilateral, split evenly.
    assert "procerus" not in step.side_spins
    assert step.findChild(type(step.title), "midline_procerus").text() == "Midline"
    left, right = step.side_spins["corrugator"]
    total = step.unit_spins["corrugator"]
    assert left.value() == right.value() == total.value() / 2
    assert "patient's left" in left.accessibleName()

    _type(qtbot, left, "6")
    _type(qtbot, right, "2")
    assert total.value() == 8
    _status, draft = stored_draft(paths, view.consultation_id)
    assert draft["case"]["plan"]["corrugator"] == {"left": 6, "right": 2}
    assert "Total: 12 U of Botox" in step.total_label.text()  # procerus 4 + 8

    # Typing the total again splits it evenly.
    _type(qtbot, total, "10")
    assert (left.value(), right.value()) == (5, 5)
    _status, draft = stored_draft(paths, view.consultation_id)
    assert draft["case"]["plan"]["corrugator"] == 10

    # One side may be 0; both 0 is an empty area.
    _type(qtbot, left, "0")
    assert total.value() == 5 and step.is_complete()  # the lot is needed to seal, not here
    _type(qtbot, right, "0")
    assert "Give the units for every area" in step.hint()
