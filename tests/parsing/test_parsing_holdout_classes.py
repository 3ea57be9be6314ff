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
