"""The pipeline board of a job: columns of cards, moves (drag, keyboard), undo, restore, lazy pages.

Bulk moves and rejections of selected cards are in jobs.bulk.views.

Moves answer JSON to the board's script (fresh card HTML, stage counts, an undo handle) and fall
back to redirect-with-message for plain form posts, so the board also works without JavaScript.
"""
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ats.core.access import is_recruiter, recruiters_only, signed_in
from ats.core.http import wants_json
from jobs.applications import services
from jobs.applications.forms import MoveForm
from candidates.emails.selectors import email_templates_usable
from jobs.applications.models import Application, RejectionReason, StageChange
from jobs.applications.selectors import (
    BOARD_PAGE_SIZE,
    application_list_for,
    attach_card_details,
    board_closed_count,
    board_columns,
    closed_applications,
    job_board_stage,
    stage_column_page,
)
from jobs.bulk.offers import pop_undo_offer
from jobs.models import Job
from jobs.selectors import job_get

# A number no real id reaches, reversed once per page and cut out again: each card then builds its
# URLs by concatenation instead of calling reverse() (which dominated the render of 300 cards).
_ID_SLOT = 2_147_483_647


def _url_parts(name: str, *args: int) -> tuple[str, str]:
    head, _, tail = reverse(name, args=[*args, _ID_SLOT]).partition(str(_ID_SLOT))
    return head, tail


def _board_context(request: HttpRequest, job: Job) -> dict[str, Any]:
    can_move = is_recruiter(request.user)
    move_head, move_tail = _url_parts("jobs:move", job.pk)
    candidate_head, candidate_tail = _url_parts("candidates:detail")
    return {
        "job": job,
        "can_move": can_move,
        # Hiring managers of an anonymised job review people, not names.
        "anonymise": job.anonymised_review and not can_move,
        "stages": list(job.stages.all()),  # prefetched by job_get, in position order
        "page_size": BOARD_PAGE_SIZE,
        "stale_days": settings.STALE_APPLICATION_DAYS,
        "move_head": move_head,
        "move_tail": move_tail,
        "candidate_head": candidate_head,
        "candidate_tail": candidate_tail,
    }


@signed_in
@require_GET
def job_board(request: HttpRequest, job_id: int) -> HttpResponse:
    """`jobs:detail`: the job's header and its pipeline board."""
    job = job_get(request.user, job_id)
    context = _board_context(request, job)
    context["columns"] = board_columns(user=request.user, job=job)
    context["bulk_undo"] = pop_undo_offer(request, page="board", job_id=job.pk) if context["can_move"] else None
    context["closed_count"] = board_closed_count(context["columns"])
    if context["can_move"]:  # the bulk bar's choices: two short lists, whatever the board's size
        context["rejection_reasons"] = list(RejectionReason.objects.filter(active=True))
        context["email_templates"] = list(email_templates_usable(request.user))
    return render(request, "jobs/board.html", context)


@signed_in
@require_GET
def column_page(request: HttpRequest, job_id: int, stage_id: int) -> HttpResponse:
    """The next cards of one column ("Load more"), as the `cards_page` partial."""
    job = job_get(request.user, job_id)
    stage = job_board_stage(user=request.user, job=job, stage_id=stage_id)
    offset = request.GET.get("offset", "")
    offset_value = int(offset) if offset.isdigit() else 0
    applications, has_more = stage_column_page(user=request.user, job=job, stage=stage, offset=offset_value)
    context = _board_context(request, job) | {
        "stage": stage,
        "applications": applications,
        "has_more": has_more,
        "next_offset": offset_value + len(applications),
    }
    return render(request, "jobs/board.html#cards_page", context)


@signed_in
@require_GET
def closed_list(request: HttpRequest, job_id: int) -> HttpResponse:
    """Rejected and withdrawn applications, loaded when the recruiter asks for them."""
    job = job_get(request.user, job_id)
    applications, total = closed_applications(user=request.user, job=job)
    context = _board_context(request, job) | {"closed": applications, "closed_total": total}
    return render(request, "jobs/board.html#closed_list", context)


def _stage_counts(job: Job) -> dict[str, int]:
    rows = job.stages.annotate(n=Count("applications", filter=Q(applications__outcome=Application.Outcome.ACTIVE)))
    return {str(stage.pk): stage.n for stage in rows}


def _card_html(request: HttpRequest, job: Job, application: Application) -> str:
    attach_card_details([application])
    context = _board_context(request, job) | {"application": application}
    return render_to_string("jobs/board.html#card", context, request=request)


def _columns_html(request: HttpRequest, job: Job, stage_ids: set[int]) -> dict[str, str]:
    context = _board_context(request, job)
    fresh: dict[str, str] = {}
    for stage, applications, total in board_columns(user=request.user, job=job):
        if stage.pk in stage_ids:
            column = context | {"stage": stage, "applications": applications, "total": total}
            fresh[str(stage.pk)] = render_to_string("jobs/board.html#column", column, request=request)
    return fresh


