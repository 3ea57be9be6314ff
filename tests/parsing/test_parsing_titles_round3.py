"""Section titles as builders set them, checked end to end (issue 12, round 3): letter-spaced and
counted titles in a PDF, bare one-word titles and employers or schools styled as Word headings
in a DOCX.

Every person, employer and school here is invented.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
if str(_HERE.parents[1]) not in sys.path:
    sys.path.insert(0, str(_HERE.parents[1]))

from candidates.parsing import parse
from candidates.parsing.layout import build_lines
from candidates.parsing.sections import split_sections


def _spaced(text: str, x: float, y: float, size: float, tracking: float = 0.0) -> list[tuple]:
    out = []
    for ch in text:
        if ch != " ":
            out.append((x, y, x + 0.5 * size, y + size, ch, size, True))
        x += 0.5 * size + tracking
    return out


def test_letter_spaced_and_counted_titles_in_a_pdf() -> None:
    c = _spaced("Noor Haddad", 50, 790, 24)
    c += _spaced("E X P E R I E N C E  ( 2 )", 50, 740, 12, tracking=2)
    c += _spaced("Saltmarsh Freight", 50, 720, 10) + _spaced("2019 - 2023", 400, 720, 10)
    c += _spaced("Planner", 50, 706, 10)
    c += _spaced("Education(1)", 50, 670, 12)
    c += _spaced("Tidewater College", 50, 650, 10) + _spaced("2014 - 2018", 400, 650, 10)
    lines = build_lines(c, 1, 595, 842)
    for i, ln in enumerate(lines):
        ln.index = i
    assert [s.key for s in split_sections(lines)] == ["header", "experience", "education"]


def _docx(build) -> bytes:
    from docx import Document

    d = Document()
    build(d)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_employers_and_schools_styled_as_word_headings_are_entries() -> None:
    def build(d) -> None:
        d.add_paragraph("Tamsin Achterberg", style="Title")
        d.add_paragraph("tamsin.a@example.net · +44 7700 900512")
        d.add_paragraph("Work Experience (3)", style="Heading 1")
        d.add_paragraph("Brackwater Logistics", style="Heading 2")
        d.add_paragraph("Operations Analyst")
        d.add_paragraph("March 2021 – Present")
        d.add_paragraph("Ellery & Moss Ltd", style="Heading 2")
        d.add_paragraph("Junior Analyst, June 2018 – February 2021")
        d.add_paragraph("Projects", style="Heading 1")
        d.add_paragraph("Canal towpath survey", style="Heading 2")
        d.add_paragraph("Mapped two miles of towpath for the trust, 2020")
        d.add_paragraph("Education", style="Heading 1")
        d.add_paragraph("Northmoor University", style="Heading 2")
        d.add_paragraph("BSc Economics, 2014 – 2017")
        d.add_paragraph("Volunteer", style="Heading 1")
        d.add_paragraph("Harbour Food Bank", style="Heading 2")
        d.add_paragraph("Shift lead, 2016 – 2019")

    p = parse(_docx(build))
    assert [(e["company"], e["title"], e["start"]) for e in p["experience"]] == [
        ("Brackwater Logistics", "Operations Analyst", "2021-03"), ("Ellery & Moss Ltd", "Junior Analyst", "2018-06")]
    assert [e["institution"] for e in p["education"]] == ["Northmoor University"]


def test_employers_set_at_the_section_titles_own_heading_level_are_entries() -> None:
    def build(d) -> None:
        d.add_paragraph("Tamsin Achterberg", style="Title")
        d.add_paragraph("tamsin.a@example.net")
        d.add_paragraph("Experience", style="Heading 2")
        d.add_paragraph("Brackwater Logistics", style="Heading 2")
        d.add_paragraph("Operations Analyst")
        d.add_paragraph("March 2021 – Present")
        d.add_paragraph("Skills Development Partnership", style="Heading 2")
        d.add_paragraph("Trainee Analyst")
        d.add_paragraph("June 2018 – February 2021")
        d.add_paragraph("Education", style="Heading 2")
        d.add_paragraph("Northmoor University", style="Heading 2")
        d.add_paragraph("BSc Economics, 2014 – 2017")

    p = parse(_docx(build))
    assert [e["company"] for e in p["experience"]] == ["Brackwater Logistics", "Skills Development Partnership"]
    assert [e["institution"] for e in p["education"]] == ["Northmoor University"]
