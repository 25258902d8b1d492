"""Clinic settings: the typed model, ``clinic.toml`` parsing and the merge rule.

Settings describe the clinic (profile, clinicians, jurisdiction, page size, default handout
language, backups) and its outgoing mail server. They come from two places:

* the **app**: values the clinician set in the settings dialog, stored in the database's
  ``settings`` table (see ``consult_app.storage.settings``);
* **clinic.toml** in the data folder, optional, to deploy the same settings on every machine of a
  clinic.

Merge rule, key by key: a value set in the app (present in the database) takes precedence over
``clinic.toml``; ``clinic.toml`` fills every key the app has not set; what neither sets gets the
default in code. Keys are dotted paths, the same in ``clinic.toml``, in the database and in error
messages: ``clinic.name``, ``clinic.address``, ``clinic.phone``, ``clinic.email``,
``clinic.logo_path``, ``clinicians``, ``jurisdiction``, ``page_size``, ``default_language``,
``backup_retention``, ``backup_dir``, ``smtp.host``, ``smtp.port``, ``smtp.security``,
``smtp.username``, ``smtp.sender``, ``date_order`` (how the clinic writes dates with ``/``:
``dmy`` or ``mdy``, read by patient search), ``email.protect_attachment`` (emailed documents
are protected with the patient's date of birth; on by default), ``time_zone`` (the clinic's IANA
time zone, e.g. ``America/Toronto``, for the offsets of exported times; unset: this computer's
zone). To let ``clinic.toml`` govern
a key again, the app removes its own value (``SettingsRepository.save(..., unset=[key])``).

Example ``clinic.toml`` (top-level keys must come before the first table)::

    clinicians = ["Dr A. Martin", "N. Roy, RN"]
    jurisdiction = "CA"             # "CA" | "US"
    page_size = "Letter"            # "Letter" | "A4"
    default_language = "en"         # "en" | "fr"
    backup_retention = 14           # backups kept
    backup_dir = "/mnt/share/consult-backups"  # relative paths start at the data folder
    date_order = "dmy"              # "dmy" (09/03/1984 is 9 March) | "mdy"
    time_zone = "America/Toronto"   # IANA zone of the clinic (omitted: this computer's zone)

    [clinic]
    name = "Lakeside Neurology"
    address = "12 Shore Rd, Toronto ON"
    phone = "+1 416 555 0100"
    email = "clinic@example.org"
    logo_path = "logo.png"        # relative paths start at the data folder

    [smtp]
    host = "127.0.0.1"
    port = 8025                     # omitted: 587 (starttls), 465 (tls), 25 (none)
    security = "none"               # "starttls" | "tls" | "none" (none: localhost only)
    username = "clinic"
    sender = "clinic@example.org"

    [email]
    protect_attachment = true       # the emailed sheet opens with the date of birth (YYYYMMDD)

The SMTP password is never a setting: it lives in the OS keyring, the environment or memory
(``consult_app.delivery.email.PasswordStore``); ``smtp.password`` in ``clinic.toml`` is an error.
"""

from __future__ import annotations

import enum
import re
import tomllib
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

__all__ = [
    "SETTINGS_KEYS",
    "DATABASE_KEY",
    "ClinicProfile",
    "ClinicSettings",
    "DateOrder",
    "HandoutLanguage",
    "Jurisdiction",
    "PageSize",
    "SettingsError",
    "SmtpSecurity",
    "SmtpSettings",
    "merge_settings",
    "parse_clinic_toml",
    "parse_clinic_toml_values",
    "settings_diff",
    "settings_from_dict",
    "settings_to_dict",
    "validate_value",
]


class SettingsError(Exception):
    """Invalid settings; every message starts with the dotted key, e.g. ``smtp.port: ...``.

    Attributes:
        errors: one message per problem, each ``"<key>: <problem>"``.
    """

    def __init__(self, errors: list[str]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(self.errors) if self.errors else "invalid settings")


class Jurisdiction(enum.StrEnum):
    """Regulatory jurisdiction used for label status."""

    CA = "CA"
    US = "US"


class PageSize(enum.StrEnum):
    """Paper size of the produced documents."""

    A4 = "A4"
    LETTER = "Letter"


class HandoutLanguage(enum.StrEnum):
    """Languages a patient handout can be written in."""

    EN = "en"
    FR = "fr"


class DateOrder(enum.StrEnum):
    """How the clinic writes day and month in a date with ``/`` (09/03/1984)."""

    DMY = "dmy"
    MDY = "mdy"


