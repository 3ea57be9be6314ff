"""Input validation for saved searches and candidate lists."""
from __future__ import annotations

from django import forms


class SavedSearchForm(forms.Form):
    name = forms.CharField(max_length=100)
    query_string = forms.CharField(max_length=2000, required=False)


class CandidateListForm(forms.Form):
    name = forms.CharField(max_length=100)
