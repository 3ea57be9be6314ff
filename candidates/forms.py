"""Input validation for the candidate pages (search, profile edits, notes, tags, merges, bulk actions)."""
from __future__ import annotations

from typing import Any

from django import forms

from candidates.models import Candidate, Education, Experience
from jobs.models import Job

SORTS = [("relevance", "Best match"), ("recent", "Recent activity"), ("newest", "Newest")]
ACTIVITY_WINDOWS = [("", "Any time"), ("7", "Last 7 days"), ("30", "Last 30 days"), ("90", "Last 90 days"), ("365", "Last year")]


def split_list(value: str) -> list[str]:
    """Comma- or newline-separated input → clean, de-duplicated list in input order."""
    seen: dict[str, None] = {}
    for part in value.replace("\n", ",").split(","):
        part = " ".join(part.split())
        if part and part.casefold() not in {s.casefold() for s in seen}:
            seen[part] = None
    return list(seen)


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=500, label="Search")
    skills = forms.CharField(required=False, max_length=500, label="Skills", help_text="Comma-separated")
    skills_mode = forms.ChoiceField(
        required=False, choices=[("all", "All of them"), ("any", "Any of them")], label="Match"
    )
    location = forms.CharField(required=False, max_length=100)
    job = forms.IntegerField(required=False, min_value=1)
    stage = forms.IntegerField(required=False, min_value=1)
    tag = forms.CharField(required=False, max_length=50)
    source = forms.ChoiceField(required=False, choices=[("", "Any source"), *Candidate.Source.choices])
    active_within = forms.ChoiceField(required=False, choices=ACTIVITY_WINDOWS, label="Last activity")
    list = forms.IntegerField(required=False, min_value=1)
    sort = forms.ChoiceField(required=False, choices=SORTS)

    def clean_skills(self) -> list[str]:
        return split_list(self.cleaned_data.get("skills") or "")


class SavedSearchForm(forms.Form):
    name = forms.CharField(max_length=100)
    query_string = forms.CharField(max_length=2000, required=False)


class CandidateListForm(forms.Form):
    name = forms.CharField(max_length=100)


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


BULK_KINDS = [
    ("tag", "Tag"),
    ("add_to_job", "Add to job"),
    ("move", "Move to stage"),
    ("reject", "Reject"),
    ("add_to_list", "Add to list"),
    ("remove_from_list", "Remove from list"),
]


class BulkForm(forms.Form):
    kind = forms.ChoiceField(choices=BULK_KINDS, label="Action")
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=[], label="Candidates", required=False)
    # Instead of the ticked rows: every candidate the search (this query string) finds, up to a cap.
    all_matching = forms.BooleanField(required=False)
    search = forms.CharField(required=False, max_length=2000)
    from_list = forms.IntegerField(required=False, min_value=1)
    tag = forms.CharField(required=False, max_length=50)
    job = forms.IntegerField(required=False, min_value=1)
    stage = forms.IntegerField(required=False, min_value=1)
    reason = forms.CharField(required=False, max_length=300)
    candidate_list = forms.IntegerField(required=False, min_value=1)
    new_list = forms.CharField(required=False, max_length=100)
    next = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any integers: the selector decides which of them the user may touch.
        raw = self.data.getlist("ids") if hasattr(self.data, "getlist") else self.data.get("ids", [])
        self.fields["ids"].choices = [(v, v) for v in raw]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("kind")
        if not data.get("ids") and not data.get("all_matching"):
            self.add_error("ids", "Select at least one candidate.")
        if kind == "remove_from_list" and not data.get("from_list"):
            self.add_error("from_list", "Open the list to remove candidates from it.")
        if kind == "tag" and not (data.get("tag") or "").strip():
            self.add_error("tag", "Type the tag to add.")
        if kind in ("add_to_job", "move") and not data.get("job"):
            self.add_error("job", "Choose a job.")
        if kind == "move" and not data.get("stage"):
            self.add_error("stage", "Choose a stage.")
        if kind == "reject":
            if not data.get("job"):
                self.add_error("job", "Choose the job to reject them from.")
            if not (data.get("reason") or "").strip():
                self.add_error("reason", "A reason is required to reject.")
        if kind == "add_to_list" and not data.get("candidate_list") and not (data.get("new_list") or "").strip():
            self.add_error("candidate_list", "Choose a list or name a new one.")
        return data

