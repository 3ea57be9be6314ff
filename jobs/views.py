"""Job pages of the recruiter workspace: the job list, the job form, status and the stage editor.

The pipeline board lives in jobs.applications.views, bulk actions in jobs.bulk.views. Writes are
recruiter-only: for anyone else every write URL is a 404, like an object outside their reach.
"""
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ats.core.access import is_recruiter, recruiters_only, signed_in
from candidates.emails.selectors import email_templates_usable
from jobs import services
from jobs.forms import (
    JobForm,
    StageAddForm,
    StageRemoveForm,
    StageRenameForm,
    criteria_from,
)
from jobs.models import Job, Stage
from jobs.selectors import (
    attach_application_counts,
    hiring_managers,
    job_departments,
    job_get,
    job_list_filtered,
    job_list_for,
    recruiters,
    stage_choices,
)


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@signed_in
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    filters = {
        "status": request.GET.get("status", ""),
        "department": request.GET.get("department", ""),
        "recruiter_id": _int_or_none(request.GET.get("recruiter")),
        "manager_id": _int_or_none(request.GET.get("manager")),
        "text": request.GET.get("q", "").strip(),
    }
    jobs = job_list_filtered(request.user, **filters).order_by("status", "title", "pk")
    page = Paginator(jobs, 50).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    attach_application_counts(page.object_list)
    context = {
        "page": page,
        "filters": filters,
        "filtered": any(filters.values()),
        "statuses": Job.Status.choices,
        "departments": job_departments(request.user),
    }
    if is_recruiter(request.user):
        context["recruiters"] = recruiters()
        context["managers"] = hiring_managers()
    return render(request, "jobs/job_list.html", context)


def _criteria_rows(request: HttpRequest, job: Job | None) -> list[tuple[int | None, str]]:
    if request.method == "POST":
        return criteria_from(request.POST)
    if job is None:
        return []
    return [(criterion.pk, criterion.name) for criterion in job.criteria.all()]


@recruiters_only
@require_http_methods(["GET", "POST"])
def job_create(request: HttpRequest) -> HttpResponse:
    form = JobForm(request.POST or None, initial={"recruiter": request.user.pk, "status": Job.Status.DRAFT})
    criteria = _criteria_rows(request, None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        managers = list(data.pop("hiring_managers"))
        recruiter = data.pop("recruiter")
        try:
            job = services.job_create(
                actor=request.user,
                hiring_managers=managers,
                recruiter_id=recruiter.pk if recruiter else None,
                criteria=[name for _, name in criteria],
                **data,
            )
        except (ValueError, IntegrityError) as error:
            form.add_error(None, _message(error))
        else:
            messages.success(request, f"Job “{job.title}” created with the default pipeline. Adjust its stages any time.")
            return redirect(job.get_absolute_url())
    return render(request, "jobs/job_form.html", {"form": form, "job": None, "criteria": criteria})


@recruiters_only
@require_http_methods(["GET", "POST"])
def job_edit(request: HttpRequest, job_id: int) -> HttpResponse:
    job = job_get(request.user, job_id)
    form = JobForm(request.POST or None, instance=job)
    criteria = _criteria_rows(request, job)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        managers = list(data.pop("hiring_managers"))
        status = data.pop("status")
        # ModelForm already copied the values onto `job`; the service compares against the row.
        job = job_get(request.user, job.pk)
        try:
            services.job_update(actor=request.user, job=job, hiring_managers=managers, status=status, **data)
            services.criteria_set(actor=request.user, job=job, criteria=criteria)
        except (ValueError, IntegrityError) as error:
            form.add_error(None, _message(error))
        else:
            messages.success(request, f"Saved “{job.title}”.")
            return redirect(job.get_absolute_url())
    return render(request, "jobs/job_form.html", {"form": form, "job": job, "criteria": criteria})


STATUS_MESSAGES = {
    Job.Status.OPEN: "“{}” is open.",
    Job.Status.ON_HOLD: "“{}” is on hold.",
    Job.Status.CLOSED: "“{}” is closed.",
    Job.Status.DRAFT: "“{}” is back to draft.",
}


@recruiters_only
@require_POST
def job_status(request: HttpRequest, job_id: int) -> HttpResponse:
    job = job_get(request.user, job_id)
    status = request.POST.get("status", "")
    if status not in Job.Status.values:
        return HttpResponseBadRequest("Unknown status")
    try:
        services.job_set_status(actor=request.user, job=job, status=status)
    except services.StatusRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, STATUS_MESSAGES[status].format(job.title))
    return redirect(job.get_absolute_url())


