"""Injection-map diagrams as protocol data (issue 18): zones, default points, SVG files, PDFs.

The SVG files are what ``to_svg`` writes from ``diagrams.toml`` (the same shapes the PDFs draw);
every area of the protocol has a zone per side; the usual patterns give the 31 PREEMPT points of
5 U and the 5-point glabellar pattern of 4 U; the record and sheet draw the given points.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from chart_cli import case, pdf_text, run

from consult_app.app.services import load_diagrams_for, load_protocol_for
from consult_app.core.diagrams import default_points, load_diagrams, to_svg
from consult_app.core.errors import ProtocolError
from consult_app.core.plan import default_plan
from consult_app.resources import resource_path

SVG = "{http://www.w3.org/2000/svg}"
FOLDER = resource_path("protocol", "diagrams")


@pytest.fixture(scope="module")
def protocol():
    return load_protocol_for(None)


@pytest.fixture(scope="module")
def diagrams(protocol):
    return load_diagrams_for(protocol)


def test_svg_files_are_generated_from_the_data(diagrams) -> None:
    for region, diagram in diagrams.regions.items():
        path = FOLDER / f"{region}.svg"
        assert path.read_text("utf-8") == to_svg(diagram), f"run tools/make_diagrams.py ({region})"


def test_every_area_has_a_zone_on_each_of_its_sides(protocol, diagrams) -> None:
    assert set(diagrams.regions) == set(protocol.regions)
    for aid, area in protocol.areas.items():
        diagram = diagrams.regions[area.region]
        sides = {z.side for z in diagram.zones if z.area == aid}
        assert sides == ({"left", "right"} if area.bilateral else {"midline"}), aid


def test_svg_zone_ids_are_the_area_ids_and_orientation_is_marked(protocol, diagrams) -> None:
    for region, diagram in diagrams.regions.items():
        root = ET.parse(FOLDER / f"{region}.svg").getroot()
        ids = {g.get("id") for g in root.iter(f"{SVG}g") if g.get("class") == "zone"}
        assert ids == {a for a, x in protocol.areas.items() if x.region == region}
        letters = [t.text for t in root.iter(f"{SVG}text")]
        # Front and palm views: the patient's right (R/D) is on the viewer's left.
        expected = ["L/G", "R/D"] if diagram.view == "back" else ["R/D", "L/G"]
        assert letters == expected, region


@pytest.mark.parametrize(
    ("region", "x", "y", "expected"),
    [
        ("face_upper", 0.5, 0.5, ("procerus", "midline")),
        ("face_upper", 0.4, 0.44, ("corrugator", "right")),  # front view: viewer's left
        ("face_upper", 0.6, 0.44, ("corrugator", "left")),
        ("head", 0.27, 0.35, ("temporalis", "left")),  # back view: viewer's left
        ("back_shoulder", 0.7, 0.22, ("trapezius", "right")),
        ("face_upper", 0.5, 0.95, None),  # the chin: outside every zone
        ("neck", 0.02, 0.02, None),
    ],
)
def test_zone_under_a_point(diagrams, region, x, y, expected) -> None:
    zone = diagrams.regions[region].zone_at(x, y)
    assert (None if zone is None else (zone.area, zone.side)) == expected


def test_preempt_pattern_is_31_points_of_5_units(protocol, diagrams) -> None:
    plan = default_plan(protocol, ["chronic_migraine"], "botox")
    points = default_points(diagrams, protocol, ["chronic_migraine"], plan)
    assert len(points) == 31
    assert {p.units for p in points} == {5}
    assert sum(p.units for p in points) == 155
    assert diagrams.pattern_sources["chronic_migraine"]


def test_glabellar_pattern_is_5_points_of_4_units_and_follows_the_product(
    protocol, diagrams
) -> None:
    plan = default_plan(protocol, ["glabellar_lines"], "botox")
    points = default_points(diagrams, protocol, ["glabellar_lines"], plan)
    assert [p.units for p in points] == [4] * 5
    dysport = default_plan(protocol, ["glabellar_lines"], "dysport")
    assert [p.units for p in default_points(diagrams, protocol, ["glabellar_lines"], dysport)] == [
        10
    ] * 5
    # A one-sided plan puts points on that side only.
    sided = default_points(
        diagrams, protocol, ["glabellar_lines"], {"corrugator": 8}, {"corrugator": _sides(8, 0)}
    )
    assert [(p.side, p.units) for p in sided] == [("left", 4), ("left", 4)]


def _sides(left, right):
    from consult_app.core.sides import Sides

    return Sides(left, right)


def test_pattern_units_are_the_botox_pattern_units(protocol, diagrams) -> None:
    """The units written beside each default point agree with indications.toml's Botox pattern."""
    for iid, pattern in diagrams.patterns.items():
        if "botox" not in protocol.indications[iid].patterns:
            continue
        plan = default_plan(protocol, [iid], "botox")
        if not all(plan.get(p.area) for p in pattern):
            continue
        placed = default_points(diagrams, protocol, [iid], plan)
        assert [p.units for p in placed] == [p.units for p in pattern], iid


