"""Candidates and their documents in the admin. A candidate's own fields are corrected through
candidates.services (so the correction is kept on re-parse, audited and reindexed) and a candidate
is deleted through candidate_delete (an erasure: histories go only that way); résumés re-parse
through their service. Everything else is view-only: it is written by the app's services."""
from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from ats.core.admin import ViewOnlyAdmin, ViewOnlyInline
from ats.core.models import AuditEvent
from ats.core.services import audit_record
from candidates import services
from candidates.erasure.services import candidate_erase
from candidates.lists.models import CandidateList, CandidateListEntry, SavedSearch
from candidates.merges.models import CandidateMerge
from candidates.models import (
    Candidate,
    Education,
    Experience,
    Note,
    PossibleDuplicate,
    Tag,
)
from candidates.resumes.models import Resume, UploadBatch
from candidates.resumes.services.intake import resume_reparse
from jobs.applications.models import Application

# The candidate fields a data fix may change (the rest are written by parsing, merges and the app).
CORRECTABLE_FIELDS = ("full_name", "headline", "location", "summary", "emails", "phones", "links", "skills", "languages", "source")


class ResumeInline(ViewOnlyInline):
    model = Resume
    fields = ("original_filename", "status", "failure_reason", "parser_version", "attempts", "created_at")


class ApplicationInline(ViewOnlyInline):
    model = Application
    fields = ("job", "stage", "outcome", "outcome_reason", "applied_at")


class NoteInline(ViewOnlyInline):
    model = Note
    fields = ("body", "author", "application", "visible_to_hiring_managers", "created_at")


class ExperienceInline(ViewOnlyInline):
    model = Experience
    fields = ("position", "company", "title", "location", "start", "end")
    show_change_link = False


class EducationInline(ViewOnlyInline):
    model = Education
    fields = ("position", "institution", "degree", "field", "start", "end", "gpa")
    show_change_link = False


