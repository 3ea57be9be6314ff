"""Classes of failure found on the widened builders set (RenderCV Typst themes, LibreOffice DOCX
and PDF exports, Word heading styles): entries laid out by geometry the reading order alone does
not explain.

Every person, employer and school here is invented.
"""

from __future__ import annotations

import re
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


def test_a_header_ending_on_a_legal_form_is_no_sentence() -> None:
    # "… Ltd." ends on an abbreviation's dot: the line is a header, not a description sentence.
    entries = _exp([
        _ln("Journeyman Glazier at Brackwater Glass & Glazing Ltd.", 700, x=200, bold=True),
        _ln("2018-05 TO PRESENT", 686, x=40, size=6.4, bold=True),
        _ln("Fitted curtain walling on four office blocks.", 688, x=200),
    ])
    assert [(e["company"], e["title"], e["start"]) for e in entries] == [
        ("Brackwater Glass & Glazing Ltd.", "Journeyman Glazier", "2018-05")]


def test_where_entries_open_on_their_range_the_line_above_a_range_is_body() -> None:
    # Dates first, then "Title at Company": the last highlight of one role sits just above the
    # next role's range, and a capitalised highlight is no header for it (no geometry: DOCX).
    lines = [Line(text=t) for t in (
        "2019-03 to Present", "Site Foreman at Pellow Civil Works",
        "Ran the drainage crews on the bypass", "Mentor two apprentices",
        "2015-06 to 2019-02", "Groundworker at Tremlett & Sons",
        "Laid kerbs and ducts")]
    entries = _exp(lines)
    assert [(e["company"], e["title"], e["start"]) for e in entries] == [
        ("Pellow Civil Works", "Site Foreman", "2019-03"), ("Tremlett & Sons", "Groundworker", "2015-06")]
    assert "Mentor two apprentices" in " ".join(entries[0]["highlights"])


def test_title_at_a_chinese_company() -> None:
    entries = _exp([Line(text="2019-07 TO 2021-02\t测试工程师 at 青禾软件有限公司"), Line(text="编写自动化测试用例。")])
    assert [(e["company"], e["title"]) for e in entries] == [("青禾软件有限公司", "测试工程师")]


def test_a_long_line_of_lower_case_words_is_a_sentence() -> None:
    # No verb we know opens it, but a header's words are capitalised and this one's are not.
    from candidates.parsing.entries import is_prose
    assert is_prose("Rewrote the prep lists for the grill station in Kotlin")
    assert not is_prose("Senior Vice President of Sales and Marketing at Harwick Foods")
    assert not is_prose("Head of Pastry and Bread, Lantern Bakehouse Group, Leeds")


def test_an_undated_line_under_a_role_is_no_role_of_the_same_company() -> None:
    # "Summer placement." under the last role reads as a title; with its full stop dropped as a
    # fragment, what is left is the company copied from the role above: no entry of its own.
    lines = [Line(text=t) for t in (
        "2018-07 to 2020-09", "Junior Developer at Ostrava Ledger",
        "2017-07 to 2017-09", "Developer Intern at Ostrava Ledger", "Summer internship.")]
    entries = _exp(lines)
    assert [(e["company"], e["title"]) for e in entries] == [
        ("Ostrava Ledger", "Junior Developer"), ("Ostrava Ledger", "Developer Intern")]


def test_a_school_no_word_names_is_the_entrys_name_line() -> None:
    # "Centre", "Guild", "Conservatorium": schools are named in more ways than a word list holds.
    # The entry's one line that is a name is where it was studied, above or below the degree.
    for lines in (["Brockwell Joinery Guild\t2010", "Advanced Certificate, Carpentry"],
                  ["Advanced Certificate in Carpentry", "Brockwell Joinery Guild", "Sept 2008 – May 2010"],
                  ["Advanced Certificate Carpentry at Brockwell Joinery Guild"]):
        entries = _edu([Line(text=t) for t in lines])
        assert [(e["institution"], e["degree"]) for e in entries] == [("Brockwell Joinery Guild", "Advanced Certificate")], lines


