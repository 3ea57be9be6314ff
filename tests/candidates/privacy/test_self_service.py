"""The candidate's own privacy page, reached by the signed link in the careers confirmation mail:
what it shows (and does not), withdrawing consent, asking for erasure, and links that do not work."""
from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from ats.core.models import AuditEvent
from candidates.emails.links import unsubscribe_signed
from candidates.models import Note
from candidates.privacy.links import self_service_candidate_id, self_service_signed
from candidates.privacy.models import ErasureRequest
from candidates.services import candidate_delete
from jobs.careers import tasks
from jobs.careers.models import Consent
from jobs.careers.services import Applicant, careers_apply
from tests import factories

pytestmark = pytest.mark.django_db
LINK = re.compile(r"/privacy/me/[^/\s\"<>]+/")


@pytest.fixture
def applied(published_job, recruiter):
    result = careers_apply(
        job=published_job, applicant=Applicant(full_name="Oriel Vantongeren", email="oriel.v@example.com"),
        resume_name="oriel-cv.txt", resume_data=b"Oriel Vantongeren\noriel.v@example.com\nPython", answers={},
    )
    Note.objects.create(candidate=result.application.candidate, author=recruiter, body="Internal: strong maybe")
    assert tasks.send_application_confirmation(result.consent.pk) is True
    return result


def _link_from_mail() -> str:
    message = mail.outbox[-1]
    text_link = LINK.search(message.body).group(0)
    assert text_link in message.alternatives[0][0]  # the HTML part has a link too
    return text_link


def test_the_confirmation_mail_links_to_a_page_showing_what_is_held(client, applied, published_job):
    response = client.get(_link_from_mail())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Oriel Vantongeren" in html and "oriel.v@example.com" in html and "oriel-cv.txt" in html
    assert published_job.title in html and applied.application.stage.name in html
    assert "2026-12" in html or applied.consent.notice_version in html
    assert "We received your application" in html  # the e-mails sent
    assert "Internal: strong maybe" not in html
    assert response["Cache-Control"] == "private, no-store" and response["Referrer-Policy"] == "same-origin"
    audit = AuditEvent.objects.get(action=AuditEvent.Read.SELF_SERVICE_VIEWED)
    assert audit.candidate_id == applied.application.candidate_id and audit.actor is None


def test_each_mail_has_a_fresh_link_for_the_same_person(applied):
    first = _link_from_mail()
    tasks.send_application_confirmation(applied.consent.pk)  # a re-run sends nothing new
    second = self_service_signed(applied.application.candidate_id)
    assert first.split("/")[-2] != second
    assert self_service_candidate_id(second) == self_service_candidate_id(first.split("/")[-2]) == applied.application.candidate_id


def test_withdrawing_on_the_page_records_a_self_service_withdrawal_once(client, applied):
    link = _link_from_mail()
    response = client.post(link, {"action": "withdraw"})
    assert response.status_code == 200 and "You have withdrawn your consent" in response.content.decode()
    client.post(link, {"action": "withdraw"})
    rows = Consent.objects.filter(candidate_id=applied.application.candidate_id).order_by("id")
    assert [(row.kind, row.source) for row in rows] == [("given", "careers_form"), ("withdrawn", "self_service")]
    assert "Withdraw consent</button>" not in client.get(link).content.decode()


def test_asking_for_erasure_creates_one_pending_request(client, applied):
    link = _link_from_mail()
    response = client.post(link, {"action": "erase"})
    assert response.status_code == 200 and "We have your request to erase your data" in response.content.decode()
    client.post(link, {"action": "erase"})
    request = ErasureRequest.objects.get()
    assert (request.candidate_id, request.source, request.state) == (applied.application.candidate_id, "self_service", "pending")
    assert "You have asked for your data to be erased" in client.get(link).content.decode()


def test_a_get_changes_nothing(client, applied):
    client.get(_link_from_mail() + "?action=erase")
    assert not ErasureRequest.objects.exists()
    assert Consent.objects.filter(kind="withdrawn").count() == 0


@pytest.mark.parametrize("kind", ["forged", "unsubscribe", "expired", "erased"])
def test_links_that_do_not_work_get_the_same_plain_404(client, applied, recruiter, settings, kind):
    candidate = applied.application.candidate
    signed = {"forged": "eyJjIjoxfQ:forged:signature", "unsubscribe": unsubscribe_signed(candidate.pk)}.get(kind)
    if kind == "expired":
        signed = self_service_signed(candidate.pk)
        settings.SELF_SERVICE_LINK_DAYS = 0
    if kind == "erased":
        signed = self_service_signed(candidate.pk)
        candidate_delete(actor=recruiter, candidate=candidate)
    url = reverse("privacy:self_service", args=[signed])
    for response in (client.get(url), client.post(url, {"action": "erase"})):
        html = response.content.decode()
        assert response.status_code == 404 and "This link is not valid" in html
        assert "Oriel" not in html
    assert not ErasureRequest.objects.filter(state="pending").exists()


def test_a_merged_persons_link_opens_the_record_kept(client, recruiter):
    kept = factories.make_candidate(actor=recruiter, name="Kept Person")
    merged = factories.make_candidate(actor=recruiter, name="Merged Person")
    type(merged).objects.filter(pk=merged.pk).update(merged_into=kept)
    html = client.get(reverse("privacy:self_service", args=[self_service_signed(merged.pk)])).content.decode()
    assert "Kept Person" in html
