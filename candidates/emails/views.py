"""Candidate e-mail pages: templates, composing from a profile (with a preview), bulk mail from a
board, cancelling a queued message, the contact preference, the unassigned replies, unsubscribe."""
from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ats.core.access import public, recruiters_only
from candidates.emails import forms, selectors
from candidates.emails.models import EmailTemplate
from candidates.emails.placeholders import PLACEHOLDERS, PlaceholderError
from candidates.emails.services.inbound import AssignRefused, inbound_assign
from candidates.emails.services.outbound import (
    EmailRefused,
    candidate_contact_set,
    candidate_unsubscribe,
    email_cancel,
    email_render,
    email_send,
    email_send_bulk,
)
from candidates.emails.services.templates import email_template_save
from candidates.selectors import candidate_get, candidate_list_for
from jobs.applications.models import Application
from jobs.applications.selectors import application_list_for
from jobs.selectors import job_get

# --- Templates -------------------------------------------------------------------------------------


@recruiters_only
@require_GET
def template_list(request: HttpRequest) -> HttpResponse:
    templates = selectors.email_templates_for(request.user)
    return render(request, "candidates/email_templates.html", {"templates": templates, "placeholders": PLACEHOLDERS})


@recruiters_only
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, template_id: int | None = None) -> HttpResponse:
    template = get_object_or_404(selectors.email_templates_for(request.user), pk=template_id) if template_id else EmailTemplate()
    form = forms.EmailTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        email_template_save(actor=request.user, template=form.instance)
        messages.success(request, f"Template “{form.instance}” saved.")
        return redirect("emails:templates")
    return render(request, "candidates/email_template_form.html", {"form": form, "template": template, "placeholders": PLACEHOLDERS})


# --- From a profile --------------------------------------------------------------------------------


def _compose_form(request: HttpRequest, candidate: Any, data: Any = None) -> forms.ComposeForm:
    return forms.ComposeForm(
        data, templates=selectors.email_templates_usable(request.user),
        applications=Application.objects.filter(candidate=candidate).select_related("job").order_by("-applied_at"),
    )


@recruiters_only
@require_http_methods(["GET", "POST"])
def compose(request: HttpRequest, candidate_id: int) -> HttpResponse:
    """GET: choose a template (and job), see the preview; POST: queue the message."""
    candidate = candidate_get(request.user, candidate_id)
    form = _compose_form(request, candidate, request.POST if request.method == "POST" else None)
    refusal = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            email_send(
                actor=request.user, candidate=candidate, template=data["template"], application=data["application"],
                scheduling_line=data["scheduling_line"], idempotency_key=f"compose:{data['nonce']}:{candidate.pk}",
            )
        except EmailRefused as error:
            refusal = str(error)
        else:
            messages.success(request, f"E-mail to {candidate.display_name} queued; it is on the timeline below.")
            return redirect(f"{candidate.get_absolute_url()}#mail")
    status = 400 if request.method == "POST" else 200
    return render(request, "candidates/email_compose.html", {"candidate": candidate, "form": form, "refusal": refusal,
                                                   "placeholders": PLACEHOLDERS}, status=status)


@recruiters_only
@require_GET
def candidate_mail(request: HttpRequest, candidate_id: int) -> HttpResponse:
    """The candidate's sent and received mail with delivery states and the exact text: the profile
    loads it into its E-mail card (htmx), so the profile's own query count stays flat."""
    candidate = candidate_get(request.user, candidate_id)
    template = "candidates/email_candidate_mail.html"
    if request.headers.get("HX-Request"):
        template += "#mail"
    response = render(request, template, {"candidate": candidate, "mail": selectors.candidate_mail(candidate=candidate)})
    response["Vary"] = "HX-Request"
    return response


@recruiters_only
@require_POST
def preview(request: HttpRequest, candidate_id: int) -> HttpResponse:
    """The exact subject and body the candidate would get (the compose form's htmx partial)."""
    candidate = candidate_get(request.user, candidate_id)
    form = _compose_form(request, candidate, request.POST)
    context: dict[str, Any] = {"candidate": candidate}
    if form.is_valid():
        try:
            context["rendered"] = email_render(
                template=form.cleaned_data["template"], candidate=candidate, application=form.cleaned_data["application"],
                sender=request.user, scheduling_line=form.cleaned_data["scheduling_line"],
            )
        except PlaceholderError as error:
            context["preview_error"] = str(error)
    else:
        context["preview_error"] = "Choose a template to see the message."
    return render(request, "candidates/email_compose.html#preview", context)


@recruiters_only
@require_POST
def cancel(request: HttpRequest, email_id: int) -> HttpResponse:
    email = get_object_or_404(selectors.outbound_for(request.user), pk=email_id)
    if email_cancel(actor=request.user, email=email):
        messages.success(request, "The e-mail was cancelled before it left.")
    else:
        messages.warning(request, f"Too late to cancel: the e-mail is {email.get_state_display().lower()}.")
    return redirect(f"{email.candidate.get_absolute_url()}#mail")


