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
import sys
from pathlib import Path

from consult_app.app.database import DatabaseUrlError, choose_database, open_store
from consult_app.app.paths import resolve_paths
from consult_app.app.services import load_protocol_for
from consult_app.core.errors import ProtocolError
from consult_app.storage.errors import StorageUnavailable

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """Run ``export fhir``; return the exit code."""
    from consult_app.app.fhir_export import write_bundles
    from consult_app.core.settings import SettingsError
    from consult_app.exchange.fhir import FhirExportError
    from consult_app.exchange.fhir_codes import FhirCodesError, load_fhir_codes
    from consult_app.exchange.fhir_read import patient_ids
    from consult_app.storage.settings import SettingsRepository

    chart = getattr(args, "patient", None)
    try:
        protocol = load_protocol_for(getattr(args, "protocol", None))
    except (ProtocolError, FileNotFoundError) as exc:
        sys.stderr.write(f"export: --protocol: {exc}\n")
        return 2
    try:
        load_fhir_codes()
    except (FhirCodesError, OSError) as exc:
        sys.stderr.write(f"export: fhir.toml: {exc}\n")
        return 1
    try:
        paths = resolve_paths(getattr(args, "data_dir", None))
        conn = open_store(choose_database(paths.data, getattr(args, "database", None)))
    except DatabaseUrlError as exc:
        sys.stderr.write(f"export: {exc}\n")
        return 2
    except OSError as exc:
        sys.stderr.write(f"export: the data folder cannot be created ({exc.strerror})\n")
        return 8
    except StorageUnavailable as exc:
        sys.stderr.write(f"export: {exc}\n")
        return 8
    out: Path = args.out
    try:
        ids = patient_ids(conn, chart)
        if chart is not None and not ids:
            sys.stderr.write(f"export: --patient: no patient has chart number {chart!r}\n")
            return 2
        try:
            settings = SettingsRepository(conn).effective(paths.clinic_toml)
        except SettingsError as exc:
            sys.stderr.write(f"export: {exc}\n")
            return 2
        written = write_bundles(
            conn,
            patient_ids=ids,
            out=out,
            protocol=protocol,
            settings=settings,
            data_dir=paths.data,
            with_documents=bool(getattr(args, "with_documents", False)),
        )
    except FhirExportError as exc:
        sys.stderr.write(f"export: invalid FHIR resource {exc}\n")
        return 1
    except StorageUnavailable as exc:
        sys.stderr.write(f"export: {exc}\n")
        return 8
    except ValueError as exc:
        sys.stderr.write(f"export: {exc}\n")
        return 2
    except OSError as exc:
        sys.stderr.write(f"export: --out: cannot write the folder ({exc.strerror})\n")
        return 2
    finally:
        conn.close()
    print(f"exported {len(written)} patient bundle(s) to {out}")  # noqa: T201
    return 0
