"""Schema migrations, keyed on ``PRAGMA user_version``.

``MIGRATIONS[i]`` holds the statements that take the schema from version ``i`` to ``i + 1``.
``db.open_database`` runs each step and its version bump in one transaction (statement by
statement: ``executescript`` would commit halfway), after copying an existing file to
``<name>.v<old>.bak``. Append new steps at the end; never edit a released step.

Schema v1 (all timestamps ISO-8601 UTC text, dates ``YYYY-MM-DD``):

- ``patients``: identity and contact; ``search_key`` is the accent- and case-folded name and
  ``patient_name_words`` holds one row per folded word for indexed prefix search; ``chart_number``
  is unique (case-insensitive) when present.
- ``settings``: key/value text for domain preferences (owned by ``storage/settings.py``).
- ``consultations``: one per visit; the draft is JSON text in ``data`` saved on every change;
  ``status`` is ``draft``, ``deferred``, ``sealed`` or ``declined``. Sealed or declined rows are
  immutable (triggers).
- ``consents``: the sealed consent: exact canonical bytes, their SHA-256, decision and time; a
  correction is a new row pointing at the one it corrects. Immutable (triggers).
- ``documents``: documents produced for a consultation (kind and SHA-256 of the bytes).
  Immutable (triggers).
- ``audit_log``: append-only hash chain of events holding ids and event names only. Immutable
  (triggers); ``AUTOINCREMENT`` so a ``seq`` is never reused.

Schema v3 adds ``administrations`` (what was actually given, sealed like a consent; see
``storage/administrations.py``).

Step "search" (patient search that scales, issue 25):

- ``patients.last_visit``: the date (``YYYY-MM-DD``) of the patient's latest consultation (its
  case ``date``, else the day it was started) or follow-up visit, kept by triggers on
  ``consultations`` and ``followups``; indexed.
- ``patient_name_words`` is rebuilt as ``(word, visit, patient_id)``: every search term of
  ``core.patient_search.search_terms`` (name parts, CJK tails, ``#`` phone digits) with the
  patient's last visit as days since 1970 (0: never), so a prefix is read already ordered by
  the latest visit through the ``substr(word, 1, 1|2)`` indexes. The repository writes the terms;
  the triggers move ``visit`` forward. The migration computes the terms with the SQL function
  ``nmc_search_terms(name, phone)`` that ``db`` registers from ``FUNCTIONS``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Final

from consult_app.core.patient_search import search_terms

#: Our files carry this ``PRAGMA application_id`` ("NMC1"), so a foreign SQLite file is refused.
APPLICATION_ID: Final = 0x4E4D4331

_V1: Final[tuple[str, ...]] = (
    f"PRAGMA application_id = {APPLICATION_ID}",
    """
    CREATE TABLE patients (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        search_key TEXT NOT NULL,
        birth_date TEXT NOT NULL
            CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        sex TEXT NOT NULL DEFAULT 'unknown'
            CHECK (sex IN ('female', 'male', 'other', 'unknown')),
        chart_number TEXT COLLATE NOCASE UNIQUE
            CHECK (chart_number IS NULL OR length(trim(chart_number)) > 0),
        phone TEXT,
        email TEXT,
        language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr')),
        allergies TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX patients_name_nocase ON patients (name COLLATE NOCASE, id)",
    "CREATE INDEX patients_search_key ON patients (search_key)",
    "CREATE INDEX patients_birth_date ON patients (birth_date)",
    "CREATE INDEX patients_updated ON patients (updated_at DESC, id DESC)",
    """
    CREATE TABLE patient_name_words (
        word TEXT NOT NULL,
        patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
        PRIMARY KEY (word, patient_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX patient_name_words_patient ON patient_name_words (patient_id)",
    """
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE consultations (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,
        status TEXT NOT NULL DEFAULT 'draft'
            CHECK (status IN ('draft', 'deferred', 'sealed', 'declined')),
        data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
        revision INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX consultations_patient ON consultations (patient_id, status, updated_at)",
    """
    CREATE TRIGGER consultations_sealed_no_update BEFORE UPDATE ON consultations
    WHEN OLD.status IN ('sealed', 'declined')
    BEGIN
        SELECT RAISE(ABORT, 'sealed consultation is immutable');
    END
    """,
    """
    CREATE TRIGGER consultations_sealed_no_delete BEFORE DELETE ON consultations
    WHEN OLD.status IN ('sealed', 'declined')
    BEGIN
        SELECT RAISE(ABORT, 'sealed consultation is immutable');
    END
    """,
    """
    CREATE TABLE consents (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        consultation_id INTEGER NOT NULL REFERENCES consultations (id) ON DELETE RESTRICT,
        decision TEXT NOT NULL CHECK (decision IN ('given', 'declined')),
        canonical BLOB NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        sealed_at TEXT NOT NULL,
        corrects_consent_id INTEGER UNIQUE REFERENCES consents (id) ON DELETE RESTRICT
    )
    """,
    "CREATE INDEX consents_consultation ON consents (consultation_id)",
    """
    CREATE TRIGGER consents_correction_same_consultation BEFORE INSERT ON consents
    WHEN NEW.corrects_consent_id IS NOT NULL AND NEW.consultation_id IS NOT
        (SELECT consultation_id FROM consents WHERE id = NEW.corrects_consent_id)
    BEGIN
        SELECT RAISE(ABORT, 'a correction must belong to the consultation it corrects');
    END
    """,
    """
    CREATE TRIGGER consents_no_update BEFORE UPDATE ON consents
    BEGIN
        SELECT RAISE(ABORT, 'sealed consent is immutable');
    END
    """,
    """
    CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents
    BEGIN
        SELECT RAISE(ABORT, 'sealed consent is immutable');
    END
    """,
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        consultation_id INTEGER NOT NULL REFERENCES consultations (id) ON DELETE RESTRICT,
        kind TEXT NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        created_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX documents_consultation ON documents (consultation_id)",
    """
    CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
    BEGIN
        SELECT RAISE(ABORT, 'document record is immutable');
    END
    """,
    """
    CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
    BEGIN
        SELECT RAISE(ABORT, 'document record is immutable');
    END
    """,
    """
    CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        event TEXT NOT NULL,
        patient_id INTEGER,
        consultation_id INTEGER,
        consent_id INTEGER,
        document_id INTEGER,
        detail TEXT,
        prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash TEXT NOT NULL CHECK (length(hash) = 64)
    )
    """,
    "CREATE INDEX audit_log_consultation ON audit_log (consultation_id)",
    """
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN
        SELECT RAISE(ABORT, 'audit log is append-only');
    END
    """,
    """
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN
        SELECT RAISE(ABORT, 'audit log is append-only');
    END
    """,
)


def _immutable(table: str, what: str) -> tuple[str, str]:
    return (
        f"""
        CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
        BEGIN
            SELECT RAISE(ABORT, '{what} is immutable');
        END
        """,
        f"""
        CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
        BEGIN
            SELECT RAISE(ABORT, '{what} is immutable');
        END
        """,
    )


# Follow-up visits (case-format 1.1): ``canonical`` is the visit's canonical JSON (outcomes,
# adverse events, clinician, notes, the treatment it follows) and ``sha256`` its hash, audited as
# ``followup_recorded`` with detail ``<id>:<sha256>``. ``adverse_events`` repeats the events as rows
# for the screening rules and the chart. Both are append-only.
_FOLLOWUPS: Final[tuple[str, ...]] = (
    """
    CREATE TABLE followups (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,
        consultation_id INTEGER NOT NULL REFERENCES consultations (id) ON DELETE RESTRICT,
        date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        product TEXT NOT NULL,
        canonical BLOB NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        recorded_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX followups_patient ON followups (patient_id, date, id)",
    "CREATE INDEX followups_consultation ON followups (consultation_id)",
    *_immutable("followups", "follow-up"),
    """
    CREATE TABLE adverse_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        followup_id INTEGER NOT NULL REFERENCES followups (id) ON DELETE RESTRICT,
        risk TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('mild', 'moderate', 'severe')),
        onset TEXT NOT NULL,
        resolved TEXT
    )
    """,
    "CREATE INDEX adverse_events_followup ON adverse_events (followup_id)",
    *_immutable("adverse_events", "adverse event"),
)

# What was actually given (issue 18, case-format 1.1), sealed like a consent
# (``storage.administrations``): exact canonical bytes and SHA-256, immutable, audited as
# ``administration_sealed`` with detail ``<id>:<sha256>``; a correction is a new row.
_ADMINISTRATIONS: Final[tuple[str, ...]] = (
    """
    CREATE TABLE administrations (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        consultation_id INTEGER NOT NULL REFERENCES consultations (id) ON DELETE RESTRICT,
        consent_id INTEGER NOT NULL REFERENCES consents (id) ON DELETE RESTRICT,
        status TEXT NOT NULL CHECK (status IN ('treated', 'not_treated')),
        canonical BLOB NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        sealed_at TEXT NOT NULL,
        corrects_administration_id INTEGER UNIQUE
            REFERENCES administrations (id) ON DELETE RESTRICT
    )
    """,
    "CREATE INDEX administrations_consultation ON administrations (consultation_id)",
    *_immutable("administrations", "sealed administration"),
)


def _terms_json(name: object, phone: object) -> str:
    """SQL ``nmc_search_terms(name, phone)``: the patient's search terms as a JSON array."""
    terms = search_terms(
        name if isinstance(name, str) else "", phone if isinstance(phone, str) else None
    )
    return json.dumps(sorted(terms), ensure_ascii=False)


