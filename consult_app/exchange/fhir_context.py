"""The clinic side of a FHIR export: its id seed, time zone and name (``ExportContext``)."""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from pathlib import Path

from consult_app.core.settings import ClinicSettings
from consult_app.exchange.fhir import ExportContext
from consult_app.storage.backend import Connection
from consult_app.storage.clinic_identity import export_seed

__all__ = ["clinic_zone", "export_context"]

_LOCALTIME = Path("/etc/localtime")


def clinic_zone(name: str | None) -> dt.tzinfo:
    """The clinic's zone: the ``time_zone`` setting, else this computer's zone.

    This computer's zone is ``TZ`` when it names an IANA zone, else ``/etc/localtime`` (Linux,
    macOS), else the current UTC offset (Windows without a setting: summer and winter times then
    share today's offset, which the ``time_zone`` setting avoids).
    """
    for candidate in (name, os.environ.get("TZ", "").lstrip(":") or None):
        if candidate:
            try:
                return zoneinfo.ZoneInfo(candidate)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                continue
    try:
        with _LOCALTIME.open("rb") as handle:
            return zoneinfo.ZoneInfo.from_file(handle, key="localtime")
    except (OSError, ValueError):
        pass
    return dt.datetime.now().astimezone().tzinfo or dt.UTC


def export_context(
    conn: Connection, settings: ClinicSettings, *, with_documents: bool = False
) -> ExportContext:
    """The export context of this database and clinic (makes the id seed on first use).

    Raises:
        ValueError: the stored seed is malformed.
        StorageUnavailable: the database cannot be read or written.
    """
    return ExportContext(
        seed=export_seed(conn),
        zone=clinic_zone(settings.time_zone),
        clinic_name=settings.clinic.name,
        with_documents=with_documents,
    )
