"""Background work for the UI: QRunnables on a QThreadPool that touch no widgets.

Each worker reports by the signals of a small QObject created in the GUI thread, so the
connected slots run in the GUI thread (queued connection).
"""

from __future__ import annotations

import logging
import ssl
from email.message import EmailMessage

from PySide6.QtCore import QObject, QRunnable, Signal

from consult_app.core.settings import SmtpSettings
from consult_app.delivery.email import EmailError, EmailErrorKind, send

__all__ = ["EmailSendSignals", "EmailSendWorker"]

logger = logging.getLogger(__name__)


class EmailSendSignals(QObject):
    """What an email worker reports.

    Signals:
        succeeded: the server accepted the message.
        failed: the message was not sent; carries the ``EmailError``.
    """

    succeeded = Signal()
    failed = Signal(object)


class EmailSendWorker(QRunnable):
    """Send one message with ``delivery.email.send`` off the GUI thread."""

    def __init__(
        self,
        message: EmailMessage,
        smtp: SmtpSettings,
        password: str | None,
        *,
        timeout: float = 15,
        context: ssl.SSLContext | None = None,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the owner keeps a reference until a signal arrives
        self.signals = EmailSendSignals()
        self._message = message
        self._smtp = smtp
        self._password = password
        self._timeout = timeout
        self._context = context

    def run(self) -> None:
        """Send; emit ``succeeded`` or ``failed``. Never raises."""
        try:
            send(self._message, self._smtp, self._password, self._timeout, context=self._context)
        except EmailError as exc:
            self.signals.failed.emit(exc)
        except Exception as exc:  # a bug must not kill the pool thread silently
            logger.exception("unexpected error while sending email")
            self.signals.failed.emit(EmailError(EmailErrorKind.REJECTED, str(exc)))
        else:
            self.signals.succeeded.emit()
