"""Classes of failure found on the widened builders set (RenderCV Typst themes, LibreOffice DOCX
and PDF exports, Word heading styles): entries laid out by geometry the reading order alone does
not explain.

Every person, employer and school here is invented.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
if str(_HERE.parents[1]) not in sys.path:
    sys.path.insert(0, str(_HERE.parents[1]))

from candidates.parsing.model import Line


def _ln(text: str, y: float, x: float = 60, size: float = 10.0, bold: bool = False, page: int = 1,
        column: int = 0, style: str | None = None) -> Line:
    return Line(text=text, page=page, bbox=(x, y, x + 5 * len(text), y + size), size=size, bold=bold,
                column=column, style=style)


def _exp(lines: list[Line]) -> list[dict]:
    from candidates.parsing.experience import parse_experience
    for i, ln in enumerate(lines):
        ln.index = i
    return [e for e, _ in parse_experience(lines)]


def _edu(lines: list[Line]) -> list[dict]:
    from candidates.parsing.education import parse_education
    for i, ln in enumerate(lines):
        ln.index = i
    return [e for e, _ in parse_education(lines)]


def test_one_heading_set_left_of_the_others_is_no_margin() -> None:
    # An exporter placed the first employer 30 pt left of every other header line: the headers
    # below it are not indented body text.
    entries = _exp([
        _ln("Corvane Mapping Ltd.", 700, x=63, size=10.5),
        _ln("06/2021 - Present", 684, x=94, size=8.5),
        _ln("Lead Cartographer", 668, x=94, size=9),
        _ln("• Drew the flood-risk atlas", 652, x=116, size=8.5),
        _ln("Corvane Mapping Ltd.", 630, x=94, size=10.5),
        _ln("02/2019 - 05/2021", 614, x=94, size=8.5),
        _ln("Cartographer", 598, x=94, size=9),
        _ln("• Kept the gazetteer", 582, x=116, size=8.5),
        _ln("Tollard Survey Office", 560, x=94, size=10.5),
        _ln("09/2016 - 01/2019", 544, x=94, size=8.5),
        _ln("Survey Assistant", 528, x=94, size=9),
    ])
    assert [(e["company"], e["title"], e["start"]) for e in entries] == [
        ("Corvane Mapping Ltd.", "Lead Cartographer", "2021-06"),
        ("Corvane Mapping Ltd.", "Cartographer", "2019-02"),
        ("Tollard Survey Office", "Survey Assistant", "2016-09"),
    ]
