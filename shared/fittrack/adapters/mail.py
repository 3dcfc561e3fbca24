"""Email through a transactional outbox: OCI Email Delivery (SMTP) or nowhere.

Services add an outbox row in their own transaction; a job sends pending rows.
Locally the outbox row itself is the mailbox (`GET /_dev/outbox`).
Bodies carry sign-in and reset tokens, so they are never logged.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from fittrack.clock import Clock, utc_now
from fittrack.log import get_logger

if TYPE_CHECKING:
    from email.message import EmailMessage as MimeMessage

    from fittrack.adapters.secrets import Secrets
    from fittrack.config import Settings
    from fittrack.db import Database, UnitOfWork

log = get_logger(__name__)

SMTP_USERNAME_NAME = "smtp-username"
SMTP_PASSWORD_NAME = "smtp-password"  # noqa: S105 - the name of a secret
_MAX_ERROR_CHARS = 500
_SELECT = (
    "SELECT email_id, to_address, subject, body_text, body_html, template, user_id, status,"
    " attempts, last_error, created_at, sent_at FROM outbox"
)


@dataclass(frozen=True, kw_only=True)
class EmailMessage:
    to: str
    subject: str
    text: str
    html: str | None = None
    template: str | None = None
    user_id: uuid.UUID | None = None


class MailSender(Protocol):
    def send(self, message: EmailMessage) -> None: ...


def enqueue_email(uow: UnitOfWork, message: EmailMessage, now: datetime | None = None) -> uuid.UUID:
    """Add a pending outbox row in the caller's transaction: it sends only if that commits."""
    from fittrack.db import ids

    email_id = ids.new_id()
    uow.execute(
        "INSERT INTO outbox (email_id, to_address, subject, body_text, body_html, template,"
        " user_id, status, attempts, last_error, created_at, sent_at) VALUES (:email_id,"
        " :to_address, :subject, :body_text, :body_html, :template, :user_id, 'pending', 0,"
        " NULL, :created_at, NULL)",
        {
            "email_id": ids.to_db(email_id),
            "to_address": message.to,
            "subject": message.subject,
            "body_text": message.text,
            "body_html": message.html,
            "template": message.template,
            "user_id": ids.to_db(message.user_id),
            "created_at": now or utc_now(),
        },
    )
    return email_id


class SmtpMailSender:
    """SMTP with STARTTLS and login, as OCI Email Delivery expects."""

    def __init__(
        self,
        host: str,
        port: int,
        username: str | None,
        password: str | None,
        mail_from: str,
        starttls: bool = True,
        timeout_seconds: float = 10.0,
    ) -> None:
        self._host = host
        self._port = port
        self._username = username
        self._password = password
        self._mail_from = mail_from
        self._starttls = starttls
        self._timeout = timeout_seconds

    def send(self, message: EmailMessage) -> None:
        import smtplib
        import ssl

        mime = self._mime(message)
        with smtplib.SMTP(self._host, self._port, timeout=self._timeout) as smtp:
            smtp.ehlo()
            if self._starttls:
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if self._username and self._password:
                smtp.login(self._username, self._password)
            smtp.send_message(mime)

    def _mime(self, message: EmailMessage) -> MimeMessage:
        from email.message import EmailMessage as MimeMessage
        from email.utils import formatdate, make_msgid

        mime = MimeMessage()
        mime["From"] = self._mail_from
        mime["To"] = message.to
        mime["Subject"] = message.subject
        mime["Date"] = formatdate(usegmt=True)
        mime["Message-ID"] = make_msgid(domain=self._mail_from.rpartition("@")[2].strip("> "))
        mime.set_content(message.text)
        if message.html:
            mime.add_alternative(message.html, subtype="html")
        return mime


class LocalMailSender:
    """Delivers nowhere: locally the outbox row is the mailbox."""

    def send(self, message: EmailMessage) -> None:
        return None


