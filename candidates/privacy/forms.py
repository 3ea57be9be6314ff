"""Input validation of the privacy pages: recording and withdrawing consent, declining an erasure."""
from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.conf import settings
from django.utils import timezone

from jobs.careers.models import Consent

RECORDABLE_SOURCES = [(value, label) for value, label in Consent.Source.choices if value != Consent.Source.SELF_SERVICE]
WITHDRAWAL_SOURCES = [(value, label) for value, label in Consent.Source.choices if value in (Consent.Source.PHONE, Consent.Source.EMAIL, Consent.Source.OTHER)]


class ConsentForm(forms.Form):
    source = forms.ChoiceField(label="How it was given", choices=RECORDABLE_SOURCES, initial=Consent.Source.PHONE)
    lawful_basis = forms.ChoiceField(label="Lawful basis", choices=Consent.LawfulBasis.choices)
    notice_version = forms.CharField(label="Privacy notice version", max_length=40)
    given_on = forms.DateField(label="Date given", widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label="Note", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["notice_version"].initial = settings.CAREERS_PRIVACY_NOTICE_VERSION
        self.fields["given_on"].initial = timezone.localdate()

    def clean_given_on(self):
        given_on = self.cleaned_data["given_on"]
        if given_on > timezone.localdate():
            raise forms.ValidationError("The date consent was given cannot be in the future.")
        return given_on

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") == Consent.Source.SOURCED and cleaned.get("lawful_basis") == Consent.LawfulBasis.CONSENT:
            self.add_error("lawful_basis", "A sourced profile is held on legitimate interest unless the person said yes; choose legitimate interest, or the way they consented.")
        return cleaned

    @property
    def given_at(self) -> datetime:
        # Noon of that day, local time: a date typed in stays that date in every time zone shown.
        # Today's noon may still be ahead (a morning call), so today is never later than now.
        noon = timezone.make_aware(datetime.combine(self.cleaned_data["given_on"], time(12)))
        return min(noon, timezone.now())


class WithdrawForm(forms.Form):
    source = forms.ChoiceField(label="How they told us", choices=WITHDRAWAL_SOURCES, initial=Consent.Source.EMAIL)
    note = forms.CharField(label="Note", required=False, max_length=2000)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Reason for declining", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Give the reason for declining; it is kept with the request."},
    )
