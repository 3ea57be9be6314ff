"""Structured rejection: a managed list of reasons, each optionally with a template; rejecting
(one or in bulk from the board) stores the reason for reports and can queue the template, delayed,
which undoing the rejection cancels."""
from __future__ import annotations

import pytest
from django.db.models import Count
from django.urls import reverse

from candidates.emails.models import EmailTemplate, OutboundEmail
from candidates.emails.services.outbound import candidate_contact_set
from candidates.emails.services.templates import email_template_save
from jobs.applications.models import OutcomeChange, RejectionReason
from jobs.applications.services import rejection_reason_save
from jobs.bulk.models import BulkAction
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def reason(recruiter):
    template = email_template_save(actor=recruiter, template=EmailTemplate(
        name="Role filled", kind="rejection", subject="Your application for {job_title}",
        body="Dear {first_name}, the role has been filled. {recruiter_name}"))
    return rejection_reason_save(actor=recruiter, reason=RejectionReason(name="  Role   filled ", template=template))


def test_a_reason_is_saved_with_its_name_tidied_and_an_empty_one_is_refused(recruiter, reason):
    assert reason.name == "Role filled"
    with pytest.raises(ValueError):
        rejection_reason_save(actor=recruiter, reason=RejectionReason(name="   "))


def test_bulk_reject_from_the_board_with_a_reason_mails_those_who_may_be_contacted_and_undo_cancels(
    recruiter, recruiter_client, job_a, reason
):
    first, second, opted_out = (factories.make_application(job=job_a) for _ in range(3))
    candidate_contact_set(actor=recruiter, candidate=opted_out.candidate, do_not_contact=True)
    url = reverse("jobs:bulk", args=[job_a.pk])
    data = {"action": "reject", "rejection_reason": reason.pk, "reason": "", "send_email": "1",
            "application": [first.pk, second.pk, opted_out.pk]}
    confirm = recruiter_client.post(url, data)
    assert confirm.status_code == 200 and b"Role filled" in confirm.content and b"minutes" in confirm.content
    assert not OutboundEmail.objects.exists()
    response = recruiter_client.post(url, {**data, "confirmed": "1"})
    assert response.status_code == 302
    emails = OutboundEmail.objects.filter(purpose="rejection", state="queued")
    assert sorted(e.application_id for e in emails) == sorted([first.pk, second.pk])
    counts = dict(OutcomeChange.objects.filter(to_outcome="rejected").values_list("rejection_reason__name")
                  .annotate(n=Count("id")).values_list("rejection_reason__name", "n"))
    assert counts == {"Role filled": 3}  # what the reports count
    action = BulkAction.objects.get()
    assert "1 candidate not e-mailed" in action.payload["summary"]
    recruiter_client.post(reverse("jobs:bulk_undo", args=[job_a.pk, action.pk]))
    assert set(OutboundEmail.objects.values_list("state", flat=True)) == {"cancelled"}


def test_bulk_reject_from_search_results_with_a_reason_and_its_mail(recruiter, recruiter_client, job_a, reason):
    applications = [factories.make_application(job=job_a) for _ in range(2)]
    ids = [a.candidate_id for a in applications]
    page = recruiter_client.get(reverse("candidates:list"))
    assert b'name="rejection_reason"' in page.content and b"Role filled (has an e-mail)" in page.content
    data = {"kind": "reject", "job": job_a.pk, "rejection_reason": reason.pk, "send_email": "1", "ids": ids}
    preview = recruiter_client.post(reverse("candidates:bulk_preview"), data, HTTP_HX_REQUEST="true")
    assert "2 candidates will be rejected from “Backend Engineer” (Role filled), each told by e-mail" in preview.content.decode()
    recruiter_client.post(reverse("candidates:bulk_apply"), data)
    changes = OutcomeChange.objects.filter(application__in=applications, to_outcome="rejected")
    assert sorted(changes.values_list("rejection_reason__name", flat=True)) == ["Role filled", "Role filled"]
    emails = OutboundEmail.objects.filter(purpose="rejection", state="queued")
    assert sorted(e.application_id for e in emails) == sorted(a.pk for a in applications)
    # Without a managed reason, a typed one is still required.
    refused = recruiter_client.post(reverse("candidates:bulk_preview"), {"kind": "reject", "job": job_a.pk, "ids": ids},
                                    HTTP_HX_REQUEST="true")
    assert "Choose a rejection reason or type one." in refused.content.decode()


def test_an_inactive_reason_is_refused(recruiter, recruiter_client, job_a, reason):
    reason.active = False
    rejection_reason_save(actor=recruiter, reason=reason)
    application = factories.make_application(job=job_a)
    response = recruiter_client.post(reverse("jobs:bulk", args=[job_a.pk]), {
        "action": "reject", "rejection_reason": reason.pk, "application": [application.pk], "confirmed": "1"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.outcome == "active"


def test_reports_count_rejections_per_reason_for_the_jobs_the_user_may_see(recruiter, manager_a, job_a, job_b, reason):
    from jobs.applications.selectors import rejection_reason_counts
    from jobs.applications.services import application_set_outcome

    other = rejection_reason_save(actor=recruiter, reason=RejectionReason(name="Salary expectations"))
    for job, chosen in ((job_a, reason), (job_a, reason), (job_a, other), (job_b, other)):
        application_set_outcome(actor=recruiter, application=factories.make_application(job=job), outcome="rejected",
                                rejection_reason=chosen)
    assert rejection_reason_counts(user=recruiter) == [("Role filled", 2), ("Salary expectations", 2)]
    assert rejection_reason_counts(user=recruiter, job=job_b) == [("Salary expectations", 1)]
    assert rejection_reason_counts(user=manager_a) == []  # a hiring manager sees only review-stage applications
