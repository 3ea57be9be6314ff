"""Classes of failure found on the holdout group of the builders set (JSON Resume themes nobody
had tuned for: eloquent, actual, short, slick, caffeine, sceptile, ...; LibreOffice exports of
them), each with a fixture of its own.

Every person, employer and school here is invented.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
for _p in (str(_HERE.parents[1]), str(_HERE)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from candidates.parsing.layout import build_lines
from candidates.parsing.model import Document, Line
from candidates.parsing.profile import build_profile


def _chars(text: str, x: float, y: float, size: float = 10.0, bold: bool = False, space: float = 0.5) -> list[tuple]:
    """Glyph tuples for ``text`` from ``x`` on baseline ``y``: half an em per glyph, and a space
    ``space`` ems wide (a gap, no glyph, as Chromium prints)."""
    out = []
    for ch in text:
        if ch == " ":
            x += space * size
            continue
        out.append((x, y, x + 0.5 * size, y + size, ch, size, bold))
        x += 0.5 * size
    return out


def _doc(texts: list[str], links: list[str]) -> Document:
    lines = [Line(text=t, bbox=(60, 800 - 14 * i, 60 + 5 * len(t), 810 - 14 * i), size=10.0, index=i)
             for i, t in enumerate(texts)]
    return Document(kind="pdf", lines=lines, links=links)


# --- Hyperlinks the page does not print ------------------------------------------------------------


def test_a_scrambled_mailto_beside_a_printed_address_is_no_second_email() -> None:
    # The theme hides the address from harvesters: the link holds a ROT13 copy, the page prints it.
    prof = build_profile(_doc(["Odile Marchetti", "odile.marchetti@example.org", "Experience"],
                              ["mailto:bqvyr.znepurggv@rknzcyr.bet", "https://www.google.com/maps?q=%20Turin%20IT",
                               "https://github.com/odile-m"]))
    assert prof["emails"] == ["odile.marchetti@example.org"]
    assert prof["links"] == ["https://github.com/odile-m"]


def test_a_mailto_is_the_address_where_the_page_prints_none() -> None:
    prof = build_profile(_doc(["Odile Marchetti", "Email me", "Experience"], ["mailto:odile@example.org"]))
    assert prof["emails"] == ["odile@example.org"]


# --- Chips whose own word spaces are wider than the page's ------------------------------------------


def _body(y: float) -> list[tuple]:
    """Running text that sets the page's usual word space (0.3 em)."""
    out = []
    for i, text in enumerate(["Kept the quarterly close on time for nine subsidiaries across the region",
                              "Moved the group's consolidation from spreadsheets to a ledger of its own"]):
        out += _chars(text, 60, y - 14 * i, space=0.3)
    return out


def test_chips_in_a_wide_font_are_cut_at_the_gaps_between_them_not_inside() -> None:
    chars = _body(700)
    x = 60.0
    for chip in ["Cost accounting", "IFRS", "Transfer pricing", "Excel"]:
        chars += _chars(chip, x, 640, space=0.66)
        x = chars[-1][2] + 1.06 * 10
    lines = build_lines(chars, 1, 595, 842)
    chip_line = next(ln for ln in lines if ln.text.startswith("Cost"))
    assert chip_line.cells == ("Cost accounting", "IFRS", "Transfer pricing", "Excel")


def test_chips_of_one_word_each_are_still_cut_at_every_gap() -> None:
    chars = _body(700)
    x = 60.0
    for chip in ["Python", "Kotlin", "Terraform", "Grafana"]:
        chars += _chars(chip, x, 640)
        x = chars[-1][2] + 0.9 * 10
    lines = build_lines(chars, 1, 595, 842)
    assert next(ln for ln in lines if ln.text.startswith("Python")).cells == ("Python", "Kotlin", "Terraform", "Grafana")


def test_a_page_with_too_few_spaces_to_judge_takes_the_chip_gap_of_the_page_before() -> None:
    stats: dict = {"lost": 0}
    build_lines(_body(700), 1, 595, 842, stats)
    chars, x = [], 60.0
    for chip in ["Conduit bending", "Motor controls", "Blueprint reading"]:
        chars += _chars(chip, x, 800, space=0.3)
        x = chars[-1][2] + 0.9 * 10
    page2 = build_lines(chars, 2, 595, 842, stats)
    assert page2[0].cells == ("Conduit bending", "Motor controls", "Blueprint reading")


