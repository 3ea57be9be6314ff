"""Candidate e-mail in the admin: templates are edited here too (through the service, so their
placeholders are checked); sent and received mail is view-only (the services write it)."""
from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from ats.core.admin import ViewOnlyAdmin
from candidates.emails.forms import EmailTemplateForm
from candidates.emails.models import EmailTemplate, InboundEmail, OutboundEmail
from candidates.emails.services.templates import email_template_save


@admin.register(EmailTemplate)
class EmailTemplateAdmin(admin.ModelAdmin):
    form = EmailTemplateForm
    list_display = ("name", "language", "kind", "subject", "active", "updated_at")
    list_filter = ("language", "kind", "active")
    search_fields = ("name", "subject")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deactivate instead: sent mail and rejection reasons point at templates

    def save_model(self, request: HttpRequest, obj: EmailTemplate, form: forms.ModelForm, change: bool) -> None:
        email_template_save(actor=request.user, template=obj)


@admin.register(OutboundEmail)
class OutboundEmailAdmin(ViewOnlyAdmin):
    list_display = ("created_at", "candidate", "subject", "purpose", "state", "attempts", "sent_at")
    list_filter = ("state", "purpose")
    search_fields = ("candidate__full_name", "to_address", "subject")
    list_select_related = ("candidate",)


@admin.register(InboundEmail)
class InboundEmailAdmin(ViewOnlyAdmin):
    list_display = ("received_at", "from_address", "subject", "candidate", "matched_by")
    list_filter = ("matched_by",)
    search_fields = ("from_address", "subject", "candidate__full_name")
    list_select_related = ("candidate",)
    exclude = ("raw",)
