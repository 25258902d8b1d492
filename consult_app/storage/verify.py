"""Check that nothing sealed or audited was altered, deleted or reordered.

``verify(conn)`` reads everything in one read transaction (one snapshot: a writer committing
meanwhile cannot make it cry wolf), recomputes every seal and walks the audit hash chain, then
cross-checks the tables against the chain. Every fact a seal, the dose history or the audit
depends on is covered by a seal or by the chain:

- consents: bytes vs seal, seal, consultation, corrected consent and ``sealed_at`` vs their
  ``consent_sealed`` entry, decision vs bytes; a logged consent that is gone;
- consultations: started in the log (and not discarded) but gone; moved to another patient
  (``patient_id`` vs the log); status vs the effective consent; the stored state (``data``) vs the
  hash logged when it was sealed;
- patients: created in the log but gone; name, birth date, sex or chart number changed without a
  logged change (the log holds a hash of them);
- documents, administrations, follow-ups: each as its own module checks it;
- the chain: each entry's hash, ``prev_hash``, gaps, a missing tail (``sqlite_sequence``), the keyed
  MAC of every entry from the keyring key's first one on, and the chain heads anchored outside the
  file (``storage.anchors``; ``CONSULT_APP_NO_KEYRING=1`` turns the keyring off);
- triggers: every trigger the migrations create must be present with exactly their SQL, and no
  other trigger may exist;
- the schema: every table, index and view must be the migrations' own, with exactly their SQL
  (an edit through ``PRAGMA writable_schema`` that drops a CHECK or a NOT NULL, a renamed, extra
  or dropped table or index). When the schema differs, a check whose query then fails is reported
  as a problem (exit 6: the file is sound, it was tampered with), not as a storage failure.

Adding a sealed table is one registration: append a ``SealedTable`` to ``SEALED_TABLES`` (its
triggers come from the migrations). Every problem names the consultation (or audit ``seq``)
concerned. Read-only: safe on a read-only connection.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from consult_app.core.sealing import seal_hash
from consult_app.storage import administrations, anchors, idempotency, verify_facts
from consult_app.storage.anchors import AuditKey
from consult_app.storage.audit import GENESIS_HASH, AuditEntry, entries, entry_hash
from consult_app.storage.backend import Connection, is_postgres
from consult_app.storage.consents import decision_of, parse_sealing_detail
from consult_app.storage.db import open_database
from consult_app.storage.followups import check_followups
from consult_app.storage.migrations import MIGRATIONS
from consult_app.storage.migrations_pg import PG_MIGRATIONS

__all__ = [
    "REQUIRED_TRIGGERS",
    "SEALED_TABLES",
    "ConsentCheck",
    "SealedTable",
    "VerifyReport",
    "expected_schema",
    "expected_triggers",
    "verify",
]

Problem = Callable[[str, int | None], None]
Check = Callable[[Connection, list[AuditEntry], Problem], None]

_CREATE_TRIGGER: Final = re.compile(r"^\s*CREATE\s+TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.I)
_CREATE_FUNCTION: Final = re.compile(r"^\s*CREATE\s+FUNCTION\s+(\w+)\s*\(", re.I)
_ON_SCHEMA: Final = re.compile(r" ON \w+\.")
_DROP_TRIGGER: Final = re.compile(r"^\s*DROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?(\w+)", re.I)


def _normal_sql(sql: str) -> str:
    return " ".join(sql.split())


def expected_triggers() -> dict[str, str]:
    """Every trigger the migrations leave in place: name -> its SQL (whitespace normalised)."""
    found: dict[str, str] = {}
    for step in MIGRATIONS:
        for statement in step:
            created = _CREATE_TRIGGER.match(statement)
            if created:
                found[created.group(1)] = _normal_sql(statement)
                continue
            dropped = _DROP_TRIGGER.match(statement)
            if dropped:
                found.pop(dropped.group(1), None)
    return found


@functools.cache
def expected_schema() -> dict[tuple[str, str], tuple[str, str]]:
    """Every table, index and view the migrations create: (type, name) -> (table, SQL).

    Built once per process by running the migrations on an empty in-memory database, so the SQL
    is exactly what SQLite stores for them (``ALTER TABLE ... ADD COLUMN`` included). SQL is
    whitespace-normalised; SQLite's own automatic indexes have none.
    """
    conn = open_database(":memory:")
    try:
        rows = conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type <> 'trigger'"
        ).fetchall()
    finally:
        conn.close()
    return {(str(r[0]), str(r[1])): (str(r[2]), _normal_sql(str(r[3] or ""))) for r in rows}


#: Names of the triggers that protect sealed and audited rows (all from the migrations).
REQUIRED_TRIGGERS: Final = tuple(expected_triggers())


@dataclass(frozen=True, slots=True)
class ConsentCheck:
    """The state of one sealed consent.

    Attributes:
        consent_id: the consent's id.
        consultation_id: its consultation.
        decision: ``given`` or ``declined`` (as stored).
        sha256: the stored seal.
        ok: True when the bytes, the seal and the audit log agree.
        corrects_consent_id: the consent it corrects, if any.
    """

    consent_id: int
    consultation_id: int
    decision: str
    sha256: str
    ok: bool
    corrects_consent_id: int | None = None


@dataclass(slots=True)
class VerifyReport:
    """What ``verify`` found.

    Attributes:
        consents: one check per stored consent, in id order.
        audit_entries: how many audit entries were read.
        chain_ok: True when the audit hash chain is whole and in order.
        problems: one line per problem, naming the consultation or audit entry.
        altered_consultations: ids of consultations with any problem.
        anchors: one line per anchor outside the file that was used (or why none was).
    """

    consents: list[ConsentCheck] = field(default_factory=list)
    audit_entries: int = 0
    chain_ok: bool = True
    problems: list[str] = field(default_factory=list)
    altered_consultations: set[int] = field(default_factory=set)
    anchors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing was altered, deleted or reordered."""
        return not self.problems

    def _problem(self, text: str, consultation_id: int | None = None) -> None:
        self.problems.append(text)
        if consultation_id is not None:
            self.altered_consultations.add(consultation_id)


