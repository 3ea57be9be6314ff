"""The candidate profile: read it (recruiters and the hiring managers reviewing them), edit it in
place, notes, tags, and adding the candidate to a job."""
from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ats.core.access import is_recruiter, recruiters_only, signed_in
from ats.core.http import options_html
from ats.core.models import AuditEvent
from ats.core.services import audit_record
from candidates import forms, selectors, services
from candidates.erasure.forms import RetentionForm
from candidates.erasure.selectors import erased_candidate_get
from candidates.erasure.views import erased_profile
from candidates.models import Candidate, Education, Experience
from candidates.resumes.models import ProfileUpdate
from candidates.resumes.selectors import profile_updates_open, resume_list_for
from candidates.resumes.services.updates import (
    UpdateRefused,
    profile_update_keep,
    profile_update_restore,
)
from candidates.selectors import candidate_activity, candidate_duplicates, candidate_get
from jobs.applications.services import applications_create, applications_mark_seen
from jobs.reviews.selectors import (
    anonymised_review_application,
    attach_review_summaries,
)
from jobs.selectors import job_choices, job_list_for

LOW_CONFIDENCE = 0.6
# Where each parsed provenance path lives on the profile: the parser says "name", we say "full_name".
PROVENANCE_ALIASES = {"name": "full_name"}


def _resume_view(request: HttpRequest, candidate: Candidate) -> dict[str, Any]:
    """The résumé to show beside the profile, and the provenance of each parsed field."""
    resumes = list(candidate.resumes.all())
    if not is_recruiter(request.user):
        # Hiring managers see only what resume_list_for allows (not the file of an anonymised review).
        allowed = set(resume_list_for(request.user).filter(candidate=candidate).values_list("pk", flat=True))
        resumes = [r for r in resumes if r.pk in allowed]
    resume = next((r for r in resumes if r.status == "parsed"), resumes[0] if resumes else None)
    preview_url = None
    provenance: dict[str, Any] = {}
    if resume is not None:
        try:
            if resume.content_type == "application/pdf":
                preview_url = reverse("candidates:resume_preview", args=[resume.pk])
        except NoReverseMatch:
            preview_url = None
        raw = (resume.parsed or {}).get("provenance") or {}
        for path, info in raw.items():
            if isinstance(info, dict):
                head, _, rest = path.partition(".")
                key = PROVENANCE_ALIASES.get(head, head) + (f".{rest}" if rest else "")
                # A field a recruiter corrected has had its human look: no longer "check".
                corrected = key.split(".")[0] in candidate.corrected_fields
                provenance[key] = {**info, "low": not corrected and (info.get("confidence") or 0) < LOW_CONFIDENCE}
    inferred = _inferred_skills(resume, candidate)
    printed = _printed_skills(resume, candidate)
    return {
        "resume": resume,
        "preview_url": preview_url,
        "provenance": provenance,
        "inferred_skills": inferred,
        # Each skill with its place (the provenance key) and the form the résumé printed it in.
        "listed_skills": [(i, skill, printed.get(skill)) for i, skill in enumerate(candidate.skills)
                          if skill not in inferred],
        "name_alternates": _name_alternates(resume, candidate),
    }


def _printed_skills(resume: Any, candidate: Candidate) -> dict[str, str]:
    """Skill -> the form the résumé printed it in, where it differs ("PostgreSQL": "Postgres")."""
    if resume is None or "skills" in candidate.corrected_fields:
        return {}
    printed: dict[str, str] = {}
    for mention in (resume.parsed or {}).get("skill_mentions") or []:
        if isinstance(mention, dict) and mention.get("skill") in candidate.skills \
                and str(mention.get("text") or "").casefold() != str(mention["skill"]).casefold():
            printed.setdefault(mention["skill"], str(mention["text"]))
    return printed


def _name_alternates(resume: Any, candidate: Candidate) -> list[str]:
    """The other written forms of the name the résumé printed ("张伟" beside "Wei Zhang")."""
    if resume is None or "full_name" in candidate.corrected_fields:
        return []
    names = (resume.parsed or {}).get("name_alternates") or []
    return [str(n) for n in names if isinstance(n, str) and n and n != candidate.full_name]


def _inferred_skills(resume: Any, candidate: Candidate) -> set[str]:
    """Skills the résumé only mentions in prose (no skills list names them): less certain, so the
    profile shows them apart. Once a recruiter has edited the skills, every one is theirs."""
    if resume is None or "skills" in candidate.corrected_fields:
        return set()
    inferred = set((resume.parsed or {}).get("skills_inferred") or [])
    return {skill for skill in candidate.skills if skill in inferred}