def _moved(request: HttpRequest, job: Job, application: Application, message: str, change: StageChange | None) -> HttpResponse:
    if not wants_json(request):
        messages.success(request, message)
        return redirect(job.get_absolute_url())
    return JsonResponse(
        {
            "message": message,
            "application": application.pk,
            "stage": application.stage_id,
            "card": _card_html(request, job, application),
            "counts": _stage_counts(job),
            "undo": {"url": reverse("jobs:undo", args=[job.pk, application.pk]), "change": change.pk} if change else None,
        }
    )


def _refused(request: HttpRequest, job: Job, message: str, status: int, stage_ids: set[int] = frozenset()) -> HttpResponse:
    if not wants_json(request):
        messages.error(request, message)
        if status == 409:
            return redirect(job.get_absolute_url())
        return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    body: dict[str, Any] = {"message": message}
    if stage_ids:
        body["columns"] = _columns_html(request, job, stage_ids)
        body["counts"] = _stage_counts(job)
    return JsonResponse(body, status=status)


def _board_application(request: HttpRequest, job_id: int, application_id: int) -> tuple[Job, Application]:
    job = job_get(request.user, job_id)
    application = get_object_or_404(application_list_for(request.user).filter(job=job), pk=application_id)
    return job, application


@recruiters_only
@require_http_methods(["GET", "POST"])
def application_move(request: HttpRequest, job_id: int, application_id: int) -> HttpResponse:
    """POST moves the card; GET is the card's "Move to…" link without JavaScript: a one-select page.

    With JavaScript the board opens its single shared move dialog instead of following the link.
    """
    job, application = _board_application(request, job_id, application_id)
    if request.method == "GET":
        if application.outcome != Application.Outcome.ACTIVE:
            messages.error(request, f"{application.candidate.display_name} is not on the board any more.")
            return redirect(job.get_absolute_url())
        stages = [stage for stage in job.stages.all() if stage.pk != application.stage_id]
        return render(request, "jobs/board_move.html", {"job": job, "application": application, "stages": stages})
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _refused(request, job, "Say which stage the card was in and where it goes.", 400)
    stages = {stage.pk: stage for stage in job.stages.all()}
    to_stage = stages.get(form.cleaned_data["to_stage"])
    from_stage_id = form.cleaned_data["from_stage"]
    if to_stage is None or from_stage_id not in stages:
        return _refused(request, job, "That stage is not part of this job.", 400)
    name = application.candidate.display_name
    if application.outcome != Application.Outcome.ACTIVE:
        return _refused(
            request, job, f"{name} is {application.get_outcome_display().lower()}; restore the application first.", 409,
            {from_stage_id, to_stage.pk},
        )
    try:
        services.application_move(
            actor=request.user, application=application, to_stage=to_stage, from_stage_id=from_stage_id
        )
    except services.StageConflict:
        application.refresh_from_db(fields=["stage"])
        current = stages[application.stage_id]
        return _refused(
            request, job, f"{name} was already moved to {current.name} by someone else. The columns have been refreshed.",
            409, {from_stage_id, to_stage.pk, current.pk},
        )
    change = application.stage_changes.order_by("-changed_at", "-id").first()
    undo = change if change is not None and change.to_stage_id == to_stage.pk and change.from_stage_id else None
    return _moved(request, job, application, f"Moved {name} to {to_stage.name}.", undo)


@recruiters_only
@require_POST
def application_undo(request: HttpRequest, job_id: int, application_id: int) -> HttpResponse:
    job, application = _board_application(request, job_id, application_id)
    change_id = request.POST.get("change", "")
    change = get_object_or_404(StageChange.objects.select_related("from_stage"), pk=change_id if change_id.isdigit() else 0,
                               application=application)
    name = application.candidate.display_name
    try:
        services.application_move_undo(actor=request.user, application=application, change=change)
    except services.StageConflict:
        application.refresh_from_db(fields=["stage"])
        return _refused(
            request, job, f"{name} has moved again since, so that move can no longer be undone.", 409,
            {change.from_stage_id, change.to_stage_id, application.stage_id} - {None},
        )
    except ValueError as error:
        return _refused(request, job, str(error), 400)
    return _moved(request, job, application, f"Moved {name} back to {application.stage.name}.", None)


@recruiters_only
@require_POST
def application_restore(request: HttpRequest, job_id: int, application_id: int) -> HttpResponse:
    """Put a rejected or withdrawn application back on the board, in the stage it left."""
    job, application = _board_application(request, job_id, application_id)
    if application.outcome != Application.Outcome.ACTIVE:
        try:
            services.application_set_outcome(actor=request.user, application=application, outcome=Application.Outcome.ACTIVE)
        except services.OutcomeRefused as error:  # someone reopened it a moment ago
            messages.info(request, str(error))
        else:
            messages.success(request, f"{application.candidate.display_name} is back in {application.stage.name}.")
    return redirect(job.get_absolute_url())
