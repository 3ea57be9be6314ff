"""Every API endpoint, asked by an anonymous caller, a recruiter, the hiring manager of another job
and an admin: the same answers as the pages (401 without a token, 404 outside one's reach)."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ats.demo import fake_resumes
from candidates.resumes.services.intake import resume_upload
from candidates.services import candidate_tag_add
from tests import factories
from tests.test_permissions_urls import application_routes

ROLES = ("anonymous", "recruiter", "other_manager", "admin")


@dataclass
class Call:
    method: str
    name: str
    kwargs: dict = field(default_factory=dict)
    body: dict | None = None
    ok: int = 200  # for the recruiter and the admin
    manager: int = 404  # for the hiring manager of another job
    admin: int | None = None  # when the admin's answer differs from the recruiter's
    multipart: bool = False


def calls(w: dict) -> list[Call]:
    candidate, job, application = w["candidate"], w["job"], w["application"]
    stage = factories.stage_of(job, "interview").pk
    return [
        Call("get", "api:jobs", manager=200),
        Call("get", "api:job", {"job_id": job.pk}),
        Call("get", "api:job_stages", {"job_id": job.pk}),
        Call("get", "api:candidates", manager=200),
        Call("post", "api:candidates", body={"full_name": "Fictional New Person"}, ok=201),
        Call("get", "api:candidate", {"candidate_id": candidate.pk}),
        Call("patch", "api:candidate", {"candidate_id": candidate.pk}, {"headline": "Analyst"}),
        Call("get", "api:candidate_notes", {"candidate_id": candidate.pk}),
        Call("post", "api:candidate_notes", {"candidate_id": candidate.pk}, {"body": "Called back"}, ok=201),
        Call("post", "api:candidate_tags", {"candidate_id": candidate.pk}, {"name": "sql"}),
        Call("get", "api:candidate_tag", {"candidate_id": candidate.pk, "tag_id": w["tag"].pk}),
        Call("delete", "api:candidate_tag", {"candidate_id": candidate.pk, "tag_id": w["tag"].pk}, ok=204),
        Call("get", "api:candidate_resumes", {"candidate_id": candidate.pk}),
        Call("get", "api:candidate_emails", {"candidate_id": candidate.pk}),
        Call("get", "api:tags"),
        Call("get", "api:resumes", manager=200),
        Call("post", "api:resumes", body={"file": w["upload"]}, ok=201, multipart=True),
        Call("get", "api:resume", {"resume_id": w["resume"].pk}),
        Call("get", "api:applications", manager=200),
        Call("post", "api:applications", body={"candidate": w["other"].pk, "job": job.pk}, ok=201),
        Call("get", "api:application", {"application_id": application.pk}),
        Call("post", "api:application_move", {"application_id": application.pk},
             {"to_stage": stage, "from_stage": application.stage_id}),
        Call("get", "api:application_reviews", {"application_id": application.pk}),
        # Reviews are written by the job's hiring managers only (the recruiter is not one of job B's).
        Call("post", "api:application_reviews", {"application_id": application.pk},
             {"recommendation": "yes", "ratings": []}, ok=404),
        Call("post", "api:application_reject", {"application_id": w["to_reject"].pk}, {"reason": "Position filled"}),
        Call("post", "api:application_withdraw", {"application_id": w["to_withdraw"].pk}, {"reason": "Took another offer"}),
        Call("post", "api:application_hire", {"application_id": w["to_hire"].pk}),
        Call("post", "api:application_reopen", {"application_id": w["to_reopen"].pk}),
        Call("get", "api:webhook_subscriptions", ok=404, admin=200),
        Call("post", "api:webhook_subscriptions", body={"url": "https://hooks.example.com/ats", "events": ["candidate.created"]},
             ok=404, admin=201),
        Call("get", "api:webhook_subscription", {"subscription_id": w["subscription"].pk}, ok=404, admin=200),
        Call("patch", "api:webhook_subscription", {"subscription_id": w["subscription"].pk}, {"is_active": False},
             ok=404, admin=200),
        Call("get", "api:webhook_deliveries", {"subscription_id": w["subscription"].pk}, ok=404, admin=200),
        Call("post", "api:webhook_delivery_replay", {"delivery_id": w["delivery"].pk}, ok=404, admin=201),
        Call("delete", "api:webhook_subscription", {"subscription_id": w["subscription"].pk}, ok=404, admin=204),
    ]


@pytest.fixture
def world(recruiter, manager_a, manager_b, job_b, admin_user, settings):
    from ats.webhooks import services as webhooks

    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    application = factories.make_application(job=job_b, kind="shortlist", actor=recruiter)
    candidate = application.candidate
    candidate_tag_add(actor=recruiter, candidate=candidate, name="b-tag")
    subscription = webhooks.subscription_create(actor=admin_user, url="https://hooks.example.com/b", events=[])
    webhooks.event_record("candidate.updated", candidate_id=candidate.pk, payload={"fields": ["headline"]})
    delivery = subscription.deliveries.get()
    return {
        "users": {"recruiter": recruiter, "other_manager": manager_a, "admin": admin_user},
        "job": job_b,
        "candidate": candidate,
        "application": application,
        "tag": candidate.tags.get(),
        "other": factories.make_candidate(actor=recruiter),
        "to_reject": factories.make_application(job=job_b, kind="shortlist", actor=recruiter),
        "to_withdraw": factories.make_application(job=job_b, kind="shortlist", actor=recruiter),
        "to_hire": factories.make_application(job=job_b, kind="shortlist", actor=recruiter),
        "to_reopen": _rejected(factories.make_application(job=job_b, kind="shortlist", actor=recruiter), recruiter),
        "resume": resume_upload(actor=recruiter, filename="b.txt", data=fake_resumes.resume_txt(fake_resumes.fake_person(61)),
                                candidate=candidate).resume,
        "upload": SimpleUploadedFile("new.txt", fake_resumes.resume_txt(fake_resumes.fake_person(62))),
        "subscription": subscription,
        "delivery": delivery,
    }


def _rejected(application, actor):
    from jobs.applications.services import application_set_outcome

    return application_set_outcome(actor=actor, application=application, outcome="rejected", reason="Position filled")


def _send(client, call: Call):
    url = reverse(call.name, kwargs=call.kwargs)
    if call.method == "get" or call.body is None:
        return getattr(client, call.method)(url)
    if call.multipart:
        call.body["file"].seek(0)
        return client.post(url, call.body)
    return getattr(client, call.method)(url, call.body, content_type="application/json")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_answers_each_role_as_the_pages_do(role, world, token_client, redis_queue):
    user = world["users"].get(role)
    client = token_client(user)
    for call in calls(world):
        expected = {"anonymous": 401, "recruiter": call.ok, "other_manager": call.manager,
                    "admin": call.admin if call.admin is not None else call.ok}[role]
        response = _send(client, call)
        assert response.status_code == expected, f"{role} {call.method.upper()} {call.name}: {response.content[:300]!r}"
        if response.status_code >= 400:
            assert response["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
def test_the_other_managers_collections_hold_nothing_of_job_b(world, token_client):
    client = token_client(world["users"]["other_manager"])
    for name in ("api:jobs", "api:candidates", "api:applications", "api:resumes"):
        assert client.get(reverse(name)).json()["results"] == [], name


@pytest.mark.django_db
def test_a_hiring_managers_token_reaches_their_own_jobs_shortlist_only(world, manager_b, token_client, job_a):
    factories.make_application(job=job_a, kind="shortlist")
    applied = factories.make_application(job=world["job"], kind="applied")  # not on a shortlist yet
    client = token_client(manager_b)
    ids = {row["id"] for row in client.get(reverse("api:applications")).json()["results"]}
    assert world["application"].pk in ids and applied.pk not in ids
    assert {row["job"] for row in client.get(reverse("api:applications")).json()["results"]} == {world["job"].pk}
    assert client.get(reverse("api:candidate", args=[applied.candidate_id])).status_code == 404
    response = client.post(reverse("api:application_move", args=[world["application"].pk]),
                           {"to_stage": 1, "from_stage": 1}, content_type="application/json")
    assert response.status_code == 404  # hiring managers do not move cards, on the board or here


@pytest.mark.django_db
def test_the_matrix_covers_every_api_endpoint(world):
    covered = {call.name for call in calls(world)}
    api_routes = {route.name for route in application_routes() if route.name.startswith("api:")}
    assert api_routes - covered == {"api:schema", "api:docs", "api:redoc", "api:tokens", "api:token_revoke"}
