"""Where layouts put the name: after a sidebar of skills whose titles are big too, stacked a word a
line in a narrow column below a section printed before it, or with the headline after a comma.

Every person here is invented.
"""

from __future__ import annotations

from candidates.parsing.model import Document, Line
from candidates.parsing.profile import build_profile


def _line(i: int, text: str, size: float, y: float, x: float = 60, column: int = 0, bold: bool = False) -> Line:
    return Line(text=text, bbox=(x, y, x + 0.5 * size * len(text), y + size), size=size, bold=bold,
                column=column, index=i)


def _doc(rows: list[tuple]) -> Document:
    return Document(kind="pdf", lines=[_line(i, *row) for i, row in enumerate(rows)], links=[])


_SIDEBAR = [("Skills", 15, 800, 20, 0, True), ("Clinical", 7.2, 780, 24, 0, True), ("Triage", 6, 770, 36),
            ("Wound care", 6, 760, 36), ("Phlebotomy", 6, 750, 36)]


def test_a_name_below_a_skills_sidebar_is_no_skill_and_is_the_name() -> None:
    prof = build_profile(_doc(_SIDEBAR + [
        ("Rosalind Achterberg", 24, 700, 20, 0, True), ("rosalind.a@example.org", 8, 680, 20),
        ("Experience", 15, 640, 20, 0, True), ("Staff Nurse", 9, 620, 20, 0, True),
        ("Fernhollow Community Hospital", 8, 608, 20), ("2019 – 2023", 8, 596, 20),
    ]))
    assert prof["name"] == "Rosalind Achterberg"


def test_a_name_stacked_a_word_a_line_after_a_bigger_section_title() -> None:
    # The sidebar's section titles come first in reading order and are big; the name is bigger.
    prof = build_profile(_doc(_SIDEBAR + [
        ("Rosalind", 36, 800, 220, 1, True), ("ACHTERBERG-", 36, 764, 220, 1, True), ("VOSS", 36, 728, 220, 1, True),
        ("rosalind.a@example.org", 8, 700, 220, 1), ("Experience", 15, 660, 220, 1, True),
        ("Staff Nurse", 9, 640, 220, 1, True), ("Fernhollow Community Hospital", 8, 628, 220, 1),
        ("2019 – 2023", 8, 616, 220, 1),
    ]))
    assert prof["name"] == "Rosalind Achterberg-Voss"


def test_a_name_then_a_comma_and_the_headline_is_the_name_alone() -> None:
    prof = build_profile(_doc([
        ("Rosalind Achterberg, Community Psychiatric Nurse", 15, 800, 36),
        ("rosalind.a@example.org | +44 7700 900123", 9.8, 785, 36), ("Experience", 12, 760, 36, 0, True),
        ("Staff Nurse", 9.8, 740, 36, 0, True), ("Fernhollow Community Hospital", 9.8, 728, 36),
        ("2019 – 2023", 9.8, 716, 36),
    ]))
    assert prof["name"] == "Rosalind Achterberg"


def test_a_word_document_s_name_after_a_sidebar_list_is_found_by_its_size() -> None:
    # A DOCX carries no geometry and sizes only where a run sets one: the sidebar's title and the name.
    rows = [("Skills", 18.0, True), ("Triage", None, False), ("Wound care", None, False), ("Phlebotomy", None, False),
            ("Catheter care", None, False), ("Sepsis screening", None, False), ("Discharge planning", None, False),
            ("Rosalind ACHTERBERG", 24.0, True), ("rosalind.a@example.org", None, False)]
    lines = [Line(text=t, size=s, bold=b, index=i) for i, (t, s, b) in enumerate(rows)]
    prof = build_profile(Document(kind="docx", lines=lines, links=[]))
    assert prof["name"] == "Rosalind Achterberg"


def test_the_biggest_text_is_the_name_however_far_down_a_sidebar_pushed_it() -> None:
    rows = _SIDEBAR + [(f"Skill number {k}", 6, 740 - 14 * k, 36) for k in range(1, 20)] + [
        ("蒋梓涵", 24, 420, 20, 0, False), ("139-5550-2876", 8, 400, 20), ("Experience", 15, 360, 20, 0, True),
        ("Staff Nurse", 9, 340, 20, 0, True), ("Fernhollow Community Hospital", 8, 328, 20), ("2019 – 2023", 8, 316, 20)]
    assert build_profile(_doc(rows))["name"] == "蒋梓涵"


def test_the_contact_block_under_a_name_after_a_sidebar_is_no_skill() -> None:
    prof = build_profile(_doc(_SIDEBAR + [
        ("Rosalind Achterberg", 24, 700, 20, 0, True), ("Hamilton, (NZ)", 8, 684, 20), ("rosalind-achterberg", 8, 672, 20),
        ("Experience", 15, 640, 20, 0, True), ("Staff Nurse", 9, 620, 20, 0, True),
        ("Fernhollow Community Hospital", 8, 608, 20), ("2019 – 2023", 8, 596, 20),
    ]))
    assert prof["skills"] == ["Triage", "Wound care", "Phlebotomy"]


def test_titles_set_smaller_than_the_text_keep_their_entries() -> None:
    # Only display text (the name) ends a section; here every line is bigger than the titles.
    prof = build_profile(_doc([
        ("Rosalind Achterberg", 22.5, 800, 42), ("rosalind.a@example.org", 10.5, 780, 42),
        ("WORK EXPERIENCE", 9, 750, 42, 0, True), ("Staff Nurse", 11.2, 730, 42, 0, True),
        ("Fernhollow Community Hospital", 10.5, 716, 42), ("2019 – 2023", 10.5, 702, 42),
        ("Ran the night shift of a 30-bed surgical ward.", 10.5, 688, 42),
    ]))
    assert [(e["company"], e["title"]) for e in prof["experience"]] == [("Fernhollow Community Hospital", "Staff Nurse")]
