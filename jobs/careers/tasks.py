"""RQ entry points of the careers site: the applicant's confirmation e-mail."""
from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

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
    }
    send_candidate_mail(
        to=consent.email, subject=f"We received your application: {context['job_title']}",
        template="emails/careers_confirmation", context=context,
    )
    return True


def send_candidate_mail(*, to: str, subject: str, template: str, context: dict[str, object]) -> None:
    """The one place this package sends mail to a candidate, so it can later go through the
    candidate e-mail log (text and HTML from `template`.txt / .html)."""
    message = EmailMultiAlternatives(subject=subject, body=render_to_string(f"{template}.txt", context), to=[to])
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.send()
