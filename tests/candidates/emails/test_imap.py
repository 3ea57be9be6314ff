"""Replies read from a real IMAP server (pymap, started by the test on loopback) by `fetch_mail`."""
from __future__ import annotations

import imaplib
import os
import signal
import subprocess
import sys
import time
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.core.management import call_command

from candidates.emails.models import InboundEmail
from candidates.emails.services.outbound import email_send
from tests import factories
from tests.candidates.emails.conftest import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def imap_server(settings):
    port = free_port()
    pymap = Path(sys.executable).parent / "pymap"
    server = subprocess.Popen([str(pymap), "--host", "127.0.0.1", "--port", str(port), "--no-tls", "dict",
                               "--demo-user", "ats-replies", "--demo-password", "mailbox-pass"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 20
    while True:
        try:
            imaplib.IMAP4("127.0.0.1", port, timeout=2).logout()
            break
        except OSError:
            assert time.monotonic() < deadline, "the IMAP server did not start"
            time.sleep(0.1)
    settings.IMAP_HOST, settings.IMAP_PORT, settings.IMAP_USE_SSL = "127.0.0.1", port, False
    settings.IMAP_USER, settings.IMAP_PASSWORD, settings.IMAP_FOLDER = "ats-replies", "mailbox-pass", "INBOX"
    settings.EMAIL_REPLY_DOMAIN = "replies.example.test"
    yield port
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=10)


def _append(port: int, message: EmailMessage) -> None:
    client = imaplib.IMAP4("127.0.0.1", port, timeout=10)
    client.login("ats-replies", "mailbox-pass")
    client.append("INBOX", None, None, message.as_bytes())
    client.logout()


def test_fetch_mail_reads_unseen_replies_once_and_threads_them(recruiter, job_a, invite_template, imap_server, capsys):
    application = factories.make_application(job=job_a)
    email = email_send(actor=recruiter, candidate=application.candidate, template=invite_template,
                       application=application, idempotency_key="imap")
    reply = EmailMessage()
    reply["From"] = "Somebody <somebody@example.org>"
    reply["To"] = f"reply+{email.token}@replies.example.test"
    reply["Subject"] = "Re: Backend Engineer"
    reply["Message-ID"] = "<imap-reply-1@example.org>"
    reply.set_content("Friday afternoon is good.")
    stranger = EmailMessage()
    stranger["From"] = "stranger@example.org"
    stranger["To"] = "jobs@replies.example.test"
    stranger["Subject"] = "Open roles?"
    stranger.set_content("Hi")
    _append(imap_server, reply)
    _append(imap_server, stranger)
    call_command("fetch_mail")
    assert "2 message(s) read: 1 attached to candidates, 1 unassigned." in capsys.readouterr().out
    threaded = InboundEmail.objects.get(message_id="<imap-reply-1@example.org>")
    assert (threaded.candidate_id, threaded.in_reply_to_id, threaded.body) == (
        application.candidate_id, email.pk, "Friday afternoon is good.")
    call_command("fetch_mail")  # marked seen: not read again
    assert "0 message(s) read" in capsys.readouterr().out
    assert InboundEmail.objects.count() == 2