@recruiters_only
@require_POST
def contact(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = candidate_get(request.user, candidate_id)
    form = forms.ContactForm(request.POST)
    form.is_valid()
    do_not_contact = bool(form.cleaned_data.get("do_not_contact"))
    if candidate_contact_set(actor=request.user, candidate=candidate, do_not_contact=do_not_contact,
                             reason=form.cleaned_data.get("reason", "")):
        messages.success(request, "Marked as do not contact: no bulk or automatic mail, and sends are refused."
                         if do_not_contact else "The candidate may be contacted again.")
    return redirect(f"{candidate.get_absolute_url()}#mail")


# --- From a board ------------------------------------------------------------------------------------


@recruiters_only
@require_POST
def board_email(request: HttpRequest, job_id: int) -> HttpResponse:
    """E-mail the selected cards: a confirmation page (who gets it, who does not and why, the
    preview for the first), then the bulk send."""
    job = job_get(request.user, job_id)
    form = forms.BulkEmailForm(request.POST, templates=selectors.email_templates_usable(request.user))
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs) or "Choose a template.")
        return redirect(job.get_absolute_url())
    data = form.cleaned_data
    applications = list(
        application_list_for(request.user).filter(job=job, pk__in=data["applications"])
        .select_related("candidate", "job__recruiter").order_by("candidate__full_name", "pk")
    )
    if not applications:
        messages.error(request, "None of the selected cards is on the board any more.")
        return redirect(job.get_absolute_url())
    if not data["confirmed"]:
        return render(request, "candidates/email_bulk_confirm.html", _bulk_preview(request, job, applications, data))
    result = email_send_bulk(actor=request.user, template=data["template"], nonce=data["nonce"],
                             applications=applications, scheduling_line=data["scheduling_line"])
    messages.success(request, f"{len(result.queued)} e-mail{'s' if len(result.queued) != 1 else ''} queued.")
    if result.refused:
        names = "; ".join(reason for _, reason in result.refused[:10])
        messages.warning(request, f"Not sent to {len(result.refused)}: {names}")
    return redirect(job.get_absolute_url())


def _bulk_preview(request: HttpRequest, job: Any, applications: list[Application], data: dict[str, Any]) -> dict[str, Any]:
    from candidates.emails.services.outbound import contact_refusal

    refused = [(a, contact_refusal(a.candidate)) for a in applications]
    recipients = [a for a, why in refused if not why]
    context: dict[str, Any] = {
        "job": job, "applications": applications, "recipients": recipients, "refused": [(a, why) for a, why in refused if why],
        "template": data["template"], "scheduling_line": data["scheduling_line"], "nonce": data["nonce"],
    }
    if recipients:
        try:
            context["rendered"] = email_render(template=data["template"], candidate=recipients[0].candidate,
                                               application=recipients[0], sender=request.user,
                                               scheduling_line=data["scheduling_line"])
        except PlaceholderError as error:
            context["preview_error"] = str(error)
    return context


# --- Replies from unknown senders ---------------------------------------------------------------------


@recruiters_only
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "candidates/email_inbox.html", {"messages_": selectors.inbound_unassigned(request.user),
                                                 "form": forms.AssignForm()})


@recruiters_only
@require_POST
def assign(request: HttpRequest, inbound_id: int) -> HttpResponse:
    inbound = get_object_or_404(selectors.inbound_for(request.user), pk=inbound_id)
    form = forms.AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the candidate's number.")
        return redirect("emails:inbox")
    candidate = candidate_list_for(request.user).filter(pk=form.cleaned_data["candidate"]).first()
    if candidate is None:
        messages.error(request, f"There is no candidate number {form.cleaned_data['candidate']}.")
        return redirect("emails:inbox")
    try:
        inbound_assign(actor=request.user, inbound=inbound, candidate=candidate)
    except AssignRefused as error:
        messages.warning(request, str(error))
        return redirect("emails:inbox")
    messages.success(request, f"The message is on {candidate.display_name}'s timeline.")
    return redirect("emails:inbox")


# --- Public: the unsubscribe link ------------------------------------------------------------------


@public
@csrf_exempt  # RFC 8058 one-click: the mail client POSTs without a session; the signed link is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, signed: str) -> HttpResponse:
    """GET asks (link scanners must not unsubscribe anyone); POST records the opt-out."""
    from candidates.emails.links import unsubscribe_candidate_id

    if unsubscribe_candidate_id(signed) is None:
        raise Http404
    done = False
    if request.method == "POST":
        if candidate_unsubscribe(signed=signed) is None:
            raise Http404
        done = True
    return render(request, "candidates/unsubscribe.html", {"done": done, "signed": signed})