def test_a_default_point_off_its_zone_is_refused(protocol) -> None:
    patterns = (
        (FOLDER / "patterns.toml").read_bytes().replace(b"x = 0.5, y = 0.5", b"x = 0.5, y = 0.9", 1)
    )
    with pytest.raises(ProtocolError) as error:
        load_diagrams((FOLDER / "diagrams.toml").read_bytes(), patterns, protocol)
    assert "patterns.toml: patterns.glabellar_lines.points[0]" in str(error.value)


def test_a_zone_outside_the_drawing_is_refused(protocol) -> None:
    data = (
        (FOLDER / "diagrams.toml").read_bytes().replace(b"[100, 100, 7, 10]", b"[100, 100, 7, 250]")
    )
    with pytest.raises(ProtocolError, match="regions.face_upper.zones"):
        load_diagrams(data, (FOLDER / "patterns.toml").read_bytes(), protocol)


def _preempt_case(protocol, diagrams) -> dict:
    plan = default_plan(protocol, ["chronic_migraine"], "botox")
    points = [
        {"area": p.area, "side": p.side, "units": p.units, "x": p.x, "y": p.y}
        for p in default_points(diagrams, protocol, ["chronic_migraine"], plan)
    ]
    points.append({"area": "trapezius", "side": "left", "units": 2.5})  # listed, not drawn
    return case(
        administration={
            "time": "2026-11-21T10:42",
            "vials": [{"lot": "C1234A", "expiry": "2027-05-31", "size_units": 200}],
            "points": points,
        }
    )


def test_record_and_sheet_draw_the_map_of_a_preempt_session(
    tmp_path: Path, protocol, diagrams
) -> None:
    result, out = run(tmp_path, _preempt_case(protocol, diagrams))
    assert result.returncode == 0, result.stdout + result.stderr
    record = pdf_text(out / "record.pdf")
    for title in ("Upper face", "Head", "Neck", "Back and shoulders"):
        assert title in record
    assert "Front view: the patient's left is on your right." in record
    assert "Back view: the patient's left is on your left." in record
    assert "31 Trapezius Right 5 U 0.60, 0.20" in record
    assert "32 Trapezius Left 2.5 U not drawn" in record
    assert "Trapezius Left 15 U 17.5 U +2.5" in record
    sheet = pdf_text(out / "handout.pdf")
    assert "Where you were treated" in sheet and "Total: 157.5 U" in sheet
    assert "Upper face" in sheet and "Back and shoulders" in sheet
    from pypdf import PdfReader

    assert len(PdfReader(out / "handout.pdf").pages) <= 2


def test_french_preempt_sheet_stays_on_two_pages(tmp_path: Path, protocol, diagrams) -> None:
    """The longer French texts leave no room for the maps: the sheet drops them, keeps the list."""
    data = _preempt_case(protocol, diagrams)
    data["patient"]["language"] = "fr"
    result, out = run(tmp_path, data)
    assert result.returncode == 0, result.stderr
    from pypdf import PdfReader

    assert len(PdfReader(out / "handout.pdf").pages) <= 2
    sheet = pdf_text(out / "handout.pdf")
    assert "Où vous avez été traité(e)" in sheet and "Total : 157,5 U" in sheet
    assert "Upper face" in pdf_text(out / "record.pdf")  # the record (English) has the map
