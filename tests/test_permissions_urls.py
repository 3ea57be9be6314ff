"""Every URL of the application, asked by a hiring manager of job A about job B's objects, is 404.

The URL list is walked from the resolver, so new URLs are covered without touching this file; a
URL with a keyword argument this file does not know fails loudly until someone says which object
of job B it should be filled with.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from ats.api.services import api_token_create
from ats.webhooks import services as webhook_services
from candidates.emails.models import EmailTemplate
from candidates.emails.services.inbound import inbound_receive
from candidates.emails.services.outbound import email_send
from candidates.emails.services.templates import email_template_save
from candidates.lists.models import CandidateList, SavedSearch
from candidates.merges.models import CandidateMerge
from candidates.models import Note, Tag
from candidates.privacy import services as privacy_services
from candidates.resumes.models import ProfileUpdate, Resume, UploadBatch
from jobs.bulk.models import BulkAction
from jobs.reviews import services as review_services
from jobs.reviews.models import ReviewRequest
from jobs.careers.models import ApplicationQuestion
from tests import factories

SKIPPED_PREFIXES = ("admin/", "django-rq/", "django_rq/", "rq/", "static/")
SKIPPED_NAMES = {"login", "logout", "healthz"}
# Pages without an object in the URL that a hiring manager is meant to use; every other one must
# answer them 404 (the candidate pool, the search, uploads, recruiters' review requests...).
HIRING_MANAGER_PAGES = {
    "dashboard",  # redirects to the review inbox
    "jobs:list",
    "reviews:inbox",
    "notification_settings",
    "password_change",
    "password_change_done",
    "api:tokens",  # their own API tokens
    "reports:page",  # reports on their own jobs only (the selectors' scope; tests/jobs/reports)
    "reports:csv",
}
# The public careers site's pages without an object in the URL: open to everyone, signed in or not,
# and showing only open published jobs (its job URLs are 404 for job B, which is not published).
PUBLIC_PAGES = {"careers:list", "careers:feed", "careers:job_board_feed"}
# The API's description and docs are public (they hold no data); its collections answer every
# signed-in user with only what the selectors let them see (tests/ats/api covers them per role).
API_PUBLIC_PAGES = {"api:schema", "api:docs", "api:redoc"}
API_COLLECTIONS = {"api:jobs", "api:candidates", "api:applications", "api:resumes"}


@dataclass
class Route:
    name: str
    route: str
    pattern: URLPattern

    @property
    def kwargs(self) -> list[str]:
        return list(self.pattern.pattern.converters) or self._regex_groups()

    def _regex_groups(self) -> list[str]:
        return list(self.pattern.pattern.regex.groupindex)


def _walk(patterns: list, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else (entry.namespace or namespace)
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or "")
            yield Route(name=name, route=prefix + str(entry.pattern), pattern=entry)


def application_routes() -> list[Route]:
    routes = []
    for route in _walk(get_resolver().url_patterns):
        if route.route.lstrip("^").startswith(SKIPPED_PREFIXES) or route.name in SKIPPED_NAMES:
            continue
        if not route.name:
            raise AssertionError(f"URL {route.route!r} has no name: name it so it can be reversed and tested")
        routes.append(route)
    return routes


@pytest.fixture
def world(recruiter, manager_a, manager_b, job_a, job_b):
    """Job B with one of everything a URL can point at; job A's manager must reach none of it."""
    application = factories.make_application(job=job_b, kind="shortlist", actor=recruiter)
    candidate = application.candidate
    other = factories.make_application(job=job_b, kind="shortlist", actor=recruiter).candidate
    resume = Resume.objects.create(
        candidate=candidate, file="bb/resume-b.pdf", original_filename="resume-b.pdf", size=10,
        content_type="application/pdf", sha256="b" * 64, status=Resume.Status.PARSED, parsed={}, text="Job B person",
    )
    criterion = job_b.criteria.create(name="Analysis", position=0)
    review = review_services.review_submit(actor=manager_b, application=application, recommendation="yes", ratings={criterion.pk: (3, "")})
    now = timezone.now()
    review_request = ReviewRequest.objects.create(
        application=application, reviewer=manager_b, requested_by=recruiter, requested_at=now, due_at=now + timedelta(days=2)
    )
    tag = Tag.objects.create(name="job-b-tag")
    candidate.tags.add(tag)
    note = Note.objects.create(candidate=candidate, application=application, author=recruiter, body="B only",
                               visible_to_hiring_managers=True)
    merge = CandidateMerge.objects.create(kept=candidate, merged=other, merged_by=recruiter)
    saved_search = SavedSearch.objects.create(owner=recruiter, name="B search", query_string="q=b")
    candidate_list = CandidateList.objects.create(owner=recruiter, name="B list")
    bulk_action = BulkAction.objects.create(actor=recruiter, kind=BulkAction.Kind.TAG, payload={})
    batch = UploadBatch.objects.create(created_by=recruiter, job=job_b)
    token = api_token_create(user=recruiter, name="B token")[0]
    subscription = webhook_services.subscription_create(actor=recruiter, url="https://hooks.example.com/b", events=[])
    webhook_services.event_record("candidate.updated", candidate_id=candidate.pk, payload={})
    update = ProfileUpdate.objects.create(candidate=candidate, resume=resume, before={"headline": "a"}, after={"headline": "b"})
    template = email_template_save(actor=recruiter, template=EmailTemplate(name="B mail", subject="Hi", body="Hello"))
    email = email_send(actor=recruiter, candidate=candidate, template=template, application=application, idempotency_key="b")
    inbound = inbound_receive(raw=b"From: b@example.org\r\nSubject: Job B\r\n\r\nHello\r\n")
    # Keyword argument name -> the value of job B's object of that kind.
    values = {
        "job_id": job_b.pk,
        "stage_id": factories.stage_of(job_b, "shortlist").pk,
        "application_id": application.pk,
        "candidate_id": candidate.pk,
        "other_id": other.pk,
        "resume_id": resume.pk,
        "review_id": review.pk,
        "request_id": review_request.pk,
        "review_request_id": review_request.pk,
        "criterion_id": criterion.pk,
        "tag_id": tag.pk,
        "note_id": note.pk,
        "merge_id": merge.pk,
        "search_id": saved_search.pk,
        "saved_search_id": saved_search.pk,
        "list_id": candidate_list.pk,
        "action_id": bulk_action.pk,
        "batch_id": batch.pk,
        "update_id": update.pk,
        "question_id": ApplicationQuestion.objects.create(job=job_b, label="Work permit?", kind="yes_no").pk,
        "token_id": token.pk,
        "subscription_id": subscription.pk,
        "delivery_id": subscription.deliveries.get().pk,
        "template_id": template.pk,
        "email_id": email.pk,
        "inbound_id": inbound.pk,
        "export_id": privacy_services.subject_export_start(actor=recruiter, candidate=candidate)[0].pk,
        "erasure_request_id": privacy_services.erasure_request_create(actor=recruiter, candidate=candidate, source="recruiter")[0].pk,
        "signed": "not-a-signed-link",  # a forged unsubscribe link is 404 for everyone
        "section": "contact",
        "page": 1,  # the first drawn page of job B's candidate's résumé
    }
    return {"values": values, "job_a": job_a, "manager_a": manager_a}