# --- A range stacked in a column right of the entries ------------------------------------------------


def test_a_range_stacked_right_of_the_entry_joins_the_header_it_starts_level_with() -> None:
    # "June 2018" / "—" / "March 2022" / "3 years" in a right column, top-aligned with the entry's
    # first line but not on its baseline (a flex row centring two boxes of different heights).
    chars = []
    entries = [("Ward Sister, Fenmoor General Hospital", "June 2018", "March 2022", "3 years", 700),
               ("Staff Nurse, Ouseley Community Trust", "May 2014", "May 2018", "4 years", 560)]
    for header, start, end, span, y in entries:
        chars += _chars(header, 55, y, space=0.3)
        for k, text in enumerate(["Ran a ward of twenty-eight beds and its nine nurses", "Led the sepsis audit"]):
            chars += _chars(text, 55, y - 22 - 17 * k, space=0.3)
        for k, text in enumerate([start, "—", end, span]):
            chars += _chars(text, 470, y + 6 - 17 * k, space=0.3)
    lines = build_lines(chars, 1, 595, 842)
    assert [ln.text for ln in lines if "\t" in ln.text] == [
        "Ward Sister, Fenmoor General Hospital\tJune 2018 — March 2022 (3 years)",
        "Staff Nurse, Ouseley Community Trust\tMay 2014 — May 2018 (4 years)",
    ]
    assert not any(ln.text in ("—", "3 years", "March 2022") for ln in lines)


def test_a_date_on_a_line_of_its_own_below_the_header_stays_there() -> None:
    chars = _chars("Ward Sister, Fenmoor General Hospital", 55, 700, space=0.3)
    chars += _chars("June 2018 – March 2022", 420, 686, space=0.3)
    for k, text in enumerate(["Ran a ward of twenty-eight beds and its nine nurses", "Led the sepsis audit",
                              "Chaired the falls group", "Trained the new starters each spring"]):
        chars += _chars(text, 55, 670 - 14 * k, space=0.3)
    lines = build_lines(chars, 1, 595, 842)
    assert [ln.text for ln in lines][:2] == ["Ward Sister, Fenmoor General Hospital", "June 2018 – March 2022"]


# --- The employer's line, then "Role, Department" with the dates -------------------------------------


def _exp(lines: list[Line]) -> list[dict]:
    from candidates.parsing.experience import parse_experience
    for i, ln in enumerate(lines):
        ln.index = i
    return [e for e, _ in parse_experience(lines)]


def _ln(text: str, y: float, x: float = 22, size: float = 9.0, bold: bool = False) -> Line:
    return Line(text=text, bbox=(x, y, x + 4.5 * len(text), y + size), size=size, bold=bold)


def test_a_role_with_its_department_under_the_employer_is_one_entry() -> None:
    entries = _exp([
        _ln("Harrowgate Royal Infirmary", 700, size=10.5, bold=True),
        _ln("Senior Radiographer, Imaging Department\tMar 2019 - Present", 685, bold=True),
        _ln("Run the CT list on weekday evenings.", 668, size=8),
        _ln("Harrowgate Royal Infirmary", 640, size=10.5, bold=True),
        _ln("Radiographer, Emergency Unit\tJul 2015 - Feb 2019", 625, bold=True),
        _ln("Covered the trauma bays.", 608, size=8),
    ])
    assert [(e["company"], e["title"], e["start"], e["end"]) for e in entries] == [
        ("Harrowgate Royal Infirmary", "Senior Radiographer, Imaging Department", "2019-03", "present"),
        ("Harrowgate Royal Infirmary", "Radiographer, Emergency Unit", "2015-07", "2019-02"),
    ]


# --- Fields printed with no space between them (a word processor's export of an HTML flex row) ------


def test_a_role_glued_to_its_employer_is_cut_where_the_role_ends() -> None:
    entries = _exp([Line(text=t) for t in (
        "Site ManagerTorrin Valley Builders Ltd", "Apr 2019 - Present", "Ran two housing schemes at once.",
        "Assistant Site ManagerGlenmore Homes", "Jun 2015 - Mar 2019", "Kept the snagging lists.")])
    assert [(e["company"], e["title"], e["start"]) for e in entries] == [
        ("Torrin Valley Builders Ltd", "Site Manager", "2019-04"), ("Glenmore Homes", "Assistant Site Manager", "2015-06")]


