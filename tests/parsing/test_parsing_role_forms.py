"""Roles that no word list names are known by their form: the nouns of the professions
(Radiographer, Physiotherapist, Podiatrist, Dietitian) and a grade after a function ("Audit
Senior"); the same forms in an organisation's name (a church that names a hospital) are no role.

Every person, employer and school here is invented.
"""

from __future__ import annotations

import pytest

from candidates.parsing.entries import is_title
from candidates.parsing.model import Document, Line
from candidates.parsing.profile import build_profile


@pytest.mark.parametrize("text", ["Radiographer", "Senior Physiotherapist", "Podiatrist", "Renal Dietitian",
                                  "Dispensing Optician", "Audit Senior", "Dental Hygienists"])
def test_a_profession_is_a_role_by_its_form(text: str) -> None:
    assert is_title(text)


@pytest.mark.parametrize("text", ["Baptist Health", "Methodist Hospital", "Checklists Ltd", "Wrist & Hand Clinic",
                                  "Persist Analytics"])
def test_words_of_that_form_that_name_no_person_are_no_role(text: str) -> None:
    assert not is_title(text)


def _doc(texts: list[str]) -> Document:
    lines = [Line(text=t, bbox=(60, 800 - 14 * i, 60 + 5 * len(t), 810 - 14 * i), size=10.0, index=i)
             for i, t in enumerate(texts)]
    return Document(kind="pdf", lines=lines, links=[])


def test_an_employer_line_then_a_profession_read_as_employer_and_role() -> None:
    prof = build_profile(_doc([
        "Imogen Taraval", "imogen.taraval@example.org", "Experience",
        "Kestrel Vale Imaging Centre", "Radiographer", "March 2018 – June 2021",
        "Performed plain-film and CT examinations for outpatients.",
    ]))
    [job] = prof["experience"]
    assert (job["company"], job["title"]) == ("Kestrel Vale Imaging Centre", "Radiographer")
