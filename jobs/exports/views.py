"""`jobs:export`: a job's applications as CSV."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from ats.core.access import signed_in
from ats.core.exports import export_response
from jobs.exports.selectors import APPLICATION_EXPORT_HEADER, application_export_rows
from jobs.selectors import job_get


@signed_in
@require_GET
def application_export(request: HttpRequest, job_id: int) -> HttpResponse:
    """Recruiters get every application of the job; a hiring manager of the job what their board
    shows; anyone else a 404 (job_get)."""
    job = job_get(request.user, job_id)
    rows = application_export_rows(user=request.user, job=job)
    return export_response(
        user=request.user, name=f"{job.title} applications", header=APPLICATION_EXPORT_HEADER, rows=rows,
        filters=request.GET, job=job,
    )
