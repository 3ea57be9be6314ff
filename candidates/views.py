"""The recruiters' candidate workspace: search, profile (edit in place), merge, lists, bulk actions."""
from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST, require_http_methods

from ats.roles import is_recruiter
from candidates import bulk, forms, merge as merging, services
from candidates.models import BulkAction, Candidate, CandidateList, CandidateMerge, Education, Experience, SavedSearch, Tag
from candidates.search import CappedPaginator, SearchParams, candidate_search, skill_datalist_options, snippets_for
from candidates.selectors import (
    candidate_activity,
    candidate_duplicates,
    candidate_get,
    candidate_list_for,
    resume_list_for,
)
from jobs.models import Job, Stage
from jobs.selectors import job_list_for
from jobs.reviews import anonymised_review_application, attach_review_summaries

PAGE_SIZE = 25
BULK_LIMIT = 1000  # "all matching" acts on at most this many candidates (the search's count cap)
LOW_CONFIDENCE = 0.6
# Where each parsed provenance path lives on the profile: the parser says "name", we say "full_name".
PROVENANCE_ALIASES = {"name": "full_name"}


def _require_recruiter(request: HttpRequest) -> None:
    # Hiring managers work from their review inbox; the candidate pool is not theirs to browse.
    if not is_recruiter(request.user):
        raise Http404


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


def _open_jobs() -> Any:
    return Job.objects.filter(status__in=[Job.Status.OPEN, Job.Status.ON_HOLD]).order_by("title")


def _options(choices: list[tuple[int, str]], selected: int | None = None) -> str:
    return format_html_join(
        "", '<option value="{}"{}>{}</option>',
        ((pk, mark_safe(" selected") if pk == selected else "", label) for pk, label in choices),
    )


# --- Search --------------------------------------------------------------------------------------

@require_GET
def candidate_list(request: HttpRequest) -> HttpResponse:
    _require_recruiter(request)
    form = forms.SearchForm(request.GET)
    params = SearchParams.from_cleaned(form.cleaned_data if form.is_valid() else {})
    result = candidate_search(user=request.user, params=params)
    parsed = result.parsed
    paginator = CappedPaginator(result.candidates.prefetch_related("tags"), PAGE_SIZE, countable=result.matching)
    page = paginator.get_page(request.GET.get("page"))
    rows = list(page.object_list)
    snippets = snippets_for([c.pk for c in rows], parsed)
    for candidate in rows:
        candidate.snippet = snippets.get(candidate.pk, "")
    # Job and stage pickers as plain tuples and pre-built <option>s: with 200 open jobs, model
    # instances and template loops for them cost more than the search itself.
    jobs = list(_open_jobs().values_list("pk", "title"))
    job_stages: dict[int, list[list[Any]]] = {pk: [] for pk, _ in jobs}
    for job_id, stage_id, stage_name in (
        Stage.objects.filter(job_id__in=job_stages).order_by("job_id", "position").values_list("job_id", "pk", "name")
    ):
        job_stages[job_id].append([stage_id, stage_name])
    filter_stages = job_stages.get(params.job or 0, [])
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {
        "form": form,
        "params": params,
        "page": page,
        "rows": rows,
        "query": params.q,
        "query_string": query_string.urlencode(),
        "job_options": _options(jobs),
        "job_filter_options": _options(jobs, selected=params.job),
        "job_stages": job_stages,
        "filter_stages": filter_stages,
        "saved_searches": SavedSearch.objects.filter(owner=request.user),
        "candidate_lists": list(CandidateList.objects.filter(owner=request.user)),
        "skill_options": skill_datalist_options(),
    }
    context["current_list"] = next((cl for cl in context["candidate_lists"] if cl.pk == params.list_id), None)
    context["undo_action"] = _pop_undo(request)
    template = "candidates/candidate_list.html"
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "search-results":
        template += "#results"
    return render(request, template, context)