class CandidateAdminForm(forms.ModelForm):
    class Meta:
        model = Candidate
        fields = list(CORRECTABLE_FIELDS)


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    form = CandidateAdminForm
    list_display = ("display_name", "headline", "location", "source", "owner", "created_at", "last_activity_at")
    list_filter = ("source", "tags", "created_at")
    search_fields = ("full_name", "headline", "location", "emails", "phones")
    readonly_fields = ("owner", "tags", "created_at", "updated_at", "last_activity_at", "corrected_fields", "merged_into")
    inlines = [ResumeInline, ApplicationInline, NoteInline, ExperienceInline, EducationInline]
    list_select_related = ("owner",)
    date_hierarchy = "created_at"
    # Delete stays separate from erasure: it removes the record and its applications' history too
    # (test data, data fixes); erasure keeps the anonymous statistics (a person's request, retention).
    actions = ["delete_through_service", "erase_through_service"]

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # the bulk delete would skip the erasure service
        if not request.user.has_perm("candidates.erase_candidate"):
            actions.pop("erase_through_service", None)
        return actions

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None) -> Any:
        response = super().change_view(request, object_id, form_url, extra_context)
        # An admin opening a person's record reads it like a recruiter opening the profile.
        if request.method == "GET" and response.status_code == 200 and object_id.isdigit():
            audit_record(actor=request.user, action=AuditEvent.Read.PROFILE_VIEWED, candidate=int(object_id),
                         data={"via": "admin"})
        return response

    @admin.action(description="Erase the selected candidates' personal data (keeps their applications' history, anonymous)")
    def erase_through_service(self, request: HttpRequest, queryset: Any) -> None:
        if not request.user.has_perm("candidates.erase_candidate"):
            self.message_user(request, "Erasing needs the “erase candidate” permission.", level="error")
            return
        results = [candidate_erase(actor=request.user, candidate=c, reason="erased from the admin")
                   for c in queryset.filter(merged_into__isnull=True, erased_at__isnull=True)]
        self.message_user(request, f"{len(results)} candidate(s) erased.")

    def save_model(self, request: HttpRequest, obj: Candidate, form: forms.ModelForm, change: bool) -> None:
        if not change:
            fields = {name: form.cleaned_data[name] for name in CORRECTABLE_FIELDS if name not in ("full_name", "emails", "phones", "source")}
            created = services.candidate_create(
                actor=request.user, full_name=form.cleaned_data["full_name"], emails=form.cleaned_data["emails"],
                phones=form.cleaned_data["phones"], source=form.cleaned_data["source"], **fields,
            )
            obj.pk = created.pk
            return
        candidate = Candidate.objects.get(pk=obj.pk)  # the form has already copied its values onto `obj`
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name in CORRECTABLE_FIELDS}
        services.candidate_update_fields(actor=request.user, candidate=candidate, changes=changes)

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets: Any, change: bool) -> None:
        # The inlines are view-only: saving their formsets writes nothing (it only tells the change message so).
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> tuple[Any, Any, set[str], list[Any]]:
        # The rows that go with a candidate (histories, activity) have view-only admins, which
        # would make Django refuse; candidate_delete is allowed to erase them.
        to_delete, model_count, _, protected = super().get_deleted_objects(objs, request)
        return to_delete, model_count, set(), protected

    def delete_model(self, request: HttpRequest, obj: Candidate) -> None:
        services.candidate_delete(actor=request.user, candidate=obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for candidate in queryset:
            services.candidate_delete(actor=request.user, candidate=candidate)

    @admin.action(description="Delete the selected candidates, with their applications and history (erasure)")
    def delete_through_service(self, request: HttpRequest, queryset: Any) -> None:
        count = 0
        for candidate in queryset.filter(merged_into__isnull=True):
            count += services.candidate_delete(actor=request.user, candidate=candidate)
        self.message_user(request, f"{count} candidate record(s) deleted.")


@admin.action(description="Re-parse with the current parser (keeps hand corrections)")
def reparse_resumes(modeladmin: Any, request: HttpRequest, queryset: Any) -> None:
    count = 0
    for resume in queryset.exclude(status__in=Resume.IN_PROGRESS):
        resume_reparse(actor=request.user, resume=resume)
        count += 1
    modeladmin.message_user(request, f"{count} résumé(s) queued for parsing again.")


@admin.register(Resume)
class ResumeAdmin(ViewOnlyAdmin):
    actions = [reparse_resumes]
    list_display = ("original_filename", "candidate", "status", "parser_version", "attempts", "size", "created_at")
    list_filter = ("status", "parser_version", "content_type")
    search_fields = ("original_filename", "sha256", "candidate__full_name", "failure_reason")
    exclude = ("text",)
    list_select_related = ("candidate",)


@admin.register(Tag)
class TagAdmin(ViewOnlyAdmin):
    search_fields = ("name",)


@admin.register(Note)
class NoteAdmin(ViewOnlyAdmin):
    list_display = ("__str__", "candidate", "author", "visible_to_hiring_managers", "created_at")
    list_filter = ("visible_to_hiring_managers", "created_at")
    search_fields = ("body", "candidate__full_name")
    list_select_related = ("candidate", "author")


@admin.register(Education)
class EducationAdmin(ViewOnlyAdmin):
    list_display = ("institution", "degree", "field", "candidate", "start", "end")
    search_fields = ("institution", "degree", "field", "candidate__full_name")


@admin.register(Experience)
class ExperienceAdmin(ViewOnlyAdmin):
    list_display = ("company", "title", "candidate", "start", "end")
    search_fields = ("company", "title", "candidate__full_name")


@admin.register(PossibleDuplicate)
class PossibleDuplicateAdmin(ViewOnlyAdmin):
    list_display = ("candidate", "other", "reasons", "dismissed", "created_at")
    list_filter = ("dismissed",)


@admin.register(UploadBatch)
class UploadBatchAdmin(ViewOnlyAdmin):
    list_display = ("id", "created_by", "job", "created_at")
    list_select_related = ("created_by", "job")
    inlines = [ResumeInline]


@admin.register(SavedSearch)
class SavedSearchAdmin(ViewOnlyAdmin):
    list_display = ("name", "owner", "query_string", "created_at")
    search_fields = ("name", "owner__username")
    list_select_related = ("owner",)


class ListEntryInline(ViewOnlyInline):
    model = CandidateListEntry
    show_change_link = False


@admin.register(CandidateList)
class CandidateListAdmin(ViewOnlyAdmin):
    list_display = ("name", "owner", "created_at")
    search_fields = ("name", "owner__username")
    list_select_related = ("owner",)
    inlines = [ListEntryInline]


@admin.register(CandidateMerge)
class CandidateMergeAdmin(ViewOnlyAdmin):
    list_display = ("kept", "merged", "merged_by", "merged_at", "undone_at")
    list_select_related = ("kept", "merged", "merged_by")


# The e-mail sub-package's admin registers itself on import (autodiscover reads only this module).
from candidates.emails import admin as emails_admin  # noqa: E402, F401
from candidates.privacy import admin as privacy_admin  # noqa: E402, F401