def dispatch_pending(
    db: Database,
    sender: MailSender,
    *,
    limit: int = 50,
    max_attempts: int = 5,
    clock: Clock = utc_now,
) -> int:
    """Send up to `limit` pending emails; returns how many were sent."""
    with db.unit_of_work(readonly=True) as uow:
        candidates = uow.query(
            "SELECT email_id FROM outbox WHERE status = 'pending' ORDER BY created_at "
            + uow.dialect.limit(),
            {"limit": limit},
        )
    return sum(
        _dispatch_one(db, sender, email_id=row["email_id"], max_attempts=max_attempts, clock=clock)
        for row in candidates
    )


def _dispatch_one(
    db: Database, sender: MailSender, *, email_id: bytes, max_attempts: int, clock: Clock
) -> bool:
    # The claim is this transaction's first write, so a concurrent dispatcher blocks
    # on it (SQLite write lock, Oracle row lock) and then finds the row already taken.
    with db.unit_of_work() as uow:
        claimed = uow.execute(
            "UPDATE outbox SET attempts = attempts + 1 WHERE email_id = :email_id"
            " AND status = 'pending'",
            {"email_id": email_id},
        )
        if claimed != 1:
            return False
        row = uow.query_one(_SELECT + " WHERE email_id = :email_id", {"email_id": email_id})
        if row is None:
            return False
        try:
            sender.send(_message_from_row(row))
        except Exception as exc:  # any failure is recorded and retried later
            _record_failure(uow, row, exc, max_attempts)
            return False
        uow.execute(
            "UPDATE outbox SET status = 'sent', sent_at = :now WHERE email_id = :email_id",
            {"email_id": email_id, "now": clock()},
        )
    return True


def _record_failure(
    uow: UnitOfWork, row: dict[str, Any], exc: Exception, max_attempts: int
) -> None:
    from fittrack.db import ids

    status = "failed" if row["attempts"] >= max_attempts else "pending"
    error = f"{type(exc).__name__}: {exc}"[:_MAX_ERROR_CHARS]
    email_id = str(ids.from_db(row["email_id"]))
    log.warning(
        "email send failed",
        extra={"emailId": email_id, "attempts": row["attempts"], "status": status},
    )
    uow.execute(
        "UPDATE outbox SET status = :status, last_error = :last_error WHERE email_id = :email_id",
        {"status": status, "last_error": error, "email_id": row["email_id"]},
    )


def _message_from_row(row: dict[str, Any]) -> EmailMessage:
    from fittrack.db import ids

    return EmailMessage(
        to=row["to_address"],
        subject=row["subject"],
        text=row["body_text"],
        html=row["body_html"],
        template=row["template"],
        user_id=ids.from_db(row["user_id"]),
    )


def list_outbox(
    db: Database, limit: int = 50, to_address: str | None = None
) -> list[dict[str, Any]]:
    """Newest first, ids as strings: the local mailbox behind `GET /_dev/outbox`."""
    from fittrack.db import ids

    where = " WHERE to_address = :to_address" if to_address else ""
    params: dict[str, Any] = {"limit": limit}
    if to_address:
        params["to_address"] = to_address
    with db.unit_of_work(readonly=True) as uow:
        rows = uow.query(
            f"{_SELECT}{where} ORDER BY created_at DESC " + uow.dialect.limit(),
            params,
        )
    for row in rows:
        row["email_id"] = str(ids.from_db(row["email_id"]))
        row["user_id"] = str(ids.from_db(row["user_id"])) if row["user_id"] else None
    return rows


def open_mail_sender(settings: Settings, secrets: Secrets) -> MailSender:
    if settings.mail_backend != "smtp":
        return LocalMailSender()
    if not settings.smtp_host:
        raise ValueError("FITTRACK_MAIL_BACKEND=smtp needs FITTRACK_SMTP_HOST")
    return SmtpMailSender(
        settings.smtp_host,
        settings.smtp_port,
        username=secrets.get(SMTP_USERNAME_NAME),
        password=secrets.get(SMTP_PASSWORD_NAME),
        mail_from=settings.mail_from,
    )
