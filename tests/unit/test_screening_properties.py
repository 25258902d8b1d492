"""Property tests: random valid consultations never crash screening; turning a "no" into a "yes"
never improves the verdict; the result does not depend on the order of the answers; a case file
round-trips through case_to_json_dict and parse_case."""

from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consult_app.core.case_file import case_to_json_dict, parse_case
from consult_app.core.consultation import (
    Answer,
    ConsentInput,
    Consultation,
    Decision,
    HistoryEntry,
    Jurisdiction,
    Lot,
    PatientDetails,
    Sex,
)
from consult_app.core.plan import summarize
from consult_app.core.protocol import load_protocol_dir
from consult_app.core.screening import Verdict, screen
from consult_app.resources import resource_path

# Worse first: STOP is worse than INCOMPLETE, which is worse than CAUTION, then PROCEED.
RANK = {Verdict.PROCEED: 0, Verdict.CAUTION: 1, Verdict.INCOMPLETE: 2, Verdict.STOP: 3}
DAY = date(2026, 11, 21)


@lru_cache(maxsize=1)
def proto():
    return load_protocol_dir(resource_path("protocol"))


units = st.integers(min_value=1, max_value=1200).map(lambda n: n / 2)


@st.composite
def consultations(draw):
    p = proto()
    on = draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
    product = draw(st.sampled_from(sorted(p.products)))
    indications = draw(
        st.lists(st.sampled_from(sorted(p.indications)), min_size=1, max_size=3, unique=True)
    )
    areas = draw(st.lists(st.sampled_from(sorted(p.areas)), min_size=1, max_size=5, unique=True))
    plan = {a: draw(units) for a in areas}
    history = tuple(
        HistoryEntry(
            on - timedelta(days=draw(st.integers(0, 400))),
            draw(st.sampled_from(sorted(p.products))),
            draw(units),
        )
        for _ in range(draw(st.integers(0, 3)))
    )
    birth = on - timedelta(days=draw(st.integers(0, 100 * 366)))
    questions = sorted(p.questions)
    answers = draw(
        st.dictionaries(
            st.sampled_from(questions), st.sampled_from(list(Answer)), max_size=len(questions)
        )
    )
    outcomes = draw(
        st.dictionaries(st.sampled_from(sorted(p.outcomes)), st.integers(0, 100), max_size=2)
    )
    outcomes = {k: min(max(v, p.outcomes[k].min), p.outcomes[k].max) for k, v in outcomes.items()}
    lot = draw(
        st.one_of(
            st.none(),
            st.builds(
                Lot,
                st.just("LOT-1"),
                st.one_of(st.none(), st.integers(-30, 30).map(lambda d: on + timedelta(days=d))),
            ),
        )
    )
    reasons = draw(
        st.dictionaries(
            st.sampled_from(sorted(p.finding_levels)), st.sampled_from(["ok", "  "]), max_size=3
        )
    )
    consent = draw(
        st.one_of(
            st.none(),
            st.builds(
                ConsentInput,
                st.one_of(st.none(), st.sampled_from(list(Decision))),
                st.one_of(st.none(), st.just("typed:P")),
                st.one_of(st.none(), st.just("Dr X")),
            ),
        )
    )
    return Consultation(
        date=on,
        patient=PatientDetails("P", birth, draw(st.sampled_from(list(Sex)))),
        indications=tuple(indications),
        product=product,
        plan=MappingProxyType(plan),
        jurisdiction=draw(st.sampled_from(list(Jurisdiction))),
        history=history,
        outcomes=MappingProxyType(outcomes),
        lot=lot,
        dilution_units_per_ml=draw(st.one_of(st.none(), st.sampled_from([25.0, 40.0, 50.0]))),
        answers=MappingProxyType(answers),
        reasons=MappingProxyType({k: v for k, v in reasons.items() if v.strip()}),
        risks_discussed=draw(st.one_of(st.none(), st.just("all"))),
        consent=consent,
    )


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(consultations())
def test_random_consultations_never_crash(c):
    result = screen(proto(), c)
    assert result.verdict in RANK
    assert set(result.off_label) <= set(c.indications)
    assert set(result.applicable_questions) <= set(proto().questions)
    if any(f.level.value == "stop" for f in result.findings):
        assert result.verdict is Verdict.STOP
    summary = summarize(proto(), c)
    assert summary.total_units == sum(c.plan.values())


@SETTINGS
@given(consultations(), st.data())
def test_a_yes_never_improves_the_verdict(c, data):
    p = proto()
    before = screen(p, c)
    candidates = sorted(before.applicable_questions)
    question = data.draw(st.sampled_from(candidates))
    as_no = replace(c, answers=MappingProxyType({**c.answers, question: Answer.NO}))
    as_yes = replace(c, answers=MappingProxyType({**c.answers, question: Answer.YES}))
    assert RANK[screen(p, as_yes).verdict] >= RANK[screen(p, as_no).verdict]


@SETTINGS
@given(consultations(), st.randoms(use_true_random=False))
def test_result_does_not_depend_on_answer_order(c, rnd):
    items = list(c.answers.items())
    rnd.shuffle(items)
    shuffled = replace(c, answers=MappingProxyType(dict(items)))
    assert screen(proto(), shuffled) == screen(proto(), c)


@SETTINGS
@given(consultations())
def test_case_file_round_trip(c):
    data = case_to_json_dict(c)
    assert parse_case(data, proto()) == c