#: SQL functions the migration steps use: name -> (number of arguments, function).
FUNCTIONS: Final[dict[str, tuple[int, Callable[..., Any]]]] = {
    "nmc_search_terms": (2, _terms_json),
}

# The visit date of a consultation row ``R``: its case date when that is a real date, else the
# day it was started. (Triggers cannot use a WITH clause, hence the repetition.)
_CASE_DATE = "json_extract({r}.data, '$.case.date')"
_VISIT_DATE = (
    "(CASE WHEN " + _CASE_DATE + " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
    " AND julianday(" + _CASE_DATE + ") IS NOT NULL"
    " THEN " + _CASE_DATE + " ELSE substr({r}.created_at, 1, 10) END)"
)
_DAYS = "CAST(julianday({d}) - 2440587.5 AS INTEGER)"


def _visit_trigger(name: str, event: str, table: str = "consultations") -> str:
    date = _VISIT_DATE.format(r="NEW") if table == "consultations" else "NEW.date"
    return f"""
    CREATE TRIGGER {name} AFTER {event} ON {table}
    WHEN julianday({date}) IS NOT NULL
    BEGIN
        UPDATE patients SET last_visit = {date}
        WHERE id = NEW.patient_id AND (last_visit IS NULL OR last_visit < {date});
        UPDATE patient_name_words SET visit = {_DAYS.format(d=date)}
        WHERE patient_id = NEW.patient_id AND visit < {_DAYS.format(d=date)};
    END
    """


