"""Clinic settings: clinic.toml parsing, errors naming the key, round trip, merge through SQLite."""

import sqlite3
from dataclasses import replace

import pytest

from consult_app.core.settings import (
    SETTINGS_KEYS,
    ClinicProfile,
    ClinicSettings,
    HandoutLanguage,
    Jurisdiction,
    PageSize,
    SettingsError,
    SmtpSecurity,
    SmtpSettings,
    parse_clinic_toml,
    settings_diff,
    settings_from_dict,
    settings_to_dict,
)
from consult_app.storage.db import open_database
from consult_app.storage.settings import SettingsRepository

EXAMPLE = """
[clinic]
name = "Lakeside Neurology"
phone = "+1 416 555 0100"
[smtp]
host = "127.0.0.1"
port = 8025
security = "none"          # "starttls" | "tls" | "none" (none: localhost only)
sender = "clinic@example.org"
"""

FULL = ClinicSettings(
    clinic=ClinicProfile(
        name="Clinique du Lac",
        address="12 rue du Lac\nMontréal QC",
        phone="+1 514 555 0199",
        email="accueil@example.org",
        logo_path="/srv/logo.png",
    ),
    clinicians=("Dr Émilie Tremblay", "N. Roy, RN"),
    jurisdiction=Jurisdiction.US,
    page_size=PageSize.A4,
    default_language=HandoutLanguage.FR,
    backup_retention=30,
    backup_dir="/mnt/backups",
    smtp=SmtpSettings(
        host="smtp.example.org",
        port=465,
        security=SmtpSecurity.TLS,
        username="clinic",
        sender="accueil@example.org",
    ),
    time_zone="America/Montreal",
)


def _error(text):
    with pytest.raises(SettingsError) as info:
        parse_clinic_toml(text)
    return str(info.value)


# --- clinic.toml ------------------------------------------------------------------------------


def test_example_from_the_issue_parses_and_defaults_fill_the_rest():
    settings = parse_clinic_toml(EXAMPLE)
    assert settings.clinic.name == "Lakeside Neurology"
    assert settings.clinic.phone == "+1 416 555 0100"
    assert settings.clinic.address == ""
    assert settings.smtp == SmtpSettings(
        host="127.0.0.1", port=8025, security=SmtpSecurity.NONE, sender="clinic@example.org"
    )
    assert settings.jurisdiction is Jurisdiction.CA
    assert settings.page_size is PageSize.LETTER
    assert settings.default_language is HandoutLanguage.EN
    assert settings.backup_retention == 14
    assert settings.backup_dir is None
    assert settings.clinicians == ()


def test_empty_file_gives_defaults():
    assert parse_clinic_toml("") == ClinicSettings()


def test_top_level_keys_and_lists():
    text = (
        'clinicians = ["Dr A", "Dr B"]\njurisdiction = "US"\npage_size = "A4"\n'
        'default_language = "fr"\nbackup_retention = 7\nbackup_dir = "/b"\n'
    )
    settings = parse_clinic_toml(text)
    assert settings.clinicians == ("Dr A", "Dr B")
    assert settings.jurisdiction is Jurisdiction.US
    assert settings.page_size is PageSize.A4
    assert settings.default_language is HandoutLanguage.FR
    assert settings.backup_retention == 7
    assert settings.backup_dir == "/b"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[smtp]\nport = 70000\n", "smtp.port: expected an integer from 1 to 65535"),
        ('[smtp]\nport = "25"\n', "smtp.port: expected an integer from 1 to 65535"),
        ("[smtp]\nport = true\n", "smtp.port: expected an integer from 1 to 65535"),
        ('[clinic]\nnmae = "x"\n', "clinic.nmae: unknown key"),
        ('colour = "blue"\n', "colour: unknown key"),
        ('[smtp]\nsecurity = "ssl"\n', 'smtp.security: expected one of "starttls", "tls", "none"'),
        ('jurisdiction = "EU"\n', 'jurisdiction: expected one of "CA", "US"'),
        ('page_size = "letter"\n', 'page_size: expected one of "A4", "Letter"'),
        ('default_language = "de"\n', 'default_language: expected one of "en", "fr"'),
        ("backup_retention = 0\n", "backup_retention: expected an integer from 1 to 1000"),
        ('[smtp]\nsender = "not an address"\n', "smtp.sender: expected an email address"),
        ('[clinic]\nemail = "a@b"\n', "clinic.email: expected an email address"),
        ("[clinic]\nname = 3\n", "clinic.name: expected a string"),
        ('clinicians = ["Dr A", ""]\n', "clinicians[1]: expected a non-empty name"),
        ('clinicians = ["Dr A", "Dr A"]\n', "clinicians[1]: duplicate name"),
        ('clinicians = "Dr A"\n', "clinicians: expected a list of names"),
        ('clinic = "x"\n', "clinic: expected a table [clinic]"),
        ('[smtp]\npassword = "hunter2"\n', "smtp.password: the SMTP password is never read"),
        ('time_zone = "Mars/Olympus"\n', "time_zone: 'Mars/Olympus' is not a known IANA time zone"),
        ('time_zone = "../../etc/passwd"\n', "time_zone: '../../etc/passwd' is not a known IANA"),
    ],
)
def test_errors_name_the_key(text, expected):
    assert expected in _error(text)


