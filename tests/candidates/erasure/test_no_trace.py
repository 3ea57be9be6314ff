"""The heart of erasure: a person who went through every door (the careers form twice, an upload,
a failed parse, notes, a search export, a merge, e-mail both queued and sent through a real SMTP
server) is erased, and then neither a pg_dump of the whole database, nor the storage folder, nor
any Redis key or value holds their name, e-mail, phone or the bytes of any of their files. The
applications and their stage history remain, unlinked from any person."""
from __future__ import annotations

import dataclasses
import subprocess
import zlib
from datetime import timedelta
from pathlib import Path

import django_rq
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from ats.core.models import AuditEvent
from ats.core.services import audit_record
from ats.demo import fake_resumes
from candidates.emails.models import EmailTemplate, OutboundEmail
from candidates.emails.services.outbound import email_send
from candidates.emails.services.templates import email_template_save
from candidates.erasure.services import ERASED_NAME, candidate_erase
from candidates.merges.services import candidate_merge
from candidates.models import Candidate
from candidates.resumes.models import Resume
from candidates.resumes.services.intake import resume_reparse
from candidates.resumes.worker import ParsingWorker
from candidates.services import note_add
from jobs.applications.models import Application, StageChange
from jobs.applications.services import application_create, application_move
from tests import factories
from tests.candidates.emails.conftest import run_email_worker

pytestmark = pytest.mark.django_db(transaction=True)

NAME, EMAIL, PHONE = "Zephyrine Okonkwo-Lindqvist", "zephyrine.ol@example.org", "+44 7700 900123"
SECOND_EMAIL = "z.lindqvist@example.net"
PHONE_FORMS = ["7700900123", "7700 900123", "7700-900123", "+447700900123"]
WORDS = ["zephyrine", "okonkwo", "lindqvist"]


def _person() -> fake_resumes.FakePerson:
    return dataclasses.replace(fake_resumes.fake_person(31), name=NAME, email=EMAIL, phone=PHONE)


def _apply(client, job, resume: bytes, name: str) -> None:
    questions = list(job.questions.order_by("position"))
    response = client.post(reverse("careers:apply", args=[job.pk]), {
        "full_name": NAME, "email": EMAIL, "phone": PHONE, "website": "", "consent": "on",
        "cover_letter": f"Hello, I am {NAME}; reach me on {PHONE}.", "links": "https://example.org/zephyrine",
        f"question_{questions[0].pk}": "Yes", f"question_{questions[1].pk}": "1 month",
        "resume": SimpleUploadedFile(name, resume),
    })
    assert response.status_code == 302, response.content[:500]


def _drain(parsing, notifications) -> None:
    ParsingWorker([parsing], connection=parsing.connection).work(burst=True, with_scheduler=False)
    run_email_worker(notifications)