_V_SEARCH: Final[tuple[str, ...]] = (
    "ALTER TABLE patients ADD COLUMN last_visit TEXT",
    f"""
    UPDATE patients SET last_visit = (
        SELECT max(d) FROM (
            SELECT {_VISIT_DATE.format(r="c")} AS d FROM consultations c
            WHERE c.patient_id = patients.id
            UNION ALL SELECT f.date FROM followups f WHERE f.patient_id = patients.id
        )
    )
    """,
    # covering for the visit-ordered scan of a large birth-date or chart-number range
    "CREATE INDEX patients_last_visit ON patients (last_visit, id, birth_date, chart_number)",
    "DROP TABLE patient_name_words",
    """
    CREATE TABLE patient_name_words (
        word TEXT NOT NULL,
        visit INTEGER NOT NULL DEFAULT 0,
        patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
        PRIMARY KEY (word, visit, patient_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX patient_name_words_patient ON patient_name_words (patient_id)",
    "CREATE INDEX patient_name_words_p1 ON patient_name_words (substr(word, 1, 1), visit)",
    "CREATE INDEX patient_name_words_p2 ON patient_name_words (substr(word, 1, 2), visit)",
    f"""
    INSERT OR IGNORE INTO patient_name_words (word, visit, patient_id)
    SELECT j.value, coalesce({_DAYS.format(d="p.last_visit")}, 0), p.id
    FROM patients p, json_each(nmc_search_terms(p.name, p.phone)) j
    """,
    _visit_trigger("consultations_visit_insert", "INSERT"),
    _visit_trigger("consultations_visit_update", "UPDATE OF data"),
    _visit_trigger("followups_visit_insert", "INSERT", "followups"),
)

# The clinic lists (``due``, ``lot``; case-format 1.1) read from derived, indexed rows instead of
# parsing every sealed consent's JSON: one row per consent (its patient, decision, date, product,
# indications and lot) and one per administration vial lot, written by triggers when a consent or
# administration is sealed and filled for existing rows here. They are derived data, not
# records: nothing in them is sealed or audited (``verify`` checks the sources).
_CONSENT_JSON: Final = "CAST(NEW.canonical AS TEXT)"
_LIST_INDEX: Final[tuple[str, ...]] = (
    """
    CREATE TABLE treatment_index (
        consent_id INTEGER PRIMARY KEY,
        consultation_id INTEGER NOT NULL,
        patient_id INTEGER NOT NULL,
        decision TEXT NOT NULL,
        date TEXT,
        product TEXT,
        indications TEXT,
        lot TEXT
    )
    """,
    "CREATE INDEX treatment_index_date ON treatment_index (date)",
    "CREATE INDEX treatment_index_lot ON treatment_index (lot COLLATE NOCASE)",
    f"""
    CREATE TRIGGER consents_treatment_index AFTER INSERT ON consents
    BEGIN
        INSERT INTO treatment_index (consent_id, consultation_id, patient_id, decision, date,
                                     product, indications, lot)
        SELECT NEW.id, NEW.consultation_id, k.patient_id, NEW.decision,
               CASE WHEN json_valid({_CONSENT_JSON})
                    THEN json_extract({_CONSENT_JSON}, '$.date') END,
               CASE WHEN json_valid({_CONSENT_JSON})
                    THEN json_extract({_CONSENT_JSON}, '$.product') END,
               CASE WHEN json_valid({_CONSENT_JSON})
                    THEN json_extract({_CONSENT_JSON}, '$.indications') END,
               CASE WHEN json_valid({_CONSENT_JSON})
                    THEN trim(json_extract({_CONSENT_JSON}, '$.lot.number')) END
        FROM consultations k WHERE k.id = NEW.consultation_id;
    END
    """,
    """
    INSERT INTO treatment_index (consent_id, consultation_id, patient_id, decision, date,
                                 product, indications, lot)
    SELECT c.id, c.consultation_id, k.patient_id, c.decision,
           CASE WHEN json_valid(CAST(c.canonical AS TEXT))
                THEN json_extract(CAST(c.canonical AS TEXT), '$.date') END,
           CASE WHEN json_valid(CAST(c.canonical AS TEXT))
                THEN json_extract(CAST(c.canonical AS TEXT), '$.product') END,
           CASE WHEN json_valid(CAST(c.canonical AS TEXT))
                THEN json_extract(CAST(c.canonical AS TEXT), '$.indications') END,
           CASE WHEN json_valid(CAST(c.canonical AS TEXT))
                THEN trim(json_extract(CAST(c.canonical AS TEXT), '$.lot.number')) END
    FROM consents c JOIN consultations k ON k.id = c.consultation_id
    """,
    """
    CREATE TABLE vial_lots (
        administration_id INTEGER NOT NULL,
        consultation_id INTEGER NOT NULL,
        lot TEXT NOT NULL
    )
    """,
    "CREATE INDEX vial_lots_lot ON vial_lots (lot COLLATE NOCASE)",
    f"""
    CREATE TRIGGER administrations_vial_lots AFTER INSERT ON administrations
    WHEN json_valid({_CONSENT_JSON})
    BEGIN
        INSERT INTO vial_lots (administration_id, consultation_id, lot)
        SELECT NEW.id, NEW.consultation_id, trim(json_extract(v.value, '$.lot'))
        FROM json_each({_CONSENT_JSON}, '$.vials') v
        WHERE json_type(v.value, '$.lot') = 'text';
    END
    """,
    """
    INSERT INTO vial_lots (administration_id, consultation_id, lot)
    SELECT a.id, a.consultation_id, trim(json_extract(v.value, '$.lot'))
    FROM administrations a,
         json_each(CASE WHEN json_valid(CAST(a.canonical AS TEXT))
                        THEN CAST(a.canonical AS TEXT) ELSE '{}' END, '$.vials') v
    WHERE json_type(v.value, '$.lot') = 'text'
    """,
)

#: Issue 14 (sealing): case ids for idempotent runs, documents being written (so a process
#: killed between sealing and moving its documents into place is completed by the next one), a
#: keyed MAC column on the audit chain (HMAC with a key held in the OS keyring, when there is one).
_SEALING: Final[tuple[str, ...]] = (
    """
    CREATE TABLE case_ids (
        case_id TEXT PRIMARY KEY,
        consultation_id INTEGER NOT NULL UNIQUE REFERENCES consultations (id) ON DELETE CASCADE,
        content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
        created_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE pending_documents (
        id INTEGER PRIMARY KEY,
        consultation_id INTEGER NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        temp_path TEXT NOT NULL,
        final_path TEXT NOT NULL,
        pid INTEGER NOT NULL,
        created_at TEXT NOT NULL
    )
    """,
    "ALTER TABLE audit_log ADD COLUMN mac TEXT",
)

#: Issue 24: clinicians as users. ``pin_hash`` is ``core.credentials.hash_pin``'s salted scrypt
#: text (never the PIN); ``failures`` and ``locked_until`` hold the five-wrong-PINs lockout. A
#: clinician is deactivated, never deleted (the audit refers to them). ``audit_log.user_id`` is
#: the signed-in clinician of each event (hashed only when present, so older entries still verify).
_USERS: Final[tuple[str, ...]] = (
    """
    CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        credentials TEXT NOT NULL DEFAULT '',
        licence TEXT NOT NULL DEFAULT '',
        may_prescribe INTEGER NOT NULL DEFAULT 0 CHECK (may_prescribe IN (0, 1)),
        pin_hash TEXT NOT NULL CHECK (pin_hash LIKE 'scrypt$%'),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        failures INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE UNIQUE INDEX users_name ON users (lower(trim(name)))",
    """
    CREATE TRIGGER users_no_delete BEFORE DELETE ON users
    BEGIN
        SELECT RAISE(ABORT, 'a clinician is deactivated, never deleted');
    END
    """,
    "ALTER TABLE audit_log ADD COLUMN user_id INTEGER",
)

# The record PDF's SHA-1 and size (FHIR Attachment.hash and size, issue 22) and where it was
# written; NULL for documents produced before (the export then reads them from the file).
_DOCUMENT_FACTS: Final = (
    "ALTER TABLE documents ADD COLUMN sha1 TEXT CHECK (sha1 IS NULL OR length(sha1) = 40)",
    "ALTER TABLE documents ADD COLUMN size INTEGER CHECK (size IS NULL OR size >= 0)",
    "ALTER TABLE documents ADD COLUMN path TEXT",
)

#: Ordered steps; step ``i`` migrates version ``i`` to ``i + 1``. Append new steps at the end (one
#: named tuple per step, so parallel branches merge as one line each).
MIGRATIONS: Final[tuple[tuple[str, ...], ...]] = (
    _V1,
    _FOLLOWUPS,
    _ADMINISTRATIONS,
    _V_SEARCH,
    _LIST_INDEX,
    _SEALING,
    _USERS,
    _DOCUMENT_FACTS,
)

#: The schema version this app writes and the newest it can open.
SCHEMA_VERSION: Final = len(MIGRATIONS)
