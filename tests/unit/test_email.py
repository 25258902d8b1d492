"""Email delivery against a real SMTP server (aiosmtpd) on 127.0.0.1.

Covers the message as received (recipient, subject, attachment bytes), AES-256 encryption,
STARTTLS and implicit TLS with certificate verification, and each failure kind.
"""

import datetime as dt
import io
import ipaddress
import socket
import ssl
import stat
from email import message_from_bytes, policy
from email.utils import formataddr

import keyring.backend
import keyring.backends.fail
import keyring.errors
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pypdf import PdfReader, PdfWriter
from pypdf.errors import FileNotDecryptedError

from consult_app.core.settings import SmtpSecurity, SmtpSettings
from consult_app.delivery.email import (
    EmailError,
    EmailErrorKind,
    PasswordStore,
    build_message,
    encrypt_pdf,
    send,
    write_eml,
)

PATIENT = "marie.tremblay@example.net"
SENDER = "clinic@example.org"


def _pdf(title="Feuillet du patient"):
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.add_blank_page(width=612, height=792)
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = _pdf()


def _message(attachment=PDF, recipient=PATIENT, subject="Vos soins après l'injection"):
    return build_message(
        sender=formataddr(("Clinique du Lac", SENDER)),
        recipient=recipient,
        subject=subject,
        body="Bonjour,\n\nVoici votre feuillet.\n",
        attachment=attachment,
        filename="feuillet-soins.pdf",
    )


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Collector:
    """aiosmtpd handler keeping every envelope; optionally refusing recipients or the sender."""

    def __init__(self, *, refuse_rcpt=False, refuse_mail=False):
        self.envelopes = []
        self.refuse_rcpt = refuse_rcpt
        self.refuse_mail = refuse_mail

    async def handle_MAIL(self, server, session, envelope, address, mail_options):  # noqa: N802 - aiosmtpd hook name
        if self.refuse_mail:
            return "553 5.7.1 Sender address rejected"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd hook name
        if self.refuse_rcpt:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd hook name
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    """Start an aiosmtpd server on 127.0.0.1; yields a factory ``(handler, **kwargs) -> port``."""
    started = []

    def start(handler, **kwargs):
        controller = Controller(handler, hostname="127.0.0.1", port=_free_port(), **kwargs)
        controller.start()
        started.append(controller)
        return controller.port

    yield start
    for controller in started:
        controller.stop()


def _local(port, security=SmtpSecurity.NONE, username=""):
    return SmtpSettings(
        host="127.0.0.1", port=port, security=security, username=username, sender=SENDER
    )


def _received(envelope):
    return message_from_bytes(envelope.content, policy=policy.default)


def _attachment(received):
    parts = list(received.iter_attachments())
    assert len(parts) == 1
    return parts[0]


# --- message ----------------------------------------------------------------------------------


def test_build_message_is_proper_mime():
    message = _message()
    assert message["To"] == PATIENT
    assert message["From"] == "Clinique du Lac <clinic@example.org>"
    assert message["Subject"] == "Vos soins après l'injection"
    assert message["Date"] and message["Message-ID"].endswith("@example.org>")
    assert message.get_content_type() == "multipart/mixed"
    body, attachment = message.iter_parts()
    assert body.get_content_type() == "text/plain"
    assert body.get_content_charset() == "utf-8"
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "feuillet-soins.pdf"
    assert attachment.get_content() == PDF


@pytest.mark.parametrize("recipient", ["", "marie", "marie@", "a b@example.org", "x@y\r\nBcc: z"])
def test_invalid_recipient(recipient):
    with pytest.raises(EmailError) as info:
        _message(recipient=recipient)
    assert info.value.kind is EmailErrorKind.INVALID_ADDRESS


def test_subject_with_line_break_is_refused():
    with pytest.raises(ValueError, match="single lines"):
        _message(subject="Hello\r\nBcc: x@example.org")


# --- encryption -------------------------------------------------------------------------------


def test_encrypt_pdf_aes256():
    encrypted = encrypt_pdf(PDF, "19800215")
    reader = PdfReader(io.BytesIO(encrypted))
    assert reader.is_encrypted
    assert reader.decrypt("wrong") == 0
    with pytest.raises(FileNotDecryptedError):
        _ = reader.pages[0]
    reader = PdfReader(io.BytesIO(encrypted))
    assert reader.decrypt("19800215") != 0
    assert len(reader.pages) == 2
    assert reader.metadata.title == "Feuillet du patient"
    assert reader.trailer["/Encrypt"]["/V"] == 5  # AES-256 (PDF 2.0 / extension level 3)