@require_POST
def saved_search_create(request: HttpRequest) -> HttpResponse:
    _require_recruiter(request)
    form = forms.SavedSearchForm(request.POST)
    query_string = request.POST.get("query_string", "")
    if form.is_valid():
        SavedSearch.objects.update_or_create(
            owner=request.user, name=form.cleaned_data["name"].strip(),
            defaults={"query_string": form.cleaned_data["query_string"] or ""},
        )
        messages.success(request, f"Search “{form.cleaned_data['name']}” saved.")
    else:
        messages.error(request, "Give the search a name to save it.")
    return redirect(f"{reverse('candidates:list')}?{query_string}")


@require_POST
def saved_search_delete(request: HttpRequest, search_id: int) -> HttpResponse:
    _require_recruiter(request)
    search = get_object_or_404(SavedSearch, pk=search_id, owner=request.user)
    search.delete()
    messages.success(request, f"Saved search “{search.name}” deleted.")
    return redirect("candidates:list")


@require_POST
def candidate_list_create(request: HttpRequest) -> HttpResponse:
    _require_recruiter(request)
    form = forms.CandidateListForm(request.POST)
    if form.is_valid():
        candidate_list, created = CandidateList.objects.get_or_create(owner=request.user, name=form.cleaned_data["name"].strip())
        messages.success(request, f"List “{candidate_list.name}” {'created' if created else 'already exists'}.")
        return redirect(f"{reverse('candidates:list')}?list={candidate_list.pk}")
    messages.error(request, "Give the list a name.")
    return redirect("candidates:list")


@require_POST
def candidate_list_delete(request: HttpRequest, list_id: int) -> HttpResponse:
    _require_recruiter(request)
    candidate_list = get_object_or_404(CandidateList, pk=list_id, owner=request.user)
    candidate_list.delete()  # the entries only; the candidates stay
    messages.success(request, f"List “{candidate_list.name}” deleted. The candidates in it are still in the pool.")
    return redirect("candidates:list")


# --- Bulk actions --------------------------------------------------------------------------------

def _bulk_plan_from(request: HttpRequest) -> tuple[forms.BulkForm, bulk.BulkPlan | None, str]:
    form = forms.BulkForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        return form, None, errors or "Select candidates and an action."
    data = form.cleaned_data
    if data["all_matching"]:
        search_form = forms.SearchForm(QueryDict(data["search"] or ""))
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
        stage = get_object_or_404(Stage, pk=data["stage"], job=job)
    if data.get("candidate_list"):
        candidate_list = get_object_or_404(CandidateList, pk=data["candidate_list"], owner=request.user)
    if data["kind"] == "remove_from_list":
        candidate_list = get_object_or_404(CandidateList, pk=data["from_list"], owner=request.user)
    try:
        plan = bulk.bulk_plan(
            user=request.user, kind=data["kind"], candidates=candidates, tag=data.get("tag") or "", job=job,
            stage=stage, reason=data.get("reason") or "", candidate_list=candidate_list,
            new_list_name=data.get("new_list") or "",
        )
    except bulk.BulkError as error:
        return form, None, str(error)
    return form, plan, ""


@require_POST
def bulk_preview(request: HttpRequest) -> HttpResponse:
    _require_recruiter(request)
    form, plan, error = _bulk_plan_from(request)
    return render(request, "candidates/bulk_confirm.html", {
        "form": form, "plan": plan, "error": error, "post": request.POST,
        "cancel_url": _safe_next(request, reverse("candidates:list")),
    })


@require_POST
def bulk_apply(request: HttpRequest) -> HttpResponse:
    _require_recruiter(request)
    fallback = reverse("candidates:list")
    form, plan, error = _bulk_plan_from(request)
    next_url = _safe_next(request, fallback)
    if plan is None:
        messages.error(request, error)
        return _htmx_redirect(request, next_url)
    if not plan.will_change:
        messages.warning(request, f"Nothing to change: the selected candidates {plan.unchanged_reason}.")
        return _htmx_redirect(request, next_url)
    action = bulk.bulk_apply(actor=request.user, plan=plan)
    done = plan.summary.replace(" will be ", " was " if len(plan.will_change) == 1 else " were ").replace(" will move ", " moved ")
    if plan.unchanged:
        done += f"; {len(plan.unchanged)} skipped ({plan.unchanged_reason})"
    messages.success(request, done + ".")
    if action is not None:
        request.session["undo_bulk_action"] = action.pk
    return _htmx_redirect(request, next_url)


