"""The transactional outbox on real SQLite, and SMTP delivery to a real local server."""

from __future__ import annotations

import base64
import email
import socketserver
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import Message as ParsedMessage
from typing import Any

import pytest

from fittrack.adapters.mail import (
    EmailMessage,
    LocalMailSender,
    SmtpMailSender,
    dispatch_pending,
    enqueue_email,
    list_outbox,
    open_mail_sender,
)
from fittrack.adapters.secrets import LocalSecrets
from fittrack.config import Settings

WELCOME = EmailMessage(
    to="ada@example.com",
    subject="Verify your email",
    text="Your code: tok-123",
    html="<p>Your code: <b>tok-123</b></p>",
    template="verify-email",
    user_id=uuid.UUID("00000000-0000-4000-8000-000000000001"),
)


# --- a tiny SMTP server: enough of RFC 5321 for smtplib, no TLS -----------------


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes
    auth: str | None

    def parsed(self) -> ParsedMessage:
        return email.message_from_bytes(self.data)


@dataclass
class SmtpLog:
    mails: list[Received] = field(default_factory=list)


class SmtpHandler(socketserver.StreamRequestHandler):
    server: SmtpServer

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 localhost test SMTP")
        sender, recipients, auth = "", [], None
        while line := self.rfile.readline():
            verb, _, arg = line.decode().rstrip("\r\n").partition(" ")
            verb = verb.upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250-localhost")
                self.reply("250 AUTH PLAIN")
            elif verb == "AUTH":
                auth = base64.b64decode(arg.split(" ", 1)[1]).decode()
                self.reply("235 2.7.0 Authentication successful")
            elif verb == "MAIL":
                sender, recipients = arg.split(":", 1)[1].strip("<> "), []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(arg.split(":", 1)[1].strip("<> "))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                self.server.log.mails.append(Received(sender, recipients, self.read_data(), auth))
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("250 OK")

    def read_data(self) -> bytes:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)


class SmtpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), SmtpHandler)
        self.log = SmtpLog()


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


def smtp_sender(server: SmtpServer, **kwargs: Any) -> SmtpMailSender:
    return SmtpMailSender(
        host="127.0.0.1",
        port=server.server_address[1],
        username=kwargs.pop("username", "ocid1.user.oc1..smtp"),
        password=kwargs.pop("password", "smtp-pass"),
        mail_from="FitTrack <no-reply@fittrack.app>",
        starttls=False,
        **kwargs,
    )


# --- SMTP ---------------------------------------------------------------------------


def test_smtp_sender_delivers_multipart_with_login(smtp_server: SmtpServer) -> None:
    smtp_sender(smtp_server).send(WELCOME)
    [mail] = smtp_server.log.mails
    assert mail.sender == "no-reply@fittrack.app"
    assert mail.recipients == ["ada@example.com"]
    assert mail.auth == "\0ocid1.user.oc1..smtp\0smtp-pass"
    parsed = mail.parsed()
    assert parsed["Subject"] == "Verify your email"
    assert parsed["From"] == "FitTrack <no-reply@fittrack.app>"
    assert parsed["Message-ID"].endswith("@fittrack.app>")
    parts = {p.get_content_type(): p.get_payload(decode=True) for p in parsed.walk()}
    assert b"Your code: tok-123" in parts["text/plain"]
    assert b"<b>tok-123</b>" in parts["text/html"]


def test_smtp_sender_without_credentials_skips_login(smtp_server: SmtpServer) -> None:
    smtp_sender(smtp_server, username=None, password=None).send(
        EmailMessage(to="bo@example.com", subject="Hi", text="plain only")
    )
    [mail] = smtp_server.log.mails
    assert mail.auth is None
    assert mail.parsed().get_content_type() == "text/plain"


def test_open_mail_sender(tmp_path: Any) -> None:
    secrets = LocalSecrets(
        tmp_path,
        environ={"FITTRACK_SECRET_SMTP_USERNAME": "u", "FITTRACK_SECRET_SMTP_PASSWORD": "p"},
    )
    assert isinstance(open_mail_sender(Settings(), secrets), LocalMailSender)
    smtp = Settings(mail_backend="smtp", smtp_host="smtp.email.us-ashburn-1.oci.oraclecloud.com")
    assert isinstance(open_mail_sender(smtp, secrets), SmtpMailSender)
    with pytest.raises(ValueError, match="FITTRACK_SMTP_HOST"):
        open_mail_sender(Settings(mail_backend="smtp"), secrets)