# --- Stage editor ----------------------------------------------------------------------------


def _message(error: Exception) -> str:
    if isinstance(error, IntegrityError):
        return "That change clashes with another one made at the same time. Please try again."
    return str(error)


def _stage_editor(
    request: HttpRequest, job: Job, *, add_form: StageAddForm | None = None, status: int = 200,
    stage_error: tuple[int | None, str] | None = None,
) -> HttpResponse:
    stages = list(job.stages.annotate(application_count=Count("applications")).order_by("position"))
    context = {"job": job, "stages": stages, "add_form": add_form or StageAddForm(job=job, initial=_add_initial(stages)),
               "stage_templates": list(email_templates_usable(request.user)),
               "email_delay_minutes": settings.EMAIL_STAGE_DELAY_SECONDS // 60,
               "kinds": Stage.Kind.choices, "error_stage": stage_error[0] if stage_error else None,
               "stage_error": stage_error[1] if stage_error else ""}
    template = "jobs/stages.html#stage_editor" if request.headers.get("HX-Request") else "jobs/stages.html"
    return render(request, template, context, status=status)


def _add_initial(stages: list[Stage]) -> dict[str, Any]:
    # New stages usually go before the final "Hired" stage.
    if len(stages) >= 2 and stages[-1].kind == Stage.Kind.HIRED:
        return {"after": stages[-2].pk}
    return {}


def _after_stage_write(
    request: HttpRequest, job: Job, message: str | None, error: Exception | None = None, *, stage: Stage | None = None,
    add_form: StageAddForm | None = None,
) -> HttpResponse:
    """The editor again (htmx) or a redirect. A refusal is shown beside the form that caused it:
    the stage's row (its name input back to the saved name) or the add form (with what was typed)."""
    if error is not None and not request.headers.get("HX-Request"):
        messages.error(request, _message(error))
    elif message:
        messages.success(request, message)
    if request.headers.get("HX-Request"):
        errors = {"stage_error": (stage.pk if stage else None, _message(error))} if error is not None else {}
        if error is not None and add_form is not None:
            add_form.add_error(None, _message(error))
        elif error is not None and stage is None:
            messages.error(request, _message(error))
        return _stage_editor(request, job, add_form=add_form, status=200 if error is None else 400, **errors)
    return redirect("jobs:stages", job.pk)


def _job_stage(request: HttpRequest, job_id: int, stage_id: int) -> tuple[Job, Stage]:
    job = job_get(request.user, job_id)
    return job, get_object_or_404(job.stages.all(), pk=stage_id)


@recruiters_only
@require_GET
def stage_list(request: HttpRequest, job_id: int) -> HttpResponse:
    return _stage_editor(request, job_get(request.user, job_id))


@recruiters_only
@require_GET
def stage_options(request: HttpRequest, job_id: int) -> JsonResponse:
    """[[stage id, name], …] of one job in pipeline order, for the job → stage pickers
    (static/js/pickers.js): pages no longer carry every open job's stages."""
    job = get_object_or_404(job_list_for(request.user), pk=job_id)
    return JsonResponse(stage_choices([job.pk])[job.pk], safe=False, headers={"Cache-Control": "private, no-cache"})


@recruiters_only
@require_POST
def stage_add(request: HttpRequest, job_id: int) -> HttpResponse:
    job = job_get(request.user, job_id)
    form = StageAddForm(request.POST, job=job)
    if not form.is_valid():
        if not request.headers.get("HX-Request"):
            messages.error(request, "Check the new stage: " + " ".join(e for errors in form.errors.values() for e in errors))
        return _stage_editor(request, job, add_form=form, status=400)
    try:
        stage = services.stage_add(actor=request.user, job=job, **form.cleaned_data)
    except (ValueError, IntegrityError) as error:
        return _after_stage_write(request, job, None, error, add_form=form)
    return _after_stage_write(request, job, f"Added the stage “{stage.name}”.")


