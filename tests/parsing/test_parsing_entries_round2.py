"""Job entries: what each header part is, nested roles, units and invented entries (issue 12).

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


def _jobs(body: str) -> list[dict]:
    return parse(f"Orla Brennan\norla@example.org\n\nEXPERIENCE\n{body}".encode())["experience"]


def _key(e: dict, *fields: str) -> tuple:
    return tuple(e.get(f) for f in fields)


def test_employment_type_is_its_own_field() -> None:
    jobs = _jobs("Data Platform Lead\nQuillfeather Analytics · Full-time\nFeb 2020 - Present\n- Rebuilt the jobs.\n"
                 "Analytics Intern\nHarbourline Freight  Internship\nJun 2018 - Aug 2018\n- Cleaned the data.\n")
    assert [_key(e, "company", "title", "employment_type") for e in jobs] == [
        ("Quillfeather Analytics", "Data Platform Lead", "Full-time"),
        ("Harbourline Freight", "Analytics Intern", "Internship")]


def test_title_specialisation_versus_company_title_on_one_line() -> None:
    jobs = _jobs("Harbourline Freight – Analyst – Logistics Team  Mar 2016 - Jan 2020\n- Reconciled invoices.\n"
                 "Senior Analyst – Pricing  Jan 2015 - Mar 2016\nMarrow & Finch\n- Priced the routes.\n"
                 "Data Platform Lead at Quillfeather Analytics  Feb 2013 - Dec 2014\n- Rebuilt the jobs.\n")
    assert [_key(e, "company", "title", "unit") for e in jobs] == [
        ("Harbourline Freight", "Analyst", "Logistics Team"),
        ("Marrow & Finch", "Senior Analyst – Pricing", None),
        ("Quillfeather Analytics", "Data Platform Lead", None)]


def test_nested_roles_repeat_the_company_and_keep_the_unit() -> None:
    jobs = _jobs("Quillfeather Analytics  2014 - 2022\nData Platform Group  2018 - 2022\nPlatform Lead\n"
                 "- Rebuilt the nightly jobs.\nInsights Unit  2014 - 2018\nAnalyst\n- Wrote the reports.\n")
    assert [_key(e, "company", "unit", "title", "start") for e in jobs] == [
        ("Quillfeather Analytics", "Data Platform Group", "Platform Lead", "2018"),
        ("Quillfeather Analytics", "Insights Unit", "Analyst", "2014")]


def test_alias_after_the_company_is_kept_apart() -> None:
    jobs = _jobs("Quillfeather Analytics (as Quill Data)\nData Platform Lead\nFeb 2020 - Present\n- Rebuilt the jobs.\n"
                 "|\nHarbourline Freight\nAnalyst\n2016 - 2020\n- Reconciled.\n")
    assert [_key(e, "company", "company_alias", "title") for e in jobs] == [
        ("Quillfeather Analytics", "Quill Data", "Data Platform Lead"), ("Harbourline Freight", None, "Analyst")]


def test_a_chinese_department_under_the_company_is_a_unit() -> None:
    p = parse("王小明\nwang@example.com\n\n工作经历\n海港货运有限公司  2019.07 - 至今\n数据智能实验室（上海）\n数据分析师\n"
              "- 负责运输数据分析。\n".encode())
    assert [_key(e, "company", "unit", "title") for e in p["experience"]] == [
        ("海港货运有限公司", "数据智能实验室（上海）", "数据分析师")]


def test_wrapped_description_lines_are_never_entries() -> None:
    jobs = _jobs("Quillfeather Analytics | Data Platform Lead | Feb 2020 - Present\n"
                 "Rebuilt the nightly reporting jobs for forty clients and moved\n"
                 "billing to events, which cut the monthly close from five days\nto two.\n"
                 "Owned the warehouse cost review with finance,\nsaving 30% a year.\n"
                 "Harbourline Freight | Analyst | 2016 - 2020\n- Reconciled the invoices.\n")
    assert [_key(e, "company", "title") for e in jobs] == [
        ("Quillfeather Analytics", "Data Platform Lead"), ("Harbourline Freight", "Analyst")]


def test_fragment_headers_are_dropped() -> None:
    from candidates.parsing.experience_fields import is_fragment

    assert is_fragment("and reduced the backlog by half.")
    assert is_fragment("Leading the migration of forty services")
    assert not is_fragment("Quillfeather Analytics Inc.") and not is_fragment("Data Platform Lead")
