from __future__ import annotations

from collections.abc import Iterable

from django import template

from candidates.resumes.models import Resume

register = template.Library()


@register.filter
def being_parsed(resumes: Iterable[Resume]) -> list[Resume]:
    """The résumés still queued or parsing (works on a prefetched `candidate.resumes.all`)."""
    return [r for r in resumes if r.in_progress]
