"""How a newer résumé's experience and education join a profile's rows without losing anything.

Pure functions over row dicts (`{"company": …, "title": …, "highlights": […], "resume_id": …}`):
- a row the new résumé also has (same employer or school, and the same role or start) takes each
  detail the new résumé gives and keeps each it lacks (a shorter résumé drops bullets, cities and
  start dates; the profile must not);
- a row only the earlier résumé has stays;
- a row only the new résumé has is added;
- a re-parse of one résumé first drops the rows that résumé itself gave, so a row the parser got
  wrong before disappears once it reads the file right.
"""
from __future__ import annotations

import re
from typing import Any

Row = dict[str, Any]

KEY_FIELD = {"experience": "company", "education": "institution"}
DETAILS = {
    "experience": ("company", "title", "location", "start", "end"),
    "education": ("institution", "degree", "field", "start", "end", "gpa"),
}
# What a recruiter compares to see whether a section changed (not where a row came from).
SHOWN = {section: (*fields, "highlights") for section, fields in DETAILS.items()}


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", (text or "").casefold()).split())


def _same_entry(section: str, old: Row, new: Row) -> bool:
    if _key(old[KEY_FIELD[section]]) != _key(new[KEY_FIELD[section]]) or not _key(new[KEY_FIELD[section]]):
        return False
    other = "title" if section == "experience" else "degree"
    same_role = bool(old.get(other)) and _key(old.get(other, "")) == _key(new.get(other, ""))
    same_start = bool(old.get("start")) and old.get("start") == new.get("start")
    return same_role or same_start or not (old.get(other) and new.get(other))


def _combined(section: str, old: Row, new: Row, resume_id: int | None) -> Row:
    row = dict(old)
    for field in DETAILS[section]:
        if (new.get(field) or "").strip() and new[field] != "—":
            row[field] = new[field]
    if section == "experience" and new.get("highlights"):
        row["highlights"] = list(new["highlights"])
    row["resume_id"] = resume_id
    return row


def merge_rows(section: str, current: list[Row], parsed: list[Row], *, resume_id: int | None,
               reparse_of: int | None = None) -> list[Row]:
    """The section's rows once the résumé `resume_id` has been read into them (see the module)."""
    if reparse_of is not None:
        current = [row for row in current if row.get("resume_id") != reparse_of]
    remaining = list(current)
    result = []
    for item in parsed:
        new = {field: item.get(field) or "" for field in DETAILS[section]}
        if section == "experience":
            new["highlights"] = list(item.get("highlights") or [])
        match = next((row for row in remaining if _same_entry(section, row, new)), None)
        if match is not None:
            remaining.remove(match)
            result.append(_combined(section, match, new, resume_id))
        else:
            result.append({**new, "resume_id": resume_id})
    return result + remaining


def shown(section: str, rows: list[Row]) -> list[Row]:
    """The rows as a recruiter sees them (for telling whether a section changed, and for showing it)."""
    return [{field: row.get(field, [] if field == "highlights" else "") for field in SHOWN[section]} for row in rows]
