"""Pages for reviews: the hiring manager's inbox and review page, the recruiter's review requests,
and everyone's notification settings. Thin: fetch through the selectors, validate, call a service,
render."""
from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_http_methods

from ats.core.access import recruiters_only, signed_in
from ats.core.http import safe_next
from ats.core.models import AuditEvent
from ats.core.services import audit_record
from candidates.resumes.models import Resume
from jobs.applications.selectors import application_list_for
from jobs.reviews import redaction, services
from jobs.reviews import selectors as reviews
from jobs.reviews.forms import NotificationPreferenceForm, ReviewForm, ReviewRequestForm

SHARED_PROFILE_TEMPLATE = "candidates/_profile_readonly.html"


@signed_in
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    groups, reviewed = reviews.review_inbox(request.user)
    tab = "reviewed" if request.GET.get("tab") == "reviewed" else "waiting"
    return render(
        request,
        "reviews/inbox.html",
        {
            "groups": groups,
            "reviewed": reviewed,
            "waiting_count": sum(len(g.applications) for g in groups),
            "tab": tab,
        },
    )


def _resume_for(application) -> Resume | None:
    resumes = list(application.candidate.resumes.all())
    parsed = [r for r in resumes if r.status == Resume.Status.PARSED]
    return (parsed or resumes or [None])[0]


def _resume_preview_url(resume: Resume | None) -> str | None:
    if resume is None:
        return None
    try:
        return reverse("candidates:resume_preview", args=[resume.pk])
    except NoReverseMatch:  # the preview view is not there (yet): show the extracted text instead
        return None


def _profile_template(anonymised: bool) -> str:
    # The shared read-only profile partial knows about `anonymised`; our own partial redacts the
    # free text (summary, headline) too, so anonymised review always uses ours.
    if anonymised:
        return "reviews/_profile.html"
    try:
        get_template(SHARED_PROFILE_TEMPLATE)
    except TemplateDoesNotExist:
        return "reviews/_profile.html"
    return SHARED_PROFILE_TEMPLATE


@signed_in
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, application_id: int) -> HttpResponse:
    user = request.user
    application = reviews.review_application_get(user, application_id)
    job = application.job
    candidate = application.candidate
    anonymised = reviews.anonymised_for(user, job)
    criteria = list(job.criteria.all())
    mine = reviews.own_review(user, application)
    label = reviews.application_label(application, anonymised=anonymised)

    if request.method == "POST":
        form = ReviewForm(request.POST, criteria=criteria)
        if form.is_valid():
            try:
                services.review_submit(
                    actor=user,
                    application=application,
                    recommendation=form.cleaned_data["recommendation"],
                    comment=form.cleaned_data["comment"],
                    ratings=form.ratings(),
                )
            except services.ReviewError as error:
                form.add_error(None, str(error))
            else:
                following = reviews.next_to_review(user, application)
                if following is None:
                    messages.success(request, f"Review of {label} saved. Nothing else is waiting for you.")
                    return redirect("reviews:inbox")
                messages.success(request, f"Review of {label} saved. Next candidate:")
                return redirect("reviews:review", application_id=following.pk)
        status = 400
    else:
        form = ReviewForm(initial=ReviewForm.initial_from(mine), criteria=criteria)
        status = 200
        audit_record(
            actor=user, action=AuditEvent.Read.PROFILE_VIEWED, candidate=candidate, job=job,
            data={"application": application.pk, "via": "review", "anonymised": anonymised},
        )

    previous_id, next_id = reviews.neighbours(user, application)
    sequence = reviews.shortlist_sequence(user, application)
    resume = _resume_for(application)
    notes = reviews.notes_for_reviewers(application)
    context = {
        "application": application,
        "job": job,
        "candidate": candidate,
        "anonymised": anonymised,
        "label": label,
        "form": form,
        "mine": mine,
        "feedback": reviews.feedback_visible_to(user, application),
        "notes": notes,
        "previous_id": previous_id,
        "next_id": next_id,
        "position": sequence.index(application.pk) + 1,
        "sequence_length": len(sequence),
        "resume": resume,
        "profile_template": _profile_template(anonymised),
    }
    if anonymised:
        context["resume_text"] = redaction.redact(resume.text, candidate) if resume else ""
        context["redacted_summary"] = redaction.redact(candidate.summary, candidate)
        context["redacted_headline"] = redaction.redact(candidate.headline, candidate)
        for note in notes:
            note.body = redaction.redact(note.body, candidate)
    else:
        context["resume_preview_url"] = _resume_preview_url(resume)
        context["resume_text"] = resume.text if resume else ""
    return render(request, "reviews/review.html", context, status=status)


@recruiters_only
@require_GET
def review_requests(request: HttpRequest) -> HttpResponse:
    mine_only = request.GET.get("mine") == "1"
    overview = reviews.review_request_overview(request.user, mine_only=mine_only)
    return render(request, "reviews/requests.html", {**overview, "mine_only": mine_only})


@recruiters_only
@require_http_methods(["GET", "POST"])
def review_request_new(request: HttpRequest, application_id: int) -> HttpResponse:
    application = get_object_or_404(application_list_for(request.user), pk=application_id)
    managers = application.job.hiring_managers.filter(is_active=True).order_by("first_name", "username")
    form = ReviewRequestForm(request.POST if request.method == "POST" else None, hiring_managers=managers)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.review_request_create(
                actor=request.user,
                application=application,
                reviewer=form.cleaned_data["reviewer"],
                due_in_days=form.cleaned_data["due_in_days"],
            )
        except services.ReviewError as error:
            form.add_error(None, str(error))
        else:
            reviewer = created.reviewer.get_full_name() or created.reviewer.username
            messages.success(
                request, f"Asked {reviewer} to review {application.candidate.display_name} by {created.due_at:%-d %b}."
            )
            return redirect(safe_next(request) or reverse("reviews:requests"))
    summaries = reviews.review_summaries([application.pk])
    return render(
        request,
        "reviews/request_form.html",
        {
            "application": application,
            "form": form,
            "summary": summaries.get(application.pk),
            "next": safe_next(request),
        },
        status=400 if request.method == "POST" else 200,
    )


@signed_in
@require_http_methods(["GET", "POST"])
def notification_settings(request: HttpRequest) -> HttpResponse:
    preference = reviews.notification_preference_for(request.user)
    form = NotificationPreferenceForm(request.POST if request.method == "POST" else None, instance=preference)
    if request.method == "POST" and form.is_valid():
        services.notification_preference_update(
            actor=request.user,
            shortlist_digest=form.cleaned_data["shortlist_digest"],
            review_submitted=form.cleaned_data["review_submitted"],
        )
        messages.success(request, "Notification settings saved.")
        return redirect("notification_settings")
    return render(request, "reviews/notification_settings.html", {"form": form})
