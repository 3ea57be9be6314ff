"""The pages of the project itself: the dashboard everyone lands on, and the health check."""
from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ats.core.access import is_hiring_manager, is_recruiter, public, signed_in
from ats.health import check_database, check_redis_and_queues, degraded_reasons
from candidates.resumes.selectors import failed_resumes, resume_counts, resumes_waiting
from jobs.applications.selectors import applications_waiting
from jobs.models import Job
from jobs.reviews.selectors import reviews_on_my_jobs
from jobs.selectors import dashboard_jobs, job_list_for


@signed_in
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    if is_hiring_manager(user):
        # Hiring managers come for a few minutes: straight to what waits for their decision.
        return redirect("reviews:inbox")
    stale_before = timezone.now() - timedelta(days=settings.STALE_APPLICATION_DAYS)
    context = {
        # The user's own jobs first, then the rest, so a new recruiter still sees something useful.
        "jobs": dashboard_jobs(user, limit=20),
        "waiting": applications_waiting(user, entered_before=stale_before, limit=10),
        "stale_days": settings.STALE_APPLICATION_DAYS,
    }
    if is_recruiter(user):
        context["open_job_count"] = job_list_for(user).filter(status=Job.Status.OPEN).count()
        context.update(resume_counts())
        context["failed_resumes"] = failed_resumes(limit=5)
        context["recent_reviews"] = reviews_on_my_jobs(user, limit=5)
    return render(request, "dashboard.html", context)


@public
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """503 when the database or Redis does not answer; "degraded" (200) when they do but résumé
    work is stuck (no parsing worker, or an overdue sweep, while résumés wait)."""
    database = check_database()
    redis, queue = check_redis_and_queues()
    healthy = database["ok"] and redis["ok"]
    reasons = degraded_reasons(queue, resumes_waiting()) if healthy else []
    status = "unavailable" if not healthy else ("degraded" if reasons else "ok")
    body = {"status": status, "database": database, "redis": redis, "queue": queue, "degraded": reasons}
    return JsonResponse(body, status=200 if healthy else 503)