def _build_her_history(client, recruiter, recruiter_client, published_job, redis_queue, email_queue) -> tuple[Candidate, list[bytes]]:
    person = _person()
    files = [fake_resumes.resume_pdf(person), b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Zq 7e1f3a9b", fake_resumes.resume_docx(person)]
    second_job = factories.make_job(actor=recruiter, title="Data Engineer", published=True)
    _apply(client, published_job, files[0], "Zephyrine CV.pdf")
    _drain(redis_queue, email_queue)
    her = Candidate.objects.get(emails__contains=[EMAIL])
    # A second version that the parser rejects (truncated), sent with a re-application.
    _apply(client, published_job, files[1], "zephyrine-cv-2.pdf")
    # A third through the recruiters' upload page, matched to her by e-mail when parsed.
    response = recruiter_client.post(reverse("candidates:upload"), {"files": [SimpleUploadedFile("ZOL.docx", files[2])]})
    assert response.status_code in (200, 302)
    _drain(redis_queue, email_queue)
    statuses = sorted(Resume.objects.filter(candidate=her).values_list("status", flat=True))
    assert statuses == ["failed", "parsed", "parsed"], statuses
    pdf = Resume.objects.get(candidate=her, status="parsed", content_type="application/pdf")
    page = recruiter_client.get(reverse("candidates:resume_page_image", args=[pdf.pk, 1]))  # draws and stores the pages
    assert page.status_code == 200
    page.close()

    application = application_create(actor=recruiter, candidate=her, job=second_job)
    application_move(actor=recruiter, application=application, to_stage=second_job.stages.order_by("position")[1])
    note_add(actor=recruiter, candidate=her, body=f"{NAME} prefers calls on {PHONE}", application=application)
    note_add(actor=recruiter, candidate=her, body="Strong on Kafka")
    # A search export for her name (the audit trail keeps the query, as exports record it).
    assert recruiter_client.get(reverse("candidates:export"), {"q": NAME}).status_code == 200
    if not AuditEvent.objects.filter(data__q=NAME).exists():
        audit_record(actor=recruiter, action=AuditEvent.Read.EXPORTED, data={"q": NAME, "format": "csv"})
    twin = factories.make_candidate(actor=recruiter, name=NAME, emails=[SECOND_EMAIL], phones=[PHONE])
    candidate_merge(actor=recruiter, kept=her, merged=twin)
    her = Candidate.objects.get(pk=her.pk)
    template = email_template_save(actor=recruiter, template=EmailTemplate(
        name="Call", language="en", subject="A call, {first_name}?", body="Hello {first_name}, shall we talk?"))
    email_send(actor=recruiter, candidate=her, template=template, idempotency_key="erasure-test-sent")
    run_email_worker(email_queue)
    assert OutboundEmail.objects.filter(candidate=her, state="sent", purpose="manual").count() == 1
    # Work still waiting in Redis: a delayed e-mail and a re-parse nobody has run yet.
    email_send(actor=recruiter, candidate=her, template=template, idempotency_key="erasure-test-later", delay=timedelta(hours=2))
    resume_reparse(actor=recruiter, resume=Resume.objects.filter(candidate=her, status="parsed").first())
    return her, files


def _dump() -> str:
    db = connection.settings_dict
    command = ["pg_dump", "--no-owner", "--dbname", db["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            command += [flag, str(db[key])]
    env = {"PGPASSWORD": db.get("PASSWORD") or "", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(command, capture_output=True, check=True, env=env, timeout=120)
    return done.stdout.decode("utf-8", "replace")


def _storage_files(*, besides: frozenset[Path] = frozenset()) -> list[Path]:
    """The storage folder's files (those of earlier tests, `besides`, left out: the folder is shared)."""
    return [path for path in Path(settings.PRIVATE_STORAGE_ROOT).rglob("*") if path.is_file() and path not in besides]


def _redis_text() -> str:
    client = django_rq.get_queue("default").connection
    parts = []
    for key in client.scan_iter(count=500):
        parts.append(key.decode("utf-8", "replace"))
        kind = client.type(key).decode()
        values = {"string": lambda: [client.get(key)], "hash": lambda: list(client.hgetall(key).values()),
                  "list": lambda: client.lrange(key, 0, -1), "set": lambda: list(client.smembers(key)),
                  "zset": lambda: client.zrange(key, 0, -1),
                  "stream": lambda: [v for _, fields in client.xrange(key) for v in fields.values()]}.get(kind, lambda: [])()
        for value in values:
            value = value or b""
            try:
                value = zlib.decompress(value)
            except zlib.error:
                pass
            parts.append(value.decode("utf-8", "replace"))
    return "\n".join(parts)


def _traces(text: str, files: list[bytes]) -> list[str]:
    lowered = text.lower()
    found = [word for word in WORDS + [EMAIL, SECOND_EMAIL] if word in lowered]
    found += [form for form in PHONE_FORMS if form in text]
    for data in files:
        marker = data[len(data) // 2: len(data) // 2 + 24]
        if marker.decode("latin-1") in text or marker.hex() in lowered:
            found.append(f"bytes of a {len(data)}-byte file")
    return found


def _lines_with(text: str, needles: list[str]) -> list[str]:
    """The dump's lines that still hold a trace, with the table they belong to, to say where."""
    table, found = "", []
    for line in text.splitlines():
        if line.startswith("COPY "):
            table = line.split()[1]
        if any(needle.lower() in line.lower() for needle in needles):
            found.append(f"{table}: {line[:300]}")
    return found[:20]


def test_after_erasure_no_trace_of_her_is_left_anywhere(client, recruiter, recruiter_client, published_job, redis_queue,
                                                        email_queue, smtp_server, careers_redis):
    earlier = frozenset(_storage_files())
    her, files = _build_her_history(client, recruiter, recruiter_client, published_job, redis_queue, email_queue)
    applications = list(Application.objects.filter(candidate=her).values_list("pk", flat=True))
    stage_changes = StageChange.objects.filter(application_id__in=applications).count()
    assert len(applications) == 2 and stage_changes >= 3
    assert len(smtp_server.messages) >= 2  # the careers confirmations and the recruiter's mail went out
    before = _dump()
    assert _traces(before, files[:1]) and _traces(_redis_text(), []), "the test must see her before the erasure"
    stored = _storage_files(besides=earlier)
    assert all(any(data == path.read_bytes() for path in stored) for data in files)
    drawn = [path for path in stored if "previews" in path.parts]
    assert any(path.suffix == ".png" for path in drawn)  # the drawn pages of her PDF

    result = candidate_erase(actor=recruiter, candidate=her, reason=f"{NAME} asked by e-mail on 1 Dec")

    assert len(result.candidate_ids) == 2 and result.files == 3
    after = _dump()
    assert _traces(after, files) == [], _lines_with(after, WORDS + [EMAIL, SECOND_EMAIL] + PHONE_FORMS)
    assert _traces(_redis_text(), files) == []
    assert [path for path in drawn if path.exists()] == []
    for path in _storage_files(besides=earlier):
        assert _traces(path.read_bytes().decode("latin-1"), files) == [], path
    # The anonymous statistics stay: both applications and every stage change, on the erased shell.
    assert set(Application.objects.filter(candidate=her).values_list("pk", flat=True)) == set(applications)
    assert StageChange.objects.filter(application_id__in=applications).count() == stage_changes
    assert Candidate.objects.get(pk=her.pk).full_name == ERASED_NAME
