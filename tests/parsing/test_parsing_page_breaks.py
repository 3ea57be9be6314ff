"""Text that recurs at a page break is content unless it recurs at the same height: a school at the
foot of page 1 and again at the top of page 2 is two entries, a running head is none.

Every person and school here is invented.
"""

from __future__ import annotations

import io

from reportlab.pdfgen import canvas

from candidates.parsing import parse


def _pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    c.setFont("Helvetica", 8)
    c.drawString(60, 820, "Curriculum vitae - Tobiah Wrenfield")
    c.setFont("Helvetica-Bold", 20)
    c.drawString(60, 780, "Tobiah Wrenfield")
    c.setFont("Helvetica", 10)
    c.drawString(60, 760, "tobiah.wrenfield@example.org")
    c.setFont("Helvetica-Bold", 12)
    c.drawString(60, 720, "Experience")
    c.setFont("Helvetica", 10)
    c.drawString(60, 700, "Site Supervisor, Carrow Build Ltd, 2018 - 2023")
    c.setFont("Helvetica-Bold", 12)
    c.drawString(60, 60, "Education")
    c.setFont("Helvetica-Bold", 10)
    c.drawString(60, 42, "Harrowgate Institute of Building")
    c.setFont("Helvetica", 10)
    c.drawString(60, 30, "Master of Construction Management, Sep 2016 - Jun 2018")
    c.showPage()
    c.setFont("Helvetica", 8)
    c.drawString(60, 820, "Curriculum vitae - Tobiah Wrenfield")
    c.setFont("Helvetica-Bold", 10)
    c.drawString(60, 790, "Harrowgate Institute of Building")
    c.setFont("Helvetica", 10)
    c.drawString(60, 778, "Bachelor of Engineering, Sep 2012 - Jun 2016")
    c.save()
    return buf.getvalue()


def test_a_school_cut_by_the_page_break_is_two_entries_and_the_running_head_goes() -> None:
    p = parse(_pdf())
    schools = [(e["institution"], e["start"]) for e in p["education"]]
    assert schools == [("Harrowgate Institute of Building", "2016-09"), ("Harrowgate Institute of Building", "2012-09")]
    assert p["text"].count("Curriculum vitae") == 1