class SmtpSecurity(enum.StrEnum):
    """How the SMTP connection is protected."""

    STARTTLS = "starttls"
    TLS = "tls"
    NONE = "none"  # allowed only to localhost / 127.0.0.1 / ::1 (enforced when sending)


_DEFAULT_PORTS = {SmtpSecurity.STARTTLS: 587, SmtpSecurity.TLS: 465, SmtpSecurity.NONE: 25}


@dataclass(frozen=True, slots=True)
class ClinicProfile:
    """The clinic as printed on documents and used as the email sender's name."""

    name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    logo_path: str | None = None


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """Outgoing mail server. The password is deliberately not part of it.

    ``port`` None means the standard port of ``security`` (see ``effective_port``).
    """

    host: str = ""
    port: int | None = None
    security: SmtpSecurity = SmtpSecurity.STARTTLS
    username: str = ""
    sender: str = ""

    @property
    def effective_port(self) -> int:
        """The configured port, else 587 for STARTTLS, 465 for TLS, 25 for none."""
        return self.port if self.port is not None else _DEFAULT_PORTS[self.security]

    @property
    def configured(self) -> bool:
        """Whether a host and a sender address are set, the minimum to send."""
        return bool(self.host and self.sender)


@dataclass(frozen=True, slots=True)
class ClinicSettings:
    """All clinic settings, with the defaults used when neither the app nor clinic.toml set one."""

    clinic: ClinicProfile = field(default_factory=ClinicProfile)
    clinicians: tuple[str, ...] = ()
    jurisdiction: Jurisdiction = Jurisdiction.CA
    page_size: PageSize = PageSize.LETTER  # Letter is the norm in both Canada and the US
    default_language: HandoutLanguage = HandoutLanguage.EN
    backup_retention: int = 14
    backup_dir: str | None = None
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    date_order: DateOrder = DateOrder.DMY
    email_protect_attachment: bool = True  # key ``email.protect_attachment``
    time_zone: str | None = None  # IANA name; None: this computer's zone


# --- validation, one function per key --------------------------------------------------------

_EMAIL_RE = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\"]+$")
_HOST_RE = re.compile(r"^[A-Za-z0-9._:\-\[\]]+$")
MAX_BACKUP_RETENTION = 1000


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("expected a string")
    if "\n" in value.strip() or "\r" in value:
        raise ValueError("expected a single line")
    return value.strip()


def _multiline_text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("expected a string")
    return value.strip().replace("\r\n", "\n")


def _optional_text(value: object) -> str | None:
    if value is None:
        return None
    text = _text(value)
    return text or None


def _email(value: object) -> str:
    text = _text(value)
    if text and not _EMAIL_RE.match(text):
        raise ValueError("expected an email address like name@example.org")
    return text


def _host(value: object) -> str:
    text = _text(value)
    if text and not _HOST_RE.match(text):
        raise ValueError("expected a host name or IP address")
    return text


def _port(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 65535:
        raise ValueError("expected an integer from 1 to 65535")
    return value


def _retention(value: object) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not 1 <= value <= MAX_BACKUP_RETENTION
    ):
        raise ValueError(f"expected an integer from 1 to {MAX_BACKUP_RETENTION}")
    return value


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def _time_zone(value: object) -> str | None:
    text = _optional_text(value)
    if text is None:
        return None
    try:
        zoneinfo.ZoneInfo(text)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{text!r} is not a known IANA time zone (e.g. America/Toronto)") from None
    return text


def _clinicians(value: object) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        raise ValueError("expected a list of names")
    names: list[str] = []
    for index, item in enumerate(value):
        try:
            name = _text(item)
        except ValueError as exc:
            raise ValueError(f"[{index}]: {exc}") from None
        if not name:
            raise ValueError(f"[{index}]: expected a non-empty name")
        if name in names:
            raise ValueError(f"[{index}]: duplicate name")
        names.append(name)
    return tuple(names)


def _choice(enum_type: type[enum.StrEnum]) -> Callable[[object], object]:
    allowed = [member.value for member in enum_type]

    def check(value: object) -> object:
        if isinstance(value, str):
            for member in enum_type:
                if value == member.value:
                    return member
        raise ValueError("expected one of " + ", ".join(f'"{a}"' for a in allowed))

    return check


