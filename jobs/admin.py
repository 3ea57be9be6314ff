from django.contrib import admin

from jobs.models import (
    Application,
    Job,
    NotificationPreference,
    Review,
    ReviewCriterion,
    ReviewRating,
    ReviewRequest,
    Stage,
    StageChange,
)


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0
    fields = ("position", "name", "kind", "needs_review")
    ordering = ("position",)


class CriterionInline(admin.TabularInline):
    model = ReviewCriterion
    extra = 0
    fields = ("position", "name")


class JobApplicationInline(admin.TabularInline):
    model = Application
    extra = 0
    fields = ("candidate", "stage", "outcome", "outcome_reason", "applied_at")
    readonly_fields = ("applied_at",)
    raw_id_fields = ("candidate",)
    show_change_link = True

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Only this job's stages are valid targets (the database enforces it too).
        if db_field.name == "stage" and request.resolver_match.kwargs.get("object_id"):
            kwargs["queryset"] = Stage.objects.filter(job_id=request.resolver_match.kwargs["object_id"])
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("title", "department", "location", "status", "recruiter", "opened_at", "closed_at")
    list_filter = ("status", "department", "remote_policy", "employment_type")
    search_fields = ("title", "department", "location")
    autocomplete_fields = ("recruiter",)
    filter_horizontal = ("hiring_managers",)
    readonly_fields = ("created_at", "updated_at")
    inlines = [StageInline, CriterionInline, JobApplicationInline]
    list_select_related = ("recruiter",)


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0
    fields = ("from_stage_name", "to_stage_name", "changed_by", "changed_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("candidate", "job", "stage", "outcome", "applied_at", "stage_entered_at")
    list_filter = ("outcome", "stage__kind", "job__status")
    search_fields = ("candidate__full_name", "job__title")
    raw_id_fields = ("candidate", "job", "stage")
    readonly_fields = ("applied_at", "stage_entered_at", "outcome_at", "updated_at", "created_by")
    inlines = [StageChangeInline]
    list_select_related = ("candidate", "job", "stage")


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
    list_display = ("name", "job", "kind", "position", "needs_review")
    list_filter = ("kind", "needs_review")
    search_fields = ("name", "job__title")
    list_select_related = ("job",)


@admin.register(StageChange)
class StageChangeAdmin(admin.ModelAdmin):
    list_display = ("application", "from_stage_name", "to_stage_name", "changed_by", "changed_at")
    list_select_related = ("application__candidate", "application__job", "changed_by")
    search_fields = ("application__candidate__full_name", "application__job__title")

    # Stage history is append-only (the database refuses updates too).
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReviewCriterion)
class ReviewCriterionAdmin(admin.ModelAdmin):
    list_display = ("name", "job", "position")
    search_fields = ("name", "job__title")
    list_select_related = ("job",)


class ReviewRatingInline(admin.TabularInline):
    model = ReviewRating
    extra = 0
    fields = ("criterion", "score", "comment")


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("application", "reviewer", "recommendation", "submitted_at")
    list_filter = ("recommendation", "submitted_at")
    search_fields = ("application__candidate__full_name", "application__job__title", "reviewer__username")
    raw_id_fields = ("application",)
    list_select_related = ("application__candidate", "application__job", "reviewer")
    inlines = [ReviewRatingInline]


@admin.register(ReviewRequest)
class ReviewRequestAdmin(admin.ModelAdmin):
    list_display = ("application", "reviewer", "requested_by", "requested_at", "due_at", "completed_at")
    list_filter = ("completed_at",)
    raw_id_fields = ("application",)
    list_select_related = ("application__candidate", "application__job", "reviewer", "requested_by")


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "shortlist_digest", "review_submitted", "last_digest_at")
    list_select_related = ("user",)