@dataclass(frozen=True, slots=True)
class SealedTable:
    """One sealed (or audited) table: its name and the check of its rows against the log."""

    table: str
    check: Check


def _check_followups(conn: Connection, log: list[AuditEntry], problem: Problem) -> None:
    logged: dict[int, str] = {}
    for entry in log:
        if entry.event == "followup_recorded" and entry.detail and ":" in entry.detail:
            fid, _, digest = entry.detail.partition(":")
            if fid.isdigit():
                logged[int(fid)] = digest
    for text in check_followups(conn, logged):
        problem(text, None)


#: The tables ``verify`` checks, in order. A new sealed table adds one line here.
SEALED_TABLES: list[SealedTable] = [
    SealedTable("patients", verify_facts.check_patients),
    SealedTable("consultations", verify_facts.check_consultations),
    SealedTable("documents", verify_facts.check_documents),
    SealedTable("administrations", administrations.check_administrations),
    SealedTable("followups", _check_followups),
    SealedTable("case_ids", idempotency.check_case_ids),
    SealedTable("pending_documents", idempotency.check_pending),
    SealedTable("treatment_index", verify_facts.check_lists),
]


def verify(
    conn: Connection,
    *,
    key: AuditKey | None = None,
    anchor_folders: Sequence[Path] = (),
    keyring_checked: bool = False,
) -> VerifyReport:
    """Recompute every seal and the audit chain in one snapshot; see the module docstring.

    Args:
        conn: the database (a read-only connection is fine).
        key: the keyring's audit key for this database, when there is one.
        anchor_folders: folders whose ``audit-anchors.jsonl`` to compare the chain with.
        keyring_checked: the caller looked for a key (the report then says none was found).

    Raises:
        sqlite3.Error: when the database cannot be read (callers map it to exit 8).
    """
    report = VerifyReport()
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")  # one read transaction: one snapshot for every query below
    try:
        schema_ok = _check_schema(conn, report)

        def guarded(what: str, check: Callable[[], None]) -> None:
            try:
                check()
            except sqlite3.OperationalError as exc:
                if schema_ok:
                    raise  # a sound schema whose query fails: the storage failed (exit 8)
                report._problem(f"schema altered: {what} could not be checked ({exc})")

        log: list[AuditEntry] = []

        def read_log() -> None:
            log.extend(entries(conn))

        guarded("the audit log", read_log)
        report.audit_entries = len(log)
        guarded("the audit chain", lambda: _check_chain(conn, log, report))
        _check_keyed(log, key, report, keyring_checked=keyring_checked)
        _check_anchors(log, key, anchor_folders, report)
        guarded("consents", lambda: _check_consents(conn, log, report))
        for sealed in SEALED_TABLES:
            guarded(sealed.table, functools.partial(sealed.check, conn, log, report._problem))
        guarded("triggers", lambda: _check_triggers(conn, report))
    finally:
        if own and conn.in_transaction:
            conn.execute("ROLLBACK")
    return report


