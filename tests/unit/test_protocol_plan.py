"""Plan arithmetic from the protocol: default units, dilution, volumes per site, dates; and the
speed of screening (well under 5 ms per consultation)."""

import json
import time
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import pytest

from consult_app.core.case_file import parse_case
from consult_app.core.plan import (
    default_dilution,
    default_plan,
    dilution_for,
    earliest_retreatment_date,
    review_date,
    sites_for,
    summarize,
    volume_ml,
)
from consult_app.core.protocol import load_protocol_dir
from consult_app.core.screening import format_units, screen
from consult_app.resources import resource_path

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "cases"


@lru_cache(maxsize=1)
def proto():
    return load_protocol_dir(resource_path("protocol"))


def case(name="chronic_migraine_ca.json"):
    return parse_case(json.loads((CASES / name).read_text(encoding="utf-8")), proto())


def test_default_plan_chronic_migraine():
    plan = default_plan(proto(), ["chronic_migraine"], "botox")
    assert sum(plan.values()) == 155
    assert list(plan) == list(proto().indications["chronic_migraine"].areas)


def test_default_plan_glabellar_per_product():
    assert default_plan(proto(), ["glabellar_lines"], "botox") == {"procerus": 4, "corrugator": 16}
    assert default_plan(proto(), ["glabellar_lines"], "dysport") == {
        "procerus": 10,
        "corrugator": 40,
    }


def test_default_plan_overlap_takes_the_larger_and_unknown_units_are_zero():
    plan = default_plan(proto(), ["glabellar_lines", "chronic_migraine"], "botox")
    assert plan["procerus"] == 5 and plan["corrugator"] == 16
    assert default_plan(proto(), ["bruxism"], "botox") == {"masseter": 0}


def test_dilution_choice():
    assert default_dilution(proto(), ["chronic_migraine"], "botox") == 50
    assert default_dilution(proto(), ["glabellar_lines"], "botox") == 40
    assert default_dilution(proto(), ["bruxism", "axillary_hyperhidrosis"], "botox") == 25
    c = case()
    assert dilution_for(proto(), c) == 50
    assert dilution_for(proto(), replace(c, dilution_units_per_ml=100.0)) == 100


def test_chronic_migraine_volumes_are_0_1_ml_per_site():
    summary = summarize(proto(), case())
    assert summary.total_units == 155
    assert summary.total_sites == 31
    assert summary.total_volume_ml == pytest.approx(3.1)
    for line in summary.lines:
        assert line.units_per_site == 5
        assert line.volume_per_site_ml == pytest.approx(0.1)


def test_clinician_sites_override():
    summary = summarize(proto(), case(), sites={"temporalis": 10, "nose": 3})
    line = next(line for line in summary.lines if line.area == "temporalis")
    assert line.sites == 10 and line.units_per_site == 4


def test_sites_default_to_area_when_no_pattern():
    assert sites_for(proto(), ["bruxism"], "botox", ["masseter"]) == {
        "masseter": proto().areas["masseter"].sites
    }


def test_volume_needs_a_positive_dilution():
    assert volume_ml(20, 40) == 0.5
    with pytest.raises(ValueError):
        volume_ml(20, 0)


def test_review_and_retreatment_dates():
    c = case()
    assert review_date(proto(), c) == date(2027, 2, 13)  # 84 days for chronic migraine
    assert earliest_retreatment_date(proto(), c) == date(2027, 2, 13)
    cosmetic = replace(c, indications=("glabellar_lines", "chronic_migraine"))
    assert review_date(proto(), cosmetic) == date(2026, 12, 5)  # the earliest review wins


def test_a_treatment_on_the_earliest_retreatment_date_raises_no_interval_finding():
    c = case()
    nxt = earliest_retreatment_date(proto(), c)
    later = replace(c, date=nxt, history=(replace(c.history[0], date=c.date, units=155.0),))
    ids = {f.id for f in screen(proto(), later).findings}
    assert "retreatment_too_soon" not in ids


@pytest.mark.parametrize(
    ("units", "lang", "text"),
    [(155.0, "en", "155"), (12.5, "en", "12.5"), (12.5, "fr", "12,5"), (0.5, "fr", "0,5")],
)
def test_format_units(units, lang, text):
    assert format_units(units, lang) == text


def test_product_ingredients_for_the_ingredient_question():
    names = [i.name.en for i in proto().product_ingredients("dysport")]
    assert "human albumin" in names and any("milk" in n for n in names)


def test_screening_is_well_under_5_ms():
    c = replace(case(), reasons=MappingProxyType({}))
    screen(proto(), c)
    runs = 200
    start = time.perf_counter()
    for _ in range(runs):
        screen(proto(), c)
    per_call_ms = (time.perf_counter() - start) / runs * 1000
    assert per_call_ms < 1.0, f"{per_call_ms:.3f} ms per screening"
