"""Seeded, deterministic generator of large clinic databases for ``make bench``.

``build_database(path, patients=100_000, consultations=100_000)`` writes a real schema database
(created through ``storage.db.open_database``, so the migrations define the tables) holding ten
years of a busy clinic: patients with a realistic name distribution (Zipf-weighted first and last
names, accents, apostrophes, hyphenated and compound names, middle names), their searchable name
search terms exactly as ``PatientRepository`` writes them (name parts and phone digits, with
the visit rank the consultation triggers keep), consultations whose draft data has the
round-2 shape (``{"case": ..., "extra": ...}``), sealed consents with canonical bytes and seals,
document records and a valid hash-chained audit log. Everything is inserted with ``executemany``
in one transaction. The same seed always gives the same rows.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import random
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from consult_app.core.patient_search import days, search_terms
from consult_app.core.sealing import canonical_json, seal_hash
from consult_app.storage.audit import GENESIS_HASH, entry_hash
from consult_app.storage.db import open_database
from consult_app.storage.patients import _query_tokens

SEED = 20261121
YEARS = 10
END = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)
START = END - dt.timedelta(days=365 * YEARS)

# Ordered roughly by frequency: the generator weights rank r by 1 / (r + 3) (Zipf-like).
FIRST_NAMES: tuple[str, ...] = (
    "Marie",
    "Jean",
    "Sarah",
    "Michael",
    "Emma",
    "David",
    "Olivia",
    "James",
    "Sophie",
    "Daniel",
    "Chloé",
    "Mathieu",
    "Julie",
    "Robert",
    "Laura",
    "Pierre",
    "Anne",
    "Thomas",
    "Catherine",
    "William",
    "Isabelle",
    "Mark",
    "Nathalie",
    "John",
    "Jennifer",
    "Louis",
    "Émilie",
    "François",
    "Geneviève",
    "Patrick",
    "Hélène",
    "Christopher",
    "Élodie",
    "Maxime",
    "Stéphanie",
    "Andrew",
    "Mélanie",
    "Guillaume",
    "Amélie",
    "Paul",
    "Noémie",
    "Jessica",
    "Benoît",
    "Valérie",
    "Ryan",
    "Zoë",
    "Anaïs",
    "Léa",
    "Margaret",
    "Elizabeth",
    "Karen",
    "Linda",
    "Nancy",
    "Susan",
    "Lisa",
    "Sandra",
    "Ashley",
    "Kimberly",
    "Rebecca",
    "Amanda",
    "Megan",
    "Hannah",
    "Rachel",
    "Andrée",
    "Renée",
    "Josée",
    "Thérèse",
    "Ginette",
    "Sylvie",
    "Francine",
    "Lucie",
    "Diane",
    "Céline",
    "Ève",
    "Maëlle",
    "Inès",
    "Jérôme",
    "Frédéric",
    "Sébastien",
    "Éric",
    "Rémi",
    "Gaël",
    "Noël",
    "Joël",
    "Raphaël",
    "Mónica",
    "José",
    "María",
    "Lucía",
    "Sofía",
    "João",
    "Conceição",
    "Łukasz",
    "Małgorzata",
    "Agnieszka",
    "Wojciech",
    "Zoltán",
    "Ágnes",
    "Søren",
    "Björn",
    "Åsa",
    "Jürgen",
    "Günther",
    "Dagmar",
    "Siobhán",
    "Aoife",
    "Niamh",
    "Seán",
    "Ciarán",
    "Priya",
    "Anjali",
    "Rohan",
    "Arjun",
    "Mei",
    "Wei",
    "Xiaoling",
    "Hiroshi",
    "Yuki",
    "Min-jun",
    "Ji-woo",
    "Ngozi",
    "Chidi",
    "Oluwaseun",
    "Kwame",
    "Amara",
    "Fatima",
    "Ahmed",
    "Mohammed",
    "Youssef",
    "Leila",
    "Yasmin",
    "Omar",
    "Aïcha",
    "Nour",
    "Dmitri",
    "Olga",
    "Natalia",
    "Aleksandr",
    "Irina",
    "Eleni",
    "Giorgos",
    "Dimitra",
    "Giulia",
    "Francesca",
    "Matteo",
    "Lorenzo",
    "Chiara",
    "Ana-Maria",
    "Jean-Philippe",
    "Marie-Ève",
    "Marie-Claude",
    "Anne-Sophie",
    "Jean-François",
    "Pier-Luc",
    "Kateřina",
    "Tomáš",
    "Dušan",
    "Ivana",
    "Nguyễn Thị",
    "Thảo",
)
LAST_NAMES: tuple[str, ...] = (
    "Tremblay",
    "Smith",
    "Gagnon",
    "Roy",
    "Brown",
    "Côté",
    "Wilson",
    "Bouchard",
    "Martin",
    "Gauthier",
    "MacDonald",
    "Morin",
    "Lavoie",
    "Taylor",
    "Fortin",
    "Anderson",
    "Gagné",
    "Ouellet",
    "Campbell",
    "Pelletier",
    "Bélanger",
    "Lévesque",
    "Bergeron",
    "Leblanc",
    "Paquette",
    "Girard",
    "Simard",
    "Boucher",
    "Caron",
    "Beaulieu",
    "Cloutier",
    "Dubé",
    "Poirier",
    "Fournier",
    "Lapointe",
    "Leclerc",
    "Lefebvre",
    "Lefèvre",
    "Thériault",
    "Bérubé",
    "Hébert",
    "Ménard",
    "Chénier",
    "Gélinas",
    "Thibodeau",
    "O'Brien",
    "O'Neill",
    "O'Connor",
    "D'Amour",
    "D'Aoust",
    "McCarthy",
    "MacLeod",
    "Johnson",
    "Williams",
    "Jones",
    "Miller",
    "Davis",
    "García",
    "Rodríguez",
    "Martínez",
    "Hernández",
    "López",
    "González",
    "Pérez",
    "Sánchez",
    "Müller",
    "Schröder",
    "Größer",
    "Weiß",
    "Łukasiewicz",
    "Wiśniewski",
    "Dąbrowski",
    "Kowalczyk",
    "Søndergaard",
    "Østergaard",
    "Åström",
    "Lindqvist",
    "Nyström",
    "Kovács",
    "Szőke",
    "Dvořák",
    "Novák",
    "Horváth",
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Chen",
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Kim",
    "Park",
    "Lee",
    "Tanaka",
    "Suzuki",
    "Patel",
    "Singh",
    "Sharma",
    "Gupta",
    "Okafor",
    "Adeyemi",
    "Mensah",
    "Haddad",
    "Khoury",
    "El-Amin",
    "Benali",
    "Bouaziz",
    "Ivanov",
    "Petrov",
    "Popescu",
    "Papadopoulos",
    "Rossi",
    "Russo",
    "Esposito",
    "Bianchi",
    "Romano",
    "van der Berg",
    "de Vries",
    "van Dijk",
    "de la Cruz",
    "da Silva",
    "dos Santos",
    "Saint-Pierre",
    "St-Onge",
    "Lalonde-Roy",
    "Fitzgerald",
    "Murphy",
    "Kelly",
    "Byrne",
    "Ó Súilleabháin",
    "Nicholson",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
    "Hall",
    "Young",
    "King",
    "Wright",
    "Scott",
    "Green",
    "Baker",
    "Adams",
    "Nelson",
    "Hill",
    "Ramírez",
    "Cruz",
    "Reyes",
    "Flores",
    "Gómez",
    "Díaz",
    "Cohen",
    "Levy",
    "Friedman",
    "Goldberg",
    "Abramowicz",
)

AREAS = {
    "procerus": 5,
    "corrugator": 10,
    "frontalis": 20,
    "temporalis": 40,
    "occipitalis": 30,
    "cervical_paraspinal": 20,
    "trapezius": 30,
}
GLABELLAR = {"procerus": 4, "corrugator": 16}
CONSENT_TEXT = (
    "I have been told what the treatment involves, the expected benefit, the risks discussed "
    "above including the rare spread of toxin effect, the alternatives and the consequences of "
    "declining. I had the chance to ask questions and they were answered. I consent."
)
STEPS = ("indications", "product", "screening", "risks", "consent", "finish")


@dataclass(frozen=True, slots=True)
class Stats:
    """What ``build_database`` wrote."""

    patients: int
    name_words: int
    consultations: int
    consents: int
    documents: int
    audit: int
    seconds: float
    bytes: int


def _weights(n: int) -> list[float]:
    return [1.0 / (rank + 3) for rank in range(n)]


def _iso(when: dt.datetime) -> str:
    return when.isoformat(timespec="microseconds")


class _Names:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.first_cum = _cumulative(_weights(len(FIRST_NAMES)))
        self.last_cum = _cumulative(_weights(len(LAST_NAMES)))

    def _pick(self, names: Sequence[str], cum: list[float]) -> str:
        return names[bisect.bisect_left(cum, self.rng.random() * cum[-1])]

    def first(self) -> str:
        return self._pick(FIRST_NAMES, self.first_cum)

    def last(self) -> str:
        return self._pick(LAST_NAMES, self.last_cum)

    def full(self) -> str:
        r = self.rng.random()
        first = self.first()
        if r < 0.08:
            first = f"{first} {self.first()}"
        last = self.last()
        r = self.rng.random()
        if r < 0.10:
            last = f"{last}-{self.last()}"
        elif r < 0.13:
            last = f"{last} {self.last()}"
        return f"{first} {last}"


def _cumulative(weights: list[float]) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


@dataclass(slots=True)
class _Patient:
    id: int
    name: str
    birth_date: str
    sex: str
    chart: str | None
    language: str
    created: dt.datetime


def generate_patients(count: int, seed: int = SEED) -> list[_Patient]:
    """Return ``count`` patients, created evenly over ten years (ids in creation order)."""
    rng = random.Random(seed)
    names = _Names(rng)
    span = (END - START).total_seconds()
    created = sorted(rng.random() * span for _ in range(count))
    out = []
    for index in range(count):
        pid = index + 1
        sex = rng.choices(("female", "male", "other", "unknown"), (70, 27, 1, 2))[0]
        birth = dt.date(1935, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 73))
        chart = f"C{pid:06d}" if rng.random() < 0.85 else None
        out.append(
            _Patient(
                id=pid,
                name=names.full(),
                birth_date=birth.isoformat(),
                sex=sex,
                chart=chart,
                language="fr" if rng.random() < 0.3 else "en",
                created=START + dt.timedelta(seconds=created[index]),
            )
        )
    return out


def patient_rows(patients: Sequence[_Patient], seed: int = SEED) -> Iterator[tuple[object, ...]]:
    """Rows for ``patients`` in column order (see ``storage.migrations``); ``[6]`` is the phone."""
    rng = random.Random(seed + 1)
    keys: dict[str, str] = {}
    for p in patients:
        key = keys.get(p.name)
        if key is None:
            key = keys[p.name] = " ".join(_query_tokens(p.name))
        at = _iso(p.created)
        yield (
            p.id,
            p.name,
            key,
            p.birth_date,
            p.sex,
            p.chart,
            f"604-555-{rng.randrange(10000):04d}" if rng.random() < 0.9 else None,
            f"patient{p.id}@example.org" if rng.random() < 0.6 else None,
            p.language,
            rng.choice(("penicillin", "latex", "sulfa drugs")) if rng.random() < 0.12 else None,
            at,
            at,
        )


def word_rows(
    rows: Sequence[tuple[object, ...]], visits: dict[int, dt.date] | None = None
) -> Iterator[tuple[str, int, int]]:
    """``patient_name_words`` rows ``(word, visit, patient_id)`` for ``patient_rows`` rows.

    Exactly as ``PatientRepository`` writes them (``visits``: patient id -> last visit).
    """
    cache: dict[str, set[str]] = {}
    visits = visits or {}
    for row in rows:
        pid, name, phone = int(str(row[0])), str(row[1]), row[6]
        words = cache.get(name)
        if words is None:
            words = cache[name] = search_terms(name, None)
        visit = days(visits.get(pid))
        for word in sorted(words | search_terms("", phone if isinstance(phone, str) else None)):
            yield word, visit, pid


def _case(rng: random.Random, when: dt.datetime, migraine: bool) -> dict[str, object]:
    plan = dict(AREAS if migraine else GLABELLAR)
    answers = {
        q: "no"
        for q in (
            "toxin_allergy", "albumin_allergy", "other_ingredient_allergy", "site_infection",
            "neuromuscular_disorder", "swallowing_breathing", "pregnant", "breastfeeding",
            "aminoglycosides", "muscle_relaxants", "anticholinergics", "bleeding_disorder",
            "anticoagulants", "recent_toxin_elsewhere", "prior_toxin_complication",
            "cardiovascular_disease", "eyelid_conditions", "prior_surgery_at_site",
            "upcoming_surgery",
        )
    }  # fmt: skip
    reasons = {}
    if rng.random() < 0.2:
        answers["muscle_relaxants"] = "yes"
        reasons["muscle_relaxants"] = "Baclofen 10 mg at night; counselled on extra weakness."
    return {
        "jurisdiction": "CA",
        "date": when.date().isoformat(),
        "indications": ["chronic_migraine"] if migraine else ["glabellar_lines"],
        "diagnosis": "Chronic migraine (ICHD-3)" if migraine else "Moderate glabellar lines",
        "outcomes": {"monthly_headache_days": rng.randrange(8, 25), "hit6": rng.randrange(50, 75)}
        if migraine
        else {},
        "product": "botox",
        "lot": {"number": f"C{rng.randrange(1000, 9999)}A", "expiry": "2027-05-31"},
        "dilution_units_per_ml": 50 if migraine else 40,
        "plan": plan,
        "answers": answers,
        "reasons": reasons,
        "risks_discussed": "all",
    }


_INSERT_PATIENT = (
    "INSERT INTO patients (id, name, search_key, birth_date, sex, chart_number, phone,"
    " email, language, allergies, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_WORD = "INSERT OR IGNORE INTO patient_name_words (word, visit, patient_id) VALUES (?, ?, ?)"


def build_search_database(path: Path, *, patients: int = 1_000_000, seed: int = SEED) -> Stats:
    """Create ``path`` holding only patients (and their search terms): the search at scale.

    Three in four patients have a last visit spread over ten years. Indexes are dropped during
    the insert and rebuilt after it (the same indexes the migrations define).
    """
    import time

    started = time.perf_counter()
    open_database(path).close()
    people = generate_patients(patients, seed)
    rows = list(patient_rows(people, seed))
    rng = random.Random(seed + 3)
    span = (END - START).days
    visits = {
        int(str(r[0])): START.date() + dt.timedelta(days=rng.randrange(span))
        for r in rows
        if rng.random() < 0.75
    }
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous = OFF")
        indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            " AND tbl_name IN ('patients', 'patient_name_words')"
        ).fetchall()
        conn.execute("BEGIN")
        for name, _ in indexes:
            conn.execute(f"DROP INDEX {name}")
        conn.executemany(_INSERT_PATIENT, rows)
        conn.executemany(
            "UPDATE patients SET last_visit = ? WHERE id = ?",
            ((d.isoformat(), pid) for pid, d in visits.items()),
        )
        n_words = conn.executemany(_INSERT_WORD, word_rows(rows, visits)).rowcount
        for _, sql in indexes:
            conn.execute(sql)
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return Stats(
        patients=len(rows),
        name_words=n_words,
        consultations=0,
        consents=0,
        documents=0,
        audit=0,
        seconds=time.perf_counter() - started,
        bytes=path.stat().st_size,
    )


def build_database(
    path: Path, *, patients: int = 100_000, consultations: int = 100_000, seed: int = SEED
) -> Stats:
    """Create ``path`` (must not exist) holding the generated clinic; return what was written."""
    import time

    started = time.perf_counter()
    open_database(path).close()  # the real schema, through the migrations
    people = generate_patients(patients, seed)
    rng = random.Random(seed + 2)
    created = [p.created for p in people]
    span = (END - START).total_seconds()
    times = sorted(START + dt.timedelta(seconds=rng.random() * span) for _ in range(consultations))

    consultation_rows: list[tuple[object, ...]] = []
    consent_rows: list[tuple[object, ...]] = []
    document_rows: list[tuple[object, ...]] = []
    events: list[tuple[str, str, int | None, int | None, int | None, int | None, str | None]] = [
        (_iso(p.created), "patient_created", p.id, None, None, None, None) for p in people
    ]
    for cid, when in enumerate(times, start=1):
        known = max(1, bisect.bisect_right(created, when))
        patient = people[rng.randrange(known)]
        migraine = rng.random() < 0.6
        case = _case(rng, when, migraine)
        roll = rng.random()
        status = (
            "sealed" if roll < 0.88 else "declined" if roll < 0.92 else "deferred"
            if roll < 0.95 else "draft"
        )  # fmt: skip
        step = "finish" if status in ("sealed", "declined") else rng.choice(STEPS[:5])
        data = {
            "case": case,
            "extra": {"step": step, "patient_questions": "", "confirmations": []},
        }
        at = _iso(when)
        sealed = when + dt.timedelta(minutes=rng.randrange(10, 40))
        consultation_rows.append(
            (
                cid,
                patient.id,
                status,
                json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                rng.randrange(8, 40),
                at,
                _iso(sealed) if status in ("sealed", "declined") else at,
            )
        )
        events.append((at, "consultation_started", patient.id, cid, None, None, None))
        if status in ("sealed", "declined"):
            decision = "given" if status == "sealed" else "declined"
            payload = dict(case)
            payload["patient"] = {
                "name": patient.name,
                "birth_date": patient.birth_date,
                "sex": patient.sex,
                "chart_number": patient.chart,
            }
            payload["consent"] = {
                "decision": decision,
                "text": CONSENT_TEXT,
                "patient_signature": f"typed:{patient.name}",
                "clinician": "Dr A. Smith",
                "clinician_signature": "typed:A. Smith",
            }
            payload["signed_at"] = _iso(sealed)
            canonical = canonical_json(payload)
            digest = seal_hash(canonical)
            consent_id = len(consent_rows) + 1
            consent_rows.append((consent_id, cid, decision, canonical, digest, _iso(sealed), None))
            events.append(
                (_iso(sealed), "consent_sealed", patient.id, cid, consent_id, None, digest)
            )
            for kind in ("record", "handout") if decision == "given" else ("record",):
                doc_id = len(document_rows) + 1
                doc_hash = seal_hash(f"{cid}:{kind}".encode())
                document_rows.append((doc_id, cid, kind, doc_hash, _iso(sealed)))
                events.append((_iso(sealed), "document_produced", patient.id, cid, None, doc_id,
                               kind))  # fmt: skip
    events.sort(key=lambda e: e[0])
    audit_rows = []
    prev = GENESIS_HASH
    for seq, (at, event, pid, cid, consent, doc, detail) in enumerate(events, start=1):
        body = {
            "seq": seq,
            "at": at,
            "event": event,
            "patient_id": pid,
            "consultation_id": cid,
            "consent_id": consent,
            "document_id": doc,
            "detail": detail,
        }
        digest = entry_hash(prev, body)
        audit_rows.append((seq, at, event, pid, cid, consent, doc, detail, prev, digest))
        prev = digest

    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN")
        rows = list(patient_rows(people, seed))
        conn.executemany(_INSERT_PATIENT, rows)
        n_words = conn.executemany(_INSERT_WORD, word_rows(rows)).rowcount
        conn.executemany(
            "INSERT INTO consultations (id, patient_id, status, data, revision, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            consultation_rows,
        )
        conn.executemany(
            "INSERT INTO consents (id, consultation_id, decision, canonical, sha256, sealed_at,"
            " corrects_consent_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            consent_rows,
        )
        conn.executemany(
            "INSERT INTO documents (id, consultation_id, kind, sha256, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            document_rows,
        )
        conn.executemany(
            "INSERT INTO audit_log (seq, at, event, patient_id, consultation_id, consent_id,"
            " document_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            audit_rows,
        )
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return Stats(
        patients=len(people),
        name_words=n_words,
        consultations=len(consultation_rows),
        consents=len(consent_rows),
        documents=len(document_rows),
        audit=len(audit_rows),
        seconds=time.perf_counter() - started,
        bytes=path.stat().st_size,
    )


def main(argv: Sequence[str]) -> int:
    """``python -m bench.generator PATH [--search-only N]``: build the database at PATH, print
    the stats as JSON (``--search-only N``: N patients and their search terms only)."""
    from dataclasses import asdict

    if len(argv) == 3 and argv[1] == "--search-only":
        stats = build_search_database(Path(argv[0]), patients=int(argv[2]))
    else:
        stats = build_database(Path(argv[0]))
    print(json.dumps(asdict(stats)))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