def test_two_schools_no_word_names_are_two_entries() -> None:
    entries = _edu([Line(text=t) for t in (
        "Brockwell Joinery Guild", "Advanced Certificate, Carpentry\t2008 – 2010",
        "Tamsin Row Trade Hall", "Diploma, Site Management\t2011 – 2012")])
    assert [(e["institution"], e["degree"], e["start"]) for e in entries] == [
        ("Brockwell Joinery Guild", "Advanced Certificate", "2008"), ("Tamsin Row Trade Hall", "Diploma", "2011")]


def test_entries_of_a_section_follow_the_first_ones_template() -> None:
    # The role on the dated line, the employer under it. "Farrier" and "Locum Farrier" hold no
    # job word we know; the first entry, whose title we do know, shows where the role stands.
    entries = _exp([
        _ln("Lead Farrier\tJune 2021 – present", 700),
        _ln("Ashcombe Equine Practice", 687),
        _ln("◦ Shod forty horses a week", 674, x=72),
        _ln("Farrier\tJan 2018 – May 2021", 655),
        _ln("Ashcombe Equine Practice", 642),
        _ln("◦ Ran the remedial shoeing clinic", 629, x=72),
        _ln("Locum Farrier\tMay 2014 – Dec 2017", 610),
        _ln("Dunmere Stables", 597),
    ])
    assert [(e["company"], e["title"]) for e in entries] == [
        ("Ashcombe Equine Practice", "Lead Farrier"), ("Ashcombe Equine Practice", "Farrier"),
        ("Dunmere Stables", "Locum Farrier")]


def test_the_template_holds_by_line_place_without_geometry() -> None:
    # A DOCX from a web page: range, role, employer, each on a line of its own.
    entries = _exp([Line(text=t) for t in (
        "Jun 2021 - Current", "Head Farrier", "Ashcombe Equine Practice", "Shod forty horses a week.",
        "Jan 2018 - May 2021", "Farrier", "Ashcombe Equine Practice", "Ran the remedial shoeing clinic.",
        "May 2014 - Dec 2017", "Locum Farrier", "Dunmere Stables")])
    assert [(e["company"], e["title"]) for e in entries] == [
        ("Ashcombe Equine Practice", "Head Farrier"), ("Ashcombe Equine Practice", "Farrier"),
        ("Dunmere Stables", "Locum Farrier")]


def test_a_role_with_its_ward_over_the_employer() -> None:
    entries = _exp([Line(text=t) for t in (
        "Apr 2020 - Current", "Charge Nurse, Cardiology Department", "Harrowgate Royal Hospital",
        "Led the night shift.", "Jun 2015 - Mar 2020", "Staff Nurse", "Harrowgate Royal Hospital")])
    assert [(e["company"], e["title"]) for e in entries] == [
        ("Harrowgate Royal Hospital", "Charge Nurse, Cardiology Department"), ("Harrowgate Royal Hospital", "Staff Nurse")]


def test_the_template_holds_under_a_group_heading() -> None:
    # Word: the employer with its whole range, then each role with its own; "Farrier" is no job
    # word we know, and under the heading it stands where a single entry's role stands.
    entries = _exp([Line(text=t) for t in (
        "Dunmere Stables", "Head Groom\tSep 2019 – Present", "Ran the yard.",
        "Ashcombe Equine Practice\tSep 2014 – Aug 2019", "Farrier\tOct 2016 – Aug 2019", "Shod the hunters.",
        "Apprentice Farrier\tSep 2014 – Sep 2016")])
    assert [(e["company"], e["title"], e["start"]) for e in entries] == [
        ("Dunmere Stables", "Head Groom", "2019-09"), ("Ashcombe Equine Practice", "Farrier", "2016-10"),
        ("Ashcombe Equine Practice", "Apprentice Farrier", "2014-09")]