# --- the outbox -----------------------------------------------------------------------


class BrokenSender:
    """A mail server that always refuses."""

    def __init__(self) -> None:
        self.calls = 0

    def send(self, message: EmailMessage) -> None:
        self.calls += 1
        raise ConnectionRefusedError("relay said no")


class Boom(Exception):
    pass


def test_enqueue_in_rolled_back_transaction_leaves_nothing(database: Any) -> None:
    with pytest.raises(Boom), database.unit_of_work() as uow:
        enqueue_email(uow, WELCOME)
        raise Boom
    assert list_outbox(database) == []


def test_enqueue_then_dispatch_locally_marks_sent(database: Any) -> None:
    with database.unit_of_work() as uow:
        email_id = enqueue_email(uow, WELCOME)
    [row] = list_outbox(database)
    assert row["email_id"] == str(email_id)
    assert (row["status"], row["attempts"], row["sent_at"]) == ("pending", 0, None)
    assert row["user_id"] == str(WELCOME.user_id)
    assert row["body_text"] == WELCOME.text
    assert row["template"] == "verify-email"

    assert dispatch_pending(database, LocalMailSender()) == 1
    [row] = list_outbox(database)
    assert (row["status"], row["attempts"]) == ("sent", 1)
    assert isinstance(row["sent_at"], datetime)
    assert dispatch_pending(database, LocalMailSender()) == 0


def test_failing_sender_retries_then_gives_up(database: Any) -> None:
    with database.unit_of_work() as uow:
        enqueue_email(uow, WELCOME)
    sender = BrokenSender()
    for attempt in (1, 2):
        assert dispatch_pending(database, sender, max_attempts=3) == 0
        [row] = list_outbox(database)
        assert (row["status"], row["attempts"]) == ("pending", attempt)
        assert row["last_error"] == "ConnectionRefusedError: relay said no"
    assert dispatch_pending(database, sender, max_attempts=3) == 0
    assert list_outbox(database)[0]["status"] == "failed"
    assert dispatch_pending(database, sender, max_attempts=3) == 0
    assert sender.calls == 3


def test_dispatch_through_smtp(database: Any, smtp_server: SmtpServer) -> None:
    with database.unit_of_work() as uow:
        enqueue_email(uow, WELCOME)
        enqueue_email(uow, EmailMessage(to="bo@example.com", subject="Hi", text="x"))
    assert dispatch_pending(database, smtp_sender(smtp_server)) == 2
    assert sorted(m.recipients[0] for m in smtp_server.log.mails) == [
        "ada@example.com",
        "bo@example.com",
    ]


def test_list_outbox_newest_first_and_filtered(database: Any) -> None:
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    with database.unit_of_work() as uow:
        for i, to in enumerate(["a@example.com", "b@example.com", "a@example.com"]):
            message = EmailMessage(to=to, subject=f"#{i}", text="t")
            enqueue_email(uow, message, now=start + timedelta(minutes=i))
    assert [r["subject"] for r in list_outbox(database)] == ["#2", "#1", "#0"]
    assert [r["subject"] for r in list_outbox(database, limit=1)] == ["#2"]
    filtered = list_outbox(database, to_address="a@example.com")
    assert [r["subject"] for r in filtered] == ["#2", "#0"]


def test_concurrent_dispatchers_send_each_email_once(database: Any) -> None:
    with database.unit_of_work() as uow:
        for i in range(30):
            enqueue_email(uow, EmailMessage(to=f"u{i}@example.com", subject="s", text="t"))
    delivered: list[str] = []
    lock = threading.Lock()

    class Recording:
        def send(self, message: EmailMessage) -> None:
            with lock:
                delivered.append(message.to)

    barrier = threading.Barrier(4)
    totals: list[int] = []

    def run() -> None:
        barrier.wait()
        totals.append(dispatch_pending(database, Recording()))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(delivered) == sorted(f"u{i}@example.com" for i in range(30))
    assert sum(totals) == 30