_VALIDATORS: dict[str, Callable[[object], object]] = {
    "clinic.name": _text,
    "clinic.address": _multiline_text,
    "clinic.phone": _text,
    "clinic.email": _email,
    "clinic.logo_path": _optional_text,
    "clinicians": _clinicians,
    "jurisdiction": _choice(Jurisdiction),
    "page_size": _choice(PageSize),
    "default_language": _choice(HandoutLanguage),
    "backup_retention": _retention,
    "backup_dir": _optional_text,
    "smtp.host": _host,
    "smtp.port": _port,
    "smtp.security": _choice(SmtpSecurity),
    "smtp.username": _text,
    "smtp.sender": _email,
    "date_order": _choice(DateOrder),
    "email.protect_attachment": _bool,
    "time_zone": _time_zone,
}

SETTINGS_KEYS: tuple[str, ...] = tuple(_VALIDATORS)

#: The one clinic.toml key that is not a setting kept in the database: the database itself
#: (``sqlite:///PATH`` or ``postgresql://USER@HOST:PORT/DB``; see ``app.database``).
DATABASE_KEY = "database"
"""Every settings key, as a dotted path."""

_FORBIDDEN = {
    "smtp.password": "the SMTP password is never read from settings; it is kept in the "
    "system keyring or given in the environment variable CONSULT_APP_SMTP_PASSWORD",
}


def validate_value(key: str, value: object) -> object:
    """Check one setting and return it normalised (stripped text, enum member, tuple).

    Args:
        key: dotted key, one of ``SETTINGS_KEYS``.
        value: the raw value (from TOML, JSON or a dialog).

    Returns:
        The normalised value, ready to put in the dataclass.

    Raises:
        SettingsError: naming the key, if the key is unknown or the value invalid.
    """
    if key in _FORBIDDEN:
        raise SettingsError([f"{key}: {_FORBIDDEN[key]}"])
    validator = _VALIDATORS.get(key)
    if validator is None:
        raise SettingsError([f"{key}: unknown key"])
    try:
        return validator(value)
    except ValueError as exc:
        message = str(exc)
        separator = "" if message.startswith("[") else ": "
        raise SettingsError([f"{key}{separator}{message}"]) from None


def settings_from_dict(values: Mapping[str, object]) -> ClinicSettings:
    """Build settings from flat dotted keys; missing keys get their default.

    Unknown keys are ignored (a newer app version may have stored keys this one does not know).

    Args:
        values: dotted key -> raw value, as produced by ``settings_to_dict``.

    Returns:
        The validated settings.

    Raises:
        SettingsError: listing every invalid value, each naming its key.
    """
    errors: list[str] = []
    clean: dict[str, object] = {}
    for key in SETTINGS_KEYS:
        if key in values:
            try:
                clean[key] = validate_value(key, values[key])
            except SettingsError as exc:
                errors.extend(exc.errors)
    if errors:
        raise SettingsError(errors)
    return _build(clean)


def _build(clean: Mapping[str, object]) -> ClinicSettings:
    default = ClinicSettings()

    def pick(key: str, fallback: object) -> object:
        return clean.get(key, fallback)

    clinic = ClinicProfile(
        name=str(pick("clinic.name", default.clinic.name)),
        address=str(pick("clinic.address", default.clinic.address)),
        phone=str(pick("clinic.phone", default.clinic.phone)),
        email=str(pick("clinic.email", default.clinic.email)),
        logo_path=_as_optional_str(pick("clinic.logo_path", default.clinic.logo_path)),
    )
    port = pick("smtp.port", default.smtp.port)
    smtp = SmtpSettings(
        host=str(pick("smtp.host", default.smtp.host)),
        port=port if isinstance(port, int) else None,
        security=SmtpSecurity(str(pick("smtp.security", default.smtp.security))),
        username=str(pick("smtp.username", default.smtp.username)),
        sender=str(pick("smtp.sender", default.smtp.sender)),
    )
    clinicians = pick("clinicians", default.clinicians)
    retention = pick("backup_retention", default.backup_retention)
    return ClinicSettings(
        clinic=clinic,
        clinicians=tuple(str(n) for n in clinicians) if isinstance(clinicians, tuple) else (),
        jurisdiction=Jurisdiction(str(pick("jurisdiction", default.jurisdiction))),
        page_size=PageSize(str(pick("page_size", default.page_size))),
        default_language=HandoutLanguage(str(pick("default_language", default.default_language))),
        backup_retention=retention if isinstance(retention, int) else default.backup_retention,
        backup_dir=_as_optional_str(pick("backup_dir", default.backup_dir)),
        smtp=smtp,
        date_order=DateOrder(str(pick("date_order", default.date_order))),
        email_protect_attachment=bool(
            pick("email.protect_attachment", default.email_protect_attachment)
        ),
        time_zone=_as_optional_str(pick("time_zone", default.time_zone)),
    )


