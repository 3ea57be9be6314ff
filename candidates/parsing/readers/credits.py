"""A layout's credit to its maker ("Designed with ♥ by …", "Powered by JSON Resume · Theme by …")
is no part of the résumé: its words are no skills and its link is nobody's profile.

Only the last line of a column or a line at the foot of the page counts: a highlight may well start
"Built with React by …" in the middle of an entry.
"""

from __future__ import annotations

import re

from ..model import Line

_CREDIT = re.compile(
    r"(?i)^\W*(?:(?:cv|résumé|resume|this (?:cv|résumé|resume|page))\s+)?"
    r"(?:(?:designed|made|built|created|crafted|generated)\s+(?:\W+\s*)?(?:with|using|in)\b.*\bby\b"
    r"|powered by\b|.*\b(?:theme|template)\s+(?:[\w-]+\s+){0,2}(?:designed\s+)?by\b)")

Rect = tuple[float, float, float, float]


def _credits(lines: list[Line], height: float) -> list[Line]:
    last: dict[int, Line] = {}
    for ln in lines:
        last[ln.column] = ln
    return [ln for ln in lines if ln.bbox and len(ln.text) <= 100 and _CREDIT.match(ln.text.strip())
            and (last[ln.column] is ln or ln.bbox[3] < 0.12 * height)]


def drop_credits(lines: list[Line], links: list[tuple[str, Rect | None]], height: float) -> tuple[list[Line], list[str]]:
    """The page's lines and link targets without the layout's credit line and the links on it."""
    credits = _credits(lines, height)

    def on_credit(rect: Rect | None) -> bool:
        return rect is not None and any(
            c.bbox[1] - 2 <= (rect[1] + rect[3]) / 2 <= c.bbox[3] + 2 and rect[0] < c.bbox[2] and rect[2] > c.bbox[0]
            for c in credits if c.bbox)

    kept = [ln for ln in lines if not any(ln is c for c in credits)]
    return kept, [uri for uri, rect in links if not on_credit(rect)]
