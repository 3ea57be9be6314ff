"""Relative times as people say them: one unit, rounded ("2 months", not "1 month, 4 weeks"), and
never negative: a time a moment in the future (clocks differ) is "just now". Builtins:
`{{ when|ago }}` → "3 days ago"; `{{ when|duration }}` or `{{ start|duration:end }}` → "3 days"."""
from __future__ import annotations

from datetime import datetime, timedelta

from django import template
from django.utils import timezone

register = template.Library()

MINUTE, HOUR, DAY = 60, 3600, 86400
MONTH, YEAR = 30.44 * DAY, 365.25 * DAY


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}{'' if n == 1 else 's'}"


def spoken(seconds: float) -> str:
    """The length of time in its largest sensible unit (thresholds as moment.js rounds them)."""
    seconds = max(0.0, seconds)
    if seconds < 45:
        return "moments"
    for limit, size, unit in ((45 * MINUTE, MINUTE, "minute"), (22 * HOUR, HOUR, "hour"), (26 * DAY, DAY, "day"),
                              (11 * MONTH, MONTH, "month")):
        if seconds < limit:
            return _plural(max(1, int(seconds / size + 0.5)), unit)
    return _plural(max(1, int(seconds / YEAR + 0.5)), "year")


def _seconds(value: datetime | timedelta | None, until: datetime | None = None) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, timedelta):
        return value.total_seconds()
    return ((until or timezone.now()) - value).total_seconds()


@register.filter
def duration(value: datetime | timedelta | None, until: datetime | None = None) -> str:
    """How long since `value` (till `until`, default now), or a timedelta, spoken; "" for None."""
    seconds = _seconds(value, until)
    return "" if seconds is None else spoken(abs(seconds) if isinstance(value, timedelta) else seconds)


@register.filter
def ago(value: datetime | None) -> str:
    seconds = _seconds(value)
    if seconds is None:
        return ""
    return "just now" if seconds < 45 else f"{spoken(seconds)} ago"


@register.filter
def until_now(value: datetime | None) -> str:
    """How long from now until `value` ("in 2 days"); "now" once it has passed."""
    seconds = _seconds(value)
    if seconds is None:
        return ""
    return "now" if seconds >= 0 else f"in {spoken(-seconds)}"
