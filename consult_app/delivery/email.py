"""Email the patient's sheet: MIME message, optional AES-256 PDF encryption, SMTP, drafts.

* ``build_message`` makes a proper MIME message (text body + ``application/pdf`` attachment).
  Subject and body are content in the patient's language, supplied by the caller.
* ``encrypt_pdf`` protects the attachment with AES-256 (pypdf); the caller picks the password
  (the patient's date of birth as ``YYYYMMDD``) and says in the body how to open it.
* ``send`` talks SMTP: STARTTLS or implicit TLS with a verified certificate, or an unencrypted
  connection only to ``localhost``/``127.0.0.1``/``::1`` (a local relay). Every failure becomes an
  ``EmailError`` with a ``kind`` the UI maps to a translated message, and an English ``str()`` for
  the command line and logs. Messages never contain the recipient's address (patient data).
* ``PasswordStore`` finds the SMTP password: environment, OS keyring, else memory for this run.
  It is never written to a file or the database.
* ``write_eml`` saves the message as an ``.eml`` draft for the "Create email draft" fallback.

``send`` blocks (up to ``timeout`` seconds per network operation): call it from a worker thread.
"""

from __future__ import annotations

import contextlib
import enum
import io
import logging
import os
import smtplib
import socket
import ssl
import tempfile
from collections.abc import Mapping
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import formatdate, make_msgid, parseaddr
from pathlib import Path
from typing import TYPE_CHECKING

from consult_app.core.settings import SmtpSecurity, SmtpSettings

__all__ = [
    "KEYRING_SERVICE",
    "LOCAL_HOSTS",
    "PASSWORD_ENV",
    "EmailError",
    "EmailErrorKind",
    "PasswordStore",
    "build_message",
    "encrypt_pdf",
    "send",
    "write_eml",
]

if TYPE_CHECKING:  # keyring and pypdf are imported when used: they cost ~140 ms at startup
    from keyring.backend import KeyringBackend

logger = logging.getLogger(__name__)

PASSWORD_ENV = "CONSULT_APP_SMTP_PASSWORD"
KEYRING_SERVICE = "consult-app"
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
"""The only hosts an unencrypted (``security = "none"``) connection may go to."""


class EmailErrorKind(enum.StrEnum):
    """Why an email could not be built or sent; the UI translates each into a message."""

    CONFIG = "config"  # settings incomplete or not allowed (e.g. no TLS to a remote host)
    INVALID_ADDRESS = "invalid_address"  # sender or recipient is not an email address
    UNREACHABLE = "unreachable"  # refused, timed out, DNS failure, connection dropped
    TLS = "tls"  # TLS handshake or certificate verification failed, or STARTTLS missing
    AUTH = "auth"  # login refused or not offered
    SENDER_REFUSED = "sender_refused"  # MAIL FROM rejected
    RECIPIENT_REFUSED = "recipient_refused"  # RCPT TO rejected
    REJECTED = "rejected"  # the message itself was refused (DATA), or another SMTP error


class EmailError(Exception):
    """The email could not be built or was not accepted by the server.

    Attributes:
        kind: the category, for the UI to show a translated message.
        smtp_code: the server's reply code when there was one.
        smtp_reply: the server's reply text; may echo addresses, so do not log it.
    """

    def __init__(
        self,
        kind: EmailErrorKind,
        message: str,
        *,
        smtp_code: int | None = None,
        smtp_reply: str | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.smtp_code = smtp_code
        self.smtp_reply = smtp_reply


# --- message ----------------------------------------------------------------------------------


def _check_address(value: str, role: str) -> str:
    if "\n" in value or "\r" in value:
        raise EmailError(EmailErrorKind.INVALID_ADDRESS, f"The {role} address is not valid.")
    _name, address = parseaddr(value)
    local, at, domain = address.rpartition("@")
    if not (at and local and "." in domain) or " " in address:
        raise EmailError(EmailErrorKind.INVALID_ADDRESS, f"The {role} address is not valid.")
    return address


def build_message(
    *,
    sender: str,
    recipient: str,
    subject: str,
    body: str,
    attachment: bytes,
    filename: str,
) -> EmailMessage:
    """Build the email: a plain-text body and the PDF attached as ``application/pdf``.

    Args:
        sender: the From header, an address or ``"Clinic name <addr>"``
            (``email.utils.formataddr((clinic.name, smtp.sender))``).
        recipient: the patient's address.
        subject: subject line, in the patient's language.
        body: plain-text body, in the patient's language.
        attachment: the PDF bytes (encrypted or not).
        filename: the attachment's file name, e.g. ``handout.pdf``; non-ASCII is encoded.

    Returns:
        The message, with Date and Message-ID set.

    Raises:
        EmailError: kind ``invalid_address`` if sender or recipient is not an address.
        ValueError: if subject or filename contains a line break.
    """
    sender_address = _check_address(sender, "sender")
    _check_address(recipient, "recipient")
    if any(ch in subject or ch in filename for ch in "\r\n"):
        raise ValueError("subject and filename must be single lines")
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender_address.rpartition("@")[2])
    message.set_content(body)
    message.add_attachment(attachment, maintype="application", subtype="pdf", filename=filename)
    return message


