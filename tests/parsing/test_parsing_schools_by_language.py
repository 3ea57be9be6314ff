"""Schools named in their own language are schools: an entry under Education whose school the
parser does not know takes the school of the entry before it, which is worse than none."""

from __future__ import annotations

import pytest

from candidates.parsing.education import INSTITUTION_RE


@pytest.mark.parametrize("name", ["Hogeschool Zuidwal", "Lunds Högskola", "Høgskolen i Vestfjord",
                                  "Tampereen yliopisto", "Politechnika Nadwiślańska", "Instituto Politécnico do Cávado",
                                  "Akademie der Künste Lindau", "Technikum Wien-Nord", "Riverland TAFE"])
def test_a_school_in_its_own_language_is_a_school(name: str) -> None:
    assert INSTITUTION_RE.search(name)
