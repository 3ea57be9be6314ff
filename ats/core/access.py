"""Who may do what: the two roles of the ATS and the one gate every view declares.

Recruiters (and staff) work on every job and candidate; hiring managers reach only the jobs they
are named on. A view's gate decides who may call it at all; what a permitted user then sees is
decided by the selectors (a hiring manager's querysets simply hold nothing of other jobs), so a
gate never replaces a selector. Refusals are 404, like an object outside the user's reach: a URL
a user may not use does not exist for them.
"""
from __future__ import annotations

import enum
from contextvars import ContextVar
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse

RECRUITER_GROUP = "Recruiter"
HIRING_MANAGER_GROUP = "Hiring manager"

User = AbstractBaseUser | AnonymousUser
View = Callable[..., HttpResponse]


def _group_names(user: User) -> set[str]:
    # Cached on the user object: templates and selectors ask several times per request.
    cached = getattr(user, "_ats_group_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True)) if user.is_authenticated else set()
        user._ats_group_names = cached  # type: ignore[union-attr]
    return cached


def is_recruiter(user: User) -> bool:
    """Recruiters and staff see the whole candidate pool and every job."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_staff or user.is_superuser or RECRUITER_GROUP in _group_names(user))


def is_hiring_manager(user: User) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return HIRING_MANAGER_GROUP in _group_names(user) and not is_recruiter(user)


def client_ip(request: HttpRequest) -> str | None:
    """The address a request came from: REMOTE_ADDR, or behind a trusted proxy (TRUST_X_FORWARDED_FOR)
    the last address of X-Forwarded-For, the one the proxy itself appended."""
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR")


# The address of the request being served, for the audit trail: set by ats.middleware.AuditOriginMiddleware
# so a service deep under a view records where a change came from without being handed the request.
request_ip: ContextVar[str | None] = ContextVar("request_ip", default=None)


def actor_id(user: User | None) -> int | None:
    """The user's id for an audit column, None for the system or an anonymous visitor."""
    return user.pk if user is not None and user.is_authenticated else None


class Gate(enum.Enum):
    """Who may call a view."""

    PUBLIC = "public"  # anyone, signed in or not (the health check, sign-in, later the careers site)
    SIGNED_IN = "signed_in"  # every active user; selectors narrow what a hiring manager reaches
    RECRUITERS = "recruiters"  # recruiters and staff; anyone else gets 404
    # The REST API (ats.api): the view itself authenticates (a Bearer token or the session) and
    # answers 401 without one; its permissions then apply the same roles, its selectors the same 404s.
    API = "api"


def _allows(gate: Gate, user: User) -> bool:
    if gate in (Gate.PUBLIC, Gate.API):
        return True
    if gate is Gate.SIGNED_IN:
        return bool(user.is_authenticated and user.is_active)
    return is_recruiter(user)


def gate(level: Gate) -> Callable[[View], View]:
    """Declare (and enforce) who may call a view; every URL's view carries one (a test walks them)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _allows(level, request.user):
                raise Http404
            return view(request, *args, **kwargs)

        wrapper.access_gate = level  # type: ignore[attr-defined]
        if level in (Gate.PUBLIC, Gate.API):
            return login_not_required(wrapper)
        return wrapper

    return decorate


public = gate(Gate.PUBLIC)
signed_in = gate(Gate.SIGNED_IN)
recruiters_only = gate(Gate.RECRUITERS)
api = gate(Gate.API)
