"""The placeholders of recruiter-editable e-mail templates: a closed list substituted as plain text.

Deliberately not the Django template language: a template a recruiter types can reach only these
five values, never an object, an attribute or a tag. `{{` and `}}` write a literal brace.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

PLACEHOLDERS: dict[str, str] = {
    "first_name": "the candidate's first name",
    "job_title": "the job's title",
    "company": "the company's name",
    "recruiter_name": "the sender's name",
    "scheduling_line": "a line about scheduling a call",
}
_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


class PlaceholderError(ValueError):
    """The text uses a placeholder that does not exist (or a value it needs is missing)."""


def placeholders_in(text: str) -> set[str]:
    """Every {name} the text uses; PlaceholderError names any that is not on the list."""
    used = {match.group(1).strip() for match in _FIELD.finditer(text) if match.group(1) is not None}
    unknown = sorted(used - set(PLACEHOLDERS))
    if unknown:
        known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
        raise PlaceholderError(f"Unknown placeholder {', '.join('{' + u + '}' for u in unknown)}. Use only {known}.")
    return used


def substitute(text: str, values: dict[str, str]) -> str:
    placeholders_in(text)

    def replace(match: re.Match[str]) -> str:
        if match.group(0) in ("{{", "}}"):
            return match.group(0)[0]
        return values.get(match.group(1).strip(), "")

    return _FIELD.sub(replace, text)


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


def first_name(full_name: str) -> str:
    """The first word of the name ('there' when we have none); a name in CJK script, written
    without spaces, is used whole."""
    name = full_name.strip()
    if not name:
        return "there"
    return name.split()[0]


def render(*, subject: str, body: str, values: dict[str, str]) -> Rendered:
    """Subject and body with the values substituted. A placeholder whose value is empty (no job
    chosen for {job_title}) is refused rather than sent as a gap."""
    used = placeholders_in(subject) | placeholders_in(body)
    missing = sorted(name for name in used if not values.get(name, "").strip())
    if missing:
        raise PlaceholderError(
            f"This template uses {', '.join('{' + m + '}' for m in missing)}, which has no value here"
            + (" (choose a job)." if "job_title" in missing else ".")
        )
    # A subject is one line: a value with a newline must not add headers.
    return Rendered(subject=" ".join(substitute(subject, values).split()), body=substitute(body, values))