def test_encrypt_pdf_refuses_empty_password_and_double_encryption():
    with pytest.raises(ValueError, match="empty"):
        encrypt_pdf(PDF, "")
    with pytest.raises(ValueError, match="already encrypted"):
        encrypt_pdf(encrypt_pdf(PDF, "x"), "y")


# --- sending: success -------------------------------------------------------------------------


def test_message_received_with_recipient_subject_and_attachment(smtp_server):
    handler = Collector()
    port = smtp_server(handler)
    send(_message(), _local(port), None, timeout=5)
    assert len(handler.envelopes) == 1
    envelope = handler.envelopes[0]
    assert envelope.rcpt_tos == [PATIENT]
    assert envelope.mail_from == SENDER
    received = _received(envelope)
    assert received["Subject"] == "Vos soins après l'injection"
    assert received["To"] == PATIENT
    attachment = _attachment(received)
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "feuillet-soins.pdf"
    assert attachment.get_content() == PDF


def test_encrypted_attachment_opens_with_the_password_only(smtp_server):
    handler = Collector()
    port = smtp_server(handler)
    send(_message(attachment=encrypt_pdf(PDF, "19800215")), _local(port), None, timeout=5)
    data = _attachment(_received(handler.envelopes[0])).get_content()
    assert PdfReader(io.BytesIO(data)).decrypt("") == 0
    reader = PdfReader(io.BytesIO(data))
    assert reader.decrypt("19800215") != 0
    assert len(reader.pages) == 2


def test_login_accepted(smtp_server):
    seen = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        seen.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"s3cret")

    handler = Collector()
    port = smtp_server(handler, authenticator=authenticator, auth_require_tls=False)
    send(_message(), _local(port, username="clinic"), "s3cret", timeout=5)
    assert seen == [(b"clinic", b"s3cret")]
    assert len(handler.envelopes) == 1


# --- sending: failures ------------------------------------------------------------------------


def _send_error(message, settings, password=None, **kwargs):
    with pytest.raises(EmailError) as info:
        send(message, settings, password, timeout=5, **kwargs)
    return info.value


def test_refused_login_gives_auth(smtp_server):
    def reject(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=False, handled=False)

    handler = Collector()
    port = smtp_server(handler, authenticator=reject, auth_require_tls=False)
    error = _send_error(_message(), _local(port, username="clinic"), "wrong")
    assert error.kind is EmailErrorKind.AUTH
    assert "refused the user name or password" in str(error)
    assert error.smtp_code == 535
    assert handler.envelopes == []


def test_unreachable_port_gives_unreachable():
    port = _free_port()  # bound then released: nothing listens there
    error = _send_error(_message(), _local(port))
    assert error.kind is EmailErrorKind.UNREACHABLE
    assert f"127.0.0.1:{port}" in str(error)


