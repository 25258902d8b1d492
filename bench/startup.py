"""``startup_ratio`` and ``bundle_startup_ratio``: start to the painted main window, against a bare
PySide6 window started the same way, in alternating runs (issue 23).

Each process prints ``CONSULT_APP_PAINTED <monotonic> <process CPU>`` once its window has painted
(the app with ``CONSULT_APP_EXIT_AFTER_PAINT=1``, which then prints ``CONSULT_APP_FIRST_PAGE`` when
the first page of patients has painted and quits; bench/bare_window.py quits at once). The figure
is the median of the per-pair ratios of wall time; the CPU-time ratio is kept beside it because it
is steadier on a machine shared with other work.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.figures import ROOT, Result, _child_env, result

TARGET = 1.25
MARKERS = ("CONSULT_APP_PAINTED", "CONSULT_APP_FIRST_PAGE")
BUNDLES = ROOT / "build" / "bench-bundles"


def _time_to_paint(argv: list[str], env: dict[str, str]) -> dict[str, float]:
    """Spawn ``argv``; return ms from just before the spawn to each marker, and CPU ms at paint."""
    start = time.monotonic()
    proc = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT
    )
    seen: dict[str, float] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        parts = line.split()
        if parts and parts[0] == "CONSULT_APP_PHASES":  # name=CPU ms at the end of each phase
            previous = 0.0
            for item in parts[1:]:
                name, _, cpu = item.partition("=")
                seen["phase:" + name] = float(cpu) - previous
                previous = float(cpu)
        if parts and parts[0] in MARKERS:
            seen[parts[0]] = (float(parts[1]) - start) * 1000
            if parts[0] == MARKERS[0] and len(parts) > 2:
                seen["cpu"] = float(parts[2]) * 1000
    code = proc.wait(timeout=120)
    if MARKERS[0] not in seen:
        raise RuntimeError(f"{argv!r} exited {code} without printing {MARKERS[0]}")
    return seen


def _alternate(
    app: list[str], bare: list[str], app_env: dict[str, str], env: dict[str, str], pairs: int
) -> tuple[list[float], dict[str, Any]]:
    """Warm both up once, then run ``pairs`` alternating pairs; return ratios and medians."""
    _time_to_paint(app, app_env)  # the first run creates the database; not timed
    _time_to_paint(bare, env)
    runs: dict[str, list[float]] = {k: [] for k in ("app", "bare", "app_cpu", "bare_cpu", "page")}
    ratios = []
    phases: dict[str, dict[str, list[float]]] = {"app": {}, "bare": {}}
    for _ in range(pairs):
        a = _time_to_paint(app, app_env)
        b = _time_to_paint(bare, env)
        for who, seen in (("app", a), ("bare", b)):
            for key, value in seen.items():
                if key.startswith("phase:"):
                    phases[who].setdefault(key[6:], []).append(value)
        ratios.append(a[MARKERS[0]] / b[MARKERS[0]])
        runs["app"].append(a[MARKERS[0]])
        runs["bare"].append(b[MARKERS[0]])
        if "cpu" in a and "cpu" in b:
            runs["app_cpu"].append(a["cpu"])
            runs["bare_cpu"].append(b["cpu"])
        if MARKERS[1] in a:
            runs["page"].append(a[MARKERS[1]])
    extra: dict[str, Any] = {
        "app_ms_median": round(statistics.median(runs["app"]), 1),
        "bare_ms_median": round(statistics.median(runs["bare"]), 1),
    }
    if runs["page"]:
        extra["app_first_page_ms_median"] = round(statistics.median(runs["page"]), 1)
    if runs["app_cpu"]:
        extra["app_cpu_ms_median"] = round(statistics.median(runs["app_cpu"]), 1)
        extra["bare_cpu_ms_median"] = round(statistics.median(runs["bare_cpu"]), 1)
        cpu = zip(runs["app_cpu"], runs["bare_cpu"], strict=True)
        extra["cpu_ratio_median"] = round(statistics.median(a / b for a, b in cpu), 3)
    if phases["app"]:
        extra["phases_cpu_ms"] = {
            who: {name: round(statistics.median(v), 1) for name, v in by_name.items()}
            for who, by_name in phases.items()
        }
    return ratios, extra


def startup_ratio(pairs: int = 21, big_data_dir: Path | None = None) -> Result:
    """``python -m consult_app`` to its painted main window / ``python -m bench.bare_window``."""
    py = sys.executable
    env = _child_env()
    subprocess.run([py, "-m", "compileall", "-q", str(ROOT / "consult_app")], check=True, env=env)
    subprocess.run([py, "-m", "compileall", "-q", str(ROOT / "bench")], check=True, env=env)
    app_env = dict(env, CONSULT_APP_EXIT_AFTER_PAINT="1")
    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        app = [py, "-m", "consult_app", "--data-dir", str(Path(tmp) / "data")]
        ratios, extra = _alternate(app, [py, "-m", "bench.bare_window"], app_env, env, pairs)
    if big_data_dir is not None:
        big = [py, "-m", "consult_app", "--data-dir", str(big_data_dir)]
        big_runs = [_time_to_paint(big, app_env) for _ in range(5)]
        extra["app_ms_10y_db_median"] = round(statistics.median(r[MARKERS[0]] for r in big_runs), 1)
        extra["app_first_page_ms_10y_db_median"] = round(
            statistics.median(r[MARKERS[1]] for r in big_runs), 1
        )
    note = (
        "python -m consult_app (existing small database) to its painted main window vs "
        "python -m bench.bare_window (QMainWindow + QLabel, same first-paint hook), alternating, "
        "bytecode compiled, warm disk cache; the first page of patients paints after it"
    )
    return result(ratios, TARGET, note, **extra)


# -- bundle_startup_ratio -----------------------------------------------------------------------
def _bundle_key() -> str:
    """A hash of everything a bundle is built from: rebuild only when one of them changed."""
    import PyInstaller

    digest = hashlib.sha256(PyInstaller.__version__.encode())
    files = [ROOT / "build.spec", ROOT / "requirements.lock", ROOT / "bench" / "bare_window.py"]
    for folder in ("consult_app", "resources"):
        files += sorted(p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__"
                        not in p.parts)  # fmt: skip
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _pyinstaller(args: list[str], work: Path) -> None:
    env = _child_env()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--workpath", str(work / "work"), *args],
        check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip


def build_bundles() -> tuple[Path, Path, bool]:
    """Build (or reuse) the app bundle (build.spec) and a bare window with the same PyInstaller.

    Returns:
        The two executables, and whether they were built now (False: reused).
    """
    folder = BUNDLES / _bundle_key()
    app = folder / "dist" / "consult-app" / "consult-app"
    bare = folder / "dist" / "bare-window" / "bare-window"
    if app.is_file() and bare.is_file():
        return app, bare, False
    shutil.rmtree(BUNDLES, ignore_errors=True)  # older builds
    folder.mkdir(parents=True)
    dist = ["--distpath", str(folder / "dist")]
    _pyinstaller([*dist, str(ROOT / "build.spec")], folder)
    _pyinstaller(
        [*dist, "--onedir", "--name", "bare-window", "--specpath", str(folder / "work"),
         str(ROOT / "bench" / "bare_window.py")],
        folder,
    )  # fmt: skip
    return app, bare, True


def bundle_startup_ratio(pairs: int = 21) -> Result:
    """The PyInstaller bundle to its painted main window / a bare window frozen the same way."""
    started = time.perf_counter()
    app_exe, bare_exe, built = build_bundles()
    build_s = round(time.perf_counter() - started, 1)
    env = {k: v for k, v in _child_env().items() if k != "PYTHONPATH"}
    app_env = dict(env, CONSULT_APP_EXIT_AFTER_PAINT="1")
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as tmp:
        app = [str(app_exe), "--data-dir", str(Path(tmp) / "data")]
        ratios, extra = _alternate(app, [str(bare_exe)], app_env, env, pairs)
    extra["build_s"] = build_s if built else 0.0
    note = (
        "dist/consult-app (build.spec, onedir) to its painted main window vs bench/bare_window.py "
        f"frozen with the same PyInstaller (onedir), alternating, {'built' if built else 'reused'} "
        "under build/bench-bundles/"
    )
    return result(ratios, TARGET, note, **extra)


def _main() -> int:  # ``python -m bench.startup``: the two figures alone
    for fn in (startup_ratio, bundle_startup_ratio):
        print(fn.__name__, fn())  # noqa: T201
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(_main())
