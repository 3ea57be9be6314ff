"""The public careers site: the list of open jobs, a job's page (with its schema.org JobPosting),
the apply form, and the feeds job boards read. Every page here is public and shows only a job's
public fields; its own Content-Security-Policy allows nothing but this site's files."""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ats.core.access import client_ip, public, recruiters_only
from ats.core.limits import human_size, takes_one_file_from_anyone
from jobs.careers.forms import ApplyForm, QuestionForm
from jobs.careers.selectors import (
    CareersFilters,
    careers_filter_options,
    careers_job_get,
    careers_jobs,
    job_posting_json,
    plain_description,
)
from jobs.careers.services import (
    Applicant,
    ApplyRefused,
    careers_apply,
    careers_rate_allows,
    question_delete,
    question_save,
)
from jobs.models import Job
from jobs.selectors import job_get

# Stricter than the application's own policy: no frames in or out, no base or plugin tricks, and
# nothing from anywhere but this site (the JSON-LD block is data, which script-src does not govern).
CAREERS_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)
FEED_SIZE = 200  # jobs per feed: a careers site has dozens; the cap keeps one response bounded


def careers_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The careers site's policy on every response of `view` (the middleware only sets its own
    policy where none is set)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.headers["Content-Security-Policy"] = CAREERS_POLICY
        response.headers["X-Frame-Options"] = "DENY"
        return response

    return wrapper


def _company() -> dict[str, Any]:
    return {"company": settings.CAREERS_COMPANY_NAME}


@public
@careers_page
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    filters = CareersFilters.from_query(request.GET)
    jobs = list(filters.apply(careers_jobs()))
    context = _company() | {
        "jobs": jobs,
        "filters": filters,
        "options": careers_filter_options(),
        "remote_policies": Job.RemotePolicy.choices,
        "employment_types": Job.EmploymentType.choices,
        "filtered": any(vars(filters).values()),
    }
    return render(request, "careers/job_list.html", context)


@public
@careers_page
@require_GET
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = careers_job_get(job_id)
    url = request.build_absolute_uri(reverse("careers:job", args=[job.pk]))
    return render(request, "careers/job_detail.html", _company() | {"job": job, "job_posting": job_posting_json(job, url=url)})


@takes_one_file_from_anyone
@public
@careers_page
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, job_id: int) -> HttpResponse:
    """The apply form. A bot that fills the hidden field is thanked and nothing is stored; a refused
    résumé is reported on the form with everything else the person typed kept."""
    job = careers_job_get(job_id)
    form = ApplyForm(request.POST or None, request.FILES or None, questions=list(job.questions.all()))
    if request.method == "POST":
        if form.is_bot:
            return redirect("careers:applied", job_id=job.pk)
        resume_error = _resume_problem(request)
        valid = form.is_valid()
        if resume_error:
            form.add_error("resume", resume_error)
        elif valid:
            if not careers_rate_allows(ip=client_ip(request), email=form.cleaned_data["email"]):
                return render(request, "careers/rate_limited.html", _company() | {"job": job}, status=429)
            try:
                _apply(job, form, request.FILES["resume"])
            except ApplyRefused as refused:
                form.add_error("resume", str(refused))
            else:
                return redirect("careers:applied", job_id=job.pk)
    context = _company() | {
        "job": job, "form": form, "retention_days": settings.CANDIDATE_RETENTION_DAYS,
        "notice_version": settings.CAREERS_PRIVACY_NOTICE_VERSION,
    }
    return render(request, "careers/apply.html", context, status=400 if request.method == "POST" else 200)


def _resume_problem(request: HttpRequest) -> str:
    """Why the résumé cannot be taken before it is even read: missing, or stopped at the size limit."""
    if getattr(request, "oversized_files", None):
        return f"Your résumé is larger than {human_size(settings.MAX_UPLOAD_SIZE)}. Upload a smaller file (a PDF usually is)."
    if "resume" not in request.FILES:
        return "Attach your résumé (PDF, DOCX or plain text)."
    return ""


def _apply(job: Job, form: ApplyForm, upload: Any) -> None:
    data = form.cleaned_data
    applicant = Applicant(
        full_name=data["full_name"], email=data["email"], phone=data["phone"], links=data["links"],
        cover_letter=data["cover_letter"],
    )
    careers_apply(job=job, applicant=applicant, resume_name=upload.name, resume_data=upload.read(), answers=form.answers())


