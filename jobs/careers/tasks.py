"""RQ entry points of the careers site: the applicant's confirmation e-mail."""
from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string

from candidates.emails.models import OutboundEmail
from candidates.emails.services.outbound import email_deliver, email_queue_prepared
from candidates.privacy.links import self_service_url
from jobs.careers.models import Consent


def send_application_confirmation(consent_id: int) -> bool:
    """Tell the applicant we have their application. A no-op when the consent row is gone (the
    candidate was erased before the worker got to it)."""
    consent = Consent.objects.select_related("application__job", "candidate").filter(pk=consent_id).first()
    if consent is None or consent.application is None:
        return False
    context = {
        "name": consent.candidate.full_name or "there",
        "job_title": consent.application.job.title,
        "company": settings.CAREERS_COMPANY_NAME,
        "retention_days": consent.retention_days,
        "notice_version": consent.notice_version,
        # A fresh signed link in each mail: what we hold, withdraw consent, ask for erasure.
        "privacy_url": self_service_url(consent.candidate_id),
        "privacy_link_days": settings.SELF_SERVICE_LINK_DAYS,
    }
    template = "emails/careers_confirmation"
    # Through the candidate e-mail log: the confirmation is on the candidate's timeline with its
    # delivery state, and a re-run of this job finds the row already sent (one key per consent).
    email = email_queue_prepared(
        candidate=consent.candidate, application=consent.application, to=consent.email,
        subject=f"We received your application: {context['job_title']}",
        body=render_to_string(f"{template}.txt", context), html_body=render_to_string(f"{template}.html", context),
        idempotency_key=f"careers-confirm:{consent.pk}", purpose=OutboundEmail.Purpose.CAREERS,
        template_name="Careers confirmation", enqueue=False,
    )
    # Delivered here, in this job; a temporary SMTP failure leaves it queued for the e-mail sweep.
    email_deliver(email.pk)
    return True
