"""Input validation for the candidate pages (search, profile edits, notes, tags, merges, bulk actions)."""
from __future__ import annotations

from typing import Any

from django import forms

from candidates.models import Candidate, Education, Experience
from candidates.search.forms import split_list
from jobs.models import Job

# --- Profile sections ---------------------------------------------------------------------------

class ListField(forms.CharField):
    """A text area holding one value per line (or comma-separated), cleaned into a list."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            return "\n".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        if isinstance(value, (list, tuple)):
            return list(value)
        return split_list(super().to_python(value) or "")


class BasicsForm(forms.ModelForm):
    class Meta:
        model = Candidate
        fields = ["full_name", "headline", "location", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}


class ContactForm(forms.ModelForm):
    emails = ListField(required=False, help_text="One per line")
    phones = ListField(required=False, help_text="One per line")
    links = ListField(required=False, help_text="One per line")

    class Meta:
        model = Candidate
        fields = ["emails", "phones", "links"]

    def clean_emails(self) -> list[str]:
        validator = forms.EmailField()
        return [validator.clean(e).lower() for e in self.cleaned_data["emails"]]


class SkillsForm(forms.ModelForm):
    skills = ListField(required=False, help_text="Comma-separated or one per line")
    languages = ListField(required=False, help_text="Comma-separated or one per line")

    class Meta:
        model = Candidate
        fields = ["skills", "languages"]


ExperienceFormSet = forms.modelformset_factory(
    Experience, fields=["title", "company", "location", "start", "end"], extra=1, can_delete=True
)
EducationFormSet = forms.modelformset_factory(
    Education, fields=["institution", "degree", "field", "start", "end"], extra=1, can_delete=True
)

# section name -> (form class or formset, the Candidate fields it corrects)
SECTION_FORMS: dict[str, Any] = {
    "basics": BasicsForm,
    "contact": ContactForm,
    "skills": SkillsForm,
    "experience": ExperienceFormSet,
    "education": EducationFormSet,
}


class NoteForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=10_000, label="Note")
    visible_to_hiring_managers = forms.BooleanField(required=False, label="Visible to hiring managers")


class TagForm(forms.Form):
    name = forms.CharField(max_length=50, label="Tag")

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split()).lower()
        if not name:
            raise forms.ValidationError("Type a tag name.")
        return name


class AddToJobForm(forms.Form):
    job = forms.ModelChoiceField(queryset=Job.objects.none(), label="Job")

    def __init__(self, *args: Any, jobs: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if jobs is not None:
            self.fields["job"].queryset = jobs