def _check_keyed(
    log: list[AuditEntry], key: AuditKey | None, report: VerifyReport, *, keyring_checked: bool
) -> None:
    if key is None:
        if keyring_checked:
            report.anchors.append("keyring: no audit key for this database (chain not keyed)")
        return
    bad = [
        e.seq
        for e in log
        if e.seq >= key.since and e.mac != anchors.entry_mac(key.key, e.seq, e.hash)
    ]
    checked = sum(1 for e in log if e.seq >= key.since)
    report.anchors.append(f"keyring: audit key from entry {key.since} on, {checked} entries keyed")
    if bad:
        shown = ", ".join(str(n) for n in bad[:10]) + (" ..." if len(bad) > 10 else "")
        report._problem(
            f"audit log: entries {shown} do not carry the keyring's MAC "
            "(the chain was rewritten without the key)"
        )
        report.chain_ok = False


def _check_anchors(
    log: list[AuditEntry],
    key: AuditKey | None,
    folders: Sequence[Path],
    report: VerifyReport,
) -> None:
    by_seq = {e.seq: e for e in log}

    def backed(anchor: anchors.Anchor) -> bool:
        """A restore line counts only when the chain holds the entry that recorded it."""
        entry = by_seq.get(anchor.seq)
        return (
            entry is not None and entry.event == "database_restored" and (entry.hash == anchor.hash)
        )

    found, files = anchors.read_anchors(folders, restored=backed)
    if not files:
        if folders:
            shown = ", ".join(str(f) for f in folders)
            report.anchors.append(f"backup anchors: none found in {shown}")
        return
    read = {str(Path(f).parent) for f in files}
    for folder in folders:
        if str(folder) not in read and not (folder / anchors.ANCHOR_FILE).is_file():
            report.anchors.append(f"backup anchors: none in {folder} (not there or unreachable)")
    for anchor in found:
        if anchor.base_seq is not None and backed(anchor):
            report.anchors.append(
                f"backup anchors: the database was restored {anchor.at} from a backup; the "
                f"history after entry {anchor.base_seq} was replaced (entry {anchor.seq})"
            )
    root = log[0].hash if log else None
    last = log[-1].seq if log else 0
    problems = 0
    for anchor in found:
        if (
            key is not None
            and anchor.mac
            and anchor.mac != anchors.entry_mac(key.key, anchor.seq, anchor.hash)
        ):
            report.anchors.append(f"anchor of {anchor.at} in {anchor.source}: not this key's")
        where = f"the anchor written {anchor.at} in {anchor.source}"
        if anchor.root is not None and root is not None and anchor.root != root:
            report._problem(
                f"audit log: does not start like the chain anchored by {where} (rewritten from "
                "its first entry, or that anchor file belongs to another database)"
            )
            problems += 1
            continue
        entry = by_seq.get(anchor.seq)
        if entry is None and anchor.seq > last:
            report._problem(
                f"audit log: entries {last + 1}-{anchor.seq} deleted (tail missing: {where} "
                f"names entry {anchor.seq})"
            )
            report.chain_ok = False
            problems += 1
        elif entry is not None and entry.hash != anchor.hash:
            report._problem(
                f"audit log: entry {anchor.seq} differs from {where} (the chain was rewritten)",
                entry.consultation_id,
            )
            report.chain_ok = False
            problems += 1
    newest = max((a.seq for a in found), default=0)
    state = "agree" if not problems else f"{problems} disagree"
    report.anchors.append(
        f"backup anchors: {len(found)} in {', '.join(files)} (newest: entry {newest}), {state}"
    )


