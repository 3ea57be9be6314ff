"""Input validation for reviews, review requests and notification preferences."""
from __future__ import annotations

from typing import Any

from django import forms

from jobs.models import ReviewCriterion
from jobs.reviews.models import NotificationPreference, Review

SCORE_CHOICES = [(1, "1 Poor"), (2, "2 Fair"), (3, "3 Good"), (4, "4 Excellent")]


class ReviewForm(forms.Form):
    """One radio group (1-4) and an optional comment per criterion of the job, then the verdict."""

    recommendation = forms.ChoiceField(
        choices=Review.Recommendation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose an overall recommendation."},
    )
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)

    def __init__(self, *args: Any, criteria: list[ReviewCriterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": f"Rate {criterion.name}."},
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label=f"Comment on {criterion.name} (optional)", required=False, max_length=2000
            )

    def rows(self) -> list[tuple[ReviewCriterion, forms.BoundField, forms.BoundField]]:
        return [(c, self[f"score_{c.pk}"], self[f"note_{c.pk}"]) for c in self.criteria]

    def ratings(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data.get(f"note_{c.pk}", ""))
            for c in self.criteria
        }

    @staticmethod
    def initial_from(review: Review | None) -> dict[str, Any]:
        if review is None:
            return {}
        initial: dict[str, Any] = {"recommendation": review.recommendation, "comment": review.comment}
        for rating in review.ratings.all():
            initial[f"score_{rating.criterion_id}"] = rating.score
            initial[f"note_{rating.criterion_id}"] = rating.comment
        return initial


class ReviewRequestForm(forms.Form):
    reviewer = forms.ModelChoiceField(queryset=None, label="Hiring manager", empty_label=None)
    due_in_days = forms.IntegerField(label="Due in (days)", min_value=1, max_value=60, initial=3)

    def __init__(self, *args: Any, hiring_managers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = hiring_managers
        self.fields["reviewer"].label_from_instance = lambda user: user.get_full_name() or user.username


class NotificationPreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["shortlist_digest", "review_submitted"]
        labels = {
            "shortlist_digest": "Shortlist digest: one e-mail when candidates reach my shortlists",
            "review_submitted": "Review submitted: an e-mail when a hiring manager reviews a candidate of my job",
        }
        help_texts = {"shortlist_digest": "", "review_submitted": ""}
