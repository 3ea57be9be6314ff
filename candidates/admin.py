from django.contrib import admin

from candidates.models import (
    Activity,
    BulkAction,
    Candidate,
    CandidateList,
    CandidateListEntry,
    CandidateMerge,
    Education,
    Experience,
    Note,
    PossibleDuplicate,
    Resume,
    SavedSearch,
    Tag,
    UploadBatch,
)
from jobs.models import Application


class ResumeInline(admin.TabularInline):
    model = Resume
    extra = 0
    fields = ("original_filename", "status", "failure_reason", "parser_version", "attempts", "created_at")
    readonly_fields = fields
    show_change_link = True
    can_delete = False


class ApplicationInline(admin.TabularInline):
    model = Application
    extra = 0
    fields = ("job", "stage", "outcome", "outcome_reason", "applied_at")
    readonly_fields = ("applied_at",)
    autocomplete_fields = ("job",)
    show_change_link = True


class NoteInline(admin.TabularInline):
    model = Note
    extra = 0
    fields = ("body", "author", "application", "visible_to_hiring_managers", "created_at")
    readonly_fields = ("author", "created_at")
    raw_id_fields = ("application",)


class ExperienceInline(admin.TabularInline):
    model = Experience
    extra = 0
    fields = ("position", "company", "title", "location", "start", "end")


class EducationInline(admin.TabularInline):
    model = Education
    extra = 0
    fields = ("position", "institution", "degree", "field", "start", "end", "gpa")


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ("display_name", "headline", "location", "source", "owner", "created_at", "last_activity_at")
    list_filter = ("source", "tags", "created_at")
    search_fields = ("full_name", "headline", "location", "emails", "phones")
    readonly_fields = ("created_at", "updated_at", "last_activity_at", "corrected_fields")
    autocomplete_fields = ("owner", "tags")
    inlines = [ResumeInline, ApplicationInline, NoteInline, ExperienceInline, EducationInline]
    list_select_related = ("owner",)
    date_hierarchy = "created_at"


@admin.action(description="Re-parse with the current parser (keeps hand corrections)")
def reparse_resumes(modeladmin, request, queryset):
    from candidates.ingestion import resume_reparse

    count = 0
    for resume in queryset.exclude(status__in=Resume.IN_PROGRESS):
        resume_reparse(actor=request.user, resume=resume)
        count += 1
    modeladmin.message_user(request, f"{count} résumé(s) queued for parsing again.")


@admin.register(Resume)
class ResumeAdmin(admin.ModelAdmin):
    actions = [reparse_resumes]
    list_display = ("original_filename", "candidate", "status", "parser_version", "attempts", "size", "created_at")
    list_filter = ("status", "parser_version", "content_type")
    search_fields = ("original_filename", "sha256", "candidate__full_name", "failure_reason")
    readonly_fields = (
        "file", "original_filename", "size", "content_type", "sha256", "status", "failure_reason",
        "parser_version", "attempts", "parsed", "uploaded_by", "created_at", "status_changed_at", "parsed_at",
    )
    exclude = ("text",)
    raw_id_fields = ("candidate", "target_job", "target_stage")
    list_select_related = ("candidate",)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ("__str__", "candidate", "author", "visible_to_hiring_managers", "created_at")
    list_filter = ("visible_to_hiring_managers", "created_at")
    search_fields = ("body", "candidate__full_name")
    raw_id_fields = ("candidate", "application")
    readonly_fields = ("author", "created_at")
    list_select_related = ("candidate", "author")


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor", "verb", "candidate", "job")
    list_filter = ("verb", "created_at")
    search_fields = ("candidate__full_name", "job__title", "actor__username")
    list_select_related = ("actor", "candidate", "job")
    date_hierarchy = "created_at"

    # The activity log is an audit trail: readable, never edited by hand.
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Education)
class EducationAdmin(admin.ModelAdmin):
    list_display = ("institution", "degree", "field", "candidate", "start", "end")
    search_fields = ("institution", "degree", "field", "candidate__full_name")
    raw_id_fields = ("candidate", "resume")


@admin.register(Experience)
class ExperienceAdmin(admin.ModelAdmin):
    list_display = ("company", "title", "candidate", "start", "end")
    search_fields = ("company", "title", "candidate__full_name")
    raw_id_fields = ("candidate", "resume")


@admin.register(PossibleDuplicate)
class PossibleDuplicateAdmin(admin.ModelAdmin):
    list_display = ("candidate", "other", "reasons", "dismissed", "created_at")
    list_filter = ("dismissed",)
    raw_id_fields = ("candidate", "other")


@admin.register(UploadBatch)
class UploadBatchAdmin(admin.ModelAdmin):
    list_display = ("id", "created_by", "job", "created_at")
    list_select_related = ("created_by", "job")
    readonly_fields = ("created_by", "job", "stage", "created_at")
    inlines = [ResumeInline]


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "query_string", "created_at")
    search_fields = ("name", "owner__username")
    list_select_related = ("owner",)


class ListEntryInline(admin.TabularInline):
    model = CandidateListEntry
    extra = 0
    raw_id_fields = ("candidate",)


@admin.register(CandidateList)
class CandidateListAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "created_at")
    search_fields = ("name", "owner__username")
    list_select_related = ("owner",)
    inlines = [ListEntryInline]


@admin.register(CandidateMerge)
class CandidateMergeAdmin(admin.ModelAdmin):
    list_display = ("kept", "merged", "merged_by", "merged_at", "undone_at")
    list_select_related = ("kept", "merged", "merged_by")
    readonly_fields = ("kept", "merged", "snapshot", "merged_by", "merged_at", "undone_at")


@admin.register(BulkAction)
class BulkActionAdmin(admin.ModelAdmin):
    list_display = ("kind", "actor", "created_at", "undone_at")
    list_filter = ("kind",)
    list_select_related = ("actor",)
    readonly_fields = ("kind", "actor", "payload", "created_at", "undone_at")
