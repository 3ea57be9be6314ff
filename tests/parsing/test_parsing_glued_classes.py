"""Fields run together where a layout drew its separators with CSS and a converter dropped them
(LibreOffice's export of an HTML résumé: the flex row's gap, the range's dash and the chips' boxes
are gone, the words stay): "Logistics PlannerSeptember 2019March 2022".

Every person, employer and school here is invented.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
for _p in (str(_HERE.parents[1]), str(_HERE)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from candidates.parsing.glue import unglue_dates
from candidates.parsing.model import Document, Line
from candidates.parsing.profile import build_profile


def _profile(texts: list[str]) -> dict:
    """A word processor's document: paragraphs, no geometry; headings in a heading style."""
    lines = [Line(text=t, index=i, style="Heading 3" if t in ("Work Experience", "Education", "Skills") else None,
                  bold=t in ("Work Experience", "Education", "Skills"))
             for i, t in enumerate(texts)]
    return build_profile(Document(kind="docx", lines=lines))


_HEAD = ["Ottilie Brandvik", "ottilie.brandvik@example.org", "+47 22 55 01 99"]


# --- A date glued to the role before it, and to the other end of its range --------------------------


def test_a_range_glued_to_its_role_and_to_itself_dates_the_entry() -> None:
    prof = _profile(_HEAD + [
        "Work Experience",
        "Harbour PilotMarch 2021Present", "Skagerrak Lodsforening",
        "Guided tankers into the inner fjord.",
        "Deck OfficerSeptember 2016February 2021", "Nordlys Tankrederi AS",
    ])
    assert [(e["title"], e["company"], e["start"], e["end"]) for e in prof["experience"]] == [
        ("Harbour Pilot", "Skagerrak Lodsforening", "2021-03", "present"),
        ("Deck Officer", "Nordlys Tankrederi AS", "2016-09", "2021-02"),
    ]


def test_a_capital_inside_a_word_is_no_join() -> None:
    # Only a month with its year, or "Present" after a year, is cut off a word.
    for text in ("McDonald April 2020", "PostgreSQL 2019", "JavaScript, TypeScript", "Mayfield 2020", "Q3 2021"):
        assert unglue_dates(text) == text
    assert unglue_dates("Deck OfficerMay 2016June 2018") == "Deck Officer\tMay 2016 – June 2018"


# --- A degree glued to the school before it ---------------------------------------------------------


def test_a_degree_glued_to_its_school_is_cut_off_it() -> None:
    prof = _profile(_HEAD + [
        "Education",
        "Nautical ScienceAugust 2012June 2016", "Vestfold Maritime CollegeBachelor of Science",
    ])
    assert [(e["institution"], e["degree"], e["start"]) for e in prof["education"]] == [
        ("Vestfold Maritime College", "Bachelor of Science", "2012-08")]


def test_a_capital_inside_a_school_name_is_no_degree() -> None:
    prof = _profile(_HEAD + ["Education", "McMaster University, Bachelor of Arts", "2010 - 2014"])
    assert [(e["institution"], e["degree"]) for e in prof["education"]] == [("McMaster University", "Bachelor of Arts")]


# --- Skill chips glued into one line ----------------------------------------------------------------


def test_glued_chips_under_a_skills_heading_are_cut_at_the_joins() -> None:
    prof = _profile(_HEAD + ["Skills", "Pilotage planningRadar plottingChart correction", "Power BIExcel"])
    for chip in ("Pilotage planning", "Radar plotting", "Chart correction", "Power BI", "Excel"):
        assert chip in prof["skills"]
    assert not any("Excel" in s and s != "Excel" for s in prof["skills"])


def test_names_with_a_capital_inside_stay_whole_chips() -> None:
    # A skill we know ("JavaScript") and a short prefix ("Mc", "i") are no joins, even in a list
    # whose chips are glued.
    prof = _profile(_HEAD + ["Skills", "JavaScriptTypeScriptReact", "McAllister toolingRadar", "iPhone"])
    assert {"JavaScript", "TypeScript", "React", "McAllister tooling", "Radar", "iPhone"} <= set(prof["skills"])
    assert not {"Java", "Script", "Mc", "Phone"} & set(prof["skills"])


def test_one_join_alone_in_a_list_is_a_name_we_do_not_know() -> None:
    prof = _profile(_HEAD + ["Skills", "Tideway", "FjordBase", "Ballast planning"])
    assert "FjordBase" in prof["skills"] and "Fjord" not in prof["skills"]


def test_glued_words_outside_a_skills_heading_are_not_cut_as_chips() -> None:
    prof = _profile(_HEAD + ["Work Experience", "Harbour PilotMarch 2021Present", "Skagerrak Lodsforening",
                             "Planned berths with Power BIExcel and radio."])
    assert not {"Power BI", "Excel"} & set(prof["skills"])