def _htmx_redirect(request: HttpRequest, url: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


def _pop_undo(request: HttpRequest) -> BulkAction | None:
    action_id = request.session.pop("undo_bulk_action", None)
    if not action_id:
        return None
    return BulkAction.objects.filter(pk=action_id, actor=request.user, undone_at__isnull=True).first()


@require_POST
def bulk_undo(request: HttpRequest, action_id: int) -> HttpResponse:
    _require_recruiter(request)
    action = get_object_or_404(BulkAction, pk=action_id, actor=request.user)
    try:
        count = bulk.bulk_undo(actor=request.user, action=action)
        messages.success(request, f"Undone: {action.payload.get('summary', 'bulk change')} ({count} put back).")
    except bulk.BulkError as error:
        messages.error(request, str(error))
    return redirect(_safe_next(request, reverse("candidates:list")))


# --- Profile -------------------------------------------------------------------------------------

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
    return {"resume": resume, "preview_url": preview_url, "provenance": provenance}


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


@require_GET
def candidate_detail(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = candidate_get(request.user, candidate_id)
    anonymised = anonymised_review_application(request.user, candidate.pk)
    if anonymised is not None:  # a hiring manager on an anonymised job: the redacted review page
        return redirect("reviews:review", application_id=anonymised.pk)
    context = _profile_context(request, candidate)
    if is_recruiter(request.user):
        context["activities"] = candidate_activity(candidate=candidate)
        context["duplicates"] = candidate_duplicates(user=request.user, candidate=candidate)
        context["open_merges"] = open_merges_from(context["activities"])
        context["job_options"] = None  # loaded on demand (add_to_job, GET)
        context["note_form"] = forms.NoteForm()
        attach_review_summaries(candidate.applications.all())
    return render(request, "candidates/candidate_detail.html", context)


SECTION_TEMPLATES = {name: f"candidates/candidate_detail.html#section-{name}" for name in forms.SECTION_FORMS}


@require_http_methods(["GET", "POST"])
def candidate_section(request: HttpRequest, candidate_id: int, section: str) -> HttpResponse:
    """One profile section: read-only partial, edit form partial (?edit=1), or save (POST)."""
    _require_recruiter(request)
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


@require_POST
def note_add(request: HttpRequest, candidate_id: int) -> HttpResponse:
    _require_recruiter(request)
    candidate = candidate_get(request.user, candidate_id)
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        services.note_add(actor=request.user, candidate=candidate, body=form.cleaned_data["body"],
                          visible_to_hiring_managers=form.cleaned_data["visible_to_hiring_managers"])
        messages.success(request, "Note added.")
    else:
        messages.error(request, "Write something before adding the note.")
    return redirect(f"{candidate.get_absolute_url()}#notes")


@require_POST
def tag_add(request: HttpRequest, candidate_id: int) -> HttpResponse:
    _require_recruiter(request)
    candidate = candidate_get(request.user, candidate_id)
    form = forms.TagForm(request.POST)
    error = ""
    if form.is_valid():
        services.candidate_tag_add(actor=request.user, candidate=candidate, name=form.cleaned_data["name"])
    else:
        error = "Type a tag name."
    return _tags_response(request, candidate_id, error)


@require_POST
def tag_remove(request: HttpRequest, candidate_id: int, tag_id: int) -> HttpResponse:
    _require_recruiter(request)
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


@require_GET
def tag_suggestions(request: HttpRequest) -> HttpResponse:
    """<option>s for the tag input's datalist: existing tags starting with what was typed."""
    _require_recruiter(request)
    prefix = request.GET.get("name", "").strip().lower()
    tags = Tag.objects.filter(name__startswith=prefix).order_by("name")[:10] if prefix else Tag.objects.none()
    return render(request, "candidates/candidate_detail.html#tag-options", {"tag_options": tags})


@require_http_methods(["GET", "POST"])
def add_to_job(request: HttpRequest, candidate_id: int) -> HttpResponse:
    """GET: the job picker (partial); POST: add the candidate to the chosen job's first stage."""
    _require_recruiter(request)
    candidate = candidate_get(request.user, candidate_id)
    if request.method == "GET":
        options = _options(list(_open_jobs().values_list("pk", "title")))
        return render(request, "candidates/candidate_detail.html#add-to-job", {"candidate": candidate, "job_options": options})
    form = forms.AddToJobForm(request.POST, jobs=job_list_for(request.user))
    if form.is_valid():
        job = form.cleaned_data["job"]
        created, skipped = services.candidates_add_to_job(actor=request.user, candidates=[candidate], job=job)
        if created:
            messages.success(request, f"Added to “{job.title}”.")
        else:
            messages.warning(request, f"{candidate.display_name} is already in “{job.title}”.")
    else:
        messages.error(request, "Choose a job.")
    return redirect(candidate)


# --- Merge ---------------------------------------------------------------------------------------

FIELD_LABELS = {
    "full_name": "Name", "headline": "Headline", "location": "Location", "summary": "Summary", "source": "Source",
    "emails": "Emails", "phones": "Phones", "links": "Links", "skills": "Skills", "languages": "Languages",
    "experience": "Experience", "education": "Education",
}


def _field_display(candidate: Candidate, name: str) -> str:
    if name in merging.ROW_FIELDS:
        return "; ".join(str(row) for row in getattr(candidate, name).all()) or "—"
    value = getattr(candidate, name)
    if isinstance(value, list):
        return ", ".join(value) or "—"
    if name == "source":
        return candidate.get_source_display()
    return value or "—"


@require_http_methods(["GET", "POST"])
def merge_preview(request: HttpRequest, candidate_id: int, other_id: int) -> HttpResponse:
    """Choose field by field what the kept candidate (`candidate_id`) ends up with, then merge."""
    _require_recruiter(request)
    kept = candidate_get(request.user, candidate_id)
    other = candidate_get(request.user, other_id)
    if kept.pk == other.pk:
        raise Http404
    defaults = merging.merge_defaults(kept, other)
    if request.method == "POST":
        choices = {name: request.POST.get(f"choice_{name}", defaults[name]) for name in merging.MERGE_FIELDS}
        choices = {k: v if v in ("kept", "merged", "both") else defaults[k] for k, v in choices.items()}
        try:
            merge = merging.candidate_merge(actor=request.user, kept=kept, merged=other, choices=choices)
        except merging.MergeError as error:
            messages.error(request, str(error))
            return redirect(kept)
        messages.success(request, f"{other.display_name} was merged into {kept.display_name}.")
        return redirect(kept)
    rows = []
    for name in merging.MERGE_FIELDS:
        kept_value, other_value = _field_display(kept, name), _field_display(other, name)
        rows.append({
            "name": name, "label": FIELD_LABELS[name], "kept": kept_value, "other": other_value,
            "same": kept_value == other_value, "choice": defaults[name], "is_list": name in merging.LIST_FIELDS,
        })
    shared_jobs = {a.job_id for a in kept.applications.all()} & {a.job_id for a in other.applications.all()}
    return render(request, "candidates/merge_preview.html", {
        "kept": kept, "other": other, "rows": rows, "shared_jobs": [a.job for a in kept.applications.all() if a.job_id in shared_jobs],
        "moves": {
            "resumes": len(other.resumes.all()), "applications": len(other.applications.all()),
            "notes": len(other.notes.all()),
        },
    })


@require_POST
def merge_undo(request: HttpRequest, merge_id: int) -> HttpResponse:
    _require_recruiter(request)
    merge = get_object_or_404(CandidateMerge.objects.select_related("kept", "merged"), pk=merge_id)
    try:
        merging.candidate_merge_undo(actor=request.user, merge=merge)
        messages.success(request, f"Merge undone: {merge.merged.display_name} is a separate candidate again.")
    except merging.MergeError as error:
        messages.error(request, str(error))
    return redirect(merge.kept)

