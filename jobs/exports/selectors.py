"""The rows of a job's applications export, read through a server-side cursor."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Avg, Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from ats.core.access import User, is_recruiter
from jobs.applications.models import Application
from jobs.applications.selectors import application_list_for
from jobs.models import Job
from jobs.reviews.models import Review, ReviewRating

APPLICATION_EXPORT_HEADER = (
    "Application id", "Candidate id", "Name", "E-mail", "Stage", "Outcome", "Outcome reason", "Source",
    "Applied", "In stage since", "Outcome date", "Reviews", "Strong yes", "Yes", "No", "Strong no",
    "Average rating (1-4)",
)
ANONYMISED = "(anonymised)"
CHUNK_SIZE = 2000


def _review_count(recommendation: str | None = None) -> Subquery:
    reviews = Review.objects.filter(application_id=OuterRef("pk"))
    if recommendation:
        reviews = reviews.filter(recommendation=recommendation)
    counted = reviews.order_by().values("application_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def application_export_rows(*, user: User, job: Job) -> Iterator[tuple[Any, ...]]:
    """The job's applications this user may see (a hiring manager: those waiting for review, as on
    their board), with the stage, the outcome and a summary of the reviews; names and e-mails are
    left out for a hiring manager of an anonymised job. One query, streamed."""
    average = (
        ReviewRating.objects.filter(review__application_id=OuterRef("pk"))
        .order_by().values("review__application_id").annotate(avg=Avg("score")).values("avg")
    )
    applications = (
        application_list_for(user).filter(job=job).select_related(None)
        .annotate(
            reviews_total=_review_count(),
            strong_yes=_review_count(Review.Recommendation.STRONG_YES),
            yes=_review_count(Review.Recommendation.YES),
            no=_review_count(Review.Recommendation.NO),
            strong_no=_review_count(Review.Recommendation.STRONG_NO),
            rating=Subquery(average),
            first_email=F("candidate__emails__0"),
        )
        .order_by("stage__position", "-applied_at", "pk")
    )
    hide_names = job.anonymised_review and not is_recruiter(user)
    outcomes = dict(Application.Outcome.choices)
    for row in applications.values_list(
        "pk", "candidate_id", "candidate__full_name", "first_email", "stage__name", "outcome", "outcome_reason",
        "source", "applied_at", "stage_entered_at", "outcome_at", "reviews_total", "strong_yes", "yes", "no",
        "strong_no", "rating",
    ).iterator(chunk_size=CHUNK_SIZE):
        pk, candidate_id, name, email, stage, outcome, *rest = row
        rating = rest[-1]
        yield (
            pk, candidate_id, ANONYMISED if hide_names else name, ANONYMISED if hide_names else email, stage,
            outcomes.get(outcome, outcome), *rest[:-1], round(float(rating), 2) if rating is not None else None,
        )