def _fill(route: Route, values: dict[str, object]) -> str:
    unknown = [name for name in route.kwargs if name not in values]
    if unknown:
        raise AssertionError(
            f"URL {route.name!r} ({route.route}) takes {unknown}: add which object of job B fills it to "
            "`values` in tests/test_permissions_urls.py, so the hiring-manager 404 check covers it"
        )
    return reverse(route.name, kwargs={name: values[name] for name in route.kwargs})


def _assert_not_found(client: Client, url: str, route: Route) -> None:
    statuses = []
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        statuses.append(response.status_code)
        # 405 is decided by the method alone, before any object is looked up: it reveals nothing.
        assert response.status_code in (404, 405), (
            f"{method.upper()} {url} ({route.name}) answered {response.status_code} to the hiring manager of job A"
        )
    assert 404 in statuses, f"{url} ({route.name}) accepts neither GET nor POST: test it with its own method"


@pytest.mark.django_db
def test_hiring_manager_gets_404_for_every_url_about_another_jobs_objects(world):
    client = Client()
    client.force_login(world["manager_a"])
    routes = [route for route in application_routes() if route.kwargs]
    assert len(routes) > 10
    for route in routes:
        _assert_not_found(client, _fill(route, world["values"]), route)
        if "job_id" in route.kwargs and len(route.kwargs) > 1:
            # Their own job in the URL does not open job B's objects either.
            mixed = {**world["values"], "job_id": world["job_a"].pk}
            _assert_not_found(client, _fill(route, mixed), route)


