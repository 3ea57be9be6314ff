"""The erasure confirmation and the retention date: input checks only."""
from __future__ import annotations

from django import forms
from django.utils import timezone

from candidates.models import Candidate

CONFIRM_WORD = "ERASE"


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


class ErasureForm(forms.Form):
    confirm = forms.CharField(
        label=f"Type {CONFIRM_WORD} (or the candidate's name) to confirm", max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    reason = forms.CharField(
        label="Why (kept in the activity log, with any name taken out)", max_length=200,
        widget=forms.TextInput(attrs={"placeholder": "e.g. the candidate asked by e-mail on 1 December"}),
    )

    def __init__(self, *args, candidate: Candidate, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidate = candidate

    def clean_confirm(self) -> str:
        typed = self.cleaned_data["confirm"]
        if typed.strip() == CONFIRM_WORD or (self.candidate.full_name and _same(typed, self.candidate.full_name)):
            return typed
        raise forms.ValidationError(f"Type {CONFIRM_WORD} in capitals, or the candidate's name, to confirm; nothing was erased.")


class RetentionForm(forms.Form):
    retain_until = forms.DateField(
        label="Keep the data until", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Empty: the default retention period applies.",
    )

    def clean_retain_until(self):
        value = self.cleaned_data["retain_until"]
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError("Choose today or a later date (to erase now, use “Erase personal data”).")
        return value
