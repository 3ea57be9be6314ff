"""Input validation for bulk actions: from the search page and from a board."""
from __future__ import annotations

from typing import Any

from django import forms

BULK_KINDS = [
    ("tag", "Tag"),
    ("add_to_job", "Add to job"),
    ("move", "Move to stage"),
    ("reject", "Reject"),
    ("add_to_list", "Add to list"),
    ("remove_from_list", "Remove from list"),
]


class SearchBulkForm(forms.Form):
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
    rejection_reason = forms.IntegerField(required=False, min_value=1)
    send_email = forms.BooleanField(required=False)
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
            if not (data.get("reason") or "").strip() and not data.get("rejection_reason"):
                self.add_error("reason", "Choose a rejection reason or type one.")
        if kind == "add_to_list" and not data.get("candidate_list") and not (data.get("new_list") or "").strip():
            self.add_error("candidate_list", "Choose a list or name a new one.")
        return data


class BoardBulkForm(forms.Form):
    ACTIONS = (("move", "Move"), ("reject", "Reject"))

    action = forms.ChoiceField(choices=ACTIONS)
    to_stage = forms.IntegerField(required=False)
    reason = forms.CharField(max_length=300, required=False)
    rejection_reason = forms.IntegerField(required=False, min_value=1)
    send_email = forms.BooleanField(required=False)
    confirmed = forms.BooleanField(required=False)

    def clean(self) -> dict:
        data = super().clean()
        # Any ids are acceptable here: the view narrows them to the job through the selector.
        data["applications"] = sorted({int(v) for v in self.data.getlist("application") if v.isdigit()})
        if not data["applications"]:
            self.add_error(None, "Select at least one card first.")
        if data.get("action") == "move" and not data.get("to_stage"):
            self.add_error("to_stage", "Choose the stage to move them to.")
        if data.get("action") == "reject" and not (data.get("reason") or "").strip() and not data.get("rejection_reason"):
            self.add_error("reason", "A reason is required to reject applications.")
        return data
