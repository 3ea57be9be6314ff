"""Names and contacts (issue 12, round 3): a name and a headline set on one baseline in two sizes,
bilingual names and wrapped e-mails end to end.

Every person here is invented.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
if str(_HERE.parents[1]) not in sys.path:
    sys.path.insert(0, str(_HERE.parents[1]))

from candidates.parsing.layout import build_lines
from candidates.parsing.model import Document
from candidates.parsing.profile import build_profile


def _chars(text: str, x: float, y: float, size: float) -> list[tuple]:
    out = []
    for ch in text:
        w = 0.25 * size if ch == " " else 0.5 * size
        out.append((x, y, x + w, y + size, ch, size, False))
        x += w
    return out


def _page(first: list[tuple]) -> list[tuple]:
    c = list(first)
    c += _chars("Manchester, GB", 22, 736, 10.5) + _chars("adaeze.okonkwo@example.org", 22, 720, 10.5)
    c += _chars("EMPLOYMENT", 221, 675, 12.6)
    c += _chars("Pennine Ledger Partners LLP", 221, 659, 10.5) + _chars("Sep 2019 - Present", 480, 645, 10.5)
    c += _chars("Ran statutory audits for twelve clients in manufacturing.", 221, 630, 10.5)
    return c


def test_a_name_and_a_headline_on_one_baseline_in_two_sizes_are_two_lines() -> None:
    # A 31.5 pt name and an 18.4 pt headline a few points apart, the headline's baseline a little higher.
    name = _chars("Adaeze Okonkwo-Barnes", 25, 794, 31.5)
    headline = _chars("Chartered Accountant", name[-1][2] + 14, 800, 18.4)
    lines = build_lines(_page(name + headline), 1, 595, 842)
    for i, ln in enumerate(lines):
        ln.index = i
    texts = [ln.text for ln in lines]
    assert "Adaeze Okonkwo-Barnes" in texts and "Chartered Accountant" in texts, texts
    p = build_profile(Document(kind="pdf", lines=lines))
    assert p["name"] == "Adaeze Okonkwo-Barnes"
    assert p["headline"] == "Chartered Accountant"


def test_a_small_superscript_stays_in_its_word() -> None:
    lines = build_lines(_chars("Ward 3", 60, 700, 10) + _chars("rd", 87.5, 704, 6) + _chars(" floor", 93.5, 700, 10),
                        1, 595, 842)
    assert [ln.text for ln in lines] == ["Ward 3rd floor"]


def test_small_capitals_between_words_stay_on_their_line() -> None:
    # "2018-05 TO PRESENT" with the small capitals of "TO" at 0.7 of the size, letter-spaced.
    c = _chars("2018-05", 37, 575, 7.6) + _chars("TO", 37 + 7 * 3.8 + 3, 575, 5.3) + _chars("PRESENT", 78, 575, 7.6)
    assert [ln.text for ln in build_lines(c, 1, 595, 842)] == ["2018-05 TO PRESENT"]


def test_an_address_broken_at_a_hyphen_in_a_sidebar_comes_back_once() -> None:
    from candidates.parsing.model import Line

    texts = ["Kavya Raghunathan", "Product Designer", "About", "Pune IN", "kavya.r@exam", "ple.in", "kavya-",
             "portfolio.example.in", "+91 99887 00000"]
    lines = [Line(text=t, page=1, bbox=(29, 800 - 16 * i, 29 + 5 * len(t), 809 - 16 * i), size=9, index=i)
             for i, t in enumerate(texts)]
    p = build_profile(Document(kind="pdf", lines=lines))
    assert p["links"] == ["https://kavya-portfolio.example.in"]
    assert p["emails"] == ["kavya.r@example.in"]


def test_a_bullet_set_in_another_size_stays_with_its_line() -> None:
    c = _chars("•", 171, 583, 5.0) + _chars("Wired three retail units to code", 182, 582, 9.96)
    assert [ln.text for ln in build_lines(c, 1, 595, 842)] == ["• Wired three retail units to code"]


def test_a_national_number_among_the_contact_fields_is_a_phone() -> None:
    from candidates.parsing import parse

    for line, digits in (("Lisboa, PT · leonor.sa@example.pt · 912 345 678", "912345678"),
                         ("Singapore, SG · wen.koh@example.sg · wen-koh · 8123 4567", "81234567")):
        p = parse(f"Leonor Sá\n{line}\n\nEXPERIENCE\nTejo Hotels | Night Manager | 2019 - 2023\n".encode())
        assert [ph.replace(" ", "").lstrip("+") for ph in p["phones"]] == [digits], p["phones"]
    p = parse("Leonor Sá\nLisboa · leonor.sa@example.pt · 2019 - 2023\n".encode())
    assert p["phones"] == []
