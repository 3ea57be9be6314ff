"""Reads for the public careers site: only open, published, still-advertised jobs, and only their
public fields (no recruiter, no hiring managers, no counts of anyone who applied)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from jobs.careers.models import ApplicationQuestion, Consent
from jobs.models import Job

# What a careers page may show of a job; everything else of the row is never fetched.
PUBLIC_FIELDS = (
    "id", "title", "department", "location", "remote_policy", "employment_type", "description",
    "opened_at", "valid_through", "created_at", "status", "published",
)


def careers_jobs() -> QuerySet[Job]:
    """Every job the public may see: open, published, and not past its advertised last day."""
    today = timezone.localdate()
    return (
        Job.objects.filter(status=Job.Status.OPEN, published=True)
        .filter(Q(valid_through__isnull=True) | Q(valid_through__gte=today))
        .only(*PUBLIC_FIELDS)
        .order_by("-opened_at", "-id")
    )


@dataclass(frozen=True)
class CareersFilters:
    department: str = ""
    location: str = ""
    remote_policy: str = ""
    employment_type: str = ""

    @classmethod
    def from_query(cls, query: Any) -> "CareersFilters":
        return cls(**{name: (query.get(name) or "").strip()[:200] for name in cls.__dataclass_fields__})

    def apply(self, jobs: QuerySet[Job]) -> QuerySet[Job]:
        if self.department:
            jobs = jobs.filter(department=self.department)
        if self.location:
            jobs = jobs.filter(location=self.location)
        if self.remote_policy in Job.RemotePolicy.values:
            jobs = jobs.filter(remote_policy=self.remote_policy)
        if self.employment_type in Job.EmploymentType.values:
            jobs = jobs.filter(employment_type=self.employment_type)
        return jobs


def careers_filter_options() -> dict[str, list[str]]:
    """The departments and locations that the listed jobs have (two queries whatever the count)."""
    jobs = careers_jobs().order_by()
    return {
        "departments": sorted(set(jobs.exclude(department="").values_list("department", flat=True))),
        "locations": sorted(set(jobs.exclude(location="").values_list("location", flat=True))),
    }


def careers_job_get(job_id: int) -> Job:
    """A listed job with its questions; anything else (draft, closed, on hold, unpublished) is 404."""
    questions = Prefetch("questions", queryset=ApplicationQuestion.objects.order_by("position", "id"))
    job = careers_jobs().prefetch_related(questions).filter(pk=job_id).first()
    if job is None:
        raise Http404("No such job on the careers site.")
    return job


def consents_of(candidate_id: int) -> QuerySet[Consent]:
    """Every consent row of a person (given and withdrawn), latest recorded first: the first is their
    current state (the privacy pages and retention read this)."""
    return Consent.objects.filter(candidate_id=candidate_id).select_related("recorded_by").order_by("-recorded_at", "-id")


# --- schema.org JobPosting ----------------------------------------------------------------------

EMPLOYMENT_TYPES = {
    Job.EmploymentType.FULL_TIME: "FULL_TIME",
    Job.EmploymentType.PART_TIME: "PART_TIME",
    Job.EmploymentType.CONTRACT: "CONTRACTOR",
    Job.EmploymentType.TEMPORARY: "TEMPORARY",
    Job.EmploymentType.INTERNSHIP: "INTERN",
}


def job_posting_data(job: Job, *, url: str) -> dict[str, Any]:
    """The job as schema.org JobPosting (what search engines read for job listings)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": job.description or job.title,
        "datePosted": timezone.localdate(job.opened_at or job.created_at).isoformat(),
        "employmentType": EMPLOYMENT_TYPES.get(job.employment_type, "OTHER"),
        "hiringOrganization": {"@type": "Organization", "name": settings.CAREERS_COMPANY_NAME},
        "identifier": {"@type": "PropertyValue", "name": settings.CAREERS_COMPANY_NAME, "value": str(job.pk)},
        "url": url,
        "directApply": True,
    }
    if job.valid_through:
        data["validThrough"] = f"{job.valid_through.isoformat()}T23:59:59"
    if job.remote_policy == Job.RemotePolicy.REMOTE:
        data["jobLocationType"] = "TELECOMMUTE"
        # Google requires where remote applicants may live; the job's location says it when given.
        data["applicantLocationRequirements"] = {"@type": "Country", "name": job.location or "Anywhere"}
    if job.location and job.remote_policy != Job.RemotePolicy.REMOTE:
        data["jobLocation"] = {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": job.location}}
    return data


# The characters that could end the <script> element or start markup, as json_script escapes them.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def job_posting_json(job: Job, *, url: str) -> SafeString:
    """The JSON-LD for the page, safe inside <script type="application/ld+json">: a description
    holding "</script>" cannot close the element."""
    text = json.dumps(job_posting_data(job, url=url), cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308 - escaped on the line above


def plain_description(job: Job) -> str:
    return strip_tags(job.description or "")
