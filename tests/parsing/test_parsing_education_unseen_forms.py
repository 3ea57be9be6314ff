"""Education as layouts nobody here designed print it: schools named in their own language (an entry
whose school the parser does not know takes the school of the entry before it, which is worse than
none), degrees and schools wrapped over lines in a narrow sidebar."""

from __future__ import annotations

import pytest

from candidates.parsing.education import INSTITUTION_RE


@pytest.mark.parametrize("name", ["Hogeschool Zuidwal", "Lunds Högskola", "Høgskolen i Vestfjord",
                                  "Tampereen yliopisto", "Politechnika Nadwiślańska", "Instituto Politécnico do Cávado",
                                  "Akademie der Künste Lindau", "Technikum Wien-Nord", "Riverland TAFE"])
def test_a_school_in_its_own_language_is_a_school(name: str) -> None:
    assert INSTITUTION_RE.search(name)


def _col(i: int, text: str, y: float, bold: bool = False) -> "Line":
    from candidates.parsing.model import Line

    # A sidebar 100 pt wide: 3.85 pt a glyph at 7.7 pt.
    return Line(text=text, bbox=(448, y, 448 + 3.85 * len(text), y + 7.7), size=7.7, bold=bold, column=1, index=i)


def test_a_degree_and_a_school_wrapped_in_a_narrow_sidebar_are_one_field_each() -> None:
    from candidates.parsing.education import parse_education

    rows = [("Bachelor of Medical", 539, True), ("Radiation Science in", 530, True), ("Diagnostic Radiography", 522, True),
            ("Southern Cross Coast", 510, False), ("University", 502, False), ("2010 - 2013", 492, False),
            ("Graduate Certificate in", 475, True), ("Computed Tomography", 466, True),
            ("Australasian College of", 455, False), ("Imaging Practice", 446, False)]
    got = [e for e, _ in parse_education([_col(i, *r) for i, r in enumerate(rows)])]
    assert [(e["institution"], e["degree"], e["start"]) for e in got] == [
        ("Southern Cross Coast University", "Bachelor of Medical Radiation Science", "2010"),
        ("Australasian College of Imaging Practice", "Graduate Certificate", None)]
    assert got[0]["field"] == "Diagnostic Radiography"


def test_a_degree_ending_on_in_does_not_swallow_the_school_set_in_another_weight() -> None:
    from candidates.parsing.education import parse_education

    rows = [("Bachelor of", 539, True), ("Aeronautical Science in", 530, True), ("Faculdade de Ciências", 518, False),
            ("Aeronáuticas", 509, False), ("2010 - 2013", 498, False)]
    got = [e for e, _ in parse_education([_col(i, *r) for i, r in enumerate(rows)])]
    assert [(e["institution"], e["degree"]) for e in got] == [("Faculdade de Ciências Aeronáuticas", "Bachelor of Aeronautical Science")]