def test_a_capitalised_name_inside_an_employer_stays_whole() -> None:
    entries = _exp([Line(text=t) for t in ("Analyst, BlackMoor Capital", "Apr 2019 - Present", "Priced the bonds.")])
    assert [(e["company"], e["title"]) for e in entries] == [("BlackMoor Capital", "Analyst")]


def test_a_name_glued_to_its_headline_is_the_name() -> None:
    prof = build_profile(_doc(["Ines MarlowChartered Surveyor", "ines.marlow@example.org", "Experience"], []))
    assert prof["name"] == "Ines Marlow"


def test_a_mailto_completes_a_printed_address_a_line_break_cut() -> None:
    prof = build_profile(_doc(["Odile Marchetti", "od-", "ile.marchetti@example.org", "Experience"],
                              ["mailto:odile.marchetti@example.org"]))
    assert prof["emails"] == ["odile.marchetti@example.org"]


# --- The latest role printed with its start only ------------------------------------------------------


def test_the_latest_role_with_one_date_over_whole_ranges_is_held_since_then() -> None:
    entries = _exp([Line(text=t) for t in (
        "Corrib Freight | Operations Lead\tApr 2021", "Runs the night shift.",
        "Corrib Freight | Shift Supervisor\tJun 2017 — Mar 2021", "Ran the loading bay.",
        "Lough Mask Haulage | Driver\tJan 2014 — May 2017", "Drove the Galway route.")])
    assert [(e["start"], e["end"]) for e in entries] == [("2021-04", None), ("2017-06", "2021-03"), ("2014-01", "2017-05")]


def test_a_role_with_one_date_among_dated_ones_keeps_it_as_its_end() -> None:
    # Not the latest: a one-month role in the middle ended when it is dated.
    entries = _exp([Line(text=t) for t in (
        "Corrib Freight | Operations Lead\tApr 2021 — Present", "Runs the night shift.",
        "Lough Mask Haulage | Relief Driver\tMar 2021", "Covered the Galway route.")])
    assert [(e["start"], e["end"]) for e in entries] == [("2021-04", "present"), (None, "2021-03")]


def test_chips_set_as_tabs_keep_their_own_word_spaces_whole() -> None:
    # A small font whose word spaces pass the page's chip gap, the chips parted by gaps that read
    # as tabs: the tabs part the chips, the spaces are the chips' own.
    chars = _body(700)
    x = 60.0
    for chip in ["S&OP", "Inbound planning", "Customs", "SAP EWM"]:
        chars += _chars(chip, x, 640, space=0.66)
        x = chars[-1][2] + 2.4 * 10
    lines = build_lines(chars, 1, 595, 842)
    chip_line = next(ln for ln in lines if ln.text.startswith("S&OP"))
    assert chip_line.cells == ("S&OP", "Inbound planning", "Customs", "SAP EWM")


def test_two_groups_of_chips_side_by_side_are_cut_at_every_chip() -> None:
    # The chips parted by a wide gap, the two groups by a gap that reads as a tab.
    chars = _body(700)
    x = 60.0
    for k, chip in enumerate(["CT", "Fluoroscopy", "Mobile radiography", "PACS", "RIS", "Dose monitoring"]):
        chars += _chars(chip, x, 640, space=0.3)
        x = chars[-1][2] + (3.5 if k == 2 else 1.1) * 10
    lines = build_lines(chars, 1, 595, 842)
    chip_line = next(ln for ln in lines if ln.text.startswith("CT"))
    assert chip_line.cells == ("CT", "Fluoroscopy", "Mobile radiography", "PACS", "RIS", "Dose monitoring")


def test_a_bulleted_item_whose_bullet_stands_apart_is_no_row_of_chips() -> None:
    chars = _body(700)
    for k, item in enumerate(["Mobile radiography", "Dose monitoring"]):
        chars += _chars("\u2022", 60, 640 - 16 * k)
        chars += _chars(item, 80, 640 - 16 * k, space=0.66)
    lines = build_lines(chars, 1, 595, 842)
    assert [ln.cells for ln in lines if "\u2022" in ln.text] == [(), ()]
