"""Classes of failure found by the builders set (tests/parsing/builders): boxed skill chips,
names with letters beyond Latin-1, a section title at the foot of a page.

Every person, employer and skill list here is invented.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
if str(_HERE.parents[1]) not in sys.path:
    sys.path.insert(0, str(_HERE.parents[1]))

from candidates.parsing.layout import build_lines
from candidates.parsing.model import Document, Line
from candidates.parsing.names import is_latin_name, name_alternates
from candidates.parsing.profile import build_profile
from candidates.parsing.sections import split_sections


def _chars(words: list[str], x: float, y: float, gap: float, size: float = 10.0) -> list[tuple]:
    """Glyphs of ``words`` on baseline ``y``, an explicit space glyph between words, each word
    ``gap`` points after the previous one (a normal space is about a quarter of an em)."""
    out = []
    w = 0.5 * size
    for k, word in enumerate(words):
        if k:
            out.append((x, y, x + 0.25 * size, y + size, " ", size, False))
            x += gap
        for ch in word:
            out.append((x, y, x + w, y + size, ch, size, False))
            x += w
    return out


def _page(rows: list[tuple[list[str], float]]) -> list[Line]:
    chars, y = [], 800.0
    for words, gap in rows:
        chars += _chars(words, 60, y, gap)
        y -= 16
    lines = build_lines(chars, 1, 595, 842)
    for i, ln in enumerate(lines):
        ln.index = i
    return lines


_HEAD = [(["Renata", "Okafor-Silva"], 2.5), (["renata.okafor@example.org"], 2.5),
         (["Ward", "nurse", "who", "has", "run", "night", "shifts", "on", "a", "busy", "surgical", "floor"], 2.5),
         (["Skills"], 2.5)]


def test_boxed_chips_under_a_skills_heading_are_one_skill_each() -> None:
    # Chips: words inside a box a normal space apart, boxes 1.2 em apart.
    lines = _page(_HEAD + [(["Triage", "Wound care", "Patient education", "Conduit bending"], 12)])
    chip_line = lines[-1]
    assert chip_line.cells == ("Triage", "Wound care", "Patient education", "Conduit bending")
    skills = build_profile(Document(kind="pdf", lines=lines))["skills"]
    for s in ("Triage", "Wound care", "Patient education", "Conduit bending"):
        assert s in skills, skills


def test_ordinary_word_spaces_make_no_cells() -> None:
    lines = _page([(["Cared", "for", "five", "post-operative", "patients", "per", "shift"], 2.5)])
    assert lines[0].cells == ()


def test_names_with_letters_beyond_latin_1() -> None:
    for name in ("Tomasz Wiśniewski", "Łukasz Wróbel", "Ayşe Yılmaz", "Jiří Dvořák"):
        assert is_latin_name(name), name
    assert not is_latin_name("Senior Engineer")
    ln = Line(text="Łukasz Wróbel 王磊", bbox=(60, 800, 300, 820), size=20)
    assert name_alternates(ln, "Łukasz Wróbel") == ["王磊"]


def _ln(text: str, page: int, y: float, column: int = 0, size: float = 10.0, bold: bool = False,
        x: float = 40) -> Line:
    return Line(text=text, page=page, bbox=(x, y, x + 5 * len(text), y + size), size=size, bold=bold,
                column=column)


def test_a_title_at_the_foot_of_a_page_owns_the_next_pages_column() -> None:
    lines = [
        _ln("Ingrid Halvorsen", 1, 800, size=22), _ln("ingrid.h@example.net", 1, 780),
        _ln("Education", 1, 200, size=13, bold=True), _ln("Fjordvik University  2011 - 2015", 1, 180),
        _ln("Skills", 1, 40, size=13, bold=True),
        _ln("Kept the night-shift handover notes", 1, 300, column=2, x=350),
        _ln("Clinical", 2, 800), _ln("Triage", 2, 784, x=70), _ln("Phlebotomy", 2, 768, x=70),
    ]
    for i, ln in enumerate(lines):
        ln.index = i
    owner = {ln.text: s.key for s in split_sections(lines) for ln in s.lines}
    assert owner["Triage"] == "skills" and owner["Phlebotomy"] == "skills"


def test_a_font_with_wide_spaces_everywhere_makes_no_cells() -> None:
    # Every space on the page is an em wide: nothing stands out, so nothing is a chip.
    rows = [(["Provided", "patient", "care", "on", "a", "surgical", "ward"], 10)] * 3
    lines = _page(rows + [(["Patient", "Care", "Critical", "Care"], 10)])
    assert all(ln.cells == () for ln in lines)


def _exp(lines: list[Line]) -> list[dict]:
    from candidates.parsing.experience import parse_experience
    for i, ln in enumerate(lines):
        ln.index = i
    return [e for e, _ in parse_experience(lines)]


def test_commas_before_at_belong_to_the_title() -> None:
    entries = _exp([
        _ln("Charge Nurse, Cardiac Ward at Westbrook General Hospital", 1, 700, bold=True),
        _ln("2019-04 - Present", 1, 686),
        _ln("Led a team of eight nurses on the night shift", 1, 672, x=60),
        _ln("Staff Nurse at Larkspur Community Clinic", 1, 640, bold=True),
        _ln("2015-06 - 2019-03", 1, 626),
    ])
    assert [(e["title"], e["company"]) for e in entries] == [
        ("Charge Nurse, Cardiac Ward", "Westbrook General Hospital"),
        ("Staff Nurse", "Larkspur Community Clinic"),
    ]


def test_an_icon_before_a_header_over_its_dates_is_no_bullet() -> None:
    entries = _exp([
        _ln("• Senior Site Reliability Engineer, Brantwood Freight AB", 1, 700, x=108),
        _ln("May, 2022 - Present", 1, 686, x=115),
        _ln("• Moved the build farm to spot instances", 1, 672, x=145),
        _ln("Site Reliability Engineer, Brantwood Freight AB", 1, 640, x=115),
        _ln("Jan, 2020 - Apr, 2022", 1, 626, x=115),
        _ln("• Wrote the alert rules", 1, 612, x=145),
    ])
    assert [(e["title"], e["start"]) for e in entries] == [
        ("Senior Site Reliability Engineer", "2022-05"), ("Site Reliability Engineer", "2020-01")]
    assert entries[0]["highlights"] == ["Moved the build farm to spot instances"]


def test_a_bullet_point_above_the_next_entrys_dates_stays_a_bullet() -> None:
    # Dates-first entries: the last bullet of one role sits just above the next role's range,
    # but it is indented past it, so it is never a header.
    entries = _exp([
        _ln("2019-04 - Present", 1, 720, x=40),
        _ln("Data Analyst, Ferncliff Dairy Co.", 1, 706, x=40),
        _ln("• Built the weekly sales report, Finance team", 1, 692, x=60),
        _ln("2016-01 - 2019-03", 1, 678, x=40),
        _ln("Junior Analyst, Ferncliff Dairy Co.", 1, 664, x=40),
    ])
    assert len(entries) == 2 and all(e["company"] == "Ferncliff Dairy Co." for e in entries)


def test_a_firm_named_by_a_plural_profession_is_the_employer() -> None:
    entries = _exp([
        _ln("Audit Senior, Marrowby & Finch Accountants", 1, 700, bold=True),
        _ln("2016-10 - 2019-08", 1, 686),
        _ln("Tax Associate, Quaystone Solicitors", 1, 650, bold=True),
        _ln("2014-09 - 2016-09", 1, 636),
    ])
    assert [(e["title"], e["company"]) for e in entries] == [
        ("Audit Senior", "Marrowby & Finch Accountants"), ("Tax Associate", "Quaystone Solicitors")]


def test_a_department_before_the_organisation_is_its_unit() -> None:
    entries = _exp([
        _ln("Charge Nurse, Emergency Department, Westbrook General Hospital", 1, 700, bold=True),
        _ln("2020-04 - Present", 1, 686),
    ])
    assert entries[0]["company"] == "Westbrook General Hospital"
    assert entries[0]["unit"] == "Emergency Department"


def test_an_icon_before_a_header_whose_employer_has_no_legal_form() -> None:
    entries = _exp([
        _ln("• Front Office Manager, Pousada Cais do Sodré", 1, 700, x=108),
        _ln("Mar, 2019 - Present", 1, 686, x=115),
        _ln("Ran the night desk for a 40-room guesthouse.", 1, 672, x=115),
    ])
    assert [(e["title"], e["company"]) for e in entries] == [("Front Office Manager", "Pousada Cais do Sodré")]


def test_indented_bullets_are_no_new_column() -> None:
    # The reader numbers the indented bullets as a column of their own; they are still the entry's.
    lines = [
        _ln("Odalys Ferreira-Kahn", 1, 800, size=22), _ln("odalys.fk@example.com", 1, 780),
        _ln("Work", 1, 740, size=13, bold=True),
        _ln("Brightwater Dental Group", 1, 720, bold=True),
        _ln("Dental Hygienist\t2018-02 - Present", 1, 706),
        _ln("Ran the recall programme for 1,800 patients across two surgeries", 1, 692),
        _ln("Cut missed appointments by a third", 1, 678, column=1, x=70),
        _ln("Trained four new hygienists", 1, 664, column=1, x=70),
    ]
    for i, ln in enumerate(lines):
        ln.index = i
    owner = {ln.text: s.key for s in split_sections(lines) for ln in s.lines}
    assert owner["Cut missed appointments by a third"] == "experience"
    assert owner["Trained four new hygienists"] == "experience"


def test_a_bilingual_name_before_a_comma_and_headline() -> None:
    from candidates.parsing.names import find_name
    ln = Line(text="Okafor Meiling 王美玲, Clinical Data Manager", bbox=(60, 800, 360, 816), size=15, index=0)
    rest = [Line(text="meiling.okafor@example.com", bbox=(60, 780, 220, 790), size=9, index=1)]
    name, line, _ = find_name([ln] + rest, 2)
    assert name == "Okafor Meiling"
    assert name_alternates(line, name) == ["王美玲"]
