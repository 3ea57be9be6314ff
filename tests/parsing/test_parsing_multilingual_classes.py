"""Classes of failure found on the second holdout group (JSON Resume themes "lucide", which prints
its titles and dates in French, and "tachyons-clean", which joins a range with an arrow), each with
a fixture of its own: section titles and dates in the common European languages, durations under
a range, and arrows between two dates.

Every person, employer and school here is invented.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
for _p in (str(_HERE.parents[1]), str(_HERE)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

import pytest

from candidates.parsing.dates import find_dates
from candidates.parsing.model import Document, Line
from candidates.parsing.profile import build_profile
from candidates.parsing.sections import heading_key, split_sections


def _doc(texts: list[str]) -> Document:
    lines = [Line(text=t, bbox=(60, 800 - 14 * i, 60 + 5 * len(t), 810 - 14 * i), size=10.0, index=i)
             for i, t in enumerate(texts)]
    return Document(kind="pdf", lines=lines, links=[])


def _fields(prof: dict) -> set[str]:
    return {e[k] for e in prof["experience"] for k in ("title", "company", "location") if e[k]}


# --- Section titles in other languages, with or without their accents ---------------------------------


@pytest.mark.parametrize("title, key", [
    ("EXPERIENCES PROFESSIONNELLES", "experience"), ("Expériences professionnelles", "experience"),
    ("COMPETENCES", "skills"), ("C O M P É T E N C E S", "skills"), ("LANGUES", "languages"),
    ("Beruflicher Werdegang", "experience"), ("KENNTNISSE", "skills"), ("Experiencia profesional", "experience"),
    ("EXPERIENCIA PROFESIONAL", "experience"), ("Experiência profissional", "experience"),
    ("FORMAÇÃO ACADÊMICA", "education"), ("Esperienze lavorative", "experience"), ("Werkervaring", "experience"),
    ("VAARDIGHEDEN", "skills"), ("Profil professionnel", "summary"),
])
def test_a_european_title_names_its_section_in_any_case_with_or_without_accents(title: str, key: str) -> None:
    assert heading_key(title) == key


def test_a_french_resume_without_accents_on_its_capitals_has_its_jobs_and_skills() -> None:
    prof = build_profile(_doc([
        "Apolline Verdier", "apolline.verdier@example.org", "COMPETENCES", "Comptabilite analytique, SAP, Excel",
        "EXPERIENCES PROFESSIONNELLES", "Avr. 2021 - Aujourd'hui", "3 ans 2 mois", "Controleuse de gestion",
        "Brasserie Lautrec SAS", "• Pilote le budget de trois sites de production",
        "Sept. 2017 - Mars 2021", "3 ans 7 mois", "Analyste financiere", "Coopérative Vallon Vert",
        "FORMATION", "Sept. 2014 - Juin 2017", "Master Finance", "Université de Roanne-Est",
    ]))
    assert [(e["start"], e["end"]) for e in prof["experience"]] == [("2021-04", "present"), ("2017-09", "2021-03")]
    assert "Controleuse de gestion" in _fields(prof)
    assert not any("ans" in f or "mois" in f for f in _fields(prof))
    assert "SAP" in prof["skills"]


def test_a_weak_european_title_set_as_plain_text_stays_a_line_of_its_entry() -> None:
    # "Stages" (French for internships) is also an ordinary word; unstyled, under a project, it is content.
    sections = split_sections(_doc(["Piet Hoekstra", "PROJECTS", "Bridge survey tool", "Stages",
                                    "Field data, review, handover"]).lines)
    assert [s.key for s in sections] == ["header", "projects"]


# --- Dates in other languages ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, start, end", [
    ("Sept. 2019 - Mars 2022", "2019-09", "2022-03"), ("Janv. 2015 - Janv. 2017", "2015-01", "2017-01"),
    ("FÉVR. 2014 - DÉC. 2015", "2014-02", "2015-12"), ("fevr. 2014 - aout 2015", "2014-02", "2015-08"),
    ("Oct. 2020 - à ce jour", "2020-10", "present"), ("März 2020 – heute", "2020-03", "present"),
    ("seit 2019", "2019", "present"), ("depuis janv. 2019", "2019-01", "present"),
    ("marzo 2018 - actualidad", "2018-03", "present"), ("março 2018 - atual", "2018-03", "present"),
    ("ene. 2019 - dic. 2020", "2019-01", "2020-12"),
])
def test_european_months_and_open_ends_read_as_a_range(text: str, start: str, end: str) -> None:
    span = find_dates(text)
    assert span is not None and (span.start, span.end) == (start, end)


def test_a_duration_in_another_language_beside_the_employer_is_no_field() -> None:
    prof = build_profile(_doc([
        "Jorrit Aalbers", "jorrit@example.org", "Berufserfahrung", "März 2019 – heute\tLagerleiter",
        "2 Jahre\tSpedition Kranich GmbH", "Jan. 2016 – Feb. 2019\tDisponent", "5 mois\tTransports Belledonne",
    ]))
    assert [(e["start"], e["end"]) for e in prof["experience"]] == [("2019-03", "present"), ("2016-01", "2019-02")]
    assert {"Lagerleiter", "Transports Belledonne"} <= _fields(prof)
    assert not any("Jahre" in f or "mois" in f for f in _fields(prof))


# --- Arrows and words between two dates --------------------------------------------------------------


@pytest.mark.parametrize("text, start, end", [
    ("2022-04 → Present", "2022-04", "present"), ("2019-09 → 2022-03", "2019-09", "2022-03"),
    ("2019 ⟶ 2022", "2019", "2022"), ("Jan 2019 ➔ Mar 2020", "2019-01", "2020-03"), ("2019 -> 2022", "2019", "2022"),
    ("2018 ⇒ 2020", "2018", "2020"), ("de 2019 à 2022", "2019", "2022"), ("du 03/2019 au 05/2021", "2019-03", "2021-05"),
    ("2019 bis 2022", "2019", "2022"), ("desde 2018 hasta 2021", "2018", "2021"),
])
def test_an_arrow_or_a_word_between_two_dates_makes_a_range(text: str, start: str, end: str) -> None:
    span = find_dates(text)
    assert span is not None and (span.start, span.end) == (start, end)


def test_an_arrow_range_in_an_entry_keeps_its_start() -> None:
    # The arrow is also an icon character: the range must be read before icons are stripped.
    prof = build_profile(_doc([
        "Saoirse Quilty", "saoirse@example.org", "Experience", "Harbour Kiln Ltd", "Production Lead",
        "2021-06 → Present", "Ran the glaze line", "Harbour Kiln Ltd", "Kiln Technician", "2018-02 → 2021-05",
    ]))
    assert [(e["start"], e["end"]) for e in prof["experience"]] == [("2021-06", "present"), ("2018-02", "2021-05")]


def test_a_lone_date_after_an_ordinary_word_that_is_also_a_month_abbreviation_is_only_a_year() -> None:
    # "out" (Portuguese October) and "set" (September) are words first.
    assert find_dates("Sold out 2019").start is None
    assert find_dates("Sold out 2019").end == "2019"
