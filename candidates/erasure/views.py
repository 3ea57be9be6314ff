"""Erasing a person's data (a recruiter with the erase_candidate permission, after confirming),
the retention date on a profile, and the profile of someone already erased."""
from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ats.core.access import recruiters_only
from candidates.erasure.forms import CONFIRM_WORD, ErasureForm, RetentionForm
from candidates.erasure.selectors import erased_candidate_get, erased_history, erasure_summary
from candidates.erasure.services import ERASE_PERMISSION, ErasureRefused, candidate_erase, candidate_retention_set
from candidates.models import Candidate
from candidates.selectors import candidate_get



def can_erase(user) -> bool:
    return user.has_perm(ERASE_PERMISSION)


@recruiters_only
@require_http_methods(["GET", "POST"])
def candidate_erase_view(request: HttpRequest, candidate_id: int) -> HttpResponse:
    try:
        candidate = candidate_get(request.user, candidate_id)
    except Http404:
        candidate = erased_candidate_get(request.user, candidate_id)  # or 404 again
    if not can_erase(request.user):
        # The profile offers the action to every recruiter (checking the permission there would cost
        # every profile view two queries); this page says who may.
        return render(request, "candidates/erase_confirm.html", {"candidate": candidate, "forbidden": True}, status=403)
    if candidate.erased_at is not None:
        messages.info(request, "This candidate's personal data is already erased.")
        return redirect(candidate)
    form = ErasureForm(request.POST or None, candidate=candidate)
    if request.method == "POST" and form.is_valid():
        try:
            candidate_erase(actor=request.user, candidate=candidate, reason=form.cleaned_data["reason"])
        except ErasureRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "The candidate's personal data was erased. Their applications' history stays, anonymous.")
            return redirect("candidates:detail", candidate_id=candidate.pk)
    return render(request, "candidates/erase_confirm.html", {
        "candidate": candidate, "form": form, "summary": erasure_summary(candidate), "confirm_word": CONFIRM_WORD,
    }, status=400 if form.errors else 200)


@recruiters_only
@require_POST
def candidate_retention_view(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = candidate_get(request.user, candidate_id)
    form = RetentionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["retain_until"]))
        return redirect(candidate)
    try:
        changed = candidate_retention_set(actor=request.user, candidate=candidate, retain_until=form.cleaned_data["retain_until"])
    except ErasureRefused as exc:
        messages.error(request, str(exc))
        return redirect(candidate)
    if changed:
        date = form.cleaned_data["retain_until"]
        messages.success(request, f"Kept until {date:%-d %B %Y}." if date else "The default retention period applies again.")
    return redirect(candidate)


def erased_profile(request: HttpRequest, candidate: Candidate) -> HttpResponse:
    """What is left of an erased candidate: the date, and their applications' stage history."""
    return render(request, "candidates/erased_detail.html", {
        "candidate": candidate, "applications": erased_history(request.user, candidate),
    })