def test_every_error_is_reported_at_once():
    with pytest.raises(SettingsError) as info:
        parse_clinic_toml('[clinic]\nnmae = "x"\n[smtp]\nport = 0\n')
    assert info.value.errors == [
        "clinic.nmae: unknown key",
        "smtp.port: expected an integer from 1 to 65535",
    ]


def test_syntax_error_gives_the_line():
    message = _error('[clinic]\nname = "Lakeside"\nphone = \n')
    assert message.startswith("syntax error:")
    assert "line 3" in message


def test_port_defaults_to_the_security_standard_port():
    assert parse_clinic_toml('[smtp]\nsecurity = "tls"\n').smtp.effective_port == 465
    assert parse_clinic_toml("").smtp.effective_port == 587
    assert parse_clinic_toml('[smtp]\nsecurity = "none"\n').smtp.effective_port == 25
    assert parse_clinic_toml("[smtp]\nport = 2525\n").smtp.effective_port == 2525


def test_text_is_stripped_and_empty_logo_is_none():
    settings = parse_clinic_toml('[clinic]\nname = "  Lakeside  "\nlogo_path = ""\n')
    assert settings.clinic.name == "Lakeside"
    assert settings.clinic.logo_path is None


# --- dict round trip --------------------------------------------------------------------------


def test_dict_round_trip():
    flat = settings_to_dict(FULL)
    assert set(flat) == set(SETTINGS_KEYS)
    assert settings_from_dict(flat) == FULL
    assert settings_from_dict(settings_to_dict(ClinicSettings())) == ClinicSettings()


def test_from_dict_ignores_unknown_keys_and_names_bad_ones():
    assert settings_from_dict({"future.key": 1}) == ClinicSettings()
    with pytest.raises(SettingsError, match=r"^smtp\.port: expected an integer"):
        settings_from_dict({"smtp.port": -1})


def test_diff_lists_only_changed_keys():
    after = replace(FULL, smtp=replace(FULL.smtp, port=2465), clinicians=("Dr X",))
    assert settings_diff(FULL, after) == {"smtp.port": 2465, "clinicians": ["Dr X"]}
    assert settings_diff(FULL, FULL) == {}


# --- storage ----------------------------------------------------------------------------------


@pytest.fixture
def conn(tmp_path):
    connection = open_database(tmp_path / "consult.sqlite3")
    yield connection
    connection.close()


def test_repository_round_trip_through_sqlite(conn, tmp_path):
    repo = SettingsRepository(conn)
    assert repo.load() == {}
    assert repo.effective(None) == ClinicSettings()
    repo.save(settings_to_dict(FULL))
    conn.close()
    reopened = open_database(tmp_path / "consult.sqlite3")
    try:
        again = SettingsRepository(reopened)
        assert again.effective(None) == FULL
        assert again.load() == settings_to_dict(FULL)
    finally:
        reopened.close()