def _as_optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def settings_to_dict(settings: ClinicSettings) -> dict[str, object]:
    """Flatten settings to dotted keys with JSON-compatible values (lists, str, int, None).

    Args:
        settings: the settings to flatten.

    Returns:
        A dict with every key of ``SETTINGS_KEYS``; ``settings_from_dict`` reverses it.
    """
    return {
        "clinic.name": settings.clinic.name,
        "clinic.address": settings.clinic.address,
        "clinic.phone": settings.clinic.phone,
        "clinic.email": settings.clinic.email,
        "clinic.logo_path": settings.clinic.logo_path,
        "clinicians": list(settings.clinicians),
        "jurisdiction": settings.jurisdiction.value,
        "page_size": settings.page_size.value,
        "default_language": settings.default_language.value,
        "backup_retention": settings.backup_retention,
        "backup_dir": settings.backup_dir,
        "smtp.host": settings.smtp.host,
        "smtp.port": settings.smtp.port,
        "smtp.security": settings.smtp.security.value,
        "smtp.username": settings.smtp.username,
        "smtp.sender": settings.smtp.sender,
        "date_order": settings.date_order.value,
        "email.protect_attachment": settings.email_protect_attachment,
        "time_zone": settings.time_zone,
    }


def settings_diff(before: ClinicSettings, after: ClinicSettings) -> dict[str, object]:
    """The keys whose value differs, with the new value: what a settings dialog should save.

    Saving only the changed keys keeps every other key governed by clinic.toml.

    Args:
        before: the effective settings shown when the dialog opened.
        after: the settings as edited.

    Returns:
        Dotted key -> new JSON-compatible value, for the keys that changed.
    """
    old, new = settings_to_dict(before), settings_to_dict(after)
    return {key: value for key, value in new.items() if old[key] != value}


def merge_settings(
    app_values: Mapping[str, object], toml_values: Mapping[str, object]
) -> ClinicSettings:
    """Apply the merge rule: app values win key by key, clinic.toml fills the rest.

    Args:
        app_values: dotted key -> value set in the app (from the database).
        toml_values: dotted key -> value from clinic.toml (``parse_clinic_toml_values``).

    Returns:
        The effective settings.

    Raises:
        SettingsError: if a value is invalid, naming its key.
    """
    return settings_from_dict({**toml_values, **app_values})


def parse_clinic_toml_values(text: str) -> dict[str, object]:
    """Parse and validate clinic.toml into the dotted keys it sets (and only those).

    Args:
        text: the content of clinic.toml.

    Returns:
        Dotted key -> raw value, for every key present in the file.

    Raises:
        SettingsError: on a TOML syntax error (with line and column) or, listing every problem,
            on unknown keys, misplaced tables and invalid values, each naming its key.
    """
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError([f"syntax error: {exc}"]) from None
    errors: list[str] = []
    flat: dict[str, object] = {}
    for key, value in document.items():
        if key == DATABASE_KEY:  # where the records are, read before opening them (app.database)
            if not isinstance(value, str) or not value.strip():
                errors.append(
                    f"{key}: expected a database URL (sqlite:///PATH or postgresql://...)"
                )
            continue
        if key in ("clinic", "smtp", "email"):
            if not isinstance(value, dict):
                errors.append(f"{key}: expected a table [{key}]")
                continue
            for sub_key, sub_value in value.items():
                flat[f"{key}.{sub_key}"] = sub_value
        else:
            flat[key] = value
    for key, value in flat.items():
        try:
            validate_value(key, value)
        except SettingsError as exc:
            errors.extend(exc.errors)
    if errors:
        raise SettingsError(errors)
    return flat


def parse_clinic_toml(text: str) -> ClinicSettings:
    """Parse clinic.toml into settings, defaults filling what the file does not set.

    Args:
        text: the content of clinic.toml.

    Returns:
        The settings the file describes.

    Raises:
        SettingsError: each message naming the key (``smtp.port: expected an integer from 1 to
            65535``, ``clinic.nmae: unknown key``) or, for a syntax error, the line.
    """
    return settings_from_dict(parse_clinic_toml_values(text))
