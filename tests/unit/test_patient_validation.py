import datetime as dt

import pytest

from consult_app.core.patient_validation import PatientForm, Problem, validate_patient_form

TODAY = dt.date(2026, 11, 21)


def check(**fields):
    base = {"name": "Jane O'Brien", "birth_date": "1984-03-09"}
    base.update(fields)
    return validate_patient_form(PatientForm(**base), TODAY)


def test_valid_form_has_no_problem():
    assert check() == {}


@pytest.mark.parametrize(
    "fields, field, problem",
    [
        ({"name": "   "}, "name", Problem.REQUIRED),
        ({"name": "x" * 201}, "name", Problem.TOO_LONG),
        ({"birth_date": ""}, "birth_date", Problem.REQUIRED),
        ({"birth_date": "2026-02-30"}, "birth_date", Problem.NOT_A_DATE),
        ({"birth_date": "09/03/1984"}, "birth_date", Problem.NOT_A_DATE),
        ({"birth_date": "2026-11-21"}, "birth_date", Problem.IN_FUTURE),
        ({"birth_date": "2030-01-01"}, "birth_date", Problem.IN_FUTURE),
        ({"birth_date": "1850-01-01"}, "birth_date", Problem.TOO_OLD),
        ({"email": "jane@"}, "email", Problem.BAD_EMAIL),
        ({"email": "jane example.org"}, "email", Problem.BAD_EMAIL),
        ({"name": "Jane\x00"}, "name", Problem.CONTROL_CHARS),
    ],
)
def test_problems(fields, field, problem):
    assert check(**fields)[field] is problem


@pytest.mark.parametrize(
    "name", ["Zoë O'Brien-Łukasiewicz <b> & Co", "Иван Петров", "山田 太郎", 'Ann "Nan" Lee']
)
def test_any_unicode_name_is_accepted(name):
    assert check(name=name) == {}


def test_good_email_accepted():
    assert check(email="jane.o-brien+clinic@example.org") == {}
