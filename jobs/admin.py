"""Jobs and their pipelines in the admin. A job is created and edited through the jobs services
(so its status history and activity rows are written, and only allowed status changes pass);
everything else here is view-only: stages are edited on the job's stage page, applications move
on its board, and histories are append-only."""
from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from ats.core.admin import ViewOnlyAdmin, ViewOnlyInline
from jobs import services
from jobs.applications.models import Application, OutcomeChange, RejectionReason, StageChange
from jobs.applications.services import rejection_reason_save
from jobs.bulk.models import BulkAction
from jobs.careers import services as careers_services
from jobs.careers.models import ApplicationAnswer, ApplicationQuestion, Consent
from jobs.models import Job, JobStatusChange, ReviewCriterion, Stage
from jobs.reviews.models import (
    NotificationPreference,
    Review,
    ReviewRating,
    ReviewRequest,
)


class StageInline(ViewOnlyInline):
    model = Stage
    fields = ("position", "name", "kind", "needs_review")
    ordering = ("position",)


class CriterionInline(ViewOnlyInline):
    model = ReviewCriterion
    fields = ("position", "name")


class QuestionInline(admin.TabularInline):
    """The job's questions to applicants on the careers form; saved through the careers services."""

    model = ApplicationQuestion
    fields = ("position", "label", "kind", "choices", "required")
    extra = 0
    ordering = ("position", "id")


class StatusChangeInline(ViewOnlyInline):
    model = JobStatusChange
    fields = ("from_status", "to_status", "changed_by", "changed_at")
    show_change_link = False


class JobAdminForm(forms.ModelForm):
    class Meta:
        model = Job
        fields = [
            "title", "department", "location", "remote_policy", "employment_type", "status", "recruiter",
            "hiring_managers", "anonymised_review", "description", "published", "valid_through",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            allowed = {self.instance.status, *self.instance.next_statuses()}
            self.fields["status"].choices = [c for c in Job.Status.choices if c[0] in allowed]


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    form = JobAdminForm
    list_display = ("title", "department", "location", "status", "published", "recruiter", "opened_at", "closed_at")
    list_filter = ("status", "published", "department", "remote_policy", "employment_type")
    search_fields = ("title", "department", "location")
    autocomplete_fields = ("recruiter",)
    filter_horizontal = ("hiring_managers",)
    readonly_fields = ("opened_at", "closed_at", "created_at", "updated_at")
    inlines = [StageInline, CriterionInline, QuestionInline, StatusChangeInline]
    list_select_related = ("recruiter",)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # jobs are closed, never deleted: reports and histories hang on them

    def save_model(self, request: HttpRequest, obj: Job, form: forms.ModelForm, change: bool) -> None:
        data = dict(form.cleaned_data)
        managers = list(data.pop("hiring_managers"))
        recruiter = data.pop("recruiter")
        if not change:
            job = services.job_create(actor=request.user, hiring_managers=managers,
                                      recruiter_id=recruiter.pk if recruiter else None, **data)
            obj.pk = job.pk
            return
        status = data.pop("status")
        job = Job.objects.get(pk=obj.pk)  # the form has already copied its values onto `obj`
        services.job_update(actor=request.user, job=job, hiring_managers=managers, status=status,
                            recruiter=recruiter, **data)

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets: Any, change: bool) -> None:
        # Not form.save_m2m(): the service has set the hiring managers. The inlines are view-only,
        # so saving their formsets writes nothing (it only tells the change message so).
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request: HttpRequest, form: forms.ModelForm, formset: Any, change: bool) -> None:
        if formset.model is not ApplicationQuestion:
            return super().save_formset(request, form, formset, change)
        job = Job.objects.get(pk=form.instance.pk)
        for question_form in formset.forms:
            if not question_form.cleaned_data:
                continue  # an extra row left empty
            if formset._should_delete_form(question_form):
                if question_form.instance.pk:
                    careers_services.question_delete(actor=request.user, question=question_form.instance)
            elif question_form.has_changed():
                careers_services.question_save(actor=request.user, job=job, question=question_form.instance)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


class StageChangeInline(ViewOnlyInline):
    model = StageChange
    fields = ("from_stage_name", "to_stage_name", "changed_by", "changed_at")
    show_change_link = False


