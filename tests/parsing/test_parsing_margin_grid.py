"""A two-column grid whose narrow left cells hold the section titles (and an entry's dates), their
text starting a little below the first line of the cell beside them, a long title wrapped onto two
lines (issue 12, round 3).

Every person, employer and school here is invented.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
if str(_HERE.parents[1]) not in sys.path:
    sys.path.insert(0, str(_HERE.parents[1]))

from candidates.parsing.layout import build_lines
from candidates.parsing.model import Document
from candidates.parsing.profile import build_profile
from candidates.parsing.sections import split_sections


def _chars(text: str, x: float, y: float, size: float = 9.0, bold: bool = False) -> list[tuple]:
    out = []
    w = 0.5 * size
    for ch in text:
        if ch != " ":
            out.append((x, y, x + w, y + size, ch, size, bold))
        else:
            out.append((x, y, x + 0.25 * size, y + size, ch, size, bold))
        x += w if ch != " " else 0.3 * size
    return out


MARGIN, BODY = 37.0, 201.0


def _grid_page() -> list[tuple]:
    """Cells of a grid: the margin cell's title starts 6 pt below the top of the first line beside
    it; line pitch 15 pt inside a cell, 30 pt between cells."""
    c = _chars("Tobias Grünewald", 240, 807, size=17) + _chars("Site Foreman", 270, 793)
    y = 747.0

    def cell(title_lines: list[str], body: list[tuple[str, float, bool]], margin_more: list[str] = ()) -> None:
        nonlocal c, y
        ty = y - 6
        for t in title_lines:
            c += _chars(t, MARGIN, ty, size=9)
            ty -= 13
        for t in margin_more:
            c += _chars(t, MARGIN, ty - 4, size=6.4, bold=True)
            ty -= 13
        for text, indent, bold in body:
            c += _chars(text, BODY + indent, y, size=9.08, bold=bold)
            y -= 15
        y -= 30

    cell(["CONTACT"], [("Email  tobias.gruenewald@example.de", 0, False), ("Phone  +49 170 5550 1234", 0, False)])
    cell(["PROFESSIONAL SKILLS", "OVERVIEW"], [("Site: Formwork, Rebar fixing, Concrete pours", 0, False),
                                               ("Safety: SCC certificate, Scaffold inspection", 0, False),
                                               ("Software: Procore, Bluebeam", 0, False)])
    cell(["WORK EXPERIENCE"], [("Site Foreman at Rheinkiesel Bau GmbH", 0, True),
                               ("Ran a crew of twelve on a six-storey timber build.", 0, False),
                               ("Brought the pour schedule back on plan after floods", 25, False)],
         margin_more=["2019-03 TO PRESENT"])
    cell(["EDUCATION"], [("Berufskolleg Emscher", 0, True), ("Meister: Concrete Construction", 25, False)],
         margin_more=["2012-09 TO 2015-07"])
    return c


def _lines():
    lines = build_lines(_grid_page(), 1, 595, 842)
    for i, ln in enumerate(lines):
        ln.index = i
    return lines


def test_a_margin_title_comes_before_the_cell_beside_it() -> None:
    texts = [ln.text for ln in _lines()]
    assert texts.index("WORK EXPERIENCE") < texts.index("Site Foreman at Rheinkiesel Bau GmbH")
    assert texts.index("2019-03 TO PRESENT") < texts.index("Ran a crew of twelve on a six-storey timber build.")
    assert texts.index("PROFESSIONAL SKILLS") < texts.index("Site: Formwork, Rebar fixing, Concrete pours")
    assert texts.index("OVERVIEW") == texts.index("PROFESSIONAL SKILLS") + 1


def test_a_title_wrapped_in_the_margin_is_one_title() -> None:
    sections = split_sections(_lines())
    assert [s.key for s in sections] == ["header", "contact", "skills", "experience", "education"]


def test_skills_and_jobs_of_the_grid() -> None:
    p = build_profile(Document(kind="pdf", lines=_lines()))
    for s in ("Formwork", "Rebar fixing", "Concrete pours", "SCC certificate", "Scaffold inspection", "Procore",
              "Bluebeam"):
        assert s in p["skills"], (s, p["skills"])
    assert [(e["company"], e["start"]) for e in p["experience"]] == [("Rheinkiesel Bau GmbH", "2019-03")]


def test_a_wrapped_margin_title_whose_lines_share_baselines_with_the_cell_is_one_title() -> None:
    # Each line of the title on the baseline of a line of the cell beside it.
    c = _chars("Tobias Grünewald", 240, 807, size=17)
    c += _chars("CONTACT", MARGIN, 747) + _chars("Phone  +49 170 5550 1234", BODY, 747, size=9.08)
    c += _chars("PROFESSIONAL SKILLS", MARGIN, 700) + _chars("Site: Formwork, Rebar fixing", BODY, 700, size=9.08)
    c += _chars("OVERVIEW", MARGIN, 687) + _chars("Software: Procore, Bluebeam", BODY, 687, size=9.08)
    c += _chars("WORK EXPERIENCE", MARGIN, 640) + _chars("Site Foreman at Rheinkiesel Bau GmbH", BODY, 640, size=9.08)
    c += _chars("2019-03 TO PRESENT", MARGIN, 625, size=6.4) + _chars("Ran a crew of twelve.", BODY, 625, size=9.08)
    c += _chars("EDUCATION", MARGIN, 580) + _chars("Berufskolleg Emscher", BODY, 580, size=9.08)
    lines = build_lines(c, 1, 595, 842)
    for i, ln in enumerate(lines):
        ln.index = i
    sections = split_sections(lines)
    assert [s.key for s in sections] == ["header", "contact", "skills", "experience", "education"]
    assert [ln.text for ln in sections[2].lines] == ["Site: Formwork, Rebar fixing", "Software: Procore, Bluebeam"]
