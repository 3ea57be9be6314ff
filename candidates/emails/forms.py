"""Input validation for candidate e-mail: templates (their placeholders checked), composing one
message or a bulk one, assigning an unassigned reply, and the contact preference."""
from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.db.models import QuerySet

from candidates.emails.models import EmailTemplate
from candidates.emails.placeholders import PLACEHOLDERS, PlaceholderError, placeholders_in

PLACEHOLDER_HELP = "Placeholders: " + ", ".join(f"{{{name}}} ({meaning})" for name, meaning in PLACEHOLDERS.items())


class EmailTemplateForm(forms.ModelForm):
    class Meta:
        model = EmailTemplate
        fields = ["name", "language", "kind", "subject", "body", "active"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}
        help_texts = {"body": PLACEHOLDER_HELP, "subject": PLACEHOLDER_HELP}

    def _placeholders(self, name: str) -> str:
        value = self.cleaned_data.get(name, "")
        try:
            placeholders_in(value)
        except PlaceholderError as error:
            raise forms.ValidationError(str(error)) from error
        return value

    def clean_subject(self) -> str:
        return self._placeholders("subject")

    def clean_body(self) -> str:
        return self._placeholders("body")


def new_nonce() -> str:
    """The once-per-form value that makes a resubmitted form (double click, back button) a no-op."""
    return uuid.uuid4().hex


class ComposeForm(forms.Form):
    template = forms.ModelChoiceField(queryset=EmailTemplate.objects.none(), label="Template")
    application = forms.ModelChoiceField(queryset=None, required=False, label="About the job",
                                         empty_label="No particular job")
    scheduling_line = forms.CharField(required=False, max_length=300, label="Scheduling line",
                                      help_text="Fills {scheduling_line}; leave empty for the default.")
    nonce = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, templates: QuerySet, applications: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates
        self.fields["application"].queryset = applications
        self.fields["application"].label_from_instance = lambda a: a.job.title
        if not self.is_bound:
            self.initial.setdefault("nonce", new_nonce())


class BulkEmailForm(forms.Form):
    template = forms.ModelChoiceField(queryset=EmailTemplate.objects.none(), label="Template")
    scheduling_line = forms.CharField(required=False, max_length=300)
    nonce = forms.CharField(max_length=64, required=False)
    confirmed = forms.BooleanField(required=False)

    def __init__(self, *args: Any, templates: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["applications"] = sorted({int(v) for v in self.data.getlist("application") if v.isdigit()})
        if not data["applications"]:
            self.add_error(None, "Select at least one card first.")
        data["nonce"] = data.get("nonce") or new_nonce()
        return data


class AssignForm(forms.Form):
    candidate = forms.IntegerField(min_value=1, label="Candidate number",
                                   help_text="The number in the candidate's address, e.g. 42 for /candidates/42/.")


class ContactForm(forms.Form):
    do_not_contact = forms.BooleanField(required=False, label="Do not contact")
    reason = forms.CharField(required=False, max_length=200, label="Why")