@public
@careers_page
@require_GET
def applied(request: HttpRequest, job_id: int) -> HttpResponse:
    job = careers_job_get(job_id)
    return render(request, "careers/applied.html", _company() | {"job": job})


class OpenJobsFeed(Feed):
    feed_type = Atom1Feed
    description_template = None

    def title(self) -> str:
        return f"Jobs at {settings.CAREERS_COMPANY_NAME}"

    def link(self) -> str:
        return reverse("careers:list")

    def subtitle(self) -> str:
        return f"Open positions at {settings.CAREERS_COMPANY_NAME}"

    def items(self) -> list[Job]:
        return list(careers_jobs()[:FEED_SIZE])

    def item_title(self, job: Job) -> str:
        return job.title

    def item_description(self, job: Job) -> str:
        return plain_description(job)

    def item_link(self, job: Job) -> str:
        return reverse("careers:job", args=[job.pk])

    def item_pubdate(self, job: Job) -> Any:
        return job.opened_at or job.created_at

    def item_updateddate(self, job: Job) -> Any:
        return job.opened_at or job.created_at

    def item_categories(self, job: Job) -> list[str]:
        return [c for c in (job.department, job.get_employment_type_display()) if c]


_atom = OpenJobsFeed()


@public
@careers_page
@require_GET
def atom_feed(request: HttpRequest) -> HttpResponse:
    return _atom(request)


@public
@careers_page
@require_GET
def job_board_feed(request: HttpRequest) -> HttpResponse:
    """The XML most job boards and aggregators read (Indeed's <source><job>…</job></source>)."""
    jobs = careers_jobs()[:FEED_SIZE]
    rows = [
        {"job": job, "url": request.build_absolute_uri(reverse("careers:job", args=[job.pk])),
         "description": plain_description(job)}
        for job in jobs
    ]
    context = _company() | {"rows": rows, "site": request.build_absolute_uri(reverse("careers:list")), "now": timezone.now()}
    return render(request, "careers/job_board.xml", context, content_type="application/xml; charset=utf-8")


# --- The recruiter's side: a job's questions to applicants ---------------------------------------


def _questions_page(request: HttpRequest, job: Job, *, add_form: QuestionForm | None = None,
                    failed: tuple[int, QuestionForm] | None = None, status: int = 200) -> HttpResponse:
    questions = list(job.questions.order_by("position", "id"))
    rows = [(q, failed[1] if failed and failed[0] == q.pk else QuestionForm(instance=q, prefix=f"q{q.pk}"))
            for q in questions]
    next_position = (questions[-1].position + 1) if questions else 0
    context = {"job": job, "rows": rows,
               "add_form": add_form or QuestionForm(prefix="new", initial={"position": next_position})}
    return render(request, "jobs/questions.html", context, status=status)


@recruiters_only
@require_http_methods(["GET", "POST"])
def question_list(request: HttpRequest, job_id: int) -> HttpResponse:
    """The questions the job's apply form asks, in order; POST adds one."""
    job = job_get(request.user, job_id)
    if request.method == "POST":
        form = QuestionForm(request.POST, prefix="new")
        if not form.is_valid():
            return _questions_page(request, job, add_form=form, status=400)
        question_save(actor=request.user, job=job, question=form.instance)  # filled in by is_valid()
        messages.success(request, "Question added to the apply form.")
        return redirect("jobs:questions", job_id=job.pk)
    return _questions_page(request, job)


@recruiters_only
@require_POST
def question_update(request: HttpRequest, job_id: int, question_id: int) -> HttpResponse:
    job = job_get(request.user, job_id)
    question = get_object_or_404(job.questions, pk=question_id)
    form = QuestionForm(request.POST, instance=question, prefix=f"q{question.pk}")
    if not form.is_valid():
        return _questions_page(request, job, failed=(question.pk, form), status=400)
    question_save(actor=request.user, job=job, question=form.instance)  # filled in by is_valid()
    messages.success(request, "Question saved.")
    return redirect("jobs:questions", job_id=job.pk)


@recruiters_only
@require_POST
def question_remove(request: HttpRequest, job_id: int, question_id: int) -> HttpResponse:
    job = job_get(request.user, job_id)
    question = get_object_or_404(job.questions, pk=question_id)
    question_delete(actor=request.user, question=question)
    messages.success(request, f"“{question.label}” removed; answers already given keep it.")
    return redirect("jobs:questions", job_id=job.pk)