@pytest.mark.django_db
def test_hiring_manager_gets_404_for_every_page_that_is_not_theirs(world):
    client = Client()
    client.force_login(world["manager_a"])
    routes = [
        route for route in application_routes()
        if not route.kwargs and route.name not in HIRING_MANAGER_PAGES | PUBLIC_PAGES | API_PUBLIC_PAGES | API_COLLECTIONS
    ]
    assert {"candidates:list", "reviews:requests"} <= {route.name for route in routes}
    for route in routes:
        _assert_not_found(client, reverse(route.name), route)


@pytest.mark.django_db
def test_the_hiring_managers_own_pages_still_open(world, job_a):
    client = Client()
    client.force_login(world["manager_a"])
    application = factories.make_application(job=job_a, kind="shortlist")
    for url in (reverse("reviews:inbox"), reverse("jobs:detail", args=[job_a.pk]),
                reverse("reviews:review", args=[application.pk]), application.candidate.get_absolute_url()):
        assert client.get(url).status_code == 200, url
    assert client.get("/admin/").status_code != 200


def test_unknown_keyword_arguments_fail_loudly():
    route = next(r for r in application_routes() if r.name == "jobs:detail")
    with pytest.raises(AssertionError, match="add which object of job B"):
        _fill(route, {"candidate_id": 1})


def test_every_view_declares_its_gate():
    """Each URL's view says who may call it (ats.core.access.gate): public, signed in (selectors
    then narrow what a hiring manager sees) or recruiters only. A new view without one fails here."""
    from ats.core.access import Gate

    gates = {}
    for route in application_routes() + [r for r in _walk(get_resolver().url_patterns) if r.name in SKIPPED_NAMES]:
        gate = getattr(route.pattern.callback, "access_gate", None)
        assert isinstance(gate, Gate), f"{route.name} ({route.route}) declares no gate: decorate it with ats.core.access.gate"
        gates[route.name] = gate
    assert gates["healthz"] is Gate.PUBLIC and gates["login"] is Gate.PUBLIC
    assert gates["candidates:list"] is Gate.RECRUITERS and gates["reviews:inbox"] is Gate.SIGNED_IN
    # The hiring managers' own pages are exactly the signed-in ones without an object in the URL.
    signed_in_pages = {name for name, gate in gates.items() if gate is Gate.SIGNED_IN}
    assert {name for name in HIRING_MANAGER_PAGES} <= signed_in_pages


@pytest.mark.django_db
def test_the_careers_site_is_public_and_lists_only_published_open_jobs(world, job_b):
    """Every careers URL is public; anonymous visitors (and a hiring manager) get its pages, but an
    unpublished job (job B) is 404 on each of its careers URLs."""
    from ats.core.access import Gate

    careers = [route for route in application_routes() if route.name.startswith("careers:")]
    assert {route.name for route in careers} == PUBLIC_PAGES | {"careers:job", "careers:apply", "careers:applied"}
    for route in careers:
        assert route.pattern.callback.access_gate is Gate.PUBLIC, route.name
    anonymous = Client()
    for name in PUBLIC_PAGES:
        assert anonymous.get(reverse(name)).status_code == 200, name
    for route in careers:
        if route.kwargs:
            assert anonymous.get(_fill(route, world["values"])).status_code == 404, route.name
    published = factories.make_job(title="Published Role", published=True)
    assert anonymous.get(reverse("careers:job", args=[published.pk])).status_code == 200
