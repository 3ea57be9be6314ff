"""Entries of layouts nobody here designed: a role with a comma of its own before its employer,
and a second role under an employer printed once, in a layout whose entries open on the employer.

Every person and employer here is invented.
"""

from __future__ import annotations

from candidates.parsing.entries import split_commas
from candidates.parsing.model import Document, Line
from candidates.parsing.profile import build_profile


def test_a_role_with_its_own_comma_then_the_employer() -> None:
    assert split_commas("First Officer, Airbus A320, Aerovia Atlântica Linhas Aéreas") == [
        "First Officer, Airbus A320", "Aerovia Atlântica Linhas Aéreas"]
    assert split_commas("Analyst, Risk, Treasury, Northwind Bank") == ["Analyst, Risk, Treasury", "Northwind Bank"]
    assert split_commas("Engineer, Berlin, Germany") == ["Engineer, Berlin, Germany"]


def _doc(rows: list[tuple[str, float, bool]]) -> Document:
    lines, y = [], 800.0
    for i, (text, size, bold) in enumerate(rows):
        y -= size * 1.6
        lines.append(Line(text=text, bbox=(183, y, 183 + 0.5 * size * len(text), y + size), size=size, bold=bold, index=i))
    return Document(kind="pdf", lines=lines, links=[])


def test_a_second_role_under_an_employer_printed_once_keeps_that_employer() -> None:
    prof = build_profile(_doc([
        ("Nokuthula Dlamini-Vance", 24, True), ("nokuthula@example.org", 10.5, False), ("Work", 20, False),
        ("Amanzi Wellness Pharmacy", 16.4, True), ("Responsible Pharmacist", 13.1, False), ("Jun 2021 – Present", 10.5, False),
        ("Runs a dispensary filling about 450 prescriptions a day and the therapy clinic.", 10.5, False),
        ("Pharmacist", 13.1, False), ("Jan 2019 – May 2021", 10.5, False),
        ("Inkwenkwezi District Hospital", 16.4, True), ("Community Service Pharmacist", 13.1, False),
        ("Jan 2018 – Dec 2018", 10.5, False),
        ("Compulsory community-service year: antiretroviral dispensing and ward stock control.", 10.5, False),
    ]))
    assert [(e["company"], e["title"], e["start"]) for e in prof["experience"]] == [
        ("Amanzi Wellness Pharmacy", "Responsible Pharmacist", "2021-06"),
        ("Amanzi Wellness Pharmacy", "Pharmacist", "2019-01"),
        ("Inkwenkwezi District Hospital", "Community Service Pharmacist", "2018-01")]
