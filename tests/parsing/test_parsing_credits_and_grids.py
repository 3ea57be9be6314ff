"""A layout's credit to its maker is no part of the résumé, and a skills grid's group names (with
the level they are held at) title the lists beside them: they are no skills.

Every person, employer and school here is invented.
"""

from __future__ import annotations

import io

from reportlab.pdfgen import canvas

from candidates.parsing import parse
from candidates.parsing.model import Document, Line
from candidates.parsing.profile import build_profile


def _pdf(credit: str, credit_y: float = 60) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    c.setFont("Helvetica-Bold", 20)
    c.drawString(60, 780, "Tobiah Wrenfield")
    c.setFont("Helvetica", 10)
    c.drawString(60, 760, "tobiah.wrenfield@example.org")
    c.linkURL("https://www.linkedin.com/in/tobiah-wrenfield", (60, 740, 200, 752))
    c.drawString(60, 742, "linkedin.com/in/tobiah-wrenfield")
    c.setFont("Helvetica-Bold", 12)
    c.drawString(60, 700, "Experience")
    c.setFont("Helvetica", 10)
    c.drawString(60, 680, "Site Supervisor, Carrow Build Ltd, 2018 - 2023")
    c.drawString(60, 666, "Built with a team of six the new depot by the river on time.")
    c.drawString(60, credit_y, credit)
    c.linkURL("https://github.com/avery-quill-themes", (60, credit_y - 3, 400, credit_y + 10))
    c.save()
    return buf.getvalue()


def test_a_theme_credit_at_the_foot_of_the_page_brings_no_link_and_no_skill() -> None:
    p = parse(_pdf("Powered by JSON Resume · Theme by Avery Quill"))
    # The printed address and its hyperlink are one profile, given once.
    assert p["links"] == ["https://linkedin.com/in/tobiah-wrenfield"]
    assert "JSON" not in p["skills"] and "Avery Quill" not in p["text"]


def test_a_designed_with_credit_as_a_column_s_last_line_is_dropped() -> None:
    p = parse(_pdf("Designed with \u2665 by Avery Quill for developers", credit_y=300))
    assert "github.com/avery-quill-themes" not in " ".join(p["links"])
    assert "Avery Quill" not in p["text"]


def test_a_highlight_that_starts_like_a_credit_stays() -> None:
    p = parse(_pdf("Site Supervisor notes", credit_y=300))
    assert "Built with a team of six" in p["text"]


def _line(i: int, text: str, x: float, y: float, size: float = 11.0, bold: bool = False) -> Line:
    return Line(text=text, bbox=(x, y, x + 0.5 * size * len(text), y + size), size=size, bold=bold, index=i)


def _doc(rows: list[tuple]) -> Document:
    head = [("Tobiah Wrenfield", 60, 800, 20, True), ("tobiah.wrenfield@example.org", 60, 780), ("Skills", 60, 740, 13, True)]
    return Document(kind="pdf", lines=[_line(i, *r) for i, r in enumerate(head + rows)], links=[])


def test_a_group_name_and_level_level_with_its_list_is_no_skill() -> None:
    prof = build_profile(_doc([("Site work  Advanced", 60, 720), ("Setting out, Concrete pours, Scaffold inspection", 190, 720),
                               ("Software  Intermediate", 60, 700), ("Primavera, Bluebeam", 190, 700)]))
    assert prof["skills"] == ["Setting out", "Concrete pours", "Scaffold inspection", "Primavera", "Bluebeam"]


def test_a_group_name_and_level_before_a_tab_and_its_list() -> None:
    prof = build_profile(_doc([("Site work  Advanced\tSetting out, Concrete pours", 60, 720)]))
    assert prof["skills"] == ["Setting out", "Concrete pours"]


def test_a_group_with_its_level_in_brackets_before_a_colon() -> None:
    prof = build_profile(_doc([("Site work (Advanced): Setting out, Concrete pours", 60, 720)]))
    assert prof["skills"] == ["Setting out", "Concrete pours"]
