"""Section titles and entry headers found from the page's geometry (issue 12).

Every person, employer and school here is invented.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
for _p in (str(_HERE.parents[1]), str(_HERE)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from candidates.parsing.education import parse_education
from candidates.parsing.entry_lines import mend_headers
from candidates.parsing.experience import parse_experience
from candidates.parsing.layout import build_lines
from candidates.parsing.model import Line
from candidates.parsing.names import name_alternates
from candidates.parsing.sections import heading_key, split_sections


def _chars(text: str, x: float, y: float, size: float = 10.0, bold: bool = False) -> list[tuple]:
    """Glyph tuples for ``text`` starting at ``x`` on baseline ``y`` (half an em per glyph)."""
    out = []
    w = 0.5 * size
    for ch in text:
        out.append((x, y, x + w, y + size, ch, size, bold))
        x += w
    return out


def _ln(text: str, x: float = 100, y: float = 700, size: float = 10.0, bold: bool = False, page: int = 1,
        column: int = 0, style: str | None = None, index: int = 0) -> Line:
    bbox = (x, y, x + 5 * len(text), y + size) if style is None else None
    return Line(text=text, page=page, bbox=bbox, size=size if style is None else None, bold=bold, column=column,
                style=style, index=index)


def _indexed(lines: list[Line]) -> list[Line]:
    for i, ln in enumerate(lines):
        ln.index = i
    return lines


# --- A title in a narrow left column, on the baseline of the first entry ---------------------------


def test_margin_title_on_the_entry_baseline_gets_its_own_line() -> None:
    chars = []
    y = 760.0
    # The body column starts at x=200; the titles are right-aligned in a margin ending at x=180.
    chars += _chars("Career", 150, y, size=12) + _chars("Quillfeather Analytics", 200, y, size=12, bold=True)
    for i, text in enumerate(["Data Platform Lead", "Feb 2020 - Present", "Lisbon, Portugal",
                              "Rebuilt the nightly reporting jobs for forty clients", "Moved billing to events",
                              "Owned the warehouse cost review"]):
        chars += _chars(text, 200, y - 14 * (i + 1))
    chars += _chars("Schooling", 135, y - 120, size=12) + _chars("Tagus Institute of Design", 200, y - 120, size=12)
    chars += _chars("BA in Product Design", 200, y - 134) + _chars("2012 - 2016", 200, y - 148)
    texts = [ln.text for ln in build_lines(chars, 1, 600, 800)]
    assert "Career" in texts and "Quillfeather Analytics" in texts
    assert "Schooling" in texts and "Tagus Institute of Design" in texts


def test_dates_in_a_left_column_stay_with_their_entry() -> None:
    chars = []
    y = 760.0
    for i in range(7):
        chars += _chars(f"Line of body text number {i}", 200, y - 14 * i)
    chars += _chars("2019 - 2021", 120, y - 110) + _chars("Vellum Works", 200, y - 110)
    texts = [ln.text for ln in build_lines(chars, 1, 600, 800)]
    assert any("2019 - 2021" in t and "Vellum Works" in t for t in texts)


def test_titles_in_a_margin_make_body_lines_at_the_edge_entries_not_sections() -> None:
    lines = _indexed([
        _ln("Orla Brennan", x=200, size=28),
        _ln("Work", x=150, size=16), _ln("Quillfeather Analytics", x=200, size=13, bold=True),
        _ln("Data Platform Lead", x=200), _ln("Feb 2020 - Present", x=200), _ln("Built the thing", x=210),
        _ln("Projects", x=132, size=16), _ln("Marlinspike", x=200, size=13, bold=True), _ln("2021 - 2022", x=200),
        _ln("Skills", x=146, size=16), _ln("Tooling", x=200, size=16, bold=True), _ln("dbt, Airflow", x=210),
        _ln("Line", x=200), _ln("Line", x=200), _ln("Line", x=200),
    ])
    keys = [s.key for s in split_sections(lines)]
    assert keys == ["header", "experience", "projects", "skills"]


# --- Bare, counted and letter-spaced titles --------------------------------------------------------


def test_bare_and_counted_titles() -> None:
    assert heading_key("Work Experience(3)") == "experience"
    assert heading_key("Education (2)") == "education"
    assert heading_key("Projects [4]") == "projects"
    assert heading_key("W O R K") == "experience"
    assert heading_key("Volunteer") == "volunteer"


# --- Sub-headings below the document's title rank ---------------------------------------------------


def test_smaller_titles_inside_a_section_are_sub_headings() -> None:
    lines = _indexed([
        _ln("Orla Brennan", size=26), _ln("Work", size=18), _ln("Quillfeather Analytics  Feb 2020 - Present", size=12),
        _ln("Data Platform Lead"), _ln("Highlights", size=12), _ln("• Rebuilt the nightly jobs"),
        _ln("Education", size=18), _ln("Tagus Institute of Design  2012 - 2016", size=12),
        _ln("Skills", size=18), _ln("Languages", size=12), _ln("• Python"), _ln("Platforms", size=12), _ln("• Snowflake"),
    ])
    assert [s.key for s in split_sections(lines)] == ["header", "experience", "education", "skills"]


def test_word_heading_levels_below_the_titles_are_entries() -> None:
    lines = _indexed([
        _ln("Orla Brennan", style="Heading 1"), _ln("Work", style="Heading 3", bold=True),
        _ln("Quillfeather Analytics", style="Heading 4", bold=True), _ln("Data Platform Lead", style="Heading 5"),
        _ln("Feb 2020 - Present", style="Body Text"),
        _ln("Education", style="Heading 3", bold=True), _ln("Tagus Institute of Design", style="Heading 4"),
        _ln("BA in Product Design", style="Body Text"), _ln("2012 - 2016", style="Body Text"),
        _ln("Skills", style="Heading 3", bold=True), _ln("Languages", style="Heading 4"), _ln("Python", style="Body Text"),
    ])
    sections = split_sections(lines)
    assert [s.key for s in sections] == ["header", "experience", "education", "skills"]
    exp = parse_experience(sections[1].lines)
    assert [(e["company"], e["title"], e["start"]) for e, _ in exp] == [
        ("Quillfeather Analytics", "Data Platform Lead", "2020-02")]


def test_a_main_column_continued_on_the_next_page_keeps_its_section() -> None:
    lines = _indexed([
        _ln("Orla Brennan", size=16), _ln("EXPERIENCE", size=11, bold=True), _ln("Quillfeather Analytics", bold=True),
        _ln("Feb 2020 - Present"), _ln("Data Platform Lead", bold=True),
        _ln("CONTACT", x=380, size=11, bold=True, column=1), _ln("orla@example.org", x=380, column=1),
        _ln("SKILLS", x=380, size=11, bold=True, column=1), _ln("dbt", x=380, column=1),
        _ln("Harbourline Freight", page=2, bold=True), _ln("Mar 2016 - Jan 2020", page=2),
        _ln("Analyst", page=2, bold=True),
        _ln("AWARDS", page=2, size=11, bold=True), _ln("Best poster 2019", page=2),
    ])
    sections = split_sections(lines)
    exp = [ln.text for s in sections if s.key == "experience" for ln in s.lines]
    assert "Harbourline Freight" in exp
    assert "Harbourline Freight" not in [ln.text for s in sections if s.key == "skills" for ln in s.lines]


# --- Entry headers mended ---------------------------------------------------------------------------


def test_dates_beside_the_first_description_line_belong_to_the_header() -> None:
    lines = [
        _ln("Quillfeather Analytics, Data Platform Lead\tLisbon, Portugal", y=700),
        _ln("• Rebuilt the nightly reporting jobs for forty clients and cut\tFeb 2020 – present", x=112, y=686),
        _ln("their run time by half", x=120, y=672),
        _ln("Harbourline Freight, Analyst\tPorto, Portugal", y=650),
        _ln("• Reconciled carrier invoices every month\tMar 2016 – Jan 2020", x=112, y=636),
    ]
    got = [(e["company"], e["title"], e["start"], e["end"]) for e, _ in parse_experience(lines)]
    assert got == [("Quillfeather Analytics", "Data Platform Lead", "2020-02", "present"),
                   ("Harbourline Freight", "Analyst", "2016-03", "2020-01")]


def test_a_header_wrapped_before_its_tab_stop_is_joined() -> None:
    lines = mend_headers([
        _ln("Harbourline Freight 海港货运, Senior Logistics Research Associate 高\tNingbo", y=700),
        _ln("级物流研究员\tMay 2021 – present", y=686),
        _ln("• Planned the routes", x=112, y=672),
    ])
    assert lines[0].text.startswith("Harbourline Freight 海港货运, Senior Logistics Research Associate 高级物流研究员")
    assert "May 2021" in lines[0].text and len(lines) == 2


def test_a_short_line_after_a_header_is_not_a_wrap() -> None:
    lines = mend_headers([_ln("硕士 in 供应链管理", y=700), _ln("江澄理工大学\t2012-09 至 2016-06", y=686)])
    assert [ln.text for ln in lines] == ["硕士 in 供应链管理", "江澄理工大学\t2012-09 至 2016-06"]


def test_stacked_years_beside_one_school() -> None:
    lines = [
        _ln("2012\tTagus Institute of Design", x=380, y=700, bold=True),
        _ln("2016 · Bachelor of Arts", x=380, y=690),
        _ln("Product Design", x=415, y=680),
        _ln("2017\tNorthbank School of Economics", x=380, y=660, bold=True),
        _ln("Present · Master of Science", x=380, y=650),
    ]
    got = [(e["institution"], e["degree"], e["start"], e["end"]) for e, _ in parse_education(lines)]
    assert got == [("Tagus Institute of Design", "Bachelor of Arts", "2012", "2016"),
                   ("Northbank School of Economics", "Master of Science", "2017", "present")]


def test_bilingual_header_fields_stay_whole() -> None:
    lines = [_ln("Harbourline Freight 海港货运\tNingbo", y=700), _ln("May 2021 – Present", y=690),
             _ln("Senior Logistics Analyst 高级物流分析师", y=680, bold=True), _ln("• Planned the routes", x=112, y=670)]
    (e, _), = parse_experience(lines)
    assert (e["company"], e["title"]) == ("Harbourline Freight 海港货运", "Senior Logistics Analyst 高级物流分析师")


# --- Bilingual names --------------------------------------------------------------------------------


def test_bilingual_name_reports_the_other_form() -> None:
    assert name_alternates(_ln("Haoran Qiu 邱浩然", size=30), "Haoran Qiu") == ["邱浩然"]
    assert name_alternates(_ln("邱浩然 (Haoran Qiu)", size=30), "邱浩然") == ["Haoran Qiu"]
    assert name_alternates(_ln("Haoran Qiu", size=30), "Haoran Qiu") == []


# --- Columns whose line pitch agrees --------------------------------------------------------------


def test_two_text_columns_on_the_same_baselines_are_columns() -> None:
    left = ["AWARDS", "September", "2021", "Harbour Prize for Student Writing", "Northbank School of Economics",
            "April", "2023", "Best Poster at the Estuary Modelling Meeting", "Coastal Modelling Society Annual",
            "VOLUNTEER", "Reviewer for the Journal of Coastal Sediment", "January 2022 – December 2024",
            "Reviewed six manuscripts on sediment transport"]
    right = ["PUBLICATIONS", "Tidal sorting of fine sand in narrow", "channels and what it means",
             "Journal of Coastal Sediment", "01 June 2023", "https://doi.org/10.5555/jcs.2023.0420",
             "Brennan O., Qiu H., Marsh T.", "A cheap gauge network for school", "weather stations",
             "Estuary Letters", "Marsh T., Brennan O.", "Sediment Review Quarterly", "12 May 2022"]
    chars = []
    for i, (a, b) in enumerate(zip(left, right)):
        chars += _chars(a, 40, 760 - 12 * i, size=7) + _chars(b, 330, 760 - 12 * i, size=7)
    lines = build_lines(chars, 1, 600, 800)
    assert {ln.column for ln in lines if ln.text in left} != {ln.column for ln in lines if ln.text in right}
    assert not any("AWARDS" in ln.text and "PUBLICATIONS" in ln.text for ln in lines)


# --- Places and ranges known by their position ----------------------------------------------------


def test_unknown_town_right_aligned_above_the_dates_is_the_location() -> None:
    lines = [_ln("Marsh & Reed Booksellers\tTavistock", y=700, bold=True), _ln("September 2014 – June 2016", y=690),
             _ln("Marketing Assistant", y=680, bold=True), _ln("• Ran the author events", x=112, y=670),
             _ln("Data Analyst\tPenzance", y=650, bold=True), _ln("Harbourline Freight\tMar 2011 – Aug 2014", y=640)]
    got = [(e["company"], e["title"], e["location"], e["start"]) for e, _ in parse_experience(lines)]
    assert got == [("Marsh & Reed Booksellers", "Marketing Assistant", "Tavistock", "2014-09"),
                   ("Harbourline Freight", "Data Analyst", "Penzance", "2011-03")]


def test_open_and_dashless_ranges() -> None:
    from candidates.parsing.dates import find_dates

    span = find_dates("Quillfeather Analytics\t2022-01 —")
    assert (span.start, span.end) == ("2022-01", "present")
    span = find_dates("Kestrel Row Media\t2018-02 2021-08")
    assert (span.start, span.end) == ("2018-02", "2021-08")


# --- Organisation or role: decided by what each part is -------------------------------------------


def test_company_then_title_with_its_specialisation() -> None:
    lines = [_ln("Orchard Lane Provisions, Financial Analyst, FP&A\tHartford, CT", y=700),
             _ln("• Owned the annual plan for the bakery division\tJuly 2018 – May 2021", x=112, y=690)]
    (e, _), = parse_experience(lines)
    assert (e["company"], e["title"], e["start"]) == ("Orchard Lane Provisions", "Financial Analyst, FP&A", "2018-07")


def test_title_with_a_specialisation_above_the_employer() -> None:
    lines = [_ln("Financial Analyst, FP&A", y=700, size=14, bold=True), _ln("Orchard Lane Provisions", y=688, bold=True),
             _ln("Jul 2018 – May 2021", y=676), _ln("• Owned the annual plan", x=112, y=664)]
    (e, _), = parse_experience(lines)
    assert (e["company"], e["title"]) == ("Orchard Lane Provisions", "Financial Analyst, FP&A")


# --- An e-mail wrapped in a narrow sidebar ----------------------------------------------------------


def _sidebar_emails(head: str, tail: str, links: tuple[str, ...] = ()) -> list[str]:
    from candidates.parsing.model import Document
    from candidates.parsing.profile import build_profile

    lines = [Line(text="Orla Brennan", size=20, bbox=(400, 760, 500, 780), column=1, index=0),
             Line(text=head, size=8, bbox=(400, 700, 480, 708), column=1, index=1),
             Line(text=tail, size=8, bbox=(400, 690, 430, 698), column=1, index=2),
             Line(text="EXPERIENCE", size=12, bold=True, bbox=(40, 700, 120, 712), index=3)]
    return build_profile(Document(kind="pdf", lines=lines, links=list(links)))["emails"]


def test_an_email_wrapped_in_a_sidebar_comes_back_once() -> None:
    assert _sidebar_emails("orla.brennan@example.co", "m", ("mailto:orla.brennan@example.com",)) == [
        "orla.brennan@example.com"]
    assert _sidebar_emails("orla.brennan@example.", "org") == ["orla.brennan@example.org"]
    assert _sidebar_emails("orla.brennan@", "example.org") == ["orla.brennan@example.org"]
    assert _sidebar_emails("orla.brennan@example.org", "Lisbon") == ["orla.brennan@example.org"]


def test_employer_styled_as_a_word_heading_at_the_title_level_is_an_entry() -> None:
    lines = _indexed([
        _ln("Orla Brennan", style="Title"), _ln("Experience", style="Heading 2", bold=True),
        _ln("Quillfeather Analytics", style="Heading 2", bold=True), _ln("Data Platform Lead", style="Normal"),
        _ln("Lisbon", style="Normal"), _ln("Feb 2020 - Present", style="Normal"),
        _ln("Harbourline Freight", style="Heading 2", bold=True), _ln("Analyst", style="Normal"),
        _ln("Porto", style="Normal"), _ln("Mar 2016 - Jan 2020", style="Normal"),
        _ln("Education", style="Heading 2", bold=True), _ln("Tagus Institute of Design", style="Normal"),
        _ln("2012 - 2016", style="Normal"),
    ])
    sections = split_sections(lines)
    assert [s.key for s in sections] == ["header", "experience", "education"]
    assert [e["company"] for e, _ in parse_experience(sections[1].lines)] == [
        "Quillfeather Analytics", "Harbourline Freight"]


# --- Education headers -------------------------------------------------------------------------------


def test_school_with_its_field_after_a_comma_and_professional_degrees() -> None:
    lines = [_ln("PharmD\tMarlow Valley College of Pharmacy, Clinical Pharmacy\tSept 2010 – June 2016", y=700),
             _ln("Doctor of Pharmacy", y=690),
             _ln("CPGE\tLycée Anselme Roux, Mathematics and Physics\tSept 2008 – June 2010", y=670)]
    got = [(e["institution"], e["field"], e["start"]) for e, _ in parse_education(lines)]
    assert got == [("Marlow Valley College of Pharmacy", "Clinical Pharmacy", "2010-09"),
                   ("Lycée Anselme Roux", "Mathematics and Physics", "2008-09")]
    assert parse_education([_ln("University of Calloway, Berkeley  2010 - 2014")])[0][0]["institution"] == \
        "University of Calloway, Berkeley"


def test_a_school_name_wrapped_beside_stacked_years() -> None:
    lines = [_ln("2012\tInstitut Polytechnique de", x=380, y=700, bold=True), _ln("2015\tBrevaine", x=380, y=690, bold=True),
             _ln("• Diplôme d'ingénieur", x=415, y=680), _ln("Civil Engineering", x=415, y=670)]
    got = [(e["institution"], e["degree"], e["start"], e["end"]) for e, _ in parse_education(lines)]
    assert got == [("Institut Polytechnique de Brevaine", "Diplôme d'ingénieur", "2012", "2015")]


def test_personal_sites_on_newer_top_level_domains() -> None:
    from candidates.parsing.contacts import find_links

    assert [u for u, _, _ in find_links("Portfolio: brennan.work")] == ["https://brennan.work"]
    assert [u for u, _, _ in find_links("orla-tides.science")] == ["https://orla-tides.science"]
    assert find_links("config.yaml") == [] and find_links("Built it with Vue.js and Nuxt.") == []


def test_a_distinct_section_title_set_smaller_stays_a_section() -> None:
    lines = _indexed([
        _ln("Orla Brennan", size=26), _ln("Summary", size=16), _ln("Data lead who likes tidy pipelines."),
        _ln("Experience", size=16), _ln("Quillfeather Analytics  Feb 2020 - Present", size=12),
        _ln("Highlights", size=12), _ln("• Rebuilt the nightly jobs"),
        _ln("Education", size=13), _ln("Tagus Institute of Design  2012 - 2016", size=12),
    ])
    assert [s.key for s in split_sections(lines)] == ["header", "summary", "experience", "education"]


def test_a_short_left_sidebar_is_not_continued_on_the_next_page() -> None:
    lines = _indexed([
        _ln("SKILLS", x=40, y=700, size=11, bold=True, column=0), _ln("dbt", x=40, y=686, column=0),
        _ln("Orla Brennan", x=220, y=760, size=16, column=1),
        _ln("EXPERIENCE", x=220, y=700, size=11, bold=True, column=1),
        _ln("Quillfeather Analytics  Feb 2020 - Present", x=220, y=686, bold=True, column=1),
        _ln("• Rebuilt the nightly jobs", x=230, y=100, column=1),
        _ln("Harbourline Freight  Mar 2016 - Jan 2020", x=40, y=760, page=2, bold=True, column=0),
        _ln("• Reconciled the invoices", x=50, y=746, page=2, column=0),
    ])
    sections = split_sections(lines)
    exp = [ln.text for s in sections if s.key == "experience" for ln in s.lines]
    assert "Harbourline Freight  Mar 2016 - Jan 2020" in exp