def _check_chain(conn: Connection, log: list[AuditEntry], report: VerifyReport) -> None:
    prev_hash = GENESIS_HASH
    expected_seq = 1
    for entry in log:
        if entry.seq != expected_seq:
            if entry.seq > expected_seq:
                missing = (
                    f"{expected_seq}"
                    if entry.seq == expected_seq + 1
                    else f"{expected_seq}-{entry.seq - 1}"
                )
                report._problem(f"audit log: entries {missing} deleted")
            else:
                report._problem(f"audit log: entry {entry.seq} out of order")
            report.chain_ok = False
        if entry.prev_hash != prev_hash:
            report._problem(
                f"audit log: entry {entry.seq} does not follow the previous entry "
                "(chain broken: rows deleted, inserted or reordered)",
                entry.consultation_id,
            )
            report.chain_ok = False
        if entry_hash(entry.prev_hash, entry.body()) != entry.hash:
            report._problem(f"audit log: entry {entry.seq} altered", entry.consultation_id)
            report.chain_ok = False
        prev_hash = entry.hash
        expected_seq = entry.seq + 1
    issued = conn.execute(
        "SELECT seq FROM audit_issued"
        if is_postgres(conn)
        else "SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'"
    ).fetchone()
    last = log[-1].seq if log else 0
    if issued is not None and int(issued[0]) > last:
        report._problem(f"audit log: entries {last + 1}-{int(issued[0])} deleted (tail missing)")
        report.chain_ok = False


def _check_consents(conn: Connection, log: list[AuditEntry], report: VerifyReport) -> None:
    sealed_by_consent: dict[int, tuple[int | None, str | None]] = {}
    sealed_entry: dict[int, AuditEntry] = {}
    for entry in log:
        if entry.event == "consent_sealed" and entry.consent_id is not None:
            sealed_by_consent[entry.consent_id] = (
                entry.consultation_id,
                parse_sealing_detail(entry.detail)[0],
            )
            sealed_entry[entry.consent_id] = entry
    seen: set[int] = set()
    rows = conn.execute(
        "SELECT id, consultation_id, decision, canonical, sha256, corrects_consent_id, sealed_at"
        " FROM consents ORDER BY id"
    ).fetchall()
    for row in rows:
        consent_id = int(row["id"])
        consultation_id = int(row["consultation_id"])
        seen.add(consent_id)
        raw = row["canonical"]
        data = bytes(raw) if isinstance(raw, bytes | memoryview) else str(raw).encode("utf-8")
        stored = str(row["sha256"])
        ok = True
        where = f"consultation {consultation_id}: consent {consent_id}"
        if seal_hash(data) != stored:
            report._problem(f"ALTERED {where}: its bytes do not match its seal", consultation_id)
            ok = False
        logged = sealed_by_consent.get(consent_id)
        if logged is None:
            report._problem(f"ALTERED {where}: not in the audit log", consultation_id)
            ok = False
        else:
            logged_consultation, logged_hash = logged
            if logged_hash != stored:
                report._problem(
                    f"ALTERED {where}: its seal differs from the one in the audit log",
                    consultation_id,
                )
                ok = False
            if logged_consultation != consultation_id:
                report._problem(
                    f"ALTERED {where}: the audit log sealed it for consultation "
                    f"{logged_consultation}",
                    consultation_id,
                )
                ok = False
        sealing = sealed_entry.get(consent_id)
        if sealing is not None and not verify_facts.consent_matches_entry(row, sealing):
            report._problem(
                f"ALTERED {where}: the consent it corrects or its sealing time differs from "
                "the audit log",
                consultation_id,
            )
            ok = False
        try:
            payload = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            payload = None
        if not isinstance(payload, dict) or decision_of(payload) != row["decision"]:
            report._problem(f"ALTERED {where}: decision differs from its bytes", consultation_id)
            ok = False
        report.consents.append(
            ConsentCheck(
                consent_id=consent_id,
                consultation_id=consultation_id,
                decision=str(row["decision"]),
                sha256=stored,
                ok=ok,
                corrects_consent_id=row["corrects_consent_id"],
            )
        )
    for consent_id, (logged_for, _) in sorted(sealed_by_consent.items()):
        if consent_id not in seen:
            report._problem(
                f"DELETED consultation {logged_for}: consent {consent_id} is missing", logged_for
            )


