"""Delivery under failure, with real processes: a bulk mail to 200 candidates sends 200 messages
exactly once although the worker is killed (kill -9) in the middle of the batch; the careers
confirmation arrives in the test SMTP server."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.test import Client

from candidates.emails.models import OutboundEmail
from candidates.emails.services.outbound import contact_refusal, email_send_bulk, email_sweep
from candidates.models import Candidate
from jobs.applications.models import Application
from tests import factories
from tests.candidates.emails.conftest import RecordingSMTP, free_port, run_email_worker
from tests.candidates.resumes.services.test_claims import ROOT, _database_url

pytestmark = pytest.mark.django_db(transaction=True)


class StallingSMTP(RecordingSMTP):
    """Accepts messages until `stall_after` have arrived, then holds the next one at RCPT (before
    its DATA) until released: the worker is then certainly in the middle of a send."""

    def __init__(self, stall_after: int, **kwargs):
        super().__init__(**kwargs)
        self.stall_after = stall_after
        self.stalled = False
        self.release = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        import asyncio

        while len(self.messages) >= self.stall_after and not self.release:
            self.stalled = True
            await asyncio.sleep(0.02)
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)


def _start_worker(port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": _database_url(), "REDIS_URL": settings.REDIS_URL, "DEBUG": "1",
           "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "127.0.0.1",
           "EMAIL_PORT": str(port), "EMAIL_REPLY_DOMAIN": settings.EMAIL_REPLY_DOMAIN}
    return subprocess.Popen(
        [sys.executable, "manage.py", "rqworker", "notifications", "--burst", "--worker-class", "rq.SimpleWorker"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )


@pytest.mark.slow
def test_a_bulk_mail_to_200_candidates_sends_200_messages_exactly_once_when_a_worker_is_killed_mid_batch(
    recruiter, job_a, invite_template, email_queue, settings, django_capture_on_commit_callbacks
):
    recorder = StallingSMTP(stall_after=80, port=free_port())
    controller = Controller(recorder, hostname="127.0.0.1", port=recorder.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", recorder.port
    try:
        stage = factories.stage_of(job_a, "applied")
        candidates = Candidate.objects.bulk_create(
            Candidate(full_name=f"Bulk Person {n}", emails=[f"bulk{n}@example.com"]) for n in range(200)
        )
        applications = Application.objects.bulk_create(Application(candidate=c, job=job_a, stage=stage) for c in candidates)
        for application in applications:
            application.job = job_a
        result = email_send_bulk(actor=recruiter, template=invite_template, nonce="batch-1", applications=applications)
        assert len(result.queued) == 200 and email_queue.count == 200

        worker = _start_worker(recorder.port)
        try:
            deadline = time.monotonic() + 60
            while not recorder.stalled:
                assert time.monotonic() < deadline, "the worker never got 80 messages out"
                time.sleep(0.02)
            os.killpg(worker.pid, signal.SIGKILL)  # in the middle of handing message 81 over
            worker.wait()
        finally:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait()
        assert len(recorder.messages) == 80
        assert OutboundEmail.objects.filter(state="sending").count() == 1  # claimed by the dead worker
        recorder.release = True

        # A sweep finds the message of the dead worker and queues it again; a second worker finishes.
        sweep = email_sweep(stuck_after=timedelta(seconds=settings.EMAIL_STUCK_AFTER))
        assert sweep["interrupted"] == 1
        # The same action submitted again (a double click) adds nothing.
        again = email_send_bulk(actor=recruiter, template=invite_template, nonce="batch-1", applications=applications)
        assert {e.pk for e in again.queued} == {e.pk for e in result.queued}
        run_email_worker(email_queue)
        email_sweep(stuck_after=timedelta(0))  # nothing left to do: no job is added twice
        run_email_worker(email_queue)
    finally:
        controller.stop()
    assert OutboundEmail.objects.filter(state="sent").count() == 200
    recipients = sorted(address for _, rcpts in recorder.envelopes for address in rcpts)
    assert recipients == sorted(f"bulk{n}@example.com" for n in range(200))  # each exactly once
    assert len({m["Message-ID"] for m in recorder.messages}) == 200
    assert all("/unsubscribe/" in str(m["List-Unsubscribe"]) for m in recorder.messages)


def test_the_unsubscribe_link_in_a_bulk_mail_opts_the_candidate_out(
    recruiter, job_a, invite_template, smtp_server, email_queue
):
    application = factories.make_application(job=job_a)
    email_send_bulk(actor=recruiter, template=invite_template, nonce="n", applications=[application])
    run_email_worker(email_queue)
    [message] = smtp_server.messages
    url = str(message["List-Unsubscribe"]).strip().strip("<>").removeprefix(settings.SITE_URL)
    assert url in message.get_content()
    logged = OutboundEmail.objects.get()
    assert message.get_content().replace("\r\n", "\n").strip() == logged.body.strip()  # the exact text, link included
    anonymous = Client()
    page = anonymous.get(url)
    assert page.status_code == 200 and b"Unsubscribe" in page.content
    assert Candidate.objects.get(pk=application.candidate_id).do_not_contact is False  # a GET changes nothing
    assert anonymous.post(url).status_code == 200  # RFC 8058 one-click, without a session or CSRF token
    candidate = Candidate.objects.get(pk=application.candidate_id)
    assert candidate.do_not_contact and candidate.do_not_contact_reason == "Unsubscribe link"
    assert "asked not to be contacted" in contact_refusal(candidate)
    assert anonymous.get(url[:-5] + "xxxx/").status_code == 404


def test_the_careers_confirmation_mail_arrives_in_the_test_smtp_server(
    published_job, smtp_server, email_queue, django_capture_on_commit_callbacks
):
    from jobs.careers.services import Applicant, careers_apply

    with django_capture_on_commit_callbacks(execute=True):
        result = careers_apply(
            job=published_job, applicant=Applicant(full_name="Marisol Quintero", email="marisol.q@example.com"),
            resume_name="cv.txt", resume_data=b"Marisol Quintero\nmarisol.q@example.com\nEngineer since 2015\n", answers={},
        )
    from rq import SimpleWorker

    SimpleWorker([email_queue], connection=email_queue.connection).work(burst=True, with_scheduler=False)
    [message] = smtp_server.to("marisol.q@example.com")
    assert "Platform Engineer" in message["Subject"]
    assert message.get_body(preferencelist=("html",)) is not None
    email = OutboundEmail.objects.get(candidate=result.application.candidate)
    assert (email.state, email.purpose, email.message_id) == ("sent", "careers", message["Message-ID"])
    # The job run again (a retry, a duplicate) sends nothing more.
    from jobs.careers.tasks import send_application_confirmation

    assert send_application_confirmation(result.consent.pk) is True
    assert len(smtp_server.to("marisol.q@example.com")) == 1


@pytest.fixture
def published_job(recruiter):
    return factories.make_job(actor=recruiter, title="Platform Engineer", published=True)
