"""Anonymised review: contacts, links, personal details and the candidate's name and place blanked out."""
from __future__ import annotations

import re

from candidates.models import Candidate

REDACTED = "█████"


_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)


_URL = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|dev|me|co|app|info|page|site|xyz|ai)\b(?:/\S*)?",
    re.IGNORECASE,
)


_PHONE = re.compile(r"\+?\(?\d[\d\s().\-/]{6,}\d")


_YEAR_RANGE = re.compile(r"^(19|20)\d\d\s*[-–/.]\s*(19|20)\d\d$")


# Lines that state age, gender, nationality and the like: keep the label, hide the value.
_PERSONAL_LINE = re.compile(
    r"(?im)^(\s*(?:date of birth|birth ?date|dob|born|age|gender|sex|nationality|citizenship|"
    r"marital status|place of birth|address|location|pronouns)\s*[:\-–]\s*).+$"
)


def _phone_or_date(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = sum(ch.isdigit() for ch in text)
    if digits < 8 or _YEAR_RANGE.match(text.strip()):
        return text
    return REDACTED


def redact(text: str, candidate: Candidate) -> str:
    """The text with contacts, links, personal details and the candidate's name and location
    replaced by a block, for anonymised review."""
    if not text:
        return ""
    for literal in [*candidate.emails, *candidate.links, *candidate.phones]:
        if literal:
            text = re.sub(re.escape(literal), REDACTED, text, flags=re.IGNORECASE)
    text = _PERSONAL_LINE.sub(lambda m: m.group(1) + REDACTED, text)
    text = _EMAIL.sub(REDACTED, text)
    text = _URL.sub(REDACTED, text)
    text = _PHONE.sub(_phone_or_date, text)
    tokens = set(re.findall(r"\w[\w'’-]*", candidate.full_name or ""))
    tokens |= {part.strip() for part in (candidate.location or "").split(",") if len(part.strip()) >= 3}
    for token in sorted(tokens, key=len, reverse=True):
        # Single letters (initials) would blank half the text; CJK names are often 1-2 characters.
        if len(token) < 2 and not re.match(r"[\u3000-\u9fff]", token):
            continue
        text = re.sub(rf"(?<!\w){re.escape(token)}(?!\w)", REDACTED, text, flags=re.IGNORECASE)
    return text
