"""The privacy pages: the profile's privacy panel (consent, erasure request, subject export) for
recruiters, the list of erasure requests to decide, the export download, and the candidate's own
page reached from the signed link in their mail (no sign-in)."""
from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ats.core.access import public, recruiters_only
from ats.core.http import is_htmx
from ats.core.models import AuditEvent
from ats.core.services import audit_record
from candidates.privacy import forms, selectors, services
from candidates.privacy.links import self_service_candidate_id
from candidates.privacy.models import ErasureRequest, SubjectExport
from candidates.selectors import candidate_get
from jobs.careers.models import Consent

PANEL = "candidates/privacy.html"


def _panel_context(candidate: Any, **extra: Any) -> dict[str, Any]:
    history = selectors.consent_history(candidate)
    context = {
        "candidate": candidate, "consents": history, "consent": selectors.consent_current(history),
        "consent_form": forms.ConsentForm(), "withdraw_form": forms.WithdrawForm(),
        "export": selectors.subject_export_latest(candidate),
        "erasure_pending": candidate.erasure_requests.filter(state=ErasureRequest.State.PENDING).first(),
    }
    return {**context, **extra}


def _panel(request: HttpRequest, candidate: Any, status: int = 200, **extra: Any) -> HttpResponse:
    template = PANEL + "#privacy" if is_htmx(request) else PANEL
    response = render(request, template, _panel_context(candidate, **extra), status=status)
    response["Vary"] = "HX-Request"
    return response


@recruiters_only
@require_GET
def privacy_panel(request: HttpRequest, candidate_id: int) -> HttpResponse:
    """Consent state and history, the forms, the export: the profile loads it into its card."""
    return _panel(request, candidate_get(request.user, candidate_id))


