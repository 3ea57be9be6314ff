"""A real SMTP server on loopback (aiosmtpd) that records what it is given, the notifications
queue emptied (ours only: Redis is shared), and e-mail templates to send."""
from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

import django_rq
import pytest
from aiosmtpd.controller import Controller

from candidates.emails.models import EmailTemplate
from candidates.emails.services.templates import email_template_save


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class RecordingSMTP:
    """What the test SMTP server received: one parsed message per DATA, with its envelope."""

    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)  # recipients answered with 550
    arrived: threading.Condition = field(default_factory=threading.Condition)
    port: int = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.arrived:
            self.messages.append(BytesParser(policy=policy.default).parsebytes(envelope.original_content or envelope.content))
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
            self.arrived.notify_all()
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]


@pytest.fixture
def smtp_server(settings):
    """Django's SMTP backend pointed at a real SMTP server on 127.0.0.1 (not locmem)."""
    recorder = RecordingSMTP(port=free_port())
    controller = Controller(recorder, hostname="127.0.0.1", port=recorder.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", recorder.port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    settings.EMAIL_TIMEOUT = 5
    settings.EMAIL_REPLY_DOMAIN = "replies.example.test"
    settings.SITE_URL = "https://ats.example.test"
    yield recorder
    controller.stop()


@pytest.fixture
def email_queue():
    queue = django_rq.get_queue("notifications")

    def clear() -> None:
        queue.empty()
        for registry in (queue.scheduled_job_registry, queue.started_job_registry, queue.failed_job_registry,
                         queue.deferred_job_registry):
            for job_id in registry.get_job_ids():
                registry.remove(job_id, delete_job=True)

    clear()
    yield queue
    clear()


def run_email_worker(queue) -> None:
    from rq import SimpleWorker

    SimpleWorker([queue], connection=queue.connection).work(burst=True, with_scheduler=False)


@pytest.fixture
def invite_template(recruiter):
    return email_template_save(actor=recruiter, template=EmailTemplate(
        name="Invite to a call", language="en", subject="{job_title} at {company}",
        body="Hello {first_name},\n\nThanks for applying to {job_title}. {scheduling_line}\n\n{recruiter_name}",
    ))


@pytest.fixture
def invite_template_zh(recruiter):
    return email_template_save(actor=recruiter, template=EmailTemplate(
        name="Invite to a call", language="zh", subject="{company}：{job_title}",
        body="{first_name}，您好！\n\n感谢您申请{job_title}。{scheduling_line}\n\n{recruiter_name}",
    ))