def test_unknown_host_gives_unreachable(monkeypatch):
    def no_dns(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    settings = SmtpSettings(host="smtp.invalid", port=587, sender=SENDER)
    error = _send_error(_message(), settings)
    assert error.kind is EmailErrorKind.UNREACHABLE
    assert "smtp.invalid could not be found" in str(error)


@pytest.mark.parametrize("host", ["smtp.example.org", "192.168.1.10", "localhost.example.org"])
def test_unencrypted_to_a_remote_host_is_refused(host):
    settings = SmtpSettings(host=host, port=25, security=SmtpSecurity.NONE, sender=SENDER)
    error = _send_error(_message(), settings)
    assert error.kind is EmailErrorKind.CONFIG
    assert "only to this computer" in str(error)


def test_missing_host_or_password_is_config():
    assert _send_error(_message(), SmtpSettings()).kind is EmailErrorKind.CONFIG
    settings = _local(25, username="clinic")
    error = _send_error(_message(), settings, None)
    assert error.kind is EmailErrorKind.CONFIG
    assert "CONSULT_APP_SMTP_PASSWORD" in str(error)


def test_recipient_rejected(smtp_server):
    handler = Collector(refuse_rcpt=True)
    port = smtp_server(handler)
    error = _send_error(_message(), _local(port))
    assert error.kind is EmailErrorKind.RECIPIENT_REFUSED
    assert error.smtp_code == 550
    assert PATIENT not in str(error)  # patient data stays out of messages and logs
    assert handler.envelopes == []


def test_sender_rejected(smtp_server):
    port = smtp_server(Collector(refuse_mail=True))
    error = _send_error(_message(), _local(port))
    assert error.kind is EmailErrorKind.SENDER_REFUSED
    assert error.smtp_code == 553


def test_starttls_required_but_not_offered(smtp_server):
    handler = Collector()
    port = smtp_server(handler)
    error = _send_error(_message(), _local(port, security=SmtpSecurity.STARTTLS))
    assert error.kind is EmailErrorKind.TLS
    assert "does not offer STARTTLS" in str(error)
    assert handler.envelopes == []


# --- TLS with a real (self-signed) certificate ------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for localhost / 127.0.0.1: (cert path, key path)."""
    folder = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture
def server_tls(certificate):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    return context


@pytest.fixture
def trusting_client(certificate):
    """A verifying client context that trusts the test certificate (like a clinic's own CA)."""
    return ssl.create_default_context(cafile=str(certificate[0]))


def test_starttls_delivers_with_a_trusted_certificate(smtp_server, server_tls, trusting_client):
    handler = Collector()
    port = smtp_server(handler, tls_context=server_tls, require_starttls=True)
    send(_message(), _local(port, SmtpSecurity.STARTTLS), None, timeout=5, context=trusting_client)
    assert _attachment(_received(handler.envelopes[0])).get_content() == PDF


def test_starttls_with_an_unverifiable_certificate_gives_tls(smtp_server, server_tls):
    handler = Collector()
    port = smtp_server(handler, tls_context=server_tls, require_starttls=True)
    error = _send_error(_message(), _local(port, SmtpSecurity.STARTTLS))
    assert error.kind is EmailErrorKind.TLS
    assert "could not be verified" in str(error)
    assert handler.envelopes == []


def test_implicit_tls_delivers_with_a_trusted_certificate(smtp_server, server_tls, trusting_client):
    handler = Collector()
    port = smtp_server(handler, ssl_context=server_tls)
    send(_message(), _local(port, SmtpSecurity.TLS), None, timeout=5, context=trusting_client)
    assert _attachment(_received(handler.envelopes[0])).get_content() == PDF


def test_implicit_tls_with_an_unverifiable_certificate_gives_tls(smtp_server, server_tls):
    handler = Collector()
    port = smtp_server(handler, ssl_context=server_tls)
    error = _send_error(_message(), _local(port, SmtpSecurity.TLS))
    assert error.kind is EmailErrorKind.TLS
    assert handler.envelopes == []


# --- .eml draft -------------------------------------------------------------------------------


def test_write_eml_draft(tmp_path):
    message = _message()
    target = tmp_path / "draft.eml"
    write_eml(message, target)
    data = target.read_bytes()
    assert b"\r\n" in data
    draft = message_from_bytes(data, policy=policy.default)
    assert draft["X-Unsent"] == "1"
    assert draft["To"] == PATIENT
    assert draft["Subject"] == "Vos soins après l'injection"
    assert _attachment(draft).get_content() == PDF
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "X-Unsent" not in message  # the caller's message is untouched
    assert [p.name for p in tmp_path.iterdir()] == ["draft.eml"]  # no temp file left


# --- password store ---------------------------------------------------------------------------


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.items = {}

    def get_password(self, service, username):
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        self.items.pop((service, username), None)


class BrokenKeyring(MemoryKeyring):
    def get_password(self, service, username):
        raise keyring.errors.KeyringError("locked")

    def set_password(self, service, username, password):
        raise keyring.errors.PasswordSetError("locked")


def test_password_from_environment_first(monkeypatch):
    backend = MemoryKeyring()
    backend.set_password("consult-app", "clinic", "from-keyring")
    monkeypatch.setenv("CONSULT_APP_SMTP_PASSWORD", "from-env")
    assert PasswordStore(backend=backend).get("clinic") == "from-env"
    monkeypatch.delenv("CONSULT_APP_SMTP_PASSWORD")
    assert PasswordStore(backend=backend).get("clinic") == "from-keyring"


def test_password_in_keyring_when_available():
    backend = MemoryKeyring()
    store = PasswordStore(backend=backend, environ={})
    assert store.has_keyring()
    assert store.get("clinic") is None
    assert store.set("clinic", "s3cret") is True
    assert backend.items == {("consult-app", "clinic"): "s3cret"}
    assert PasswordStore(backend=backend, environ={}).get("clinic") == "s3cret"
    store.forget("clinic")
    assert store.get("clinic") is None


def test_password_in_memory_only_without_keyring(tmp_path):
    store = PasswordStore(backend=keyring.backends.fail.Keyring(), environ={})
    assert not store.has_keyring()
    assert store.get("clinic") is None
    assert store.set("clinic", "s3cret") is False
    assert store.get("clinic") == "s3cret"
    # A new run (a new store) has forgotten it: nothing went to a file.
    assert PasswordStore(backend=keyring.backends.fail.Keyring(), environ={}).get("clinic") is None


def test_password_falls_back_to_memory_when_keyring_fails():
    store = PasswordStore(backend=BrokenKeyring(), environ={})
    assert store.get("clinic") is None
    assert store.set("clinic", "s3cret") is False
    assert store.get("clinic") == "s3cret"
