"""Generated databases kept between ``make bench`` runs (issue 23: the bench stays under 10 min).

Generating the 10-year clinic (~35 s on a quiet machine, minutes on a busy one) and the
1,000,000-patient search database dominate a run. Each is generated once into
``build/bench-cache/<hash>/`` (the hash covers the generator and every module it builds the rows
with) and copied into the run's temporary folder, since some figures write to it.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from bench.figures import ROOT
from bench.generator import Stats

CACHE = ROOT / "build" / "bench-cache"


def _key() -> str:
    digest = hashlib.sha256()
    files = [ROOT / "bench" / "generator.py"]
    for folder in ("consult_app/core", "consult_app/storage"):
        files += sorted((ROOT / folder).rglob("*.py"))
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def database(target: Path, *generator_args: str) -> tuple[Stats, bool]:
    """Put the database ``python -m bench.generator PATH *generator_args`` builds at ``target``.

    Returns:
        The generator's stats, and whether it was generated now (False: copied from the cache).
    """
    key_folder = CACHE / _key()
    if not key_folder.is_dir():
        shutil.rmtree(CACHE, ignore_errors=True)  # databases of older sources
    folder = key_folder / "-".join(("clinic", *generator_args)).replace("--", "")
    cached, stats_file = folder / "consult.sqlite3", folder / "stats.json"
    generated = not stats_file.is_file()
    if generated:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, mode=0o700)
        # In a child process: the parent stays small, so the processes it forks later
        # (startup, peak RSS) do not inherit its memory high-water mark.
        out = subprocess.run(
            [sys.executable, "-m", "bench.generator", str(cached), *generator_args],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout
        stats_file.write_text(out.strip().splitlines()[-1], encoding="utf-8")
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    shutil.copyfile(cached, target)
    target.chmod(0o600)
    return Stats(**json.loads(stats_file.read_text(encoding="utf-8"))), generated
