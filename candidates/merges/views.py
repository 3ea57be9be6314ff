"""Merging two records of one person: the field-by-field preview, the merge, and its undo."""
from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods, require_POST

from ats.core.access import recruiters_only
from candidates.merges import services as merging
from candidates.merges.models import LIST_FIELDS, MERGE_FIELDS, ROW_FIELDS
from candidates.merges.selectors import merge_defaults, merge_list_for
from candidates.models import Candidate
from candidates.selectors import candidate_get

FIELD_LABELS = {
    "full_name": "Name", "headline": "Headline", "location": "Location", "summary": "Summary", "source": "Source",
    "emails": "Emails", "phones": "Phones", "links": "Links", "skills": "Skills", "languages": "Languages",
    "experience": "Experience", "education": "Education",
}


def _field_display(candidate: Candidate, name: str) -> str:
    if name in ROW_FIELDS:
        return "; ".join(str(row) for row in getattr(candidate, name).all()) or "—"
    value = getattr(candidate, name)
    if isinstance(value, list):
        return ", ".join(value) or "—"
    if name == "source":
        return candidate.get_source_display()
    return value or "—"


def record_label(candidate: Candidate) -> str:
    """Tells two records of one person apart: "Ada Person (#12, added 3 Dec 2026)"."""
    return f"{candidate.display_name} (#{candidate.pk}, added {timezone.localtime(candidate.created_at):%-d %b %Y})"


@recruiters_only
@require_http_methods(["GET", "POST"])
def merge_preview(request: HttpRequest, candidate_id: int, other_id: int) -> HttpResponse:
    """Choose field by field what the kept candidate (`candidate_id`) ends up with, then merge."""
    kept = candidate_get(request.user, candidate_id)
    other = candidate_get(request.user, other_id)
    if kept.pk == other.pk:
        raise Http404
    defaults = merge_defaults(kept, other)
    if request.method == "POST":
        choices = {name: request.POST.get(f"choice_{name}", defaults[name]) for name in MERGE_FIELDS}
        choices = {k: v if v in ("kept", "merged", "both") else defaults[k] for k, v in choices.items()}
        try:
            merging.candidate_merge(actor=request.user, kept=kept, merged=other, choices=choices)
        except merging.MergeError as error:
            messages.error(request, str(error))
            return redirect(kept)
        messages.success(request, format_html(
            'Merged <a href="{}">{}</a> into <a href="{}">{}</a>: this record now holds both. The merge can be undone below.',
            other.get_absolute_url(), record_label(other), kept.get_absolute_url(), record_label(kept),
        ))
        return redirect(kept)
    rows = []
    for name in MERGE_FIELDS:
        kept_value, other_value = _field_display(kept, name), _field_display(other, name)
        rows.append({
            "name": name, "label": FIELD_LABELS[name], "kept": kept_value, "other": other_value,
            "same": kept_value == other_value, "choice": defaults[name], "is_list": name in LIST_FIELDS,
        })
    shared_jobs = {a.job_id for a in kept.applications.all()} & {a.job_id for a in other.applications.all()}
    return render(request, "candidates/merge_preview.html", {
        "kept": kept, "other": other, "kept_label": record_label(kept), "other_label": record_label(other), "rows": rows, "shared_jobs": [a.job for a in kept.applications.all() if a.job_id in shared_jobs],
        "moves": {
            "resumes": len(other.resumes.all()), "applications": len(other.applications.all()),
            "notes": len(other.notes.all()),
        },
    })


@recruiters_only
@require_POST
def merge_undo(request: HttpRequest, merge_id: int) -> HttpResponse:
    merge = get_object_or_404(merge_list_for(request.user), pk=merge_id)
    try:
        merging.candidate_merge_undo(actor=request.user, merge=merge)
        messages.success(request, format_html(
            'Merge undone: <a href="{}">{}</a> is a separate candidate again.', merge.merged.get_absolute_url(),
            record_label(merge.merged),
        ))
    except merging.MergeError as error:
        messages.error(request, str(error))
    return redirect(merge.kept)
