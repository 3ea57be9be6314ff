"""The e-mail processes as they run in production: `manage.py receive_mail` in its own process takes
a reply over SMTP; the e-mail worker's maintenance sweeps up a message whose job Redis lost."""
from __future__ import annotations

import os
import signal
import smtplib
import subprocess
import sys
import time
from datetime import timedelta
from email.message import EmailMessage

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from candidates.emails.models import InboundEmail, OutboundEmail
from candidates.emails.services.outbound import email_send
from candidates.emails.worker import EmailWorker
from tests import factories
from tests.candidates.emails.conftest import free_port
from tests.candidates.resumes.services.test_claims import ROOT, _database_url

pytestmark = pytest.mark.django_db(transaction=True)


def test_receive_mail_runs_as_its_own_process_and_threads_a_reply(recruiter, job_a, invite_template):
    application = factories.make_application(job=job_a)
    email = email_send(actor=recruiter, candidate=application.candidate, template=invite_template,
                       application=application, idempotency_key="cmd")
    port = free_port()
    env = {**os.environ, "DATABASE_URL": _database_url(), "REDIS_URL": settings.REDIS_URL, "DEBUG": "1",
           "EMAIL_REPLY_DOMAIN": settings.EMAIL_REPLY_DOMAIN, "PYTHONUNBUFFERED": "1"}
    listener = subprocess.Popen([sys.executable, "manage.py", "receive_mail", "--port", str(port)], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        assert b"Receiving mail" in listener.stdout.readline()
        message = EmailMessage()
        message["From"] = application.candidate.emails[0]
        message["To"] = f"reply+{email.token}@{settings.EMAIL_REPLY_DOMAIN}"
        message["Subject"] = "Re: your message"
        message.set_content("Thursday works for me.")
        deadline = time.monotonic() + 20
        while True:
            try:
                with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
                    client.send_message(message)
                break
            except ConnectionRefusedError:
                assert time.monotonic() < deadline, "receive_mail never listened"
                time.sleep(0.1)
        reply = InboundEmail.objects.get()
        assert (reply.candidate_id, reply.in_reply_to_id, reply.body) == (application.candidate_id, email.pk,
                                                                          "Thursday works for me.")
        os.killpg(listener.pid, signal.SIGTERM)
        assert listener.wait(timeout=20) == 0
    finally:
        if listener.poll() is None:
            os.killpg(listener.pid, signal.SIGKILL)
            listener.wait()


def test_the_email_worker_maintenance_enqueues_a_message_whose_job_was_lost(recruiter, job_a, invite_template, email_queue):
    application = factories.make_application(job=job_a)
    email = email_send(actor=recruiter, candidate=application.candidate, template=invite_template,
                       application=application, idempotency_key="lost")
    email_queue.empty()  # Redis lost the job (a FLUSHDB, a restart without persistence)
    OutboundEmail.objects.filter(pk=email.pk).update(state_changed_at=timezone.now() - timedelta(minutes=1))
    worker = EmailWorker([email_queue], connection=email_queue.connection)
    worker.run_maintenance_tasks()
    assert email_queue.job_ids == [f"email-{email.pk}"]
    worker.run_maintenance_tasks()  # the job is waiting: nothing added twice
    assert email_queue.job_ids == [f"email-{email.pk}"]


def test_sweep_emails_by_hand_reports_what_it_did(recruiter, job_a, invite_template, email_queue, capsys):
    call_command("sweep_emails", "--stuck-after", "300")
    assert "0 e-mail(s) enqueued" in capsys.readouterr().out


def test_fetch_mail_without_a_mailbox_says_so(settings):
    settings.IMAP_HOST = ""
    with pytest.raises(CommandError, match="IMAP_HOST is not set"):
        call_command("fetch_mail")
