"""Bulk actions and their undo, from the search page (selected candidates) and from a board
(selected cards). Both go through the one engine in jobs.bulk.services."""
from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ats.core.access import recruiters_only
from ats.core.http import htmx_redirect, safe_next
from candidates.lists.selectors import candidate_lists_for
from candidates.search.forms import SearchForm
from candidates.search.selectors import SearchParams, candidate_search
from candidates.selectors import candidate_list_for
from jobs.applications.models import Application, RejectionReason
from jobs.applications.selectors import application_list_for
from jobs.applications.services import StageConflict
from jobs.bulk import services
from jobs.bulk.forms import BoardBulkForm, SearchBulkForm
from jobs.bulk.models import BulkAction
from jobs.bulk.offers import offer_undo
from jobs.bulk.selectors import BulkError, BulkPlan, bulk_actions_for, bulk_plan
from jobs.models import Job, Stage
from jobs.selectors import job_get, job_list_for

BULK_LIMIT = 1000  # "all matching" acts on at most this many candidates (the search's count cap)


REASON_GONE = "That rejection reason is not in use any more; choose another."


def _rejection_reason(pk: int) -> RejectionReason | None:
    """A managed rejection reason still in use (with its template), for either bulk bar."""
    return RejectionReason.objects.filter(active=True, pk=pk).select_related("template").first()


# --- From the search page ----------------------------------------------------------------------


def _search_plan(request: HttpRequest) -> tuple[SearchBulkForm, BulkPlan | None, str]:
    form = SearchBulkForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        return form, None, errors or "Select candidates and an action."
    data = form.cleaned_data
    if data["all_matching"]:
        search_form = SearchForm(QueryDict(data["search"] or ""))
        params = SearchParams.from_cleaned(search_form.cleaned_data if search_form.is_valid() else {})
        ids = list(candidate_search(user=request.user, params=params).candidates.values_list("pk", flat=True)[:BULK_LIMIT])
    else:
        ids = data["ids"]
    candidates = list(candidate_list_for(request.user).filter(pk__in=ids).order_by("full_name", "pk"))
    if not candidates:
        return form, None, "Select at least one candidate."
    job = stage = candidate_list = None
    if data.get("job"):
        job = get_object_or_404(job_list_for(request.user), pk=data["job"])
    if data.get("stage"):
        stage = get_object_or_404(job.stages.all(), pk=data["stage"]) if job else None
    if data.get("candidate_list"):
        candidate_list = get_object_or_404(candidate_lists_for(request.user), pk=data["candidate_list"])
    if data["kind"] == "remove_from_list":
        candidate_list = get_object_or_404(candidate_lists_for(request.user), pk=data["from_list"])
    rejection_reason = None
    if data["kind"] == "reject" and data.get("rejection_reason"):
        rejection_reason = _rejection_reason(data["rejection_reason"])
        if rejection_reason is None:
            return form, None, REASON_GONE
    try:
        plan = bulk_plan(
            user=request.user, kind=data["kind"], candidates=candidates, tag=data.get("tag") or "", job=job,
            stage=stage, reason=data.get("reason") or "", rejection_reason=rejection_reason,
            send_email=data.get("send_email", False), candidate_list=candidate_list,
            new_list_name=data.get("new_list") or "",
        )
    except BulkError as error:
        return form, None, str(error)
    return form, plan, ""


@recruiters_only
@require_POST
def bulk_preview(request: HttpRequest) -> HttpResponse:
    form, plan, error = _search_plan(request)
    return render(request, "candidates/bulk_confirm.html", {
        "form": form, "plan": plan, "error": error, "post": request.POST,
        "cancel_url": safe_next(request, reverse("candidates:list")),
    })


@recruiters_only
@require_POST
def bulk_apply(request: HttpRequest) -> HttpResponse:
    form, plan, error = _search_plan(request)
    next_url = safe_next(request, reverse("candidates:list"))
    if plan is None:
        messages.error(request, error)
        return htmx_redirect(request, next_url)
    if not plan.will_change:
        messages.warning(request, f"Nothing to change: the selected candidates {plan.unchanged_reason}.")
        return htmx_redirect(request, next_url)
    try:
        action = services.bulk_apply(actor=request.user, plan=plan)
    except StageConflict:
        messages.error(request, "Someone moved some of these candidates meanwhile; nothing was changed. Try again.")
        return htmx_redirect(request, next_url)
    done = plan.summary.replace(" will be ", " was " if len(plan.will_change) == 1 else " were ").replace(" will move ", " moved ")
    if plan.unchanged:
        done += f"; {len(plan.unchanged)} skipped ({plan.unchanged_reason})"
    messages.success(request, done + ".")
    if action is not None:
        offer_undo(request, action, message=done + ".")
    return htmx_redirect(request, next_url)