def _check_schema(conn: Connection, report: VerifyReport) -> bool:
    """Compare every table, index and view with the migrations'; return True when all match.

    SQLite only: on PostgreSQL the triggers and their functions are checked
    (``_check_triggers_pg``), the tables' columns and constraints are not yet.
    """
    if is_postgres(conn):
        return True
    present = {
        (str(r[0]), str(r[1])): (str(r[2]), _normal_sql(str(r[3] or "")))
        for r in conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type <> 'trigger'"
        )
    }
    expected = expected_schema()
    before = len(report.problems)
    for (kind, name), (table, sql) in sorted(expected.items()):
        found = present.get((kind, name))
        if found is None:
            report._problem(f"schema altered: {kind} {name} is missing")
        elif found != (table, sql):
            report._problem(f"schema altered: {kind} {name} is not the app's (its SQL differs)")
    for kind, name in sorted(set(present) - set(expected)):
        if not name.startswith("sqlite_stat"):  # ANALYZE's statistics: not a record
            report._problem(f"schema altered: {kind} {name} is not one of the app's")
    return len(report.problems) == before


def _check_triggers(conn: Connection, report: VerifyReport) -> None:
    if is_postgres(conn):
        _check_triggers_pg(conn, report)
        return
    present = {
        str(r[0]): _normal_sql(str(r[1] or ""))
        for r in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    }
    for name, sql in expected_triggers().items():
        if name not in present:
            report._problem(f"protection removed: trigger {name} is missing")
        elif present[name] != sql:
            report._problem(
                f"protection altered: trigger {name} is not the app's (its SQL differs)"
            )
    for name in sorted(set(present) - set(expected_triggers())):
        report._problem(f"protection altered: trigger {name} is not one of the app's")


def expected_pg_protection() -> tuple[dict[str, str], dict[str, str]]:
    """PostgreSQL: the triggers and functions the PostgreSQL migrations leave.

    Returns:
        Trigger name -> its definition as ``pg_get_triggerdef`` prints it (without the schema),
        and function name -> its body.
    """
    triggers: dict[str, str] = {}
    functions: dict[str, str] = {}
    for step in PG_MIGRATIONS:
        for statement in step:
            created = _CREATE_TRIGGER.match(statement)
            if created:
                triggers[created.group(1)] = _normal_sql(statement)
            function = _CREATE_FUNCTION.match(statement)
            if function:
                functions[function.group(1)] = statement.split("$$")[1]
    return triggers, functions


def _check_triggers_pg(conn: Connection, report: VerifyReport) -> None:
    """The triggers on our tables and the functions they run are the migrations', enabled."""
    triggers, functions = expected_pg_protection()
    present: dict[str, tuple[str, str]] = {}
    for name, definition, enabled in conn.execute(
        "SELECT t.tgname, pg_get_triggerdef(t.oid), t.tgenabled FROM pg_trigger t"
        " JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE NOT t.tgisinternal AND n.nspname = current_schema()"
    ):
        present[str(name)] = (_ON_SCHEMA.sub(" ON ", _normal_sql(str(definition))), str(enabled))
    for name, sql in triggers.items():
        if name not in present:
            report._problem(f"protection removed: trigger {name} is missing")
        elif present[name][0] != sql:
            report._problem(
                f"protection altered: trigger {name} is not the app's (its SQL differs)"
            )
        elif present[name][1] not in ("O", "A"):
            report._problem(f"protection disabled: trigger {name} is turned off")
    for name in sorted(set(present) - set(triggers)):
        report._problem(f"protection altered: trigger {name} is not one of the app's")
    bodies: dict[str, list[str]] = {}
    for name, body in conn.execute(
        "SELECT p.proname, p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
        " WHERE n.nspname = current_schema() AND p.proname LIKE 'nmc?_%' ESCAPE '?'"
    ):
        bodies.setdefault(str(name), []).append(str(body))
    for name, body in functions.items():
        if name not in bodies:
            report._problem(f"protection removed: function {name} is missing")
        elif bodies[name] != [body]:
            report._problem(f"protection altered: function {name} is not the app's")