def _profile_context(request: HttpRequest, candidate: Candidate) -> dict[str, Any]:
    context: dict[str, Any] = {"candidate": candidate, **_resume_view(request, candidate)}
    context["low_fields"] = sorted({k.split(".")[0] for k, v in context["provenance"].items() if v["low"]})
    return context


def open_merges_from(activities: list[Any]) -> list[dict[str, Any]]:
    """Merges into this candidate that can still be undone, read off the activity timeline
    (every merge and every undo writes an entry), which saves the profile a query."""
    undone = {a.data.get("merge_id") for a in activities if a.verb == "merge_undone"}
    return [
        {"pk": a.data["merge_id"], "name": a.data.get("merged_name", ""), "at": a.created_at}
        for a in activities
        if a.verb == "candidates_merged" and a.data.get("merge_id") and a.data["merge_id"] not in undone
    ]


@signed_in
@require_GET
def candidate_detail(request: HttpRequest, candidate_id: int) -> HttpResponse:
    try:
        candidate = candidate_get(request.user, candidate_id)
    except Http404:  # asked only when the live profile is not there: costs other profiles nothing
        return erased_profile(request, erased_candidate_get(request.user, candidate_id))
    anonymised = anonymised_review_application(request.user, candidate.pk)
    if anonymised is not None:  # a hiring manager on an anonymised job: the redacted review page
        return redirect("reviews:review", application_id=anonymised.pk)
    context = _profile_context(request, candidate)
    audit_record(actor=request.user, action=AuditEvent.Read.PROFILE_VIEWED, candidate=candidate)
    if is_recruiter(request.user):
        context["activities"] = candidate_activity(candidate=candidate)
        context["duplicates"] = candidate_duplicates(user=request.user, candidate=candidate)
        context["open_merges"] = open_merges_from(context["activities"])
        context["job_options"] = None  # loaded on demand (add_to_job, GET)
        context["note_form"] = forms.NoteForm()
        context["profile_updates"] = [_update_view(update) for update in profile_updates_open(candidate.pk)]
        context["retention_form"] = RetentionForm(initial={"retain_until": candidate.retain_until})
        attach_review_summaries(candidate.applications.all())
        # A recruiter has seen them: their careers applications lose the board's "New" marker. The
        # applications are prefetched, so a profile with nothing new costs no extra query.
        if any(application.is_new for application in candidate.applications.all()):
            applications_mark_seen(actor=request.user, candidate=candidate)
    return render(request, "candidates/candidate_detail.html", context)


SECTION_TEMPLATES = {name: f"candidates/candidate_detail.html#section-{name}" for name in forms.SECTION_FORMS}


@recruiters_only
@require_http_methods(["GET", "POST"])
def candidate_section(request: HttpRequest, candidate_id: int, section: str) -> HttpResponse:
    """One profile section: read-only partial, edit form partial (?edit=1), or save (POST)."""
    if section not in forms.SECTION_FORMS:
        raise Http404
    candidate = candidate_get(request.user, candidate_id)
    form_class = forms.SECTION_FORMS[section]
    row_model = {"experience": Experience, "education": Education}.get(section)
    form: Any = None
    if request.method == "POST":
        if row_model is not None:
            form = form_class(request.POST, queryset=row_model.objects.filter(candidate=candidate), prefix=section)
            if form.is_valid():
                if services.candidate_save_rows(actor=request.user, candidate=candidate, section=section, formset=form):
                    messages.success(request, f"{section.title()} saved.")
                return _section_response(request, candidate.pk, section)
        else:
            form = form_class(request.POST, instance=Candidate.objects.get(pk=candidate.pk))
            if form.is_valid():
                changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
                services.candidate_update_fields(actor=request.user, candidate=candidate, changes=changes)
                return _section_response(request, candidate.pk, section)
    elif request.GET.get("edit"):
        if row_model is not None:
            form = form_class(queryset=row_model.objects.filter(candidate=candidate), prefix=section)
        else:
            form = form_class(instance=candidate)
    if form is None:
        return _section_response(request, candidate.pk, section)
    context = _profile_context(request, candidate)
    context.update(form=form, section=section)
    # 200 even for an invalid form: htmx swaps only successful responses, and the form with its
    # errors is what must appear in place.
    return render(request, "candidates/candidate_detail.html#section-edit", context)


def _section_response(request: HttpRequest, candidate_id: int, section: str) -> HttpResponse:
    candidate = candidate_get(request.user, candidate_id)
    if not request.headers.get("HX-Request"):
        return redirect(candidate)
    return render(request, SECTION_TEMPLATES[section], _profile_context(request, candidate))