@recruiters_only
@require_POST
def bulk_undo(request: HttpRequest, action_id: int) -> HttpResponse:
    """Undo one of the recruiter's own bulk changes (`candidates:bulk_undo`)."""
    action = get_object_or_404(bulk_actions_for(request.user), pk=action_id)
    _undo(request, action)
    return redirect(safe_next(request, reverse("candidates:list")))


# --- From a board ------------------------------------------------------------------------------


@recruiters_only
@require_POST
def board_bulk(request: HttpRequest, job_id: int) -> HttpResponse:
    """Move or reject the selected cards; asks for confirmation first unless `confirmed` is set."""
    job = job_get(request.user, job_id)
    form = BoardBulkForm(request.POST)
    if not form.is_valid():
        errors = [error for field_errors in form.errors.values() for error in field_errors]
        messages.error(request, " ".join(errors))
        return redirect(job.get_absolute_url())
    data = form.cleaned_data
    applications = list(
        application_list_for(request.user)
        .filter(job=job, pk__in=data["applications"], outcome=Application.Outcome.ACTIVE)
        .order_by("stage__position", "stage_entered_at", "pk")
    )
    if not applications:
        messages.error(request, "None of the selected cards is on the board any more.")
        return redirect(job.get_absolute_url())
    to_stage: Stage | None = None
    if data["action"] == "move":
        to_stage = job.stages.filter(pk=data["to_stage"]).first()
        if to_stage is None:
            messages.error(request, "That stage is not part of this job.")
            return HttpResponse("That stage is not part of this job.", status=400)
    rejection_reason = None
    if data["action"] == "reject" and data.get("rejection_reason"):
        rejection_reason = _rejection_reason(data["rejection_reason"])
        if rejection_reason is None:
            messages.error(request, REASON_GONE)
            return redirect(job.get_absolute_url())
    send_email = bool(data.get("send_email") and rejection_reason is not None and rejection_reason.template_id)
    if not data["confirmed"]:
        context = {"job": job, "applications": applications, "action": data["action"], "to_stage": to_stage,
                   "reason": data.get("reason", ""), "rejection_reason": rejection_reason, "send_email": send_email,
                   "email_delay_minutes": settings.EMAIL_REJECTION_DELAY_SECONDS // 60}
        return render(request, "jobs/bulk_confirm.html", context)
    try:
        if to_stage is not None:
            action = services.bulk_move(actor=request.user, applications=applications, to_stage=to_stage)
            skipped = len(applications) - len(action.payload["rows"])
            note = f" ({skipped} already there)" if skipped else ""
        else:
            action = services.bulk_set_outcome(
                actor=request.user, applications=applications, outcome=Application.Outcome.REJECTED, reason=data["reason"],
                rejection_reason=rejection_reason, send_email=send_email,
            )
            note = ""
    except StageConflict:
        messages.error(request, "Someone moved some of these cards meanwhile; nothing was changed. Check the board and try again.")
        return redirect(job.get_absolute_url())
    offer_undo(request, action, message=f"{action.payload['summary']}{note}.")
    return redirect(job.get_absolute_url())


@recruiters_only
@require_POST
def board_bulk_undo(request: HttpRequest, job_id: int, action_id: int) -> HttpResponse:
    """Undo one of the recruiter's own bulk changes made on this job (`jobs:bulk_undo`)."""
    job: Job = job_get(request.user, job_id)
    action = get_object_or_404(bulk_actions_for(request.user).filter(payload__job_id=job.pk), pk=action_id)
    _undo(request, action)
    return redirect(job.get_absolute_url())


# --- Undo, wherever it is asked for ---------------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


UNDONE = {
    BulkAction.Kind.TAG: "Undone: removed the tag from {}.",
    BulkAction.Kind.ADD_TO_JOB: "Undone: withdrew {} added by mistake (nothing is deleted).",
    BulkAction.Kind.MOVE: "Undone: moved {} back.",
    BulkAction.Kind.REJECT: "Undone: {} back on the board.",
}


def _undo(request: HttpRequest, action: BulkAction) -> None:
    try:
        result = services.bulk_undo(actor=request.user, action=action)
    except BulkError as error:
        messages.error(request, str(error))
        return
    word = "application" if action.kind == BulkAction.Kind.ADD_TO_JOB else "candidate"
    messages.success(request, UNDONE[action.kind].format(_plural(result.restored, word)))
    if result.changed:
        names = ", ".join(a.candidate.display_name for a in result.changed[:10])
        more = f" and {len(result.changed) - 10} more" if len(result.changed) > 10 else ""
        verb = "has" if len(result.changed) == 1 else "have"
        messages.warning(request, f"Left as they are because they {verb} changed since: {names}{more}.")
