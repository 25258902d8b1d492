"""Patient search over the indexed search terms: best match first, fast at a million patients.

``search(conn, query, limit=50, date_order="dmy")`` reads the query with
``core.patient_search.parse_query`` and ranks every patient matching any part of it: **exact
matches first** (how many name tokens equal a whole name part, or the exact chart number, birth
date or phone number), **then the most recent visit** (``patients.last_visit``), then the newest
patient.

How it stays fast (``patient_name_words`` is ``(word, visit, patient_id)``, see
``storage.migrations``): for each token the matching range is first counted up to ``CAP`` rows.
A small range is read whole and ranked. A large one is read already ordered by visit, newest
first, through the ``substr(word, 1, 1)`` / ``substr(word, 1, 2)`` indexes (a one- or two-letter
prefix is exactly one bucket, so the first ``limit`` rows are the answer), plus the exact matches
from the primary key ``(word, visit, ...)``. Other tokens of the query are checked per candidate
through the ``patient_id`` index. Chart numbers and birth dates use the ``patients`` indexes the
same way (``patients_last_visit`` for a large range).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from consult_app.core.patient import PatientRow
from consult_app.core.patient_search import parse_query
from consult_app.storage.backend import Connection, is_postgres
from consult_app.storage.patients import COLUMNS, row_to_patient

__all__ = ["CAP", "search"]

#: A range with fewer matching rows than this is read whole and ranked; a larger one in order.
CAP: Final = 2000
#: With several tokens, a driving range smaller than this is read whole (the other tokens are
#: checked per row): cheaper than hunting for a rare combination in visit order.
MULTI_CAP: Final = 20_000
#: Rows of an ordered bucket read before giving up on it and ranking the whole range instead
#: (first try with several tokens: ``FIRST_SCAN``).
SCAN_CAP: Final = 50_000
FIRST_SCAN: Final = 6_000
_TOP: Final = "\U0010ffff"  # sorts after every other text: upper bound of a prefix range
_DAYS: Final = "coalesce(CAST(julianday(last_visit) - 2440587.5 AS INTEGER), 0)"
_PG_DAYS: Final = "coalesce(nmc_date_or_null(last_visit) - date '1970-01-01', 0)"


def _days(conn: Connection) -> str:
    return _PG_DAYS if is_postgres(conn) else _DAYS


def _indexed(conn: Connection, index: str) -> str:
    """SQLite's ``INDEXED BY`` hint (PostgreSQL's planner picks the index itself)."""
    return "" if is_postgres(conn) else f" INDEXED BY {index}"


Hits = dict[int, tuple[int, int]]  # patient id -> (exact matches, visit day)


def search(
    conn: Connection, query: str, *, limit: int = 50, date_order: str = "dmy"
) -> list[PatientRow]:
    """Return the patients matching ``query``, best first, at most ``limit``.

    Never raises on what was typed (any text, any length); an empty query finds nothing.
    """
    parsed = parse_query(query, date_order)
    if parsed.empty or limit <= 0:
        return []
    hits: Hits = {}
    if parsed.name_tokens:
        _merge(hits, _term_hits(conn, parsed.name_tokens, limit))
    for term in parsed.phone:
        _merge(hits, _term_hits(conn, (term,), limit))
    if parsed.chart:
        _merge(hits, _column_hits(conn, "chart_number", parsed.chart, True, limit))
    for prefix in parsed.dates:
        _merge(hits, _column_hits(conn, "birth_date", prefix, len(prefix) == 10, limit))
    best = sorted(hits.items(), key=lambda kv: (-kv[1][0], -kv[1][1], -kv[0]))[:limit]
    ids = [pid for pid, _ in best]
    rows = _fetch(conn, ids)
    return [rows[pid] for pid in ids if pid in rows]


def _merge(into: Hits, new: Hits) -> None:
    for pid, (exact, visit) in new.items():
        old = into.get(pid)
        into[pid] = (max(exact, old[0]), visit) if old else (exact, visit)


def _fetch(conn: Connection, ids: Sequence[int]) -> dict[int, PatientRow]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT {COLUMNS} FROM patients WHERE id IN ({marks})", ids)
    return {int(r["id"]): row_to_patient(r) for r in rows}


def _count(conn: Connection, sql: str, params: Sequence[object], cap: int | None = None) -> int:
    cap = CAP if cap is None else cap
    return int(
        conn.execute(f"SELECT count(*) FROM ({sql} LIMIT {cap}) AS capped", params).fetchone()[0]
    )


# --- terms: name tokens and phone digits -------------------------------------------------------
_RANGE: Final = "w.word >= ? AND w.word < ?"
_OTHER: Final = (
    "EXISTS (SELECT 1 FROM patient_name_words o"
    " WHERE o.patient_id = w.patient_id AND o.word >= ? AND o.word < ?)"
)
_EXACT: Final = (
    "EXISTS (SELECT 1 FROM patient_name_words e WHERE e.patient_id = w.patient_id AND e.word = ?)"
)


def _term_hits(conn: Connection, tokens: Sequence[str], limit: int) -> Hits:
    """Patients with a term starting with each of ``tokens``, the best ``limit`` or more."""
    tokens = list(dict.fromkeys(tokens))
    whole = CAP if len(tokens) == 1 else max(CAP, MULTI_CAP)  # read the range whole below this
    counts = {
        t: _count(conn, f"SELECT 1 FROM patient_name_words w WHERE {_RANGE}", (t, t + _TOP), whole)
        for t in tokens
    }
    driver = min(tokens, key=lambda t: (counts[t], -len(t)))
    if counts[driver] == 0:
        return {}
    others = [t for t in tokens if t != driver]
    where = " AND ".join([_RANGE] + [_OTHER] * len(others))
    params: list[object] = [driver, driver + _TOP]
    for t in others:
        params += [t, t + _TOP]
    if counts[driver] < CAP:
        return _ranked_range(conn, tokens, where, params, limit)
    scans = [SCAN_CAP] if not others else [FIRST_SCAN, SCAN_CAP]
    for scan in scans:
        hits = _ordered_hits(conn, driver, others, where, params, limit, scan)
        if hits is not None:
            return _with_exact(conn, hits, tokens)
        if others and counts[driver] < whole:
            break  # a rare combination: reading the whole driving range is cheaper
    return _ranked_range(conn, tokens, where, params, limit)


def _ordered_hits(
    conn: Connection,
    driver: str,
    others: Sequence[str],
    where: str,
    params: list[object],
    limit: int,
    scan: int,
) -> Hits | None:
    """The driver's exact matches and its first ``limit`` matches, newest visit first.

    Reads at most ``scan`` rows of the driver's bucket; None when they do not fill ``limit``.
    """
    hits: Hits = {}
    # the exact matches of the driver, newest visit first (primary key order)
    exact_where = " AND ".join(["w.word = ?"] + [_OTHER] * len(others))
    exact_sql = (
        f"SELECT w.patient_id, w.visit FROM patient_name_words w WHERE {exact_where}"
        " ORDER BY w.visit DESC LIMIT ?"
    )
    for pid, visit in conn.execute(exact_sql, [driver, *params[2:], limit]):
        hits.setdefault(int(pid), (0, int(visit)))
    # every match, newest visit first, through the one- or two-letter bucket
    n = 1 if len(driver) == 1 else 2
    ordered = (
        f"SELECT w.patient_id, w.visit FROM (SELECT word, visit, patient_id"
        f" FROM patient_name_words{_indexed(conn, f'patient_name_words_p{n}')}"
        f" WHERE substr(word, 1, {n}) = ? ORDER BY visit DESC LIMIT {int(scan)}) w WHERE {where}"
    )
    found: set[int] = set()
    cursor = conn.execute(ordered, [driver[:n], *params])
    try:
        for pid, visit in cursor:
            if int(pid) not in found:
                found.add(int(pid))
                hits.setdefault(int(pid), (0, int(visit)))
                if len(found) >= limit:
                    return hits
    finally:
        cursor.close()
    return None


def _ranked_range(
    conn: Connection, tokens: Sequence[str], where: str, params: list[object], limit: int
) -> Hits:
    exact = " + ".join([_EXACT] * len(tokens))
    sql = (
        f"SELECT w.patient_id, max(w.visit) AS v, {exact} AS ex FROM patient_name_words w"
        f" WHERE {where} GROUP BY w.patient_id ORDER BY ex DESC, v DESC, w.patient_id DESC LIMIT ?"
    )
    rows = conn.execute(sql, [*tokens, *params, limit])
    return {int(pid): (int(ex), int(v)) for pid, v, ex in rows}


def _with_exact(conn: Connection, hits: Hits, tokens: Sequence[str]) -> Hits:
    ids = list(hits)
    sql = (
        "SELECT patient_id, count(*) FROM patient_name_words"
        f"{_indexed(conn, 'patient_name_words_patient')}"
        f" WHERE patient_id IN ({','.join('?' * len(ids))})"
        f" AND word IN ({','.join('?' * len(tokens))}) GROUP BY patient_id"
    )
    for pid, exact in conn.execute(sql, [*ids, *tokens]):
        hits[int(pid)] = (int(exact), hits[int(pid)][1])
    return hits


# --- columns: chart number and birth date ------------------------------------------------------
def _column_hits(
    conn: Connection, column: str, prefix: str, exact_possible: bool, limit: int
) -> Hits:
    days = _days(conn)
    if is_postgres(conn) and column == "chart_number":  # SQLite: the column is COLLATE NOCASE
        column, prefix = "lower(chart_number)", _ascii_lower(prefix)
    where = f"{column} >= ? AND {column} < ?"
    params = (prefix, prefix + _TOP)
    hits: Hits = {}
    if _count(conn, f"SELECT 1 FROM patients WHERE {where}", params) < CAP:
        sql = f"SELECT id, {days}, {column} = ? FROM patients WHERE {where}"
        for pid, visit, exact in conn.execute(sql, (prefix, *params)):
            hits[int(pid)] = (int(bool(exact and exact_possible)), int(visit))
        return hits
    if exact_possible:
        exact_sql = f"SELECT id, {days} FROM patients WHERE {column} = ? LIMIT ?"
        for pid, visit in conn.execute(exact_sql, (prefix, limit)):
            hits[int(pid)] = (1, int(visit))
    ordered = (
        f"SELECT id, {days} FROM patients{_indexed(conn, 'patients_last_visit')} WHERE {where}"
        " ORDER BY last_visit DESC, id DESC LIMIT ?"
    )
    for pid, visit in conn.execute(ordered, (*params, limit)):
        hits.setdefault(int(pid), (0, int(visit)))
    return hits


def _ascii_lower(text: str) -> str:
    """Fold A-Z only, as SQLite's NOCASE and PostgreSQL's ``lower`` under ``COLLATE "C"``."""
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER: Final = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
