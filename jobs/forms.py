"""Input validation for jobs and their stage editor."""
from __future__ import annotations

from django import forms
from django.contrib.auth.models import User

from jobs.models import Job, Stage
from jobs.selectors import hiring_managers, recruiters


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


class JobForm(forms.ModelForm):
    """The job's own fields; review criteria arrive as parallel lists (see `criteria_from`)."""

    recruiter = PersonChoiceField(queryset=recruiters(), required=False, empty_label="— Nobody yet —")
    hiring_managers = PeopleChoiceField(
        queryset=hiring_managers(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="They review the candidates in stages marked “needs review” and see nothing else.",
    )

    class Meta:
        model = Job
        fields = [
            "title", "department", "location", "remote_policy", "employment_type", "status", "recruiter",
            "hiring_managers", "anonymised_review", "description", "published", "valid_through",
        ]
        labels = {"anonymised_review": "Anonymised review"}
        help_texts = {
            "anonymised_review": "Hide name, photo, age, gender, nationality and contact details from hiring managers.",
            "published": "Listed on the public careers site (/careers/) while the job is open.",
            "valid_through": "Optional: the last day it is listed.",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 8}), "valid_through": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Querysets are evaluated per form so new users show up without a restart.
        self.fields["recruiter"].queryset = recruiters()
        self.fields["hiring_managers"].queryset = hiring_managers()
        self.fields["title"].widget.attrs.update(autofocus=True)
        if self.instance.pk:
            # Only the statuses this job may move to (Job.STATUS_TRANSITIONS), and its own.
            allowed = {self.instance.status, *self.instance.next_statuses()}
            self.fields["status"].choices = [c for c in Job.Status.choices if c[0] in allowed]


def criteria_from(data) -> list[tuple[int | None, str]]:
    """(id or None, name) pairs in the order the form sent them; ids that are not numbers are new."""
    ids = data.getlist("criterion_id")
    names = data.getlist("criterion_name")
    pairs: list[tuple[int | None, str]] = []
    for index, name in enumerate(names):
        raw_id = ids[index] if index < len(ids) else ""
        pairs.append((int(raw_id) if raw_id.isdigit() else None, name))
    return pairs


class StageAddForm(forms.Form):
    name = forms.CharField(max_length=60, label="Stage name")
    kind = forms.ChoiceField(choices=Stage.Kind.choices, initial=Stage.Kind.INTERVIEW, label="Type")
    after = forms.ModelChoiceField(queryset=Stage.objects.none(), required=False, empty_label="At the end", label="Insert after")
    needs_review = forms.BooleanField(required=False, label="Needs hiring-manager review")

    def __init__(self, *args, job: Job, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["after"].queryset = job.stages.order_by("position")


class StageRenameForm(forms.Form):
    name = forms.CharField(max_length=60)


class StageRemoveForm(forms.Form):
    move_to = forms.ModelChoiceField(queryset=Stage.objects.none(), required=False, label="Move its applications to")

    def __init__(self, *args, stage: Stage, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["move_to"].queryset = stage.job.stages.exclude(pk=stage.pk).order_by("position")

