"""Skill groups however a layout sets them (issue 12, round 3): groups titled by their category
with no "Skills" title above them, category titles indented under Skills, credentials listed among
the skills, sub-columns of items wrapped in narrow cells, compound items with a slash, spoken
languages listed as skills.

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
from candidates.parsing.profile import build_profile
from candidates.parsing.sections import split_sections


def _chars(text: str, x: float, y: float, size: float = 10.0, bold: bool = False, gap: float | None = None) -> list[tuple]:
    """Glyphs of ``text`` from ``x`` on baseline ``y``, half an em each; a space glyph between words,
    the next word starting ``gap`` points on (a third of an em unless told)."""
    out: list[tuple] = []
    w = 0.5 * size
    space = 0.33 * size if gap is None else gap
    for k, word in enumerate(text.split(" ")):
        if k:
            out.append((x, y, x + 0.25 * size, y + size, " ", size, bold))
            x += space
        for ch in word:
            out.append((x, y, x + w, y + size, ch, size, bold))
            x += w
    return out


def _chips(items: list[str], x: float, y: float, size: float = 9.6) -> list[tuple]:
    """Boxed chips: words inside a box a normal space apart, boxes 0.62 em apart (under twice the
    page's usual space)."""
    out: list[tuple] = []
    for item in items:
        drawn = _chars(item, x, y, size)
        out += drawn
        x = drawn[-1][2] + 0.62 * size
    return out


def _profile(chars: list[tuple]) -> dict:
    lines = build_lines(chars, 1, 595, 842)
    for i, ln in enumerate(lines):
        ln.index = i
    return build_profile(Document(kind="pdf", lines=lines))


def _sidebar_page() -> list[tuple]:
    """A sidebar whose groups are titled only by their category ("Pharmacy", "Certifications",
    "Systems"), set like the page's section titles, items as chips; the main column on the right."""
    c = _chars("Ilse Vandermeer", 25, 780, size=28)
    c += _chars("Hospital Pharmacist", 25, 762, size=12)
    y = 730.0
    c += _chars("About", 25, y, size=10.5)
    for i, t in enumerate(["Utrecht NL", "ilse.vandermeer@example.org", "+31 6 2055 0143"]):
        c += _chars(t, 29, y - 22 - 14 * i, size=9)
    y = 640.0
    for title, rows in (("Pharmacy", [["Aseptic compounding", "Dispensing"], ["Medication review"]]),
                        ("Certifications", [["BLS", "IPC"]]), ("Systems", [["Medimo", "Pharmacom"]]),
                        # One chip a line, no name we know: set like its neighbours, so a group too.
                        ("Ward work", [["Discharge planning"], ["Ward rounds"]]),
                        ("Languages", [["Go", "Python", "Bash"]])):
        c += _chars(title, 25, y, size=10.5)
        y -= 26
        for row in rows:
            c += _chips(row, 28, y)
            y -= 16
        y -= 14
    x, y = 190.0, 730.0
    c += _chars("Summary", x, y, size=10.5)
    c += _chars("Hospital pharmacist with nine years on surgical and oncology wards.", x, y - 20, size=8.25)
    c += _chars("Experience", x, y - 50, size=10.5)
    body = [("Sint Anna Ziekenhuis", 10.5, True, "03/2019 - Present"), ("Clinical Pharmacist", 9, False, ""),
            ("Ran the medication reviews of the surgical wards.", 8.25, False, ""),
            ("Cut dispensing errors by a third with barcode checks.", 8.25, False, ""),
            ("Trained the ward nurses on the new infusion pumps and their drug libraries.", 8.25, False, ""),
            ("Chaired the antimicrobial stewardship meeting every month for three years.", 8.25, False, ""),
            ("Wrote the ward's guidance on crushing tablets for patients with feeding tubes.", 8.25, False, ""),
            ("Apotheek Centraal", 10.5, True, "06/2015 - 02/2019"), ("Pharmacist", 9, False, ""),
            ("Prepared chemotherapy in the clean room.", 8.25, False, ""),
            ("Checked the prescriptions of two oncology wards and their outpatient clinic.", 8.25, False, ""),
            ("Kept the controlled drugs register and its monthly audit in order.", 8.25, False, "")]
    y -= 76
    for text, size, bold, dates in body:
        c += _chars(text, x, y, size=size, bold=bold)
        if dates:
            c += _chars(dates, 480, y, size=size)
        y -= 13
    c += _chars("Education", x, y - 20, size=10.5)
    c += _chars("Utrecht University", x, y - 46, size=10.5, bold=True) + _chars("09/2009 - 07/2015", 480, y - 46, size=10.5)
    c += _chars("Master of Pharmacy", x, y - 59, size=9)
    return c


def test_boxes_a_little_wider_apart_than_a_space_are_chips() -> None:
    lines = build_lines(_sidebar_page(), 1, 595, 842)
    chips = next(ln for ln in lines if ln.text.startswith("Aseptic"))
    assert chips.cells == ("Aseptic compounding", "Dispensing")


def test_groups_titled_by_their_category_are_skills() -> None:
    p = _profile(_sidebar_page())
    for s in ("Aseptic compounding", "Dispensing", "Medication review", "BLS", "IPC", "Medimo", "Pharmacom",
              "Discharge planning", "Ward rounds", "Go", "Python", "Bash"):
        assert s in p["skills"], (s, p["skills"])
    assert not {"Pharmacy", "Systems", "Certifications"} & set(p["skills"])
    assert p["skills_inferred"] == []
    assert [e["company"] for e in p["experience"]] == ["Sint Anna Ziekenhuis", "Apotheek Centraal"]


def test_a_title_we_do_not_know_over_sentences_is_no_skills_group() -> None:
    chars = _sidebar_page()
    chars += _chars("Volunteering abroad", 25, 300, size=10.5)
    chars += _chars("Ran a pharmacy stall at a", 28, 280, size=9.6)
    chars += _chars("refugee camp for two summers.", 28, 268, size=9.6)
    p = _profile(chars)
    assert not any("refugee" in s or "stall" in s for s in p["skills"]), p["skills"]


def test_spoken_languages_listed_under_skills_are_skills_and_languages() -> None:
    from candidates.parsing import parse

    p = parse("Tomasz Wierzbicki\ntomasz.w@example.pl\n\nSKILLS\nClinical data: Medidata Rave, MedDRA coding\n"
              "Languages: Polish, German\n".encode())
    for s in ("Medidata Rave", "MedDRA coding", "Polish", "German"):
        assert s in p["skills"], (s, p["skills"])
    assert {"Polish", "German"} <= set(p["languages"]), p["languages"]


def _ln(text: str, x: float, y: float, size: float = 10.0, bold: bool = False, page: int = 1, column: int = 0,
        cells: tuple[str, ...] = ()) -> Line:
    return Line(text=text, page=page, bbox=(x, y, x + 0.5 * size * len(text), y + size), size=size, bold=bold,
                column=column, cells=cells)


def _owners(lines: list[Line]) -> dict[str, str]:
    for i, ln in enumerate(lines):
        ln.index = i
    return {ln.text: s.key for s in split_sections(lines) for ln in s.lines}


def test_known_titles_indented_to_the_sections_content_are_its_categories() -> None:
    # Section titles at x=85; a job's lines and the skill categories indented under them.
    lines = [
        _ln("Anouk Terpstra", 200, 800, size=14, bold=True), _ln("anouk.terpstra@example.nl", 200, 780),
        _ln("Work Experience", 85, 700, size=12, bold=True),
        _ln("Maths Teacher, Zuiderpark College", 115, 680), _ln("Sep, 2016 - Present", 115, 666),
        _ln("Taught algebra and statistics to the upper years.", 145, 650, size=12),
        _ln("Skills", 85, 600, size=12, bold=True),
        _ln("Teaching", 127, 580, size=12, bold=True),
        _ln("Lesson planning Differentiation", 131, 560, cells=("Lesson planning", "Differentiation")),
        _ln("Certifications", 127, 530, size=12, bold=True),
        _ln("First Aid", 131, 510),
        _ln("Research", 127, 490, size=12, bold=True),
        _ln("Classroom observation", 131, 470),
        _ln("Education", 85, 420, size=12, bold=True),
        _ln("Mathematics, Bachelor of Education, Hogeschool Delfland", 115, 400),
    ]
    owner = _owners(lines)
    for text in ("Teaching", "Lesson planning Differentiation", "Certifications", "First Aid", "Research",
                 "Classroom observation"):
        assert owner[text] == "skills", (text, owner[text])
    assert owner["Mathematics, Bachelor of Education, Hogeschool Delfland"] == "education"
    p = build_profile(Document(kind="pdf", lines=lines))
    for s in ("Lesson planning", "Differentiation", "First Aid", "Classroom observation"):
        assert s in p["skills"], (s, p["skills"])


def test_a_known_title_set_as_plain_body_text_under_styled_titles_is_a_category() -> None:
    # Titles in 12.6 pt capitals; "Certifications" in the items' own 10.5 pt, like its sibling "Trade".
    lines = [
        _ln("Rafferty Osei", 22, 800, size=30), _ln("rafferty.osei@example.ca", 22, 760, size=10.5),
        _ln("TECHNICAL SKILLS", 22, 640, size=12.6),
        _ln("Trade", 22, 622, size=10.5), _ln("Cable pulling, Panel upgrades", 22, 608, size=10.5),
        _ln("Certifications", 22, 575, size=10.5), _ln("Red Seal, Working at heights", 22, 560, size=10.5),
        _ln("EDUCATION", 22, 500, size=12.6), _ln("Diploma in Electrical Technology", 22, 484, size=10.5),
        _ln("at Lakeview Polytechnic", 22, 470, size=10.5),
        _ln("EMPLOYMENT", 220, 640, size=12.6, column=1),
        _ln("Brightline Electric Ltd\tJourneyman", 220, 620, size=10.5, column=1),
        _ln("Apr 2019 - Present", 480, 606, size=10.5, column=1),
        _ln("Wired the new wing of a hospital to code.", 232, 590, size=10.5, column=1),
        _ln("Pulled cable for two data centres on night shifts.", 232, 576, size=10.5, column=1),
        _ln("Trained three apprentices on conduit work.", 232, 562, size=10.5, column=1),
    ]
    owner = _owners(lines)
    assert owner["Red Seal, Working at heights"] == "skills"
    p = build_profile(Document(kind="pdf", lines=lines))
    for s in ("Cable pulling", "Panel upgrades", "Red Seal", "Working at heights"):
        assert s in p["skills"], (s, p["skills"])


def test_a_credentials_category_line_under_skills_stays_in_skills() -> None:
    from candidates.parsing import parse
    from candidates.parsing.readers.txt import read_txt

    text = ("Saoirse Lennon\nsaoirse.lennon@example.ie\n\nSKILLS\nClinical: Cannulation, Sepsis screening\n"
            "Certifications: Manual handling trainer, Tissue viability link nurse\nSystems: Cerner, Omnicell\n\n"
            "EDUCATION\nDublin Harbour University, BSc Nursing, 2010 - 2014\n").encode()
    keys = [s.key for s in split_sections(read_txt(text).lines)]
    assert keys == ["header", "skills", "education"], keys
    p = parse(text)
    for s in ("Cannulation", "Sepsis screening", "Manual handling trainer", "Tissue viability link nurse", "Cerner",
              "Omnicell"):
        assert s in p["skills"], (s, p["skills"])


def test_a_slash_inside_one_item_keeps_it_whole() -> None:
    from candidates.parsing import parse

    p = parse("Idris Kovacs\nidris.kovacs@example.hu\n\nSKILLS\nSafety: Lockout/tagout, Confined space entry\n"
              "Tools: SAP FI/CO, Power BI, Python/Go\n".encode())
    for s in ("Lockout/tagout", "SAP FI/CO", "Confined space entry", "Power BI", "Python", "Go"):
        assert s in [m["text"] for m in p["skill_mentions"]], (s, p["skill_mentions"])
    assert "tagout" not in p["skills"] and "Lockout" not in p["skills"]


def test_a_title_alone_at_the_foot_of_a_page_in_another_column_owns_the_next_page() -> None:
    # "Skills" is the last thing on page 1, set in the right half; page 2 starts at the left margin.
    lines = [
        _ln("Ingrid Halvorsen", 37, 780, size=22, bold=True), _ln("ingrid.h@example.net", 37, 760),
        _ln("Work", 37, 500, size=16, bold=True), _ln("Fjordvik Harbour Trust", 37, 480, size=12.6, bold=True),
        _ln("Pilot\t2016-04 - Present", 37, 460),
        _ln("Education", 37, 80, size=16, bold=True), _ln("Nordkapp Maritime College\t2011-09 - 2015-05", 37, 56),
        _ln("Skills", 350, 40, size=16, bold=True, column=2),
        _ln("Seamanship", 37, 800, page=2), _ln("Radar plotting", 67, 780, page=2), _ln("Tug handling", 67, 768, page=2),
    ]
    owner = _owners(lines)
    assert owner["Radar plotting"] == "skills" and owner["Tug handling"] == "skills"
    p = build_profile(Document(kind="pdf", lines=lines))
    assert {"Radar plotting", "Tug handling"} <= set(p["skills"]), p["skills"]
    assert [e["institution"] for e in p["education"]] == ["Nordkapp Maritime College"]


def _grid_chars() -> list[tuple]:
    """Skill categories side by side in narrow sub-columns under a Skills title in the right half:
    category names at x=350 and x=455, their items indented 25 pt, wrapped inside the sub-column."""
    c = _chars("Ingrid Halvorsen", 37, 780, size=22, bold=True) + _chars("ingrid.h@example.net", 37, 760)
    c += _chars("Work", 37, 720, size=16, bold=True)
    y = 700.0
    for text in ("Fjordvik Harbour Trust", "Pilot", "Brought tankers into the inner harbour at night.",
                 "Trained four junior pilots on the new tug fleet.", "Kept the tide tables for the port office.",
                 "Ran the winter storm drills with the coastguard."):
        c += _chars(text, 37, y, size=10.8)
        y -= 14
    c += _chars("2016-04 - Present", 250, 686, size=10.8)
    c += _chars("Skills", 350, 560, size=16, bold=True)
    c += _chars("Navigation", 350, 534, size=10.8) + _chars("Safety", 455, 534, size=10.8)
    left = ["Radar", "plotting", "Chart work", "ECDIS", "Pilotage", "Tidal", "planning"]
    right = ["Fire", "fighting", "GMDSS"]
    for k, text in enumerate(left):
        c += _chars(text, 380, 510 - 12 * k, size=10.8)
    for k, text in enumerate(right):
        c += _chars(text, 480, 510 - 12 * k, size=10.8)
    return c


def test_sub_columns_of_skills_are_read_one_by_one_and_wrapped_items_joined() -> None:
    p = _profile(_grid_chars())
    for s in ("Radar plotting", "Chart work", "ECDIS", "Pilotage", "Tidal planning", "Fire fighting", "GMDSS"):
        assert s in p["skills"], (s, p["skills"])
    for s in ("Navigation", "Safety", "Radar", "plotting", "Fire", "fighting", "Tidal", "planning"):
        assert s not in p["skills"], (s, p["skills"])


def test_a_lower_case_item_that_fits_on_the_line_above_is_its_own_item() -> None:
    lines = [
        _ln("Ingrid Halvorsen", 37, 780, size=22, bold=True), _ln("ingrid.h@example.net", 37, 760),
        _ln("Skills", 37, 700, size=16, bold=True),
        _ln("Python libraries and frameworks for the data team", 37, 680),
        _ln("NumPy", 37, 666), _ln("pandas", 37, 652), _ln("scikit-learn", 37, 638),
    ]
    for i, ln in enumerate(lines):
        ln.index = i
    p = build_profile(Document(kind="pdf", lines=lines))
    assert {"NumPy", "Pandas", "scikit-learn"} <= set(p["skills"]), p["skills"]


def test_category_titles_set_apart_from_their_items_are_no_skills() -> None:
    from candidates.parsing import parse

    # Bold and a size larger than the items, or a lone word over a list of items.
    lines = [
        _ln("Ingrid Halvorsen", 37, 780, size=22, bold=True), _ln("ingrid.h@example.net", 37, 760),
        _ln("Skills", 85, 700, size=12, bold=True),
        _ln("Seamanship", 127, 680, size=12, bold=True), _ln("Radar plotting Tug handling", 131, 664, size=10.8,
                                                           cells=("Radar plotting", "Tug handling")),
        _ln("Navigation\tSafety", 127, 640, size=11.2), _ln("ECDIS · Pilotage\tFire fighting · GMDSS", 127, 626, size=9.75),
    ]
    for i, ln in enumerate(lines):
        ln.index = i
    p = build_profile(Document(kind="pdf", lines=lines))
    assert {"Radar plotting", "Tug handling", "ECDIS", "Pilotage", "Fire fighting", "GMDSS"} <= set(p["skills"]), p["skills"]
    assert not {"Seamanship", "Navigation", "Safety"} & set(p["skills"]), p["skills"]
    p = parse("Ingrid Halvorsen\ningrid.h@example.net\n\nTECHNICAL SKILLS\nSeamanship\nRadar plotting, Tug handling,\n"
              "Chart work\nSafety\nFire fighting, GMDSS\n".encode())
    assert {"Radar plotting", "Tug handling", "Chart work", "Fire fighting", "GMDSS"} <= set(p["skills"]), p["skills"]
    assert not {"Seamanship", "Safety"} & set(p["skills"]), p["skills"]
    p = parse("Ingrid Halvorsen\ningrid.h@example.net\n\nSKILLS\nRadar plotting, Tug handling,\nChart work\n"
              "Fire fighting, GMDSS\n".encode())
    assert {"Radar plotting", "Tug handling", "Chart work", "Fire fighting", "GMDSS"} <= set(p["skills"]), p["skills"]


def test_a_column_the_reader_comes_back_to_keeps_its_section() -> None:
    # The reader reads a band of the right column (a phone number beside the e-mail, far above)
    # after the "Work" title, then comes back to the left column below that title.
    lines = [
        _ln("Liang Haoran", 37, 780, size=21.6, bold=True),
        _ln("Contact", 37, 655, size=12.6, bold=True), _ln("Email\tliang.h@example.com\tPhone", 37, 626, size=10.8),
        _ln("Work", 37, 464, size=16.2, bold=True),
        _ln("+86 150 2188 0000", 358, 627, size=10.8, column=1),
        _ln("Pudong Trial Services Co., Ltd.", 37, 429, size=12.6, bold=True),
        _ln("Senior Clinical Data Manager\t2020-08 - Present", 37, 403, size=10.8),
        _ln("Wrote the edit-check specification template", 67, 379, size=10.8),
        _ln("Education", 37, 257, size=16.2, bold=True), _ln("Riverside Medical University\t2015-09 - 2017-06", 37, 229),
    ]
    owner = _owners(lines)
    assert owner["Pudong Trial Services Co., Ltd."] == "experience"
    assert owner["Senior Clinical Data Manager\t2020-08 - Present"] == "experience"
    p = build_profile(Document(kind="pdf", lines=lines))
    assert [(e["company"], e["start"]) for e in p["experience"]] == [("Pudong Trial Services Co., Ltd.", "2020-08")]
    assert p["phones"] == ["+8615021880000"]


def test_a_sidebar_whose_titles_are_all_plain_keeps_them() -> None:
    # Main column titles in 14 pt bold; the right sidebar's titles in the body's own size (set apart
    # only by colour, which the reader does not see).
    lines = [
        _ln("Oona Vikstrom", 40, 800, size=24, bold=True),
        _ln("Experience", 40, 740, size=14, bold=True),
        _ln("Kettle Bay Ferries\t2018 - Present", 40, 720), _ln("Deck Officer", 40, 706),
        _ln("Kept the watch rota for a crew of twelve.", 40, 692),
        _ln("Education", 40, 650, size=14, bold=True), _ln("Saltholm Maritime Academy\t2014 - 2018", 40, 630),
        _ln("Skills", 400, 740, column=1), _ln("Radar plotting, Mooring", 400, 726, column=1),
        _ln("Languages", 400, 690, column=1), _ln("Swedish, Finnish", 400, 676, column=1),
    ]
    owner = _owners(lines)
    assert owner["Radar plotting, Mooring"] == "skills" and owner["Swedish, Finnish"] == "languages"


def test_word_paragraphs_of_one_item_each_under_category_titles_are_skills() -> None:
    # A sidebar saved as Word: each chip its own "Heading 6" paragraph under a "Heading 3" category
    # title, no Skills title anywhere, and no item a skill we know.
    lines = [Line(text=t, style=st, size=sz, index=i) for i, (t, st, sz) in enumerate([
        ("Ilse Vandermeer", "Heading 1", 30), ("Hospital Pharmacist", "Heading 2", 12),
        ("About", "Heading 3", 10.5), ("Utrecht NL", "Heading 6", 7.5), ("ilse.v@example.org", "Heading 6", 7.5),
        ("Pharmacy", "Heading 3", 10.5), ("Aseptic compounding", "Heading 6", 7.5), ("Dispensing", "Heading 6", 7.5),
        ("Certifications", "Heading 3", 10.5), ("GPhC registration", "Heading 6", 7.5),
        ("Summary", "Heading 3", 10.5), ("Hospital pharmacist on surgical wards.", "Body Text", 8.5),
        ("Experience", "Heading 3", 10.5), ("Sint Anna Ziekenhuis", "Heading 3", 10.5),
        ("03/2019 - Present", "Heading 5", 8.5), ("Clinical Pharmacist", "Heading 4", 9),
        ("Ran the medication reviews of the surgical wards.", "Body Text", 8.5),
    ])]
    p = build_profile(Document(kind="docx", lines=lines))
    for s in ("Aseptic compounding", "Dispensing", "GPhC registration"):
        assert s in p["skills"], (s, p["skills"])
    assert "Utrecht NL" not in p["skills"]
