"""Input validation for the recruiter workspace: jobs, stages and board actions."""
from __future__ import annotations

from django import forms
from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from ats.roles import HIRING_MANAGER_GROUP, RECRUITER_GROUP
from jobs.models import Application, Job, Stage


def recruiters() -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__name=RECRUITER_GROUP) | Q(is_staff=True) | Q(is_superuser=True))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def hiring_managers() -> QuerySet[User]:
    return User.objects.filter(is_active=True, groups__name=HIRING_MANAGER_GROUP).order_by(
        "first_name", "last_name", "username"
    )


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
            "hiring_managers", "anonymised_review", "description",
        ]
        labels = {"anonymised_review": "Anonymised review"}
        help_texts = {
            "anonymised_review": "Hide name, photo, age, gender, nationality and contact details from hiring managers.",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Querysets are evaluated per form so new users show up without a restart.
        self.fields["recruiter"].queryset = recruiters()
        self.fields["hiring_managers"].queryset = hiring_managers()
        self.fields["title"].widget.attrs.update(autofocus=True)


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


class MoveForm(forms.Form):
    """A card move: the stage it goes to and the stage the mover saw it in (compare-and-set)."""

    to_stage = forms.IntegerField()
    from_stage = forms.IntegerField()


class BulkForm(forms.Form):
    ACTIONS = (("move", "Move"), ("reject", "Reject"))

    action = forms.ChoiceField(choices=ACTIONS)
    to_stage = forms.IntegerField(required=False)
    reason = forms.CharField(max_length=300, required=False)
    confirmed = forms.BooleanField(required=False)

    def clean(self) -> dict:
        data = super().clean()
        # Any ids are acceptable here: the view narrows them to the job through the selector.
        data["applications"] = sorted({int(v) for v in self.data.getlist("application") if v.isdigit()})
        if not data["applications"]:
            self.add_error(None, "Select at least one card first.")
        if data.get("action") == "move" and not data.get("to_stage"):
            self.add_error("to_stage", "Choose the stage to move them to.")
        if data.get("action") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", "A reason is required to reject applications.")
        return data


OUTCOME_CLOSED = (Application.Outcome.REJECTED, Application.Outcome.WITHDRAWN)
