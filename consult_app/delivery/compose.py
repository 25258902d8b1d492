"""The email sent with the patient sheet: its texts and its protected attachment.

One place for the GUI's email dialog and ``consult-app run --email``: ``compose_email`` builds
the subject, body and attachment name from ``resources/labels/email.toml`` in the patient's
language; when the attachment is protected the body says how to open it (the date of birth as
``YYYYMMDD``). ``protect_attachment`` encrypts the PDF with that password.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from consult_app.core.labels import Labels, fill
from consult_app.delivery.email import encrypt_pdf

__all__ = ["EmailTexts", "attachment_password", "compose_email", "protect_attachment"]


@dataclass(frozen=True, slots=True)
class EmailTexts:
    """Subject, body and attachment name of the email, in the patient's language."""

    subject: str
    body: str
    filename: str


def compose_email(
    labels: Labels, lang: str, *, clinic: str, phone: str, encrypted: bool
) -> EmailTexts:
    """Assemble the email's texts (paragraphs separated by blank lines).

    Args:
        labels: ``email.toml``.
        lang: the patient's language (anything else than ``fr`` gives English).
        clinic: the clinic's name ("" for none: the subject then names no clinic).
        phone: the clinic's phone ("" leaves the contact line out).
        encrypted: the attachment is password-protected (the body says how to open it).
    """
    lang = lang if lang in ("en", "fr") else "en"

    def get(key: str) -> str:
        return labels.get("email", key, lang)

    name = clinic.strip()
    paragraphs = [get("greeting"), get("body")]
    if encrypted:
        paragraphs.append(get("encrypted"))
    paragraphs.append(get("urgent"))
    if phone.strip():
        paragraphs.append(fill(get("contact"), phone=phone.strip()))
    paragraphs.append(get("closing") + ("\n" + name if name else ""))
    subject = fill(get("subject"), clinic=name) if name else get("subject_plain")
    return EmailTexts(
        subject=subject, body="\n\n".join(paragraphs) + "\n", filename=get("filename")
    )


def attachment_password(birth_date: dt.date) -> str:
    """The password of a protected attachment: the date of birth as ``YYYYMMDD``."""
    return birth_date.strftime("%Y%m%d")


def protect_attachment(pdf: bytes, birth_date: dt.date) -> bytes:
    """Encrypt the PDF (AES-256) so that it opens with the patient's date of birth."""
    return encrypt_pdf(pdf, attachment_password(birth_date))
