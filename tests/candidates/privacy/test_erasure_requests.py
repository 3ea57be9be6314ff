"""Erasure requests: asked for once (by the person or a recruiter on their behalf), listed for
recruiters, declined with a reason, approved only with the erase permission."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from django.urls import reverse

from ats.core.models import Activity
from candidates.privacy.models import ErasureRequest
from candidates.privacy.services import PrivacyRefused, erasure_request_approve, erasure_request_create, erasure_request_decline
from tests import factories

pytestmark = pytest.mark.django_db


def test_asking_twice_is_the_same_request_and_the_database_allows_one_pending(recruiter):
    candidate = factories.make_candidate(actor=recruiter)
    first, created = erasure_request_create(actor=None, candidate=candidate, source="self_service")
    second, created_again = erasure_request_create(actor=recruiter, candidate=candidate, source="recruiter")
    assert created and not created_again and first == second
    assert Activity.objects.filter(candidate=candidate, verb=Activity.Verb.ERASURE_REQUESTED).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        ErasureRequest.objects.create(candidate=candidate, candidate_ref=candidate.pk, source="recruiter")
    with pytest.raises(PrivacyRefused, match="who asked"):
        erasure_request_create(actor=recruiter, candidate=candidate, source="a pigeon")


def test_a_recruiter_records_a_request_from_the_panel(recruiter_client, recruiter):
    candidate = factories.make_candidate(actor=recruiter)
    url = reverse("privacy:erasure_request_add", args=[candidate.pk])
    assert "Erasure request recorded" in recruiter_client.post(url).content.decode()
    assert "already waiting" in recruiter_client.post(url).content.decode()
    request = ErasureRequest.objects.get()
    assert (request.source, request.requested_by) == ("recruiter", recruiter)


def test_the_list_shows_pending_requests_and_declining_needs_a_reason(recruiter_client, recruiter):
    candidate = factories.make_candidate(actor=recruiter, name="Wenna Castellaro")
    request, _ = erasure_request_create(actor=None, candidate=candidate, source="self_service")
    page = recruiter_client.get(reverse("privacy:erasure_requests")).content.decode()
    assert "Wenna Castellaro" in page
    assert "Approve and erase" not in page and "Decline" not in page  # deciding needs the erase permission
    url = reverse("privacy:erasure_request_decide", args=[request.pk])
    refused = recruiter_client.post(url, {"decision": "decline", "reason": "Open legal claim"}, follow=True)
    assert "needs the “erase candidates” permission" in refused.content.decode()
    request.refresh_from_db()
    assert request.state == "pending"
    recruiter.user_permissions.add(Permission.objects.get(codename="erase_candidate"))
    page = recruiter_client.get(reverse("privacy:erasure_requests")).content.decode()
    assert "Approve and erase" in page and "Decline" in page
    response = recruiter_client.post(url, {"decision": "decline", "reason": "  "}, follow=True)
    assert "Give the reason for declining" in response.content.decode()
    request.refresh_from_db()
    assert request.state == "pending"
    response = recruiter_client.post(url, {"decision": "decline", "reason": "Open legal claim"}, follow=True)
    assert "The erasure request of Wenna Castellaro was declined" in response.content.decode()
    request.refresh_from_db()
    assert (request.state, request.decided_by, request.decline_reason) == ("declined", recruiter, "Open legal claim")
    assert Activity.objects.filter(candidate=candidate, verb=Activity.Verb.ERASURE_DECLINED, actor=recruiter).exists()
    again = recruiter_client.post(url, {"decision": "decline", "reason": "Again"}, follow=True)
    assert "already been decided" in again.content.decode()


def test_approving_needs_the_erase_permission(recruiter_client, recruiter):
    candidate = factories.make_candidate(actor=recruiter)
    request, _ = erasure_request_create(actor=None, candidate=candidate, source="self_service")
    with pytest.raises(PrivacyRefused, match="permission"):
        erasure_request_approve(actor=recruiter, erasure_request=request)
    response = recruiter_client.post(reverse("privacy:erasure_request_decide", args=[request.pk]), {"decision": "approve"}, follow=True)
    assert "needs the “erase candidates” permission" in response.content.decode()
    request.refresh_from_db()
    assert request.state == "pending" and candidate.__class__.objects.filter(pk=candidate.pk).exists()


def test_decline_refuses_a_blank_reason_in_the_service(recruiter, eraser):
    request, _ = erasure_request_create(actor=None, candidate=factories.make_candidate(actor=recruiter), source="self_service")
    with pytest.raises(PrivacyRefused, match="reason"):
        erasure_request_decline(actor=eraser, erasure_request=request, reason="")


def test_hiring_managers_see_no_erasure_requests(manager_a_client):
    assert manager_a_client.get(reverse("privacy:erasure_requests")).status_code == 404


@pytest.fixture
def eraser(recruiter):
    from django.contrib.auth.models import Permission

    recruiter.user_permissions.add(Permission.objects.get(codename="erase_candidate", content_type__app_label="candidates"))
    return type(recruiter).objects.get(pk=recruiter.pk)  # a fresh object: has_perm's cache is per instance


@pytest.mark.django_db(transaction=True)
def test_approving_erases_the_person_and_deletes_their_export_files(eraser, export_queue):
    from django.test import Client
    from rq import SimpleWorker

    from candidates.privacy.models import SubjectExport
    from candidates.privacy.services import subject_export_start

    candidate = factories.make_candidate(actor=eraser, name="Thessaly Oakenfold")
    export, _ = subject_export_start(actor=eraser, candidate=candidate)
    SimpleWorker([export_queue], connection=export_queue.connection).work(burst=True, with_scheduler=False)
    export.refresh_from_db()
    storage, name = export.file.storage, export.file.name
    assert storage.exists(name)
    request, _ = erasure_request_create(actor=None, candidate=candidate, source="self_service")
    client = Client()
    client.force_login(eraser)
    page = client.get(reverse("privacy:erasure_requests")).content.decode()
    assert "Approve and erase" in page
    response = client.post(reverse("privacy:erasure_request_decide", args=[request.pk]), {"decision": "approve"}, follow=True)
    assert "Request approved: the person" in response.content.decode()
    request.refresh_from_db()
    candidate.refresh_from_db()
    assert (request.state, request.decided_by_id) == ("approved", eraser.pk) and request.decided_at
    assert candidate.erased_at is not None and candidate.full_name != "Thessaly Oakenfold"
    assert Activity.objects.filter(verb=Activity.Verb.CANDIDATE_ERASED, actor=eraser).exists()
    assert not storage.exists(name)
    assert SubjectExport.objects.get(pk=export.pk).state == "expired"
    # The decided list still shows the request; the person's name is gone from it.
    decided = client.get(reverse("privacy:erasure_requests")).content.decode()
    assert "Approved (erased)" in decided and "Thessaly" not in decided
    # Nothing more can be asked about an erased person.
    with pytest.raises(PrivacyRefused, match="already erased"):
        erasure_request_create(actor=eraser, candidate=candidate, source="recruiter")
    with pytest.raises(PrivacyRefused, match="already erased"):
        subject_export_start(actor=eraser, candidate=candidate)


def test_an_erased_persons_self_service_link_is_dead(client, eraser):
    from candidates.erasure.services import candidate_erase
    from candidates.privacy.links import self_service_signed

    candidate = factories.make_candidate(actor=eraser, name="Corvina Ashdown")
    url = reverse("privacy:self_service", args=[self_service_signed(candidate.pk)])
    assert client.get(url).status_code == 200
    candidate_erase(actor=eraser, candidate=candidate, reason="asked by phone")
    response = client.get(url)
    assert response.status_code == 404 and "This link is not valid" in response.content.decode()


def _list_queries(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("privacy:erasure_requests")).status_code == 200
    return len(queries)


def test_the_list_takes_the_same_queries_for_few_and_many_requests(recruiter_client, recruiter, eraser):
    def add(count):
        for _ in range(count):
            request, _ = erasure_request_create(actor=recruiter, candidate=factories.make_candidate(actor=recruiter), source="recruiter")
            other, _ = erasure_request_create(actor=None, candidate=factories.make_candidate(actor=recruiter), source="self_service")
            erasure_request_decline(actor=eraser, erasure_request=other, reason="Legal hold")

    add(1)
    few = _list_queries(recruiter_client)
    add(6)
    assert _list_queries(recruiter_client) == few
