"""Outgoing mail through a real SMTP server on loopback: once per action, the exact text, reply
threading headers, retries, opt-out, the automatic stage and rejection mails."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ats.core.models import Activity
from candidates.emails.models import EmailTemplate, OutboundEmail
from candidates.emails.placeholders import PlaceholderError
from candidates.emails.services.outbound import (
    EmailRefused,
    TransientSendError,
    candidate_contact_set,
    email_cancel,
    email_deliver,
    email_render,
    email_send,
    email_send_bulk,
)
from candidates.emails.services.templates import email_template_save
from candidates.models import Candidate
from jobs.applications.models import RejectionReason
from jobs.applications.services import application_move, application_move_undo, application_set_outcome
from tests import factories
from tests.candidates.emails.conftest import free_port, run_email_worker

pytestmark = pytest.mark.django_db


def test_a_message_from_the_profile_arrives_once_with_the_exact_text_and_a_reply_address(
    recruiter, job_a, invite_template, smtp_server, email_queue, django_capture_on_commit_callbacks
):
    application = factories.make_application(job=job_a, candidate=factories.make_candidate(name="Ana Fictional"))
    candidate = application.candidate
    with django_capture_on_commit_callbacks(execute=True):
        email = email_send(actor=recruiter, candidate=candidate, template=invite_template, application=application,
                           idempotency_key="form:abc", scheduling_line="Pick a slot: https://cal.example.test/rory")
        again = email_send(actor=recruiter, candidate=candidate, template=invite_template, application=application,
                           idempotency_key="form:abc")
    assert again.pk == email.pk and OutboundEmail.objects.count() == 1
    run_email_worker(email_queue)
    run_email_worker(email_queue)
    email.refresh_from_db()
    assert (email.state, email.attempts) == ("sent", 1) and email.sent_at is not None
    [message] = smtp_server.messages
    assert message["Subject"] == "Backend Engineer at Example Company"
    assert message.get_content().replace("\r\n", "\n").strip() == email.body.strip()
    assert email.body == ("Hello Ana,\n\nThanks for applying to Backend Engineer. Pick a slot: "
                          "https://cal.example.test/rory\n\nRory Recruiter")
    assert message["Reply-To"] == f"reply+{email.token}@replies.example.test"
    assert message["Message-ID"] == email.message_id
    assert message["To"] == candidate.emails[0]
    assert "List-Unsubscribe" not in message
    activity = Activity.objects.get(verb="email_queued")
    assert (activity.actor, activity.candidate_id, activity.data["email_id"]) == (recruiter, candidate.pk, email.pk)
    assert email_deliver(email.pk) == "not queued"  # a stray second job sends nothing
    assert len(smtp_server.messages) == 1


def test_the_chinese_template_renders_with_the_same_placeholders(recruiter, job_a, invite_template_zh):
    application = factories.make_application(job=job_a, candidate=factories.make_candidate(name="李 小明"))
    rendered = email_render(template=invite_template_zh, candidate=application.candidate, application=application,
                            sender=recruiter)
    assert rendered.subject == "Example Company：Backend Engineer"
    assert rendered.body.startswith("李，您好！")


def test_a_template_with_an_unknown_placeholder_is_refused(recruiter):
    with pytest.raises(PlaceholderError, match=r"Unknown placeholder \{candidate.emails\}"):
        email_template_save(actor=recruiter, template=EmailTemplate(name="Bad", subject="Hi", body="{candidate.emails}"))
    assert not EmailTemplate.objects.exists()


def test_a_template_that_needs_a_job_is_refused_without_one(recruiter, invite_template):
    candidate = factories.make_candidate()
    with pytest.raises(EmailRefused, match=r"\{job_title\}.*choose a job"):
        email_send(actor=recruiter, candidate=candidate, template=invite_template, idempotency_key="k1")
    assert not OutboundEmail.objects.exists()


def test_an_opted_out_candidate_gets_nothing(recruiter, job_a, invite_template, smtp_server, email_queue,
                                             django_capture_on_commit_callbacks):
    opted_out = factories.make_application(job=job_a)
    other = factories.make_application(job=job_a)
    candidate_contact_set(actor=recruiter, candidate=opted_out.candidate, do_not_contact=True, reason="Asked by phone")
    with pytest.raises(EmailRefused, match="asked not to be contacted"):
        email_send(actor=recruiter, candidate=opted_out.candidate, template=invite_template, application=opted_out,
                   idempotency_key="single")
    with django_capture_on_commit_callbacks(execute=True):
        result = email_send_bulk(actor=recruiter, template=invite_template, nonce="n1", applications=[opted_out, other])
    assert [c.pk for c, _ in result.refused] == [opted_out.candidate_id]
    assert "asked not to be contacted" in result.refused[0][1]
    stage = factories.stage_of(job_a, "screening")
    stage.auto_email_template = invite_template
    stage.save()
    with django_capture_on_commit_callbacks(execute=True):
        application_move(actor=recruiter, application=opted_out, to_stage=stage)
    run_email_worker(email_queue)
    assert smtp_server.to(opted_out.candidate.emails[0]) == []
    assert len(smtp_server.to(other.candidate.emails[0])) == 1
    assert not OutboundEmail.objects.filter(candidate=opted_out.candidate).exists()


def test_opting_out_cancels_mail_still_waiting(recruiter, job_a, invite_template):
    application = factories.make_application(job=job_a)
    email = email_send(actor=recruiter, candidate=application.candidate, template=invite_template,
                       application=application, idempotency_key="k", delay=timedelta(minutes=10))
    assert candidate_contact_set(actor=recruiter, candidate=application.candidate, do_not_contact=True) is True
    email.refresh_from_db()
    assert (email.state, email.failure_reason) == ("cancelled", "The candidate asked not to be contacted.")


def test_an_smtp_server_that_is_down_is_retried_and_a_refused_mailbox_fails_with_the_reason(
    recruiter, job_a, invite_template, smtp_server, settings
):
    application = factories.make_application(job=job_a)
    email = email_send(actor=recruiter, candidate=application.candidate, template=invite_template,
                       application=application, idempotency_key="retry")
    settings.EMAIL_PORT = free_port()  # nothing listens there
    with pytest.raises(TransientSendError):
        email_deliver(email.pk)
    email.refresh_from_db()
    assert (email.state, email.attempts) == ("queued", 1) and email.failure_reason.startswith("Will retry")
    settings.EMAIL_PORT = smtp_server.port
    assert email_deliver(email.pk) == "sent"
    assert len(smtp_server.messages) == 1

    refused = factories.make_application(job=job_a)
    smtp_server.refuse.add(refused.candidate.emails[0])
    bounced = email_send(actor=recruiter, candidate=refused.candidate, template=invite_template,
                         application=refused, idempotency_key="bounce")
    assert email_deliver(bounced.pk) == "failed"
    bounced.refresh_from_db()
    assert bounced.state == "failed" and "No such mailbox" in bounced.failure_reason
    assert "refused" in bounced.failure_reason


def test_after_the_last_attempt_a_message_is_failed_not_retried(recruiter, job_a, invite_template, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_MAX_ATTEMPTS = "127.0.0.1", free_port(), 2
    application = factories.make_application(job=job_a)
    email = email_send(actor=recruiter, candidate=application.candidate, template=invite_template,
                       application=application, idempotency_key="two")
    with pytest.raises(TransientSendError):
        email_deliver(email.pk)
    assert email_deliver(email.pk) == "failed"
    email.refresh_from_db()
    assert email.state == "failed" and email.failure_reason.startswith("Gave up after 2 attempts")


def test_a_stage_with_an_automatic_template_mails_after_the_delay_and_an_undone_move_cancels_it(
    recruiter, job_a, invite_template, smtp_server, settings
):
    settings.EMAIL_STAGE_DELAY_SECONDS = 600
    screening = factories.stage_of(job_a, "screening")
    screening.auto_email_template = invite_template
    screening.save()
    application = factories.make_application(job=job_a)
    application_move(actor=recruiter, application=application, to_stage=screening)
    email = OutboundEmail.objects.get(application=application)
    assert (email.state, email.purpose, email.stage_id) == ("queued", "stage", screening.pk)
    assert email.send_after > timezone.now() + timedelta(seconds=590)
    assert email_deliver(email.pk) == "not due"
    change = application.stage_changes.order_by("-changed_at", "-id").first()
    application_move_undo(actor=recruiter, application=application, change=change)  # a mistaken move
    email.refresh_from_db()
    assert (email.state, email.failure_reason) == ("cancelled", "Moved out of the stage before it was sent.")
    application_move(actor=recruiter, application=application, to_stage=screening)
    second = OutboundEmail.objects.filter(application=application, state="queued").get()
    assert email_deliver(second.pk, now=timezone.now() + timedelta(seconds=601)) == "sent"
    assert len(smtp_server.messages) == 1 and smtp_server.messages[0]["Auto-Submitted"] == "auto-generated"


def test_stages_send_nothing_by_default(recruiter, job_a):
    application = factories.make_application(job=job_a)
    application_move(actor=recruiter, application=application, to_stage=factories.stage_of(job_a, "screening"))
    assert not OutboundEmail.objects.exists()


def test_a_rejection_with_a_reason_stores_it_and_queues_its_template_which_reopening_cancels(recruiter, job_a):
    template = email_template_save(actor=recruiter, template=EmailTemplate(
        name="Not this time", kind="rejection", subject="Your application for {job_title}",
        body="Dear {first_name}, we will not be moving forward. {recruiter_name}"))
    reason = RejectionReason.objects.create(name="Not enough experience", template=template)
    application = factories.make_application(job=job_a)
    application_set_outcome(actor=recruiter, application=application, outcome="rejected", reason="",
                            rejection_reason=reason, send_email=True)
    application.refresh_from_db()
    assert (application.rejection_reason, application.outcome_reason) == (reason, "Not enough experience")
    change = application.outcome_changes.get(to_outcome="rejected")
    assert change.rejection_reason == reason
    email = OutboundEmail.objects.get(application=application)
    assert (email.purpose, email.state, email.subject) == ("rejection", "queued", "Your application for Backend Engineer")
    application_set_outcome(actor=recruiter, application=application, outcome="active")
    email.refresh_from_db()
    assert email.state == "cancelled"
    application.refresh_from_db()
    assert application.rejection_reason is None


def test_rejecting_an_opted_out_candidate_with_the_email_is_refused_with_a_clear_message(recruiter, job_a):
    template = email_template_save(actor=recruiter, template=EmailTemplate(
        name="No", kind="rejection", subject="Update", body="Dear {first_name}, no."))
    reason = RejectionReason.objects.create(name="Role filled", template=template)
    application = factories.make_application(job=job_a)
    candidate_contact_set(actor=recruiter, candidate=application.candidate, do_not_contact=True)
    with pytest.raises(EmailRefused, match="asked not to be contacted"):
        application_set_outcome(actor=recruiter, application=application, outcome="rejected",
                                rejection_reason=reason, send_email=True)
    application_set_outcome(actor=recruiter, application=application, outcome="rejected", rejection_reason=reason)
    assert not OutboundEmail.objects.exists()


def test_a_cancelled_message_is_not_sent(recruiter, job_a, invite_template, smtp_server):
    application = factories.make_application(job=job_a)
    email = email_send(actor=recruiter, candidate=application.candidate, template=invite_template,
                       application=application, idempotency_key="c")
    assert email_cancel(actor=recruiter, email=email) is True
    assert email_cancel(actor=recruiter, email=email) is False
    assert email_deliver(email.pk) == "not queued"
    assert smtp_server.messages == []


def test_a_forged_unsubscribe_link_changes_nothing(recruiter):
    from candidates.emails.links import unsubscribe_signed
    from candidates.emails.services.outbound import candidate_unsubscribe

    candidate = factories.make_candidate()
    assert candidate_unsubscribe(signed=unsubscribe_signed(candidate.pk) + "x") is None
    assert candidate_unsubscribe(signed="1:forged") is None
    candidate.refresh_from_db()
    assert candidate.do_not_contact is False
    assert candidate_unsubscribe(signed=unsubscribe_signed(candidate.pk)).pk == candidate.pk
    candidate.refresh_from_db()
    assert candidate.do_not_contact is True


def test_a_system_message_is_logged_once_per_key_and_ignores_no_opt_out(recruiter):
    from candidates.emails.services.outbound import email_queue_prepared

    candidate = factories.make_candidate()
    candidate_contact_set(actor=recruiter, candidate=candidate, do_not_contact=True)
    first = email_queue_prepared(candidate=candidate, to=candidate.emails[0], subject="We received\nyour application",
                                 body="Thanks.", idempotency_key="careers-confirm:1", purpose="careers", enqueue=False)
    again = email_queue_prepared(candidate=candidate, to=candidate.emails[0], subject="x", body="y",
                                 idempotency_key="careers-confirm:1", purpose="careers", enqueue=False)
    assert first.pk == again.pk and first.subject == "We received your application"
    assert OutboundEmail.objects.count() == 1


def test_the_automatic_mail_services_queue_and_cancel(recruiter, job_a, invite_template):
    from candidates.emails.services.outbound import (
        rejection_email_schedule,
        rejection_emails_cancel,
        stage_email_schedule,
    )

    application = factories.make_application(job=job_a)
    screening = factories.stage_of(job_a, "screening")
    assert stage_email_schedule(actor=recruiter, application=application, stage=screening, change_id=1) is None
    screening.auto_email_template = invite_template
    screening.save()
    stage_mail = stage_email_schedule(actor=recruiter, application=application, stage=screening, change_id=2)
    assert (stage_mail.purpose, stage_mail.idempotency_key) == ("stage", "stage:2")
    assert stage_email_schedule(actor=recruiter, application=application, stage=screening, change_id=2).pk == stage_mail.pk
    rejection = rejection_email_schedule(actor=recruiter, application=application, template=invite_template, change_id=3)
    assert rejection.send_after > timezone.now() + timedelta(seconds=500)
    assert rejection_emails_cancel(actor=recruiter, application=application) == 1
    rejection.refresh_from_db()
    stage_mail.refresh_from_db()
    assert (rejection.state, stage_mail.state) == ("cancelled", "queued")


def test_an_smtp_failure_in_the_worker_is_retried_by_rq_and_a_delayed_mail_waits_in_the_scheduler(
    recruiter, job_a, invite_template, email_queue, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens
    application = factories.make_application(job=job_a)
    with django_capture_on_commit_callbacks(execute=True):
        email = email_send(actor=recruiter, candidate=application.candidate, template=invite_template,
                           application=application, idempotency_key="rq-retry")
        later = email_send(actor=recruiter, candidate=application.candidate, template=invite_template,
                           application=application, idempotency_key="rq-later", delay=timedelta(minutes=10))
    assert email_queue.job_ids == [f"email-{email.pk}"]
    scheduled = email_queue.scheduled_job_registry
    assert scheduled.get_job_ids() == [f"email-{later.pk}"]
    run_email_worker(email_queue)
    email.refresh_from_db()
    assert (email.state, email.attempts) == ("queued", 1)
    assert f"email-{email.pk}" in scheduled.get_job_ids()  # RQ's Retry, after its back-off
    assert email_queue.fetch_job(f"email-{email.pk}").retries_left == 3


def test_closing_an_application_cancels_its_stage_mail_still_waiting(recruiter, job_a, invite_template):
    from candidates.emails.services.outbound import stage_emails_cancel

    screening = factories.stage_of(job_a, "screening")
    screening.auto_email_template = invite_template
    screening.save()
    application = factories.make_application(job=job_a)
    application_move(actor=recruiter, application=application, to_stage=screening)
    application_set_outcome(actor=recruiter, application=application, outcome="withdrawn", reason="Took another offer")
    email = OutboundEmail.objects.get(application=application)
    assert (email.state, email.failure_reason) == ("cancelled", "The application was closed before it was sent.")
    assert stage_emails_cancel(actor=recruiter, application=application) == 0


def test_a_message_queued_before_an_opt_out_by_another_door_is_not_sent(recruiter, job_a, invite_template, smtp_server):
    application = factories.make_application(job=job_a)
    email = email_send(actor=recruiter, candidate=application.candidate, template=invite_template,
                       application=application, idempotency_key="late-opt-out")
    Candidate.objects.filter(pk=application.candidate_id).update(do_not_contact=True)  # e.g. a data fix in SQL
    assert email_deliver(email.pk) == "not queued"
    email.refresh_from_db()
    assert email.state == "cancelled" and smtp_server.messages == []
