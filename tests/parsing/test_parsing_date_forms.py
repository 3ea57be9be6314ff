"""Dates written year first with the month's name after it ("2022-Apr - Present", "2019 Sep –
2022 Mar"), as some themes print them, are ranges with months; a year, a spaced dash and a month
with its year is still a range of two dates."""

from __future__ import annotations

import pytest

from candidates.parsing.dates import find_range


@pytest.mark.parametrize("text, start, end", [
    ("2022-Apr - Present", "2022-04", "present"),
    ("2019-Sep - 2022-Mar", "2019-09", "2022-03"),
    ("2019 Sep – 2022 Mar", "2019-09", "2022-03"),
    ("2019/Oct - 2020/Jan", "2019-10", "2020-01"),
    ("2019 - May 2021", "2019", "2021-05"),
])
def test_a_year_then_its_month_s_name(text: str, start: str, end: str) -> None:
    span = find_range(text)
    assert span is not None and (span.start, span.end) == (start, end)