def test_roles_within_a_group_headings_range_are_roles_with_their_units() -> None:
    # The employer once with its whole range; each role with its own range and its unit under it.
    # "Senior Registrar" and "Registrar" hold no job word we know: the range places them.
    entries = _exp([Line(text=t) for t in (
        "Brackwater Royal Infirmary\tSep 2012 – Present", "Consultant Physician\tJun 2020 – Present",
        "Acute Medical Unit", "Led the ambulatory care pathway.", "Senior Registrar\tJan 2016 – May 2020",
        "Respiratory Medicine", "Ran the pleural clinic.", "Registrar\tSep 2012 – Dec 2015",
        "General Medicine")])
    assert [(e["company"], e["title"], e["unit"]) for e in entries] == [
        ("Brackwater Royal Infirmary", "Consultant Physician", "Acute Medical Unit"),
        ("Brackwater Royal Infirmary", "Senior Registrar", "Respiratory Medicine"),
        ("Brackwater Royal Infirmary", "Registrar", "General Medicine")]


def test_an_icon_before_a_header_ending_on_a_legal_form_is_no_bullet() -> None:
    entries = _exp([
        _ln("• Site Electrician, Brackwater Power Ltd.", 700, x=108, size=12),
        _ln("May, 2018 - Present", 675, x=115),
        _ln("Fitted curtain walling on four office blocks", 650, x=145, size=12),
        _ln("Glazing Apprentice, Tollard Windows", 610, x=115, size=12),
        _ln("Apr, 2014 - Apr, 2018", 585, x=115),
    ])
    assert [(e["company"], e["title"], e["start"]) for e in entries] == [
        ("Brackwater Power Ltd.", "Site Electrician", "2018-05"), ("Tollard Windows", "Glazing Apprentice", "2014-04")]


def test_a_trading_name_in_brackets_marks_the_employer_after_a_comma() -> None:
    # "Title, Employer (as Trading Name)": no word marks "Pennick Inns" as an employer, the
    # bracketed trading name does.
    entries = _exp([Line(text="Head Chef, Pennick Inns of the Moor (as The Drover's Rest)\tFeb 2021 – present"),
                    Line(text="• Rebuilt the seasonal menu")])
    assert [(e["company"], e["company_alias"], e["title"]) for e in entries] == [
        ("Pennick Inns of the Moor", "The Drover's Rest", "Head Chef")]


def test_school_and_degree_in_one_comma_list() -> None:
    # "School, Degree in Field": the degree names its own field, so the other piece is the school
    # even when no word marks it; "Field, Degree" stays a field.
    entries = _edu([Line(text="May 2010 Tamsin Row Trade Hall, Advanced Certificate in Site Management")])
    assert [(e["institution"], e["degree"], e["field"]) for e in entries] == [
        ("Tamsin Row Trade Hall", "Advanced Certificate", "Site Management")]
    entries = _edu([Line(text="Computer Science, BSc\t2010 – 2014")])
    assert [(e["institution"], e["field"]) for e in entries] == [(None, "Computer Science")]


def test_degrees_written_short() -> None:
    entries = _edu([Line(text="Shivnagar Institute of Design\tJuly 2015 – May 2019"), Line(text="BDes in Interaction Design")])
    assert [(e["institution"], e["degree"]) for e in entries] == [("Shivnagar Institute of Design", "BDes")]


def test_roles_and_ranges_in_an_untitled_column_beside_the_employers() -> None:
    from candidates.parsing.entry_lines import with_side_column
    main = [_ln("Corvane Mapping Ltd.", 663, x=221, column=1), _ln("Drew the flood-risk atlas", 619, x=233, column=1),
            _ln("Tollard Survey Office", 581, x=221, column=1), _ln("Kept the gazetteer", 551, x=233, column=1)]
    side = [_ln("Senior Cartographic", 665, x=459, column=3), _ln("Draughtsman", 653, x=459, column=3),
            _ln("Aug 2020 - Present", 635, x=486, column=3), _ln("Survey Assistant", 581, x=470, column=3),
            _ln("Jul 2017 - Jul 2020", 567, x=488, column=3)]
    entries = _exp(with_side_column(main, [side]))
    assert [(e["company"], e["title"], e["start"]) for e in entries] == [
        ("Corvane Mapping Ltd.", "Senior Cartographic Draughtsman", "2020-08"),
        ("Tollard Survey Office", "Survey Assistant", "2017-07")]


