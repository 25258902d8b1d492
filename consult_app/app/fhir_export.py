"""Write FHIR bundles for patients (``export fhir`` and the GUI's "Export for EMR...").

One file per patient, ``<folder>/<chart number or patient-ID>.json`` (a safe, unique name),
written atomically (temporary file, then ``os.replace``), each a FHIR R4B Bundle built and
validated by ``consult_app.exchange.fhir``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from consult_app.core.protocol import Protocol
from consult_app.core.settings import ClinicSettings
from consult_app.documents._atomic import write_atomically
from consult_app.storage.backend import Connection

__all__ = ["bundle_file_name", "write_bundles"]

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


def write_bundles(
    conn: Connection,
    *,
    patient_ids: Iterable[int],
    out: Path,
    protocol: Protocol,
    settings: ClinicSettings,
    data_dir: Path,
    with_documents: bool = False,
) -> list[Path]:
    """Build, validate and write each patient's bundle into ``out``; return the files.

    Raises:
        FhirExportError: a resource is not valid FHIR (a bug; that patient's file is not
            written, the message names the resource and the field).
        FhirCodesError: ``fhir.toml`` is malformed.
        ValueError: the stored export seed is malformed.
        StorageUnavailable: the database cannot be read.
        OSError: ``out`` cannot be created or written.
    """
    from consult_app.exchange.fhir import build_bundle
    from consult_app.exchange.fhir_codes import load_fhir_codes
    from consult_app.exchange.fhir_context import export_context
    from consult_app.exchange.fhir_read import read_patient

    codes = load_fhir_codes()
    context = export_context(conn, settings, with_documents=with_documents)
    out.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    written: list[Path] = []
    for pid in patient_ids:
        record = read_patient(
            conn, pid, documents_dir=data_dir / "documents", with_documents=with_documents
        )
        bundle: dict[str, Any] = build_bundle(record, protocol, codes, context)
        name = bundle_file_name(record.patient.chart_number, pid, taken)
        text = json.dumps(bundle, ensure_ascii=False, indent=1, sort_keys=True)
        write_atomically(out / name, _writer((text + "\n").encode("utf-8")))
        written.append(out / name)
    return written