@recruiters_only
@require_POST
def stage_rename(request: HttpRequest, job_id: int, stage_id: int) -> HttpResponse:
    job, stage = _job_stage(request, job_id, stage_id)
    form = StageRenameForm(request.POST)
    if not form.is_valid():
        return _after_stage_write(request, job, None, ValueError("A stage needs a name of at most 60 characters."), stage=stage)
    previous = stage.name
    try:
        services.stage_rename(actor=request.user, stage=stage, name=form.cleaned_data["name"])
    except (ValueError, IntegrityError) as error:
        stage.name = previous  # the row shows the saved name again, beside the reason
        return _after_stage_write(request, job, None, error, stage=stage)
    message = None if previous == stage.name else f"Renamed “{previous}” to “{stage.name}”."
    return _after_stage_write(request, job, message)


@recruiters_only
@require_POST
def stage_review(request: HttpRequest, job_id: int, stage_id: int) -> HttpResponse:
    job, stage = _job_stage(request, job_id, stage_id)
    needs_review = request.POST.get("needs_review") == "1"
    services.stage_set_needs_review(actor=request.user, stage=stage, needs_review=needs_review)
    verb = "now awaits" if needs_review else "no longer awaits"
    return _after_stage_write(request, job, f"“{stage.name}” {verb} hiring-manager review.")


@recruiters_only
@require_POST
def stage_email(request: HttpRequest, job_id: int, stage_id: int) -> HttpResponse:
    """Choose the stage's automatic e-mail (or none, the default)."""
    job, stage = _job_stage(request, job_id, stage_id)
    template_id = _int_or_none(request.POST.get("template"))
    template = get_object_or_404(email_templates_usable(request.user), pk=template_id) if template_id else None
    services.stage_set_auto_email(actor=request.user, stage=stage, template=template)
    message = (f"Entering “{stage.name}” now e-mails “{template}” after {settings.EMAIL_STAGE_DELAY_SECONDS // 60} minutes."
               if template else f"Entering “{stage.name}” sends no e-mail.")
    return _after_stage_write(request, job, message)


@recruiters_only
@require_POST
def stage_reorder(request: HttpRequest, job_id: int) -> HttpResponse:
    """Either `order` (every stage id, in the new order) or `stage` + `direction` (up/down)."""
    job = job_get(request.user, job_id)
    order = [int(value) for value in request.POST.getlist("order") if value.isdigit()]
    if not order:
        order = list(job.stages.order_by("position").values_list("pk", flat=True))
        moving = _int_or_none(request.POST.get("stage"))
        step = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
        if moving not in order or step is None:
            return HttpResponseBadRequest("Say which stage moves, up or down.")
        index = order.index(moving)
        target = index + step
        if not 0 <= target < len(order):
            return _after_stage_write(request, job, None)
        order[index], order[target] = order[target], order[index]
    try:
        stages = services.stage_reorder(actor=request.user, job=job, order=order)
    except ValueError as error:
        if request.headers.get("HX-Request"):
            return _after_stage_write(request, job, None, error)
        return HttpResponseBadRequest(str(error))
    return _after_stage_write(request, job, "New order: " + " → ".join(stage.name for stage in stages) + ".")


@recruiters_only
@require_http_methods(["GET", "POST"])
def stage_remove(request: HttpRequest, job_id: int, stage_id: int) -> HttpResponse:
    """GET asks for confirmation (and where the stage's applications go); POST removes."""
    job, stage = _job_stage(request, job_id, stage_id)
    held = stage.applications.count()
    form = StageRemoveForm(request.POST if request.method == "POST" else None, stage=stage)
    last_stage = job.stages.count() <= 1
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.stage_remove(actor=request.user, stage=stage, move_to=form.cleaned_data["move_to"])
        except (ValueError, IntegrityError) as error:
            form.add_error(None, _message(error))
        else:
            suffix = f" and moved its {moved} applications to “{form.cleaned_data['move_to'].name}”" if moved else ""
            messages.success(request, f"Removed the stage “{stage.name}”{suffix}.")
            return redirect("jobs:stages", job.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "jobs/stage_remove.html",
        {"job": job, "stage": stage, "held": held, "form": form, "last_stage": last_stage},
        status=status,
    )