def test_a_role_right_aligned_above_the_range_is_no_place_where_another_entry_shows_a_role_there() -> None:
    entries = _exp([
        _ln("Ashcombe Equine Practice\tHead Farrier", 623, x=221), _ln("Jun 2021 - Present", 609, x=488),
        _ln("Shod forty horses a week", 592, x=233),
        _ln("Dunmere Stables\tLocum Farrier", 526, x=221), _ln("Jan 2018 - May 2021", 512, x=478),
        _ln("Ran the remedial shoeing clinic", 496, x=233)])
    assert [(e["company"], e["title"], e["location"]) for e in entries] == [
        ("Ashcombe Equine Practice", "Head Farrier", None), ("Dunmere Stables", "Locum Farrier", None)]


def test_a_degree_wrapped_in_a_narrow_column() -> None:
    # A sidebar 170 pt wide: the degree wraps where the next word would not fit, and the school
    # follows on a line of its own that starts with "at".
    entries = _edu([
        _ln("Bachelor of Science in Marine", 484, x=22, size=10.5),
        _ln("Engineering", 470, x=22, size=10.5),
        _ln("at Tollard Nautical Academy", 457, x=22, size=10.5),
        _ln("Jul 2015 - May 2019", 441, x=93, size=10.5),
        _ln("Certificate in", 420, x=22, size=10.5),
        _ln("Hydrographic Surveying", 406, x=22, size=10.5),
        _ln("at Brackwater Survey School", 392, x=22, size=10.5),
        _ln("Sep 2019 - Present", 377, x=98, size=10.5),
    ])
    assert [(e["institution"], e["degree"], e["field"], e["start"]) for e in entries] == [
        ("Tollard Nautical Academy", "Bachelor of Science", "Marine Engineering", "2015-07"),
        ("Brackwater Survey School", "Certificate", "Hydrographic Surveying", "2019-09")]


def test_a_phone_icon_labels_a_national_number() -> None:
    # RenderCV prints "8123 4567" after Font Awesome's phone glyph (U+F095): the icon is the label.
    from candidates.parsing.model import Document
    from candidates.parsing.profile import build_profile
    from candidates.parsing.readers.pdf import icon_text
    assert icon_text("\uf095", True) == "☎" and icon_text("\uf0e0", True) == "\ufffc"
    assert icon_text("\uf0b7", False) == "•"
    lines = [Line(text="Tamsin Okoro-Price", size=24), Line(text=f"• Lisbon, PT · tamsin@example.org {icon_text(chr(0xf095), True)} 912 345 678")]
    for i, ln in enumerate(lines):
        ln.index = i
    phones = build_profile(Document(kind="pdf", lines=lines))["phones"]
    assert [re.sub(r"\D", "", p)[-9:] for p in phones] == ["912345678"]


def test_a_certificate_or_diploma_keeps_its_level() -> None:
    entries = _edu([Line(text="Harrowgate College of Education\tSep 2015 – Jul 2016"),
                    Line(text="Postgraduate Certificate in Education: Secondary Science"),
                    Line(text="Tollard Vale College\t2012 – 2014"), Line(text="Higher National Diploma in Engineering")])
    assert [e["degree"] for e in entries] == ["Postgraduate Certificate", "Higher National Diploma"]


def test_a_dated_header_with_a_legal_form_is_no_sentence() -> None:
    # The range's "present" and the legal form's letters are no lower-case content words.
    from candidates.parsing.entries import is_prose
    assert not is_prose("Oct 2020 – present Backend Developer, Odra Freight Sp. z o.o.")