class OutcomeChangeInline(ViewOnlyInline):
    model = OutcomeChange
    fields = ("from_outcome", "to_outcome", "rejection_reason", "reason", "changed_by", "changed_at")
    show_change_link = False


class AnswerInline(ViewOnlyInline):
    model = ApplicationAnswer
    fields = ("label", "value", "answered_at")
    show_change_link = False


@admin.register(RejectionReason)
class RejectionReasonAdmin(admin.ModelAdmin):
    """The managed list of rejection reasons, each optionally with the template it may send."""

    list_display = ("name", "template", "active", "position")
    list_editable = ("active", "position")
    list_filter = ("active",)
    search_fields = ("name",)
    ordering = ("position", "name")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deactivate instead: rejections and their history point at it

    def save_model(self, request: HttpRequest, obj: RejectionReason, form: forms.ModelForm, change: bool) -> None:
        rejection_reason_save(actor=request.user, reason=obj)


@admin.register(Application)
class ApplicationAdmin(ViewOnlyAdmin):
    list_display = ("candidate", "job", "stage", "outcome", "applied_at", "stage_entered_at")
    list_filter = ("outcome", "stage__kind", "job__status")
    search_fields = ("candidate__full_name", "job__title")
    inlines = [AnswerInline, StageChangeInline, OutcomeChangeInline]
    list_select_related = ("candidate", "job", "stage")


@admin.register(Stage)
class StageAdmin(ViewOnlyAdmin):
    list_display = ("name", "job", "kind", "position", "needs_review", "auto_email_template")
    list_filter = ("kind", "needs_review")
    search_fields = ("name", "job__title")
    list_select_related = ("job",)


@admin.register(StageChange)
class StageChangeAdmin(ViewOnlyAdmin):
    list_display = ("application", "from_stage_name", "to_stage_name", "changed_by", "changed_at")
    list_select_related = ("application__candidate", "application__job", "changed_by")
    search_fields = ("application__candidate__full_name", "application__job__title")


@admin.register(OutcomeChange)
class OutcomeChangeAdmin(ViewOnlyAdmin):
    list_display = ("application", "from_outcome", "to_outcome", "rejection_reason", "reason", "changed_by", "changed_at")
    list_filter = ("to_outcome", "rejection_reason")
    list_select_related = ("application__candidate", "application__job", "changed_by")
    search_fields = ("application__candidate__full_name", "application__job__title")


@admin.register(JobStatusChange)
class JobStatusChangeAdmin(ViewOnlyAdmin):
    list_display = ("job", "from_status", "to_status", "changed_by", "changed_at")
    list_filter = ("to_status",)
    list_select_related = ("job", "changed_by")


@admin.register(ReviewCriterion)
class ReviewCriterionAdmin(ViewOnlyAdmin):
    list_display = ("name", "job", "position")
    search_fields = ("name", "job__title")
    list_select_related = ("job",)


class ReviewRatingInline(ViewOnlyInline):
    model = ReviewRating
    fields = ("criterion", "score", "comment")
    show_change_link = False


@admin.register(Review)
class ReviewAdmin(ViewOnlyAdmin):
    list_display = ("application", "reviewer", "recommendation", "submitted_at")
    list_filter = ("recommendation", "submitted_at")
    search_fields = ("application__candidate__full_name", "application__job__title", "reviewer__username")
    list_select_related = ("application__candidate", "application__job", "reviewer")
    inlines = [ReviewRatingInline]


@admin.register(ReviewRequest)
class ReviewRequestAdmin(ViewOnlyAdmin):
    list_display = ("application", "reviewer", "requested_by", "requested_at", "due_at", "completed_at")
    list_filter = ("completed_at",)
    list_select_related = ("application__candidate", "application__job", "reviewer", "requested_by")


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ViewOnlyAdmin):
    list_display = ("user", "shortlist_digest", "review_submitted", "last_digest_at")
    list_select_related = ("user",)


@admin.register(BulkAction)
class BulkActionAdmin(ViewOnlyAdmin):
    list_display = ("kind", "actor", "created_at", "undone_at")
    list_filter = ("kind",)
    list_select_related = ("actor",)


@admin.register(Consent)
class ConsentAdmin(ViewOnlyAdmin):
    list_display = ("candidate", "application", "notice_version", "retention_days", "given_at")
    list_filter = ("notice_version",)
    list_select_related = ("candidate", "application__job")
    search_fields = ("candidate__full_name", "email")
