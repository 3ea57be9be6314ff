"""Upload résumés, follow their parsing live, re-parse them, and serve the files to those allowed."""
from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import get_valid_filename
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ats.core.access import recruiters_only, signed_in
from ats.core.http import safe_next, wants_json
from ats.core.limits import takes_files
from ats.core.models import AuditEvent
from ats.core.services import audit_record
from candidates.resumes.models import Resume
from candidates.resumes.previews import PreviewUnavailable, page_path, preview_get
from candidates.resumes.selectors import (
    RESUME_STATES,
    resume_list_for,
    resumes_in_state,
    upload_batch_get,
    upload_batch_progress,
)
from candidates.resumes.services.intake import (
    UploadOutcome,
    oversized_outcome,
    resume_reparse,
    resume_upload,
    upload_batch_open,
)
from candidates.selectors import candidate_list_for
from jobs.selectors import job_list_for


@takes_files
@recruiters_only
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """One file or hundreds; the script on the page sends them a few at a time into one batch."""
    jobs = job_list_for(request.user).exclude(status="closed").order_by("title")
    if request.method == "GET":
        return render(
            request,
            "candidates/upload.html",
            {
                "batch_id": uuid.uuid4(),
                "jobs": jobs,
                "preselected_job": request.GET.get("job", ""),
                "max_size_mb": settings.MAX_UPLOAD_SIZE // (1024 * 1024),
                "max_size": settings.MAX_UPLOAD_SIZE,
                "files_per_request": settings.UPLOAD_FILES_PER_REQUEST,
            },
        )

    try:
        batch_id = uuid.UUID(request.POST.get("batch", ""))
    except ValueError:
        batch_id = uuid.uuid4()
    job = stage = None
    if request.POST.get("job"):
        job = get_object_or_404(jobs, pk=request.POST["job"])
        if request.POST.get("stage"):
            stage = get_object_or_404(job.stages.all(), pk=request.POST["stage"])
    batch = upload_batch_open(actor=request.user, batch_id=batch_id, job=job, stage=stage)
    if batch is None:  # someone else's batch id
        raise Http404
    files = request.FILES.getlist("files")
    too_large = [oversized_outcome(name) for name in getattr(request, "oversized_files", [])]
    if not files and not too_large:
        outcomes = [UploadOutcome("", "refused", "Choose at least one file to upload.")]
    else:
        outcomes = too_large + [
            resume_upload(actor=request.user, filename=f.name, data=f.read(), batch=batch, job=job, stage=stage)
            for f in files
        ]
    if wants_json(request):
        return JsonResponse({"batch_url": batch.get_absolute_url(), "results": [o.as_json() for o in outcomes]})
    for outcome in outcomes:
        level = {"queued": messages.SUCCESS, "duplicate": messages.WARNING, "refused": messages.ERROR}[outcome.status]
        messages.add_message(request, level, outcome.message)
    return redirect(batch)


@recruiters_only
@require_GET
def upload_batch(request: HttpRequest, batch_id: uuid.UUID) -> HttpResponse:
    """Every file of one upload with its state; the table polls itself until all are done."""
    batch = upload_batch_get(request.user, batch_id)
    context = {"batch": batch, **upload_batch_progress(batch=batch)}
    template = "candidates/upload_batch.html#progress" if request.headers.get("HX-Request") else "candidates/upload_batch.html"
    response = render(request, template, context)
    response.headers["Vary"] = "HX-Request"
    return response


@recruiters_only
@require_POST
def resume_reparse_view(request: HttpRequest, resume_id: int) -> HttpResponse:
    resume = get_object_or_404(resume_list_for(request.user), pk=resume_id)
    if resume.in_progress:
        messages.info(request, f"{resume.original_filename} is already being parsed.")
    else:
        resume_reparse(actor=request.user, resume=resume)
        messages.success(request, f"{resume.original_filename} will be parsed again; your corrections are kept.")
    next_url = safe_next(request)
    if next_url:
        return redirect(next_url)
    return redirect(resume.candidate or resume.batch or "dashboard")