def test_app_values_win_key_by_key_and_toml_fills_the_rest(conn, tmp_path):
    toml = tmp_path / "clinic.toml"
    toml.write_text(EXAMPLE, encoding="utf-8")
    repo = SettingsRepository(conn)
    repo.save({"smtp.port": 2525, "clinic.address": "1 Main St", "jurisdiction": "US"})
    settings = repo.effective(toml)
    assert settings.smtp.port == 2525  # app wins
    assert settings.clinic.address == "1 Main St"  # app only
    assert settings.jurisdiction is Jurisdiction.US  # app only
    assert settings.clinic.name == "Lakeside Neurology"  # toml fills
    assert settings.smtp.host == "127.0.0.1"  # toml fills
    assert settings.smtp.security is SmtpSecurity.NONE  # toml fills
    assert settings.page_size is PageSize.LETTER  # default

    repo.save({}, unset=["smtp.port"])  # hand the key back to clinic.toml
    assert repo.effective(toml).smtp.port == 8025


def test_missing_toml_file_is_no_toml(conn, tmp_path):
    assert SettingsRepository(conn).effective(tmp_path / "absent.toml") == ClinicSettings()


def test_bad_toml_error_names_file_and_key(conn, tmp_path):
    toml = tmp_path / "clinic.toml"
    toml.write_text("[smtp]\nport = 0\n", encoding="utf-8")
    with pytest.raises(SettingsError) as info:
        SettingsRepository(conn).effective(toml)
    assert str(info.value) == "clinic.toml: smtp.port: expected an integer from 1 to 65535"


def test_save_is_validated_and_atomic(conn):
    repo = SettingsRepository(conn)
    repo.save({"clinic.name": "Before"})
    with pytest.raises(SettingsError) as info:
        repo.save({"clinic.name": "After", "smtp.port": 0, "smtp.password": "x", "nope": 1})
    assert info.value.errors == [
        "smtp.port: expected an integer from 1 to 65535",
        "smtp.password: the SMTP password is never read from settings; it is kept in the "
        "system keyring or given in the environment variable CONSULT_APP_SMTP_PASSWORD",
        "nope: unknown key",
    ]
    assert repo.load() == {"clinic.name": "Before"}


def test_save_is_one_transaction(conn, monkeypatch):
    repo = SettingsRepository(conn)
    repo.save({"clinic.name": "Before", "clinic.phone": "1"})
    # Make the DELETE fail after the INSERT succeeded: nothing of the call may remain.
    conn.execute(
        "CREATE TEMP TRIGGER no_delete BEFORE DELETE ON settings "
        "BEGIN SELECT RAISE(ABORT, 'blocked'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        repo.save({"clinic.name": "After"}, unset=["clinic.phone"])
    assert repo.load() == {"clinic.name": "Before", "clinic.phone": "1"}


def test_password_is_never_stored(conn):
    repo = SettingsRepository(conn)
    repo.save(settings_to_dict(FULL))
    stored = conn.execute("SELECT group_concat(key || '=' || value, ';') FROM settings").fetchone()
    assert "password" not in stored[0]


def test_stored_values_are_normalised_and_enums_become_text(conn):
    repo = SettingsRepository(conn)
    repo.save({"clinic.name": "  Lakeside ", "page_size": PageSize.A4, "clinicians": ("Dr A",)})
    rows = dict(conn.execute("SELECT key, value FROM settings").fetchall())
    assert rows == {"clinic.name": '"Lakeside"', "page_size": '"A4"', "clinicians": '["Dr A"]'}


def test_unknown_and_invalid_rows_are_ignored(conn):
    conn.execute("INSERT INTO settings (key, value) VALUES ('ui.theme', '\"dark\"')")
    conn.execute("INSERT INTO settings (key, value) VALUES ('smtp.port', '0')")
    conn.execute("INSERT INTO settings (key, value) VALUES ('clinic.name', 'not json')")
    conn.execute("INSERT INTO settings (key, value) VALUES ('clinic.phone', '\"555\"')")
    repo = SettingsRepository(conn)
    assert repo.load() == {"clinic.phone": "555"}
    assert repo.effective(None).smtp.port is None
