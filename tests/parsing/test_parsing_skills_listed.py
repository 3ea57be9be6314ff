"""Skills listed under a skills heading, as printed, apart from those inferred from prose (issue 12).

Every person and employer here is invented.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
for _p in (str(_HERE.parents[1]), str(_HERE)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from candidates.parsing import parse
from candidates.parsing.model import Line
from candidates.parsing.skills import category_lines


def _txt(text: str) -> dict:
    return parse(text.encode("utf-8"))


def test_everything_under_a_skills_heading_is_a_skill() -> None:
    p = _txt("Maren Holloway\nmaren@example.org\n\nEXPERIENCE\nRiverside Clinic | Phlebotomist | 2019 - 2023\n"
             "- Drew blood for the outpatient ward.\n\nSKILLS\nPhlebotomy, Triage, HACCP, GAAP, QuickBooks\n"
             "Quality assurance scoring\n")
    for skill in ("Phlebotomy", "Triage", "HACCP", "GAAP", "QuickBooks", "Quality assurance scoring"):
        assert skill in p["skills"], (skill, p["skills"])


def test_category_lines_under_skills_give_several_skills() -> None:
    p = _txt("Maren Holloway\nmaren@example.org\n\nSKILLS\nLanguages: C, Go, Rust\nPractices: Event sourcing, "
             "Incident command\n\nLANGUAGES\nEnglish (native), German (fluent)\n")
    for skill in ("C", "Go", "Rust", "Event sourcing", "Incident command"):
        assert skill in p["skills"], (skill, p["skills"])
    assert any(lang.startswith("German") for lang in p["languages"])


def test_mentions_keep_the_printed_form() -> None:
    p = _txt("Maren Holloway\nmaren@example.org\n\nSKILLS\nPostgres, Google Cloud, Kubernetes\n")
    assert {"skill": "PostgreSQL", "text": "Postgres"} in p["skill_mentions"]
    assert any(m["text"] == "Google Cloud" for m in p["skill_mentions"])


def test_skills_inferred_from_prose_are_kept_apart() -> None:
    p = _txt("Maren Holloway\nmaren@example.org\n\nEXPERIENCE\nRiverside Clinic | Data Analyst | 2019 - 2023\n"
             "- Moved the reporting jobs to Kubernetes and cleaned the data with Python.\n\nSKILLS\nPython, SQL\n")
    assert "Kubernetes" in p["skills"] and p["skills_inferred"] == ["Kubernetes"]
    assert "Python" not in p["skills_inferred"]
    assert p["provenance"][f"skills.{p['skills'].index('Kubernetes')}"]["confidence"] <= 0.6


def test_an_item_broken_at_a_hyphen_is_one_skill() -> None:
    p = _txt("Maren Holloway\nmaren@example.org\n\nSKILLS\nClinical: Medication reconciliation, Pharmacovigi-\n"
             "lance, Parenteral nutrition\n")
    assert "Pharmacovigilance" in p["skills"] and "lance" not in p["skills"]


def test_category_titles_set_larger_are_no_skills() -> None:
    lines = [Line(text="Skills", size=20, index=0, bbox=(80, 700, 120, 720)),
             Line(text="Support\tTools", size=16, index=1, bbox=(196, 680, 400, 696), bold=True),
             Line(text="Ticket triage\tZendesk", size=10.5, index=2, bbox=(202, 664, 400, 674)),
             Line(text="Onboarding\tLooker", size=10.5, index=3, bbox=(202, 650, 400, 660)),
             Line(text="Leadership", size=16, index=4, bbox=(196, 630, 280, 646), bold=True),
             Line(text="Coaching\tHiring", size=10.5, index=5, bbox=(202, 614, 400, 624))]
    assert category_lines(lines[1:]) == {1, 4}


def test_a_skill_named_twice_in_one_item_and_a_list_wrapped_mid_item() -> None:
    p = _txt("Maren Holloway\nmaren@example.org\n\nSKILLS\nFinance: DCF valuation, Budgeting and forecasting, Due\n"
             "diligence\nTools: TypeScript React\n")
    texts = {m["text"] for m in p["skill_mentions"]}
    assert {"DCF valuation", "Budgeting and forecasting", "Due diligence"} <= texts
    assert "TypeScript React" not in texts and "TypeScript" in p["skills"]


def test_proficiency_words_are_not_part_of_the_skill() -> None:
    p = _txt("王小明\nwang@example.com\n\n专业技能\n熟练掌握 Java、熟悉 Kafka、PMP 认证\n")
    assert "Java" in p["skills"] and "Apache Kafka" in p["skills"]
    assert not any("熟" in s or "认证" in s for s in p["skills"])
