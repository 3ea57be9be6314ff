"""Template helpers for showing people. Loaded as a builtin (see TEMPLATES in settings)."""
from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def person(user, fallback: str = "—") -> str:
    """A user's full name, else username, else `fallback` (for a deleted user or the system).

    `{{ x.get_full_name|default:x.username }}` fails when x is None, because Django raises for a
    filter argument it cannot resolve; this does not.
    """
    if user is None:
        return fallback
    return user.get_full_name() or user.get_username()
