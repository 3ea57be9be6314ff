"""Fields run together where a layout drew their separators with CSS and a converter dropped them.

LibreOffice's export of an HTML résumé keeps each flex item's text but not the gap, border or
``::before`` dash between them: "Logistics PlannerSeptember 2019March 2022" was "Logistics Planner"
beside "September 2019 – March 2022".  Real words do not run a letter into a month and a year, nor
a year into a month or "Present", so a date at such a join is cut off what it is glued to; dates
anchor entries, and a date glued to a title hides the entry.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .dates import MONTHS, PRESENT
from .model import Line

_Y = r"(?:19[5-9]\d|20[0-4]\d)"
# Month names as a glued date starts them: capitalised, and not the three-letter Romance forms
# that are words too ("Set", "Out", "Ago").
_MONTH_NAMES = sorted({m.capitalize() for m in MONTHS if len(m) >= 4 or m in (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")}, key=len, reverse=True)
_MONTH_DATE = rf"(?:{'|'.join(_MONTH_NAMES)})\.?,?\s*{_Y}(?!\d)"
_OPEN_END = rf"(?=[A-ZÀ-Þ])(?i:{PRESENT})(?![^\W\d_])"
# A letter or a closing bracket straight before a month and year: "ManagerApril 2022".
_WORD_THEN_DATE = re.compile(rf"(?<=[^\W\d_)\]])(?={_MONTH_DATE})")
# A year straight before the next date or "Present": "2019March 2022", "2022Present" (the range's dash).
_YEAR_THEN_END = re.compile(rf"(?<=(?<!\d){_Y})(?={_MONTH_DATE}|{_OPEN_END})")
# A year straight before a capitalised word that is no date: "2022Nieuwe Maas Distributie".
_YEAR_THEN_WORD = re.compile(rf"(?<=(?<!\d){_Y})(?=[A-ZÀ-Þ][a-zß-ÿ])")
# Any place a capital follows a letter, a bracket or a digit with no space: a cheap test first.
_JOIN = re.compile(r"[^\W_)\]][A-ZÀ-Þ]")


def unglue_dates(text: str) -> str:
    """The text with a field gap before a date glued to a word and a dash between dates glued to
    each other; the text unchanged when nothing is glued."""
    if not _JOIN.search(text):
        return text
    text = _YEAR_THEN_END.sub(" – ", text)
    text = _WORD_THEN_DATE.sub("\t", text)
    return _YEAR_THEN_WORD.sub("\t", text)


def unglue_lines(lines: list[Line]) -> list[Line]:
    """The lines with glued dates cut apart; a line changed loses the edges of its old parts."""
    out = []
    for ln in lines:
        text = unglue_dates(ln.text)
        out.append(ln if text == ln.text else replace(ln, text=text, spans=()))
    return out