@recruiters_only
@require_POST
def consent_add(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = candidate_get(request.user, candidate_id)
    form = forms.ConsentForm(request.POST)
    if not form.is_valid():
        return _panel(request, candidate, status=422, consent_form=form)
    try:
        services.consent_record(
            actor=request.user, candidate=candidate, source=form.cleaned_data["source"],
            lawful_basis=form.cleaned_data["lawful_basis"], notice_version=form.cleaned_data["notice_version"],
            given_at=form.given_at, note=form.cleaned_data["note"],
        )
    except services.PrivacyRefused as refused:
        form.add_error(None, str(refused))
        return _panel(request, candidate, status=422, consent_form=form)
    return _panel(request, candidate, privacy_message="Consent recorded.")


@recruiters_only
@require_POST
def consent_withdraw(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = candidate_get(request.user, candidate_id)
    form = forms.WithdrawForm(request.POST)
    if not form.is_valid():
        return _panel(request, candidate, status=422, withdraw_form=form)
    _, created = services.consent_withdraw(
        actor=request.user, candidate=candidate, source=form.cleaned_data["source"], note=form.cleaned_data["note"]
    )
    return _panel(request, candidate, privacy_message="Consent withdrawn." if created else "Consent was already withdrawn.")


@recruiters_only
@require_POST
def erasure_request_add(request: HttpRequest, candidate_id: int) -> HttpResponse:
    """A recruiter records the person's request to be erased (by phone, by e-mail)."""
    candidate = candidate_get(request.user, candidate_id)
    try:
        _, created = services.erasure_request_create(actor=request.user, candidate=candidate, source=ErasureRequest.Source.RECRUITER)
    except services.PrivacyRefused as refused:
        return _panel(request, candidate, status=409, privacy_message=str(refused), privacy_refused=True)
    message = "Erasure request recorded; it waits for a decision." if created else "An erasure request is already waiting for a decision."
    return _panel(request, candidate, privacy_message=message)


@recruiters_only
@require_POST
def export_start(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = candidate_get(request.user, candidate_id)
    try:
        _, created = services.subject_export_start(actor=request.user, candidate=candidate)
    except services.PrivacyRefused as refused:
        return _panel(request, candidate, status=409, privacy_message=str(refused), privacy_refused=True)
    return _panel(request, candidate, privacy_message="Export started." if created else "An export is already being built.")


@recruiters_only
@require_POST
def export_retry(request: HttpRequest, export_id: int) -> HttpResponse:
    export = get_object_or_404(SubjectExport.objects.select_related("candidate"), pk=export_id, candidate__isnull=False)
    try:
        services.subject_export_retry(actor=request.user, export=export)
    except services.PrivacyRefused as refused:
        return _panel(request, export.candidate, status=409, privacy_message=str(refused), privacy_refused=True)
    return _panel(request, export.candidate, privacy_message="Export queued again.")


@recruiters_only
@require_GET
def export_status(request: HttpRequest, export_id: int) -> HttpResponse:
    """The export's progress bar (htmx polls it while the export is queued or building)."""
    export = get_object_or_404(SubjectExport.objects.select_related("candidate"), pk=export_id, candidate__isnull=False)
    return render(request, PANEL + "#export", {"export": export, "candidate": export.candidate})


@recruiters_only
@require_GET
def export_download(request: HttpRequest, export_id: int) -> HttpResponse:
    export = get_object_or_404(
        SubjectExport.objects.select_related("candidate"), pk=export_id, candidate__isnull=False,
        candidate__erased_at__isnull=True, state=SubjectExport.State.DONE,
    )
    return _export_file_response(request, export, filename=f"subject-export-{export.candidate_id}-{export.pk}.zip")


def _export_file_response(request: HttpRequest, export: SubjectExport, *, filename: str) -> HttpResponse:
    try:
        handle = export.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    by_subject = not request.user.is_authenticated  # the person, on their own page
    audit_record(
        actor=None if by_subject else request.user, action=AuditEvent.Read.SUBJECT_EXPORT_DOWNLOADED,
        candidate=export.candidate, data={"subject_export": export.pk, **({"via": "self_service"} if by_subject else {})},
    )
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type="application/zip")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Erasure requests: the recruiters' list ------------------------------------------------------

@recruiters_only
@require_GET
def erasure_requests(request: HttpRequest) -> HttpResponse:
    context = {
        "pending": list(selectors.erasure_requests_list()),
        "decided": list(selectors.erasure_requests_list(state=ErasureRequest.State.DECLINED)[:50])
        + list(selectors.erasure_requests_list(state=ErasureRequest.State.APPROVED)[:50]),
        "can_erase": request.user.has_perm(services.ERASE_PERMISSION),
        "decline_form": forms.DeclineForm(),
    }
    return render(request, "candidates/erasure_requests.html", context)


@recruiters_only
@require_POST
def erasure_request_decide(request: HttpRequest, erasure_request_id: int) -> HttpResponse:
    erasure_request = get_object_or_404(ErasureRequest, pk=erasure_request_id)
    try:
        if request.POST.get("decision") == "approve":
            services.erasure_request_approve(actor=request.user, erasure_request=erasure_request)
            messages.success(request, "Request approved: the person's personal data was erased.")
        else:
            form = forms.DeclineForm(request.POST)
            if not form.is_valid():
                raise services.PrivacyRefused(form.errors["reason"][0])
            services.erasure_request_decline(actor=request.user, erasure_request=erasure_request, reason=form.cleaned_data["reason"])
            name = erasure_request.candidate.display_name if erasure_request.candidate else f"#{erasure_request.candidate_ref}"
            messages.success(request, f"The erasure request of {name} was declined; the reason is kept with it.")
    except services.PrivacyRefused as refused:
        messages.error(request, str(refused))
    return redirect("privacy:erasure_requests")


# --- The candidate's own page --------------------------------------------------------------------

def _self_service_candidate(signed: str) -> Any:
    candidate_id = self_service_candidate_id(signed)
    candidate = selectors.self_service_candidate(candidate_id) if candidate_id is not None else None
    if candidate is None:
        raise Http404  # rendered by _not_found below, the same for forged, expired and erased
    return candidate


def _self_service_response(request: HttpRequest, signed: str, **extra: Any) -> HttpResponse:
    try:
        candidate = _self_service_candidate(signed)
    except Http404:
        response = render(request, "candidates/self_service_invalid.html", status=404)
        response["Cache-Control"] = "private, no-store"
        return response
    audit_record(actor=None, action=AuditEvent.Read.SELF_SERVICE_VIEWED, candidate=candidate)
    context = {**selectors.self_service_view(candidate), "export": selectors.self_service_export(candidate), "signed": signed}
    response = render(request, "candidates/self_service.html", {**context, **extra})
    response["Cache-Control"] = "private, no-store"
    # The link is the key: never sent to another site. (Not "no-referrer": the browser would then send
    # "Origin: null" with the page's own forms, which CSRF refuses.)
    response["Referrer-Policy"] = "same-origin"
    return response


@public
@require_http_methods(["GET", "POST"])
def self_service(request: HttpRequest, signed: str) -> HttpResponse:
    """GET shows what is held; POST (action=withdraw|erase) does it and shows the page again with
    a confirmation. Link scanners only GET, so they change nothing."""
    if request.method == "GET":
        return _self_service_response(request, signed)
    try:
        candidate = _self_service_candidate(signed)
    except Http404:
        return _self_service_response(request, signed)
    action = request.POST.get("action")
    if action == "withdraw":
        services.consent_withdraw(actor=None, candidate=candidate, source=Consent.Source.SELF_SERVICE)
        done = "You have withdrawn your consent. We will not use your data for new applications without asking you again."
    elif action == "erase":
        try:
            services.erasure_request_create(actor=None, candidate=candidate, source=ErasureRequest.Source.SELF_SERVICE)
        except services.PrivacyRefused:  # erased a moment ago: the link no longer leads anywhere
            return _self_service_response(request, "")
        done = "We have your request to erase your data. A recruiter will handle it, and we will not contact you about jobs meanwhile."
    elif action == "export":
        services.subject_export_start(actor=None, candidate=candidate, for_subject=True)
        done = "We are preparing a copy of your data. Reload this page in a minute or two to download it."
    else:
        return redirect("privacy:self_service", signed=signed)
    return _self_service_response(request, signed, done=done)


@public
@require_GET
def self_service_download(request: HttpRequest, signed: str) -> HttpResponse:
    """The person's own copy (the latest they asked for on their page), audited like a recruiter's."""
    try:
        candidate = _self_service_candidate(signed)
    except Http404:
        return _self_service_response(request, signed)
    export = selectors.self_service_export(candidate)
    if export is None or export.state != SubjectExport.State.DONE:
        raise Http404
    return _export_file_response(request, export, filename=f"your-data-{export.created_at:%Y-%m-%d}.zip")
