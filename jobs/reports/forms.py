"""The reports page's filters: a date range, a job and a department (the choices are the user's)."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms

from jobs.reports.selectors import ReportFilters

MAX_RANGE_DAYS = 3 * 366


class ReportFilterForm(forms.Form):
    start = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    # One of the user's jobs, checked against their ids: as a ChoiceField, normalising and scanning
    # 2,000 jobs' choices on every request cost more than half the reports' own queries. The page
    # draws the <select> itself (ats.core.http.options_html).
    job = forms.IntegerField(label="Job", required=False)
    department = forms.ChoiceField(label="Department", required=False)

    def __init__(self, *args: Any, jobs: list[tuple[int, str]], departments: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.jobs = jobs
        self.job_ids = {pk for pk, _ in jobs}
        self.fields["department"].choices = [("", "All departments"), *((d, d) for d in departments)]

    def clean_job(self) -> int | None:
        job = self.cleaned_data.get("job")
        if job is not None and job not in self.job_ids:
            raise forms.ValidationError("Choose one of your jobs.")
        return job

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        default = ReportFilters.default()
        start, end = data.get("start") or default.start, data.get("end") or default.end
        if start > end:
            raise forms.ValidationError("The start date is after the end date.")
        if end - start > timedelta(days=MAX_RANGE_DAYS):
            raise forms.ValidationError("Choose a range of at most three years.")
        data["start"], data["end"] = start, end
        return data

    def filters(self) -> ReportFilters:
        """The filters asked for, or the default (the last 90 days, every job) when they are invalid."""
        if not self.is_valid():
            return ReportFilters.default()
        data = self.cleaned_data
        return ReportFilters(start=data["start"], end=data["end"], job_id=data.get("job"), department=data.get("department") or "")
