"""Input validation for moves on the board."""
from __future__ import annotations

from django import forms


class MoveForm(forms.Form):
    """A card move: the stage it goes to and the stage the mover saw it in (compare-and-set)."""

    to_stage = forms.IntegerField()
    from_stage = forms.IntegerField()
