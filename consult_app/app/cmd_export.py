"""``consult-app export fhir --out DIR [--patient CHART_NUMBER] [--with-documents]``.

Case-format 1.1, "FHIR".

One file per patient, ``DIR/<chart number or patient-ID>.json`` (a safe file name), each a FHIR
R4B Bundle built and validated by ``consult_app.exchange.fhir``, written atomically (temporary
file, then ``os.replace``). Exit 0; 2 for an unknown chart number or a bad argument; 8 when the
database is unavailable; 1 when a resource fails FHIR validation (a bug: no file is written for
that patient, the message names the resource and the field). The clinic's settings give the
time zone of exported times and the Organization's name; ``--with-documents`` embeds each record
PDF found (the path recorded when it was made, or the data folder's ``documents/``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from consult_app.app.paths import resolve_paths
from consult_app.app.services import load_protocol_for
from consult_app.core.errors import ProtocolError
from consult_app.documents._atomic import write_atomically
from consult_app.storage.db import open_database
from consult_app.storage.errors import StorageUnavailable

__all__ = ["bundle_file_name", "run"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def bundle_file_name(chart_number: str | None, patient_id: int, taken: set[str]) -> str:
    """A safe, unique file name for a patient's bundle (chart number, else ``patient-ID``)."""
    stem = _UNSAFE.sub("_", chart_number or "").strip("._")[:80]
    if not stem:
        stem = f"patient-{patient_id}"
    name = f"{stem}.json"
    if name.casefold() in taken:
        name = f"{stem}-{patient_id}.json"
    taken.add(name.casefold())
    return name


def _writer(data: bytes) -> Callable[[Path], None]:
    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    return write


def run(args: argparse.Namespace) -> int:
    """Run ``export fhir``; return the exit code."""
    from consult_app.core.settings import SettingsError
    from consult_app.exchange.fhir import FhirExportError, build_bundle
    from consult_app.exchange.fhir_codes import FhirCodesError, load_fhir_codes
    from consult_app.exchange.fhir_context import export_context
    from consult_app.exchange.fhir_read import patient_ids, read_patient
    from consult_app.storage.settings import SettingsRepository

    chart = getattr(args, "patient", None)
    try:
        protocol = load_protocol_for(getattr(args, "protocol", None))
    except (ProtocolError, FileNotFoundError) as exc:
        sys.stderr.write(f"export: --protocol: {exc}\n")
        return 2
    try:
        codes = load_fhir_codes()
    except (FhirCodesError, OSError) as exc:
        sys.stderr.write(f"export: fhir.toml: {exc}\n")
        return 1
    try:
        paths = resolve_paths(getattr(args, "data_dir", None))
        conn = open_database(paths.database)
    except OSError as exc:
        sys.stderr.write(f"export: the data folder cannot be created ({exc.strerror})\n")
        return 8
    except StorageUnavailable as exc:
        sys.stderr.write(f"export: {exc}\n")
        return 8
    with_documents = bool(getattr(args, "with_documents", False))
    try:
        ids = patient_ids(conn, chart)
        if chart is not None and not ids:
            sys.stderr.write(f"export: --patient: no patient has chart number {chart!r}\n")
            return 2
        try:
            settings = SettingsRepository(conn).effective(paths.clinic_toml)
            context = export_context(conn, settings, with_documents=with_documents)
        except (SettingsError, ValueError) as exc:
            sys.stderr.write(f"export: {exc}\n")
            return 2
        out: Path = args.out
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            sys.stderr.write(f"export: --out: cannot create the folder ({exc.strerror})\n")
            return 2
        taken: set[str] = set()
        written = 0
        for pid in ids:
            record = read_patient(
                conn, pid, documents_dir=paths.data / "documents", with_documents=with_documents
            )
            try:
                bundle = build_bundle(record, protocol, codes, context)
            except FhirExportError as exc:
                sys.stderr.write(f"export: patient {pid}: invalid FHIR resource {exc}\n")
                return 1
            name = bundle_file_name(record.patient.chart_number, pid, taken)
            text = json.dumps(bundle, ensure_ascii=False, indent=1, sort_keys=True)
            write_atomically(out / name, _writer((text + "\n").encode("utf-8")))
            written += 1
    except StorageUnavailable as exc:
        sys.stderr.write(f"export: {exc}\n")
        return 8
    finally:
        conn.close()
    print(f"exported {written} patient bundle(s) to {out}")  # noqa: T201
    return 0