def encrypt_pdf(data: bytes, password: str) -> bytes:
    """Encrypt a PDF with AES-256; it then opens only with ``password``.

    Args:
        data: an unencrypted PDF.
        password: the password to open it (e.g. the date of birth as ``YYYYMMDD``).

    Returns:
        The encrypted PDF.

    Raises:
        ValueError: if the password is empty or the PDF is already encrypted.
    """
    if not password:
        raise ValueError("the PDF password must not be empty")
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise ValueError("the PDF is already encrypted")
    writer = PdfWriter(clone_from=reader)
    writer.encrypt(user_password=password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def write_eml(message: EmailMessage, target: Path) -> None:
    """Save the message as an ``.eml`` draft the default mail client opens ready to send.

    The file is marked ``X-Unsent: 1`` (so Outlook opens it as a draft), written with CRLF line
    endings, mode 0600 (it holds patient data), atomically (temp file + ``os.replace``).

    Args:
        message: the message from ``build_message``; it is not modified.
        target: the ``.eml`` path to write.
    """
    draft = BytesParser(policy=policy.SMTP).parsebytes(message.as_bytes(policy=policy.SMTP))
    assert isinstance(draft, EmailMessage)  # guaranteed by policy.SMTP (EmailMessage factory)
    if "X-Unsent" not in draft:
        draft["X-Unsent"] = "1"
    data = draft.as_bytes(policy=policy.SMTP)
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temp.chmod(0o600)
        temp.replace(target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


# --- sending ----------------------------------------------------------------------------------


def _is_local(host: str) -> bool:
    return host.strip().strip("[]").lower() in LOCAL_HOSTS


def _reply_text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def send(
    message: EmailMessage,
    smtp: SmtpSettings,
    password: str | None,
    timeout: float = 15,
    *,
    context: ssl.SSLContext | None = None,
) -> None:
    """Send the message; return only when the server accepted it for every recipient.

    Args:
        message: the message (From/To headers give the envelope).
        smtp: server settings; ``security`` "none" is allowed only to localhost.
        password: the SMTP password, required when ``smtp.username`` is set.
        timeout: seconds for connecting and for each server reply.
        context: TLS context; default ``ssl.create_default_context()`` (system trust store,
            certificate and host name verified). Pass one only to trust a private CA.

    Raises:
        EmailError: with ``kind`` config, unreachable, tls, auth, sender_refused,
            recipient_refused or rejected, and a clear English message.
    """
    host = smtp.host.strip()
    if not host:
        raise EmailError(EmailErrorKind.CONFIG, "No mail server (SMTP host) is configured.")
    if smtp.security is SmtpSecurity.NONE and not _is_local(host):
        raise EmailError(
            EmailErrorKind.CONFIG,
            f"An unencrypted connection is allowed only to this computer (localhost); "
            f"choose STARTTLS or TLS for the mail server {host}.",
        )
    if smtp.username and not password:
        raise EmailError(
            EmailErrorKind.CONFIG,
            "The mail server password is missing: enter it, or set "
            f"the environment variable {PASSWORD_ENV}.",
        )
    port = smtp.effective_port
    where = f"{host}:{port}"
    logger.info("sending email via %s (%s)", where, smtp.security.value)
    try:
        _send(message, smtp, host, port, password, timeout, context)
    except EmailError as exc:
        logger.warning("email not sent via %s: %s", where, exc.kind.value)
        raise
    logger.info("email accepted by %s", where)


def _send(
    message: EmailMessage,
    smtp: SmtpSettings,
    host: str,
    port: int,
    password: str | None,
    timeout: float,
    context: ssl.SSLContext | None,
) -> None:
    where = f"{host}:{port}"
    server: smtplib.SMTP | None = None
    try:
        if smtp.security is SmtpSecurity.TLS:
            tls_context = context or ssl.create_default_context()
            server = smtplib.SMTP_SSL(host, port, timeout=timeout, context=tls_context)
        else:
            server = smtplib.SMTP(host, port, timeout=timeout)
        server.ehlo()
        if smtp.security is SmtpSecurity.STARTTLS:
            if not server.has_extn("starttls"):
                raise EmailError(
                    EmailErrorKind.TLS,
                    f"The mail server {where} does not offer STARTTLS; "
                    "the email was not sent unencrypted.",
                )
            server.starttls(context=context or ssl.create_default_context())
            server.ehlo()
        if smtp.username:
            assert password is not None  # checked by send()
            server.login(smtp.username, password)
        refused = server.send_message(message)
        if refused:
            raise EmailError(
                EmailErrorKind.RECIPIENT_REFUSED,
                "The mail server refused the recipient's address.",
            )
    except EmailError:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise EmailError(
            EmailErrorKind.AUTH,
            f"The mail server {where} refused the user name or password.",
            smtp_code=exc.smtp_code,
            smtp_reply=_reply_text(exc.smtp_error),
        ) from exc
    except smtplib.SMTPNotSupportedError as exc:
        kind = EmailErrorKind.AUTH if smtp.username else EmailErrorKind.REJECTED
        raise EmailError(
            kind, f"The mail server {where} does not support what was asked: {exc}"
        ) from exc
    except smtplib.SMTPRecipientsRefused as exc:
        first = next(iter(exc.recipients.values()), (None, b""))
        raise EmailError(
            EmailErrorKind.RECIPIENT_REFUSED,
            "The mail server refused the recipient's address.",
            smtp_code=first[0],
            smtp_reply=_reply_text(first[1]),
        ) from exc
    except smtplib.SMTPSenderRefused as exc:
        raise EmailError(
            EmailErrorKind.SENDER_REFUSED,
            f"The mail server {where} refused the sender address; check the sender in the "
            "email settings.",
            smtp_code=exc.smtp_code,
            smtp_reply=_reply_text(exc.smtp_error),
        ) from exc
    except smtplib.SMTPServerDisconnected as exc:
        raise EmailError(
            EmailErrorKind.UNREACHABLE,
            f"The connection to the mail server {where} was closed unexpectedly.",
        ) from exc
    except smtplib.SMTPConnectError as exc:
        raise EmailError(
            EmailErrorKind.UNREACHABLE,
            f"The mail server {where} refused the connection.",
            smtp_code=exc.smtp_code,
            smtp_reply=_reply_text(exc.smtp_error),
        ) from exc
    except smtplib.SMTPResponseException as exc:
        # SMTPDataError, SMTPHeloError and any other error reply.
        raise EmailError(
            EmailErrorKind.REJECTED,
            f"The mail server {where} did not accept the email (error {exc.smtp_code}).",
            smtp_code=exc.smtp_code,
            smtp_reply=_reply_text(exc.smtp_error),
        ) from exc
    except smtplib.SMTPException as exc:
        # e.g. "No suitable authentication method found."
        kind = EmailErrorKind.AUTH if smtp.username else EmailErrorKind.REJECTED
        raise EmailError(kind, f"The mail server {where}: {exc}") from exc
    except ssl.SSLCertVerificationError as exc:
        raise EmailError(
            EmailErrorKind.TLS,
            f"The certificate of the mail server {where} could not be verified "
            f"({exc.verify_message}); the email was not sent.",
        ) from exc
    except (ssl.SSLError, ssl.CertificateError) as exc:
        # Must come before OSError: ssl.SSLError is an OSError.
        raise EmailError(
            EmailErrorKind.TLS,
            f"A secure (TLS) connection to the mail server {where} failed: {exc}",
        ) from exc
    except socket.gaierror as exc:
        raise EmailError(
            EmailErrorKind.UNREACHABLE,
            f"The mail server name {host} could not be found (check the host name and the "
            "network connection).",
        ) from exc
    except TimeoutError as exc:
        raise EmailError(
            EmailErrorKind.UNREACHABLE, f"The mail server {where} did not answer in time."
        ) from exc
    except ConnectionRefusedError as exc:
        raise EmailError(
            EmailErrorKind.UNREACHABLE,
            f"The mail server {where} refused the connection (is the host and port right?).",
        ) from exc
    except OSError as exc:
        raise EmailError(
            EmailErrorKind.UNREACHABLE,
            f"The mail server {where} could not be reached: {exc.strerror or exc}",
        ) from exc
    finally:
        if server is not None:
            _close(server)


def _close(server: smtplib.SMTP) -> None:
    """Say QUIT politely; the outcome is already decided, so errors here are ignored."""
    try:
        server.quit()
    except (smtplib.SMTPException, OSError):
        with contextlib.suppress(OSError):
            server.close()


# --- password ---------------------------------------------------------------------------------


class PasswordStore:
    """Where the SMTP password comes from, in order: environment, OS keyring, this run's memory.

    ``CONSULT_APP_SMTP_PASSWORD`` serves unattended use (``consult-app run --email``). Without a
    usable keyring backend (a bare Linux machine: keyring's ``fail`` or ``null`` backend, or
    ``NoKeyringError``), the password is asked once per run and kept in memory only. It is
    never written to a file or the database.
    """

    def __init__(
        self,
        *,
        service: str = KEYRING_SERVICE,
        environ: Mapping[str, str] | None = None,
        backend: KeyringBackend | None = None,
    ) -> None:
        """Create a store.

        Args:
            service: keyring service name.
            environ: environment to read ``CONSULT_APP_SMTP_PASSWORD`` from (default os.environ).
            backend: keyring backend (default: ``keyring.get_keyring()``, looked up lazily).
        """
        self._service = service
        self._environ = environ
        self._backend = backend
        self._memory: dict[str, str] = {}

    def _keyring(self) -> KeyringBackend | None:
        """The usable keyring backend, or None when there is none."""
        import keyring.backends.fail
        import keyring.backends.null
        import keyring.errors

        backend = self._backend
        if backend is None:
            try:
                backend = keyring.get_keyring()
            except (keyring.errors.KeyringError, RuntimeError):
                logger.info("no keyring backend available", exc_info=True)
                return None
        if isinstance(backend, keyring.backends.fail.Keyring | keyring.backends.null.Keyring):
            return None
        return backend

    def has_keyring(self) -> bool:
        """Whether a real OS keyring backend is available (else memory only)."""
        return self._keyring() is not None

    def get(self, username: str) -> str | None:
        """The password for ``username``: environment, then keyring, then memory; else None."""
        import keyring.backends.fail
        import keyring.backends.null
        import keyring.errors

        environ = os.environ if self._environ is None else self._environ
        from_env = environ.get(PASSWORD_ENV)
        if from_env:
            return from_env
        backend = self._keyring()
        if backend is not None:
            try:
                stored = backend.get_password(self._service, username)
            except keyring.errors.KeyringError:
                logger.warning("keyring lookup failed; using this run's memory", exc_info=True)
            else:
                if stored:
                    return stored
        return self._memory.get(username)

    def set(self, username: str, password: str) -> bool:
        """Remember the password: in the keyring when one exists, else in memory for this run.

        Args:
            username: the SMTP user name.
            password: the password.

        Returns:
            True if stored in the OS keyring, False if kept in memory only.
        """
        import keyring.backends.fail
        import keyring.backends.null
        import keyring.errors

        self._memory[username] = password
        backend = self._keyring()
        if backend is None:
            return False
        try:
            backend.set_password(self._service, username, password)
        except keyring.errors.KeyringError:
            logger.warning("keyring refused the password; kept in memory only", exc_info=True)
            return False
        return True

    def forget(self, username: str) -> None:
        """Remove the password from memory and, when there is one, from the keyring."""
        import keyring.backends.fail
        import keyring.backends.null
        import keyring.errors

        self._memory.pop(username, None)
        backend = self._keyring()
        if backend is not None:
            with contextlib.suppress(keyring.errors.KeyringError):
                backend.delete_password(self._service, username)
