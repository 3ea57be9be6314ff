"""The two roles of the ATS and how to tell them apart.

Recruiters (and staff) work on every job and candidate; hiring managers reach only the jobs they
are named on. Permission checks elsewhere go through selectors that call these.
"""
from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

RECRUITER_GROUP = "Recruiter"
HIRING_MANAGER_GROUP = "Hiring manager"

User = AbstractBaseUser | AnonymousUser


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
