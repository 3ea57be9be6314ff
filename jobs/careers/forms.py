"""The apply form: the applicant's contact details, résumé, links, the job's own questions, the
privacy notice's consent and a honeypot. Validation only; careers_apply does the work."""
from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from candidates.identity import phone_key
from jobs.careers.models import ApplicationQuestion

HONEYPOT = "website"  # a field people never see (hidden by CSS); bots fill in every field


class ApplyForm(forms.Form):
    full_name = forms.CharField(label="Full name", max_length=200)
    email = forms.EmailField(label="E-mail", max_length=254)
    phone = forms.CharField(label="Phone", max_length=40, required=False)
    resume = forms.FileField(
        label="Résumé", required=False,
        help_text=f"PDF, DOCX or plain text, at most {settings.MAX_UPLOAD_SIZE // (1024 * 1024)} MB.",
    )
    cover_letter = forms.CharField(label="Cover letter", required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 6}))
    links = forms.CharField(
        label="Links", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Optional: LinkedIn, portfolio, GitHub… one per line.",
    )
    consent = forms.BooleanField(label="I have read the privacy notice and agree to my data being processed for this application.")
    website = forms.CharField(label="Leave this field empty", required=False, max_length=200)

    def __init__(self, *args: Any, questions: list[ApplicationQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[self.question_field(question)] = _question_field(question)
        self.fields["full_name"].widget.attrs.update(autocomplete="name")
        self.fields["email"].widget.attrs.update(autocomplete="email")
        self.fields["phone"].widget.attrs.update(autocomplete="tel", type="tel")
        self.fields["resume"].widget.attrs.update(accept=".pdf,.docx,.txt,application/pdf,text/plain")
        self.fields[HONEYPOT].widget.attrs.update(autocomplete="off", tabindex="-1")

    @staticmethod
    def question_field(question: ApplicationQuestion) -> str:
        return f"question_{question.pk}"

    @property
    def question_fields(self) -> list[forms.BoundField]:
        return [self[self.question_field(q)] for q in self.questions]

    @property
    def is_bot(self) -> bool:
        return bool((self.data.get(HONEYPOT) or "").strip())

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not phone_key(phone).lstrip("+"):
            raise forms.ValidationError("This does not look like a phone number.")
        return phone

    def clean_links(self) -> list[str]:
        links = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        return links[:5]

    def answers(self) -> dict[int, str]:
        result = {}
        for question in self.questions:
            value = self.cleaned_data.get(self.question_field(question))
            if value not in (None, ""):
                result[question.pk] = str(value)
        return result


def _question_field(question: ApplicationQuestion) -> forms.Field:
    common = {"label": question.label, "required": question.required}
    kind = ApplicationQuestion.Kind
    if question.kind == kind.LONG_TEXT:
        return forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 4}), **common)
    if question.kind == kind.YES_NO:
        return forms.ChoiceField(choices=[("Yes", "Yes"), ("No", "No")], widget=forms.RadioSelect, **common)
    if question.kind == kind.CHOICE:
        return forms.ChoiceField(choices=[(o, o) for o in question.options], widget=forms.RadioSelect, **common)
    return forms.CharField(max_length=300, **common)


class QuestionForm(forms.ModelForm):
    """One of the job's questions to applicants, as a recruiter defines it on the job's page."""

    class Meta:
        model = ApplicationQuestion
        fields = ["label", "kind", "choices", "required", "position"]
        labels = {"label": "Question", "choices": "Options", "required": "Answer required", "position": "Order"}
        widgets = {"choices": forms.Textarea(attrs={"rows": 3}), "label": forms.TextInput()}
        error_messages = {"label": {"required": "Write the question applicants will see."}}

    def clean_label(self) -> str:
        label = self.cleaned_data["label"].strip()
        if not label:
            raise forms.ValidationError("Write the question applicants will see.")
        return label

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        options = [line.strip() for line in (data.get("choices") or "").splitlines() if line.strip()]
        if data.get("kind") == ApplicationQuestion.Kind.CHOICE and len(options) < 2:
            self.add_error("choices", "A single-choice question needs at least two options, one per line.")
        elif data.get("kind") != ApplicationQuestion.Kind.CHOICE:
            data["choices"] = ""  # options only mean something for a single choice
        else:
            data["choices"] = "\n".join(options)
        return data
