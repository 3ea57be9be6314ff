"""Relative times read as people say them, and never run backwards."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ats.templatetags.times import ago, duration, spoken, until_now


@pytest.mark.parametrize(("days", "said"), [
    (58, "2 months"),  # Django's timesince said "1 month, 4 weeks"
    (1, "1 day"), (25, "25 days"), (27, "1 month"), (320, "11 months"), (400, "1 year"), (800, "2 years"),
])
def test_one_rounded_unit(days, said):
    assert spoken(days * 86400) == said


def test_short_times_and_the_future():
    now = timezone.now()
    assert ago(now - timedelta(seconds=5)) == "just now"
    assert ago(now + timedelta(days=8)) == "just now"  # never "-8 days ago"
    assert duration(now + timedelta(days=8)) == "moments"
    assert ago(now - timedelta(hours=3)) == "3 hours ago"
    assert until_now(now + timedelta(days=2, minutes=1)) == "in 2 days" and until_now(now - timedelta(days=1)) == "now"
    assert duration(now - timedelta(days=10), now) == "10 days" and ago(None) == ""
