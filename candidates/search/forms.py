"""Input validation for the search page."""
from __future__ import annotations

from django import forms

from candidates.models import Candidate

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
