"""The API's HTTP behaviour: the schema, cursor pages, updated_since, ordering, ETags, problem
details, Idempotency-Key, the rate limit, and moves with the expected stage (409 as on the board)."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openapi_spec_validator import validate

from candidates.models import Candidate
from candidates.services import candidate_update_fields
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_openapi_schema_validates_and_is_json_when_asked(client):
    as_json = client.get(reverse("api:schema") + "?format=json")
    assert as_json.status_code == 200 and as_json["Content-Type"].startswith("application/vnd.oai.openapi+json")
    schema = as_json.json()
    validate(schema)
    assert schema["openapi"].startswith("3.1")
    assert "/api/v1/applications/{application_id}/move/" in schema["paths"]
    accept = client.get(reverse("api:schema"), HTTP_ACCEPT="application/json")
    assert accept.status_code == 200 and json.loads(accept.content)["openapi"] == schema["openapi"]
    assert client.get(reverse("api:schema")).content.startswith(b"openapi:")  # YAML otherwise


def test_the_docs_page_uses_vendored_assets_under_the_csp(client):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle" in html
    assert "http://" not in html.replace("http://testserver", "") and "https://" not in html
    assert "<script>" not in html  # the init script is its own URL: script-src 'self' holds
    assert "script-src 'self'" in response["Content-Security-Policy"]
    script = client.get(reverse("api:docs") + "?script=")
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")


def test_cursor_pages_walk_every_candidate_once(recruiter, token_client):
    for n in range(5):
        factories.make_candidate(actor=recruiter, name=f"Fictional Pager {n}")
    client = token_client(recruiter)
    seen, url = [], reverse("api:candidates") + "?page_size=2&ordering=id"
    while url:
        page = client.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert seen == sorted(Candidate.objects.values_list("pk", flat=True))


def test_updated_since_returns_only_what_changed(recruiter, token_client):
    old, changed = factories.make_candidate(actor=recruiter), factories.make_candidate(actor=recruiter)
    mark = timezone.now()
    candidate_update_fields(actor=recruiter, candidate=changed, changes={"headline": "Data engineer"})
    client = token_client(recruiter)
    rows = client.get(reverse("api:candidates"), {"updated_since": mark.isoformat(), "ordering": "updated_at"}).json()["results"]
    assert [row["id"] for row in rows] == [changed.pk]
    bad = client.get(reverse("api:candidates"), {"updated_since": "yesterday"})
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    assert "updated_since" in bad.json()["errors"]
    assert old.pk not in [row["id"] for row in rows]


def test_a_get_carries_an_etag_and_if_none_match_is_304(recruiter, token_client, job_a):
    client = token_client(recruiter)
    url = reverse("api:job", args=[job_a.pk])
    first = client.get(url)
    etag = first["ETag"]
    assert etag and client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    factories.make_job(actor=recruiter)  # another job: this one's answer is the same
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    from jobs.services import job_update

    job_update(actor=recruiter, job=job_a, title="Backend Engineer II")
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_errors_are_problem_details(recruiter, token_client):
    client = token_client(recruiter)
    missing = client.get(reverse("api:candidate", args=[999999]))
    assert missing.status_code == 404 and missing["Content-Type"] == "application/problem+json"
    assert set(missing.json()) >= {"type", "title", "status", "detail"} and missing.json()["status"] == 404
    invalid = client.post(reverse("api:candidates"), {"full_name": ""}, content_type="application/json")
    assert invalid.status_code == 400 and "full_name" in invalid.json()["errors"]
    wrong_method = client.delete(reverse("api:candidates"))
    assert wrong_method.status_code == 405 and wrong_method.json()["status"] == 405


def test_an_idempotency_key_makes_a_retried_post_create_once(recruiter, token_client):
    client = token_client(recruiter)
    body = {"full_name": "Fictional Retry"}
    first = client.post(reverse("api:candidates"), body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="abc-1")
    again = client.post(reverse("api:candidates"), body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="abc-1")
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true" and again.json()["id"] == first.json()["id"]
    assert Candidate.objects.filter(full_name="Fictional Retry").count() == 1
    other = client.post(reverse("api:candidates"), {"full_name": "Someone Else"}, content_type="application/json",
                        HTTP_IDEMPOTENCY_KEY="abc-1")
    assert other.status_code == 422
    fresh = client.post(reverse("api:candidates"), body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="abc-2")
    assert fresh.status_code == 201 and fresh.json()["id"] != first.json()["id"]


def test_the_rate_limit_answers_429_with_retry_after(recruiter, token_client, settings):
    settings.API_RATE_LIMIT = 3
    client = token_client(recruiter)
    statuses = [client.get(reverse("api:jobs")).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get(reverse("api:jobs"))
    assert int(limited["Retry-After"]) >= 1 and limited["Content-Type"] == "application/problem+json"
    assert token_client(recruiter).get(reverse("api:jobs")).status_code == 200  # per token


def test_a_move_with_a_stale_stage_is_409_with_the_current_stage(recruiter, token_client, job_a):
    application = factories.make_application(job=job_a, kind="applied", actor=recruiter)
    applied, screening, interview = (factories.stage_of(job_a, k).pk for k in ("applied", "screening", "interview"))
    client = token_client(recruiter)
    url = reverse("api:application_move", args=[application.pk])
    moved = client.post(url, {"to_stage": screening, "from_stage": applied}, content_type="application/json")
    assert moved.status_code == 200 and moved.json()["stage"] == screening
    stale = client.post(url, {"to_stage": interview, "from_stage": applied}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["current_stage"] == screening
    application.refresh_from_db()
    assert application.stage_id == screening
    other_job = factories.stage_of(factories.make_job(actor=recruiter), "interview").pk
    assert client.post(url, {"to_stage": other_job, "from_stage": screening}, content_type="application/json").status_code == 400


def test_reject_needs_a_reason_and_hire_twice_is_409(recruiter, token_client, job_a):
    application = factories.make_application(job=job_a, kind="offer", actor=recruiter)
    client = token_client(recruiter)
    assert client.post(reverse("api:application_reject", args=[application.pk]), {}, content_type="application/json").status_code == 400
    assert client.post(reverse("api:application_hire", args=[application.pk])).json()["outcome"] == "hired"
    assert client.post(reverse("api:application_hire", args=[application.pk])).status_code == 409


def test_a_rejected_application_is_reopened_and_its_queued_rejection_mail_cancelled(recruiter, token_client, job_a):
    from candidates.emails.models import EmailTemplate, OutboundEmail
    from candidates.emails.services.templates import email_template_save
    from jobs.applications.models import RejectionReason

    template = email_template_save(actor=recruiter, template=EmailTemplate(
        name="Filled", kind="rejection", subject="About {job_title}", body="Dear {first_name}, it is filled."))
    filled = RejectionReason.objects.create(name="Role filled", template=template)
    application = factories.make_application(job=job_a, kind="screening", actor=recruiter)
    client = token_client(recruiter)
    reject = client.post(reverse("api:application_reject", args=[application.pk]),
                         {"rejection_reason": filled.pk, "send_email": True}, content_type="application/json")
    assert reject.status_code == 200 and OutboundEmail.objects.get().state == "queued"
    reopened = client.post(reverse("api:application_reopen", args=[application.pk]))
    assert reopened.status_code == 200 and reopened.json()["outcome"] == "active"
    assert reopened.json()["stage"] == factories.stage_of(job_a, "screening").pk
    assert OutboundEmail.objects.get().state == "cancelled"
    again = client.post(reverse("api:application_reopen", args=[application.pk]))
    assert again.status_code == 409 and again["Content-Type"] == "application/problem+json"


def test_reject_with_a_structured_reason_stores_it_for_the_reports(recruiter, token_client, job_a):
    from jobs.applications.models import OutcomeChange, RejectionReason

    filled = RejectionReason.objects.create(name="Role filled")
    retired = RejectionReason.objects.create(name="Old reason", active=False)
    application = factories.make_application(job=job_a, kind="shortlist", actor=recruiter)
    client = token_client(recruiter)
    url = reverse("api:application_reject", args=[application.pk])
    refused = client.post(url, {"rejection_reason": retired.pk}, content_type="application/json")
    assert refused.status_code == 400 and "Not an active rejection reason." in str(refused.json())
    no_template = client.post(url, {"rejection_reason": filled.pk, "send_email": True}, content_type="application/json")
    assert no_template.status_code == 400 and "with a template" in str(no_template.json())
    done = client.post(url, {"rejection_reason": filled.pk, "reason": "Internal hire"}, content_type="application/json")
    assert done.status_code == 200
    assert (done.json()["outcome"], done.json()["rejection_reason"], done.json()["outcome_reason"]) == ("rejected", filled.pk, "Internal hire")
    assert OutcomeChange.objects.get(application=application, to_outcome="rejected").rejection_reason_id == filled.pk


def test_a_hiring_manager_submits_a_review_of_their_shortlist(manager_a, token_client, job_a, recruiter):
    application = factories.make_application(job=job_a, kind="shortlist", actor=recruiter)
    client = token_client(manager_a)
    criteria = [{"criterion": c.pk, "score": 3} for c in job_a.criteria.all()]
    url = reverse("api:application_reviews", args=[application.pk])
    assert client.post(url, {"recommendation": "yes", "ratings": criteria[:1]}, content_type="application/json").status_code == 422
    created = client.post(url, {"recommendation": "yes", "ratings": criteria}, content_type="application/json")
    assert created.status_code == 201 and created.json()["recommendation"] == "yes"
    assert [r["reviewer"] for r in client.get(url).json()] == [manager_a.pk]


def test_session_writes_need_the_csrf_token(recruiter):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(recruiter)
    assert client.get(reverse("api:jobs")).status_code == 200
    assert client.post(reverse("api:candidates"), {"full_name": "X"}, content_type="application/json").status_code == 403


def test_expired_tokens_are_refused_even_mid_session(recruiter, token_client):
    from ats.api.models import ApiToken

    client = token_client(recruiter)
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(reverse("api:jobs")).status_code == 401


@pytest.mark.parametrize("name", ["api:candidates", "api:applications", "api:jobs", "api:resumes"])
def test_list_endpoints_make_the_same_number_of_queries_for_few_and_many_rows(name, recruiter, token_client, job_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from candidates.services import candidate_tag_add

    client = token_client(recruiter)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name)).status_code == 200
        return len(queries)

    def add(n: int) -> None:
        for _ in range(n):
            application = factories.make_application(job=job_a, kind="applied", actor=recruiter)
            candidate_tag_add(actor=recruiter, candidate=application.candidate, name="python")
            factories.make_job(actor=recruiter)

    count()  # the token's first use also records its last-used time
    add(2)
    few = count()
    add(12)
    assert count() == few