def _download(resume: Resume) -> FileResponse:
    """The stored file as an attachment: never rendered by the browser (a PDF opened in its viewer
    would run the JavaScript and actions it carries)."""
    try:
        handle = resume.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The stored file is missing.") from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=get_valid_filename(resume.original_filename) or f"resume-{resume.pk}",
        content_type="application/octet-stream",
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'; sandbox"
    return response


@signed_in
@require_GET
def resume_download(request: HttpRequest, resume_id: int) -> FileResponse:
    resume = get_object_or_404(resume_list_for(request.user), pk=resume_id)
    response = _download(resume)
    _audit_read(request, AuditEvent.Read.RESUME_DOWNLOADED, resume)
    return response


def _audit_read(request: HttpRequest, action: str, resume: Resume) -> None:
    audit_record(actor=request.user, action=action, candidate=resume.candidate_id, data={"resume": resume.pk})


@signed_in
@require_GET
@xframe_options_sameorigin
def resume_preview(request: HttpRequest, resume_id: int) -> HttpResponse:
    """The résumé as the app drew it (for the <iframe> beside the profile and review, or a tab of
    its own): a PDF's pages as images, with room for the box of a selected field; other formats,
    or a PDF that cannot be drawn, the text read from them."""
    resume = get_object_or_404(resume_list_for(request.user), pk=resume_id)
    context: dict = {"resume": resume}
    if resume.content_type == "application/pdf":
        try:
            context["preview"] = preview_get(resume)
        except FileNotFoundError:
            context["file_missing"] = True
        except PreviewUnavailable as exc:
            context["preview_problem"] = str(exc)
    template = "candidates/resume_pages.html" if "preview" in context else "candidates/resume_text.html"
    # One row per look: the page images the preview then loads are part of it, not reads of their own.
    _audit_read(request, AuditEvent.Read.RESUME_PREVIEWED, resume)
    return render(request, template, context)


@signed_in
@require_GET
@xframe_options_sameorigin
def resume_page_image(request: HttpRequest, resume_id: int, page: int) -> HttpResponse:
    """One drawn page of a PDF résumé, for those who may see the résumé."""
    resume = get_object_or_404(resume_list_for(request.user), pk=resume_id, content_type="application/pdf")
    try:
        preview = preview_get(resume)
    except (FileNotFoundError, PreviewUnavailable) as exc:
        raise Http404("This page cannot be shown.") from exc
    if not 1 <= page <= len(preview.pages):
        raise Http404("No such page.")
    try:
        handle = resume.file.storage.open(page_path(resume, page), "rb")
    except FileNotFoundError as exc:
        raise Http404("This page cannot be shown.") from exc
    return FileResponse(handle, content_type="image/png")  # private, no-store: PrivatePagesMiddleware


@signed_in
@require_GET
def parsing_status(request: HttpRequest, candidate_id: int) -> HttpResponse:
    """The "being parsed" banner of a profile; once parsing ends, htmx reloads the page."""
    candidate = get_object_or_404(candidate_list_for(request.user), pk=candidate_id)
    pending = candidate.resumes.filter(status__in=Resume.IN_PROGRESS)
    if request.headers.get("HX-Request") and not pending.exists():
        return HttpResponse(headers={"HX-Refresh": "true"})
    return render(request, "candidates/_parsing_banner.html", {"candidate": candidate})


@recruiters_only
@require_GET
def resume_list(request: HttpRequest) -> HttpResponse:
    """Résumés in one state (`?state=failed` or `in_progress`), where the dashboard's cards lead."""
    state = request.GET.get("state", "failed")
    if state not in RESUME_STATES:
        state = "failed"
    page = Paginator(resumes_in_state(request.user, state), 50).get_page(request.GET.get("page"))
    return render(request, "candidates/resume_list.html", {
        "page": page, "state": state, "states": [(key, label) for key, (label, _) in RESUME_STATES.items()],
        "title": RESUME_STATES[state][0],
    })
