"""View guards of the recruiter workspace."""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from ats.roles import is_recruiter

View = Callable[..., HttpResponse]


def recruiter_required(view: View) -> View:
    """Only recruiters write to jobs; to anyone else a write URL does not exist (404, not 403)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_recruiter(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
