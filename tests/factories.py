"""Builders for test data that go through the services, so tests exercise the real paths.

Every person here is fictional.
"""
from __future__ import annotations

import itertools
from typing import Any

from django.contrib.auth.models import Group, User

from ats.core.access import HIRING_MANAGER_GROUP, RECRUITER_GROUP
from candidates.models import Candidate, Experience, Tag
from candidates.services import candidate_create
from jobs.applications.models import Application
from jobs.applications.services import application_create
from jobs.models import Job, Stage
from jobs.reviews.models import Review
from jobs.services import job_create

_counter = itertools.count(1)


def make_user(username: str | None = None, *, group: str | None = None, **fields: Any) -> User:
    username = username or f"user{next(_counter)}"
    user = User.objects.create_user(username=username, password="test-pass-123", **fields)
    if group:
        # get_or_create: transactional tests flush the groups that the roles migration created.
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def make_recruiter(username: str | None = None) -> User:
    return make_user(username, group=RECRUITER_GROUP, first_name="Rory", last_name="Recruiter")


def make_hiring_manager(username: str | None = None) -> User:
    return make_user(username, group=HIRING_MANAGER_GROUP, first_name="Hana", last_name="Manager")


def make_job(*, actor: User | None = None, title: str | None = None, status: str = Job.Status.OPEN, **fields: Any) -> Job:
    return job_create(actor=actor, title=title or f"Test Engineer {next(_counter)}", status=status, **fields)


def make_candidate(*, actor: User | None = None, name: str | None = None, **fields: Any) -> Candidate:
    n = next(_counter)
    fields.setdefault("emails", [f"person{n}@example.com"])
    return candidate_create(actor=actor, full_name=name or f"Fictional Person {n}", **fields)


def stage_of(job: Job, kind: str) -> Stage:
    return job.stages.get(kind=kind)


def make_application(
    *, job: Job, candidate: Candidate | None = None, actor: User | None = None, kind: str | None = None
) -> Application:
    candidate = candidate or make_candidate(actor=actor)
    stage = stage_of(job, kind) if kind else None
    return application_create(actor=actor, candidate=candidate, job=job, stage=stage)


def bulk_applications(job, count: int) -> None:
    """Many applications spread over the stages, with experience, tags and reviews on some.

    Bulk inserts: a thousand rows through the services would make this test slow, and the
    board only reads them.
    """
    stages = list(job.stages.order_by("position"))
    tag = Tag.objects.get_or_create(name="python")[0]
    reviewer = make_hiring_manager()
    start = Candidate.objects.count()
    candidates = Candidate.objects.bulk_create(
        Candidate(full_name=f"Bulk Person {start + n}", headline="Engineer") for n in range(count)
    )
    applications = Application.objects.bulk_create(
        Application(candidate=candidate, job=job, stage=stages[n % len(stages)]) for n, candidate in enumerate(candidates)
    )
    Experience.objects.bulk_create(
        Experience(candidate=c, company=f"Fictional Co {n}", position=0) for n, c in enumerate(candidates) if n % 3 == 0
    )
    Candidate.tags.through.objects.bulk_create(
        Candidate.tags.through(candidate=c, tag=tag) for n, c in enumerate(candidates) if n % 3 == 0
    )
    Review.objects.bulk_create(
        Review(application=a, reviewer=reviewer, recommendation="yes") for n, a in enumerate(applications) if n % 5 == 0
    )