@recruiters_only
@require_POST
def note_add(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = candidate_get(request.user, candidate_id)
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        services.note_add(actor=request.user, candidate=candidate, body=form.cleaned_data["body"],
                          visible_to_hiring_managers=form.cleaned_data["visible_to_hiring_managers"])
        messages.success(request, "Note added.")
    else:
        messages.error(request, "Write something before adding the note.")
    return redirect(f"{candidate.get_absolute_url()}#notes")


@recruiters_only
@require_POST
def tag_add(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = candidate_get(request.user, candidate_id)
    form = forms.TagForm(request.POST)
    error = ""
    if form.is_valid():
        services.candidate_tag_add(actor=request.user, candidate=candidate, name=form.cleaned_data["name"])
    else:
        error = "Type a tag name."
    return _tags_response(request, candidate_id, error)


@recruiters_only
@require_POST
def tag_remove(request: HttpRequest, candidate_id: int, tag_id: int) -> HttpResponse:
    candidate = candidate_get(request.user, candidate_id)
    services.candidate_tag_remove(actor=request.user, candidate=candidate, tag_id=tag_id)
    return _tags_response(request, candidate_id, "")


def _tags_response(request: HttpRequest, candidate_id: int, error: str) -> HttpResponse:
    candidate = candidate_get(request.user, candidate_id)
    if not request.headers.get("HX-Request"):
        if error:
            messages.error(request, error)
        return redirect(candidate)
    return render(request, "candidates/candidate_detail.html#tags", {"candidate": candidate, "tag_error": error})


@recruiters_only
@require_GET
def tag_suggestions(request: HttpRequest) -> HttpResponse:
    """<option>s for the tag input's datalist: existing tags starting with what was typed."""
    tags = selectors.tag_suggestions(request.GET.get("name", ""))
    return render(request, "candidates/candidate_detail.html#tag-options", {"tag_options": tags})


@recruiters_only
@require_http_methods(["GET", "POST"])
def add_to_job(request: HttpRequest, candidate_id: int) -> HttpResponse:
    """GET: the job picker (partial); POST: add the candidate to the chosen job's first stage."""
    candidate = candidate_get(request.user, candidate_id)
    if request.method == "GET":
        options = options_html(job_choices(request.user))
        return render(request, "candidates/candidate_detail.html#add-to-job", {"candidate": candidate, "job_options": options})
    form = forms.AddToJobForm(request.POST, jobs=job_list_for(request.user))
    if form.is_valid():
        job = form.cleaned_data["job"]
        created, skipped = applications_create(actor=request.user, candidates=[candidate], job=job)
        if created:
            messages.success(request, f"Added to “{job.title}”.")
        else:
            messages.warning(request, f"{candidate.display_name} is already in “{job.title}”.")
    else:
        messages.error(request, "Choose a job.")
    return redirect(candidate)


SECTION_LABELS = {"full_name": "Name", "headline": "Headline", "location": "Location", "summary": "Summary",
                  "experience": "Experience", "education": "Education"}


def _row_line(row: dict[str, Any]) -> str:
    head = " · ".join(part for part in (row.get("title") or row.get("degree"), row.get("company") or row.get("institution")) if part)
    dates = "–".join(part for part in (row.get("start"), row.get("end")) if part)
    extra = f" ({len(row['highlights'])} bullet{'s' if len(row['highlights']) != 1 else ''})" if row.get("highlights") else ""
    return f"{head}{', ' + dates if dates else ''}{extra}"


def _update_view(update: Any) -> dict[str, Any]:
    """A ProfileUpdate as the profile shows it: per open section, what it was and what it is now."""
    sections = []
    for section in update.open_sections:
        before, after = update.before[section], update.after[section]
        if isinstance(after, list):
            before, after = [_row_line(r) for r in before], [_row_line(r) for r in after]
        sections.append({"name": section, "label": SECTION_LABELS[section], "before": before, "after": after,
                         "is_rows": isinstance(after, list)})
    return {"update": update, "sections": sections}


@recruiters_only
@require_POST
def profile_update_decide(request: HttpRequest, candidate_id: int, update_id: int, section: str) -> HttpResponse:
    """Keep what a résumé changed in one section of the profile, or restore what was there before."""
    candidate = candidate_get(request.user, candidate_id)
    update = get_object_or_404(ProfileUpdate.objects.filter(candidate=candidate), pk=update_id)
    decide = profile_update_restore if request.POST.get("decision") == "restore" else profile_update_keep
    try:
        decide(actor=request.user, update=update, section=section)
    except UpdateRefused as error:
        messages.info(request, str(error))
    else:
        label = SECTION_LABELS.get(section, section)
        messages.success(request, f"{label}: restored as it was." if decide is profile_update_restore else f"{label}: kept the update.")
    return redirect(f"{candidate.get_absolute_url()}#profile-updates")
