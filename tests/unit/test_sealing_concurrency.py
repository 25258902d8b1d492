"""Issue 14, point 1: two ``consult-app run`` of one case at once never both seal.

Twenty pairs of real ``consult_app.app.main.main(["run", ...])`` calls in two ``multiprocessing``
workers (spawned, so no Qt is inherited), released together by a barrier on one fresh data folder:
with and without a chart number, with and without a case ``id``. Exactly one seals; the other
sees the first in its history (exit 3 or 4), replays it (same ``id``: exit 0, same seal), or is
refused with exit 8 and a message; never exit 1, never two patients, never two consents; and
``verify`` finds the database intact.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import multiprocessing
import sqlite3
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASE = json.loads((ROOT / "tests/fixtures/cases/chronic_migraine_ca.json").read_text("utf-8"))
PAIRS = 20

_barrier: Any = None


def _init(barrier: Any) -> None:
    global _barrier
    _barrier = barrier
    import consult_app.app.cmd_run  # noqa: F401 - warm the worker before the race


def _run(argv: list[str]) -> tuple[int, str]:
    from consult_app.app.main import main

    err = io.StringIO()
    _barrier.wait(timeout=60)
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(argv)
    return code, err.getvalue()


def _variant(index: int) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    if index % 2:
        del data["patient"]["chart_number"]
    if (index // 2) % 2:
        data["id"] = f"emr-{index}"
    return data


def test_twenty_concurrent_pairs_never_seal_twice(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    outcomes = []
    with ctx.Pool(2, initializer=_init, initargs=(barrier,)) as pool:
        for index in range(PAIRS):
            data = _variant(index)
            folder = tmp_path / f"pair{index}"
            folder.mkdir()
            case = folder / "case.json"
            case.write_text(json.dumps(data), encoding="utf-8")
            jobs = [
                pool.apply_async(
                    _run,
                    (
                        [
                            "run",
                            str(case),
                            "--out",
                            str(folder / f"out{n}"),
                            "--data-dir",
                            str(folder / "data"),
                        ],
                    ),
                )
                for n in (0, 1)
            ]
            results = [job.get(timeout=180) for job in jobs]
            outcomes.append((index, data, folder, results))

    from consult_app.app.main import main

    for index, data, folder, results in outcomes:
        codes = sorted(code for code, _ in results)
        detail = f"pair {index}: {results}"
        assert 1 not in codes, detail
        assert codes[0] == 0, detail  # one sealed
        if "id" in data:
            assert codes[1] in (0, 8), detail  # the same case: replayed, or refused
        else:
            assert codes[1] in (3, 4, 8), detail  # saw the first in its history, or refused
        for code, err in results:
            if code == 8:
                assert "error:" in err and "Traceback" not in err, detail
        db = sqlite3.connect(str(folder / "data" / "consult.sqlite3"))
        try:
            assert db.execute("SELECT count(*) FROM patients").fetchone()[0] == 1, detail
            assert db.execute("SELECT count(*) FROM consents").fetchone()[0] == 1, detail
            if "id" in data:
                assert db.execute("SELECT count(*) FROM consultations").fetchone()[0] == 1
        finally:
            db.close()
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(["verify", "--data-dir", str(folder / "data")]) == 0, detail
        if codes[1] == 0:  # replayed: both outputs carry the one seal
            seals = {
                json.dumps(sorted(p.name for p in (folder / f"out{n}").iterdir())) for n in (0, 1)
            }
            assert len(seals) == 1, detail


@pytest.mark.parametrize("with_id", [False, True])
def test_second_run_sees_the_first_in_its_history(tmp_path: Path, with_id: bool) -> None:
    """Run one after the other: the second never seals a second 185 U on the same day."""
    from consult_app.app.cmd_run import run_case

    data = _variant(2 if with_id else 0)
    case = tmp_path / "case.json"
    case.write_text(json.dumps(data), encoding="utf-8")
    first = run_case(case, tmp_path / "out1", data_dir=tmp_path / "data")
    second = run_case(case, tmp_path / "out2", data_dir=tmp_path / "data")
    assert first.code == 0
    if with_id:
        assert second.code == 0 and second.sealed and first.sealed
        assert second.sealed.sha256 == first.sealed.sha256
    else:
        assert second.code in (3, 4)
        doc = json.loads((tmp_path / "out2" / "screening.json").read_text("utf-8"))
        assert "retreatment_too_soon" in [f["id"] for f in doc["findings"]]
