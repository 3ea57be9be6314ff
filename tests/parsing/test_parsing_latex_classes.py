"""Classes of failure found by the LaTeX layouts of the builders set (tests/parsing/builders/latex.py):
dates in a narrow left column that wrap there, a contact block beside the name that made the page
look two-column.

Every person, employer and school here is invented.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
if str(_HERE.parents[1]) not in sys.path:
    sys.path.insert(0, str(_HERE.parents[1]))

from candidates.parsing.layout import build_lines
from candidates.parsing.model import Document, Line
from candidates.parsing.profile import build_profile

EDGE = 130.0  # where the body column starts; the date column ends 8 pt before it


def _text(text: str, x: float, y: float, size: float = 10.0, right: bool = False) -> list[tuple]:
    """Glyphs of ``text`` on baseline ``y`` starting at ``x`` (ending at ``x`` when ``right``)."""
    w = 0.5 * size
    if right:
        x -= w * len(text)
    out = []
    for ch in text:
        out.append((x, y, x + (0.25 * size if ch == " " else w), y + size, ch, size, False))
        x += w
    return out


def _lines(rows: list[tuple[str, str, float]], head: bool = True) -> list[Line]:
    """``rows``: (margin text, body text, line pitch below). Margin text is right-aligned against
    the date column's edge, body text starts at EDGE, like moderncv's classic style."""
    chars: list[tuple] = []
    y = 800.0
    if head:
        chars += _text("Odalys Ferreira-Quist", 60, y, size=24)
        for k, contact in enumerate(["Leeds", "+44 7700 900512", "odalys.fq@example.org", "linkedin.com/in/odalysfq"]):
            chars += _text(contact, 540, y + 14 - 12 * k, right=True)
        y -= 60
    for margin, body, pitch in rows:
        if margin:
            chars += _text(margin, EDGE - 8, y, right=True)
        if body:
            chars += _text(body, EDGE, y)
        y -= pitch
    lines = build_lines(chars, 1, 595, 842)
    for i, ln in enumerate(lines):
        ln.index = i
    return lines


_EXPERIENCE = [
    ("", "Experience", 20),
    ("Sep 2019 –", "Site Supervisor, Calder Fenwick Builders", 13),
    ("present", "Run three residential sites of up to forty homes with a team of twelve trades.", 12),
    ("", "• Cut snagging items at handover by half", 12),
    ("", "• Brought in a permit-to-work system", 16),
    ("Oct 2014 –", "Assistant Site Manager, Holmfirth & Wray Construction", 13),
    ("Aug 2019", "• Kept the programme for a block of 60 flats", 12),
    ("", "• Coordinated deliveries, scaffolds and the diary", 16),
    ("", "Education", 20),
    ("September", "Diploma in Construction, Ossett College", 13),
    ("2012 – July", "Site management and building technology", 13),
    ("2014", "", 16),
]


def test_a_date_range_wrapped_in_the_left_date_column_is_one_range_on_its_header_row() -> None:
    lines = _lines(_EXPERIENCE)
    texts = [ln.text for ln in lines]
    assert any(t.startswith("Sep 2019 – present") and "Site Supervisor" in t for t in texts), texts
    # The pieces of a range never open a description line.
    assert not any(t.startswith(("present", "Aug 2019", "2014")) for t in texts), texts
    assert "• Kept the programme for a block of 60 flats" in texts, texts
    profile = build_profile(Document(kind="pdf", lines=lines))
    got = [(e["company"], e["title"], e["start"], e["end"]) for e in profile["experience"]]
    assert got == [
        ("Calder Fenwick Builders", "Site Supervisor", "2019-09", "present"),
        ("Holmfirth & Wray Construction", "Assistant Site Manager", "2014-10", "2019-08"),
    ], got
    edu = profile["education"][0]
    assert (edu["institution"], edu["start"], edu["end"]) == ("Ossett College", "2012-09", "2014-07"), edu


def test_a_contact_block_beside_the_name_does_not_cut_the_column_below_into_slices() -> None:
    # Two long body lines cross the gutter between the name and the contact block (the others end
    # before it); the page below is one column, so every body line gets the same column number.
    lines = _lines(_EXPERIENCE)
    body = [ln for ln in lines if ln.bbox[1] < 760]
    assert len({ln.column for ln in body}) == 1, [(ln.column, ln.text) for ln in body]


def test_dates_that_do_not_wrap_stay_as_they_were() -> None:
    lines = _lines([("", "Experience", 20), ("2016 – 2021", "Joiner, Brackenbury Homes", 13),
                    ("", "Fitted kitchens and staircases across new-build estates.", 16)], head=False)
    assert [ln.text for ln in lines][1].startswith("2016 – 2021"), [ln.text for ln in lines]


def _plain(texts: list[str]) -> Document:
    return Document(kind="txt", lines=[Line(text=t, index=i) for i, t in enumerate(texts)])


def test_a_full_stop_after_a_dated_headers_last_field_is_punctuation() -> None:
    # moderncv's oldstyle and banking styles end "Title, Employer" with a full stop.
    profile = build_profile(_plain([
        "Ingrid Falkvik", "ingrid.falkvik@example.se", "Experience",
        "Systems Administrator, Kattegatt Hosting.\t2016.08 – 2019.12",
        "• Ran 300 Linux servers across two data centres",
        "Network Technician, Brattås Kommun IT.\t2014.06 – 2016.07",
        "• Looked after the switches of forty schools",
        "Support Engineer, Vinga Software Inc.\t2012.01 – 2014.05",
        "• Answered the phones",
    ]))
    got = [(e["company"], e["title"]) for e in profile["experience"]]
    assert got == [("Kattegatt Hosting", "Systems Administrator"), ("Brattås Kommun IT", "Network Technician"),
                   ("Vinga Software Inc.", "Support Engineer")], got


def _sized(rows: list[tuple[str, float]]) -> Document:
    lines, y = [], 800.0
    for i, (text, size) in enumerate(rows):
        lines.append(Line(text=text, index=i, size=size, bbox=(150, y, 150 + 0.5 * size * len(text), y + size)))
        y -= 1.4 * size
    return Document(kind="pdf", lines=lines)


_BODY = [("Experience", 14), ("Site Supervisor, Calder Fenwick Builders\t2019 – 2023", 10),
         ("Ran three residential sites with a team of twelve trades.", 10)] * 2


def test_a_long_name_broken_at_its_hyphen_with_the_headline_after_it() -> None:
    profile = build_profile(_sized([("Nokuthula Ferreira-", 25), ("Baptiste | Site Supervisor", 25),
                                    ("Leeds – GB", 10), ("nokuthula.fb@example.org", 10)] + _BODY))
    assert profile["name"] == "Nokuthula Ferreira-Baptiste", profile["name"]


def test_a_bilingual_name_sharing_its_line_with_the_headline() -> None:
    profile = build_profile(_sized([("Zhou Mingxuan 周明轩 | Clinical", 25), ("Research Associate", 25),
                                    ("Shanghai – CN", 10), ("mingxuan.zhou@example.com", 10)] + _BODY))
    assert (profile["name"], profile.get("name_alternates")) == ("Zhou Mingxuan", ["周明轩"]), profile["name"]


def test_the_body_edge_is_found_when_most_rows_start_in_the_date_column() -> None:
    # Full month names wrap over three rows, so most rows begin in the date column.
    rows = [("", "Experience", 20)]
    for start, end, header, line in [
        (("June", "2021 –", "present"), "", "Staff Engineer, Presidio Harbour Inc.", "Own the ranking stack"),
        (("February", "2019 – May", "2021"), "", "Senior Engineer, Presidio Harbour Inc.", "Shipped the models"),
        (("September", "2016 –", "January 2019"), "", "Data Scientist, Embarcadero Analytics", "Built churn models"),
    ]:
        rows += [(start[0], header, 13), (start[1], "• " + line, 13), (start[2], "", 16)]
    profile = build_profile(Document(kind="pdf", lines=_lines(rows)))
    got = [(e["company"], e["title"], e["start"], e["end"]) for e in profile["experience"]]
    assert got == [
        ("Presidio Harbour Inc.", "Staff Engineer", "2021-06", "present"),
        ("Presidio Harbour Inc.", "Senior Engineer", "2019-02", "2021-05"),
        ("Embarcadero Analytics", "Data Scientist", "2016-09", "2019-01"),
    ], got


def _form(rows: list[tuple[str, str]], size: float = 10.0) -> list[Line]:
    """A Europass-style grid: labels flush right against x=198, values from x=222."""
    chars: list[tuple] = []
    y = 780.0
    for label, value in rows:
        if label:
            chars += _text(label, 198, y, size=size, right=True)
        if value:
            chars += _text(value, 222, y, size=size)
        y -= 14
    chars += _text("Page 1 - Curriculum vitae of", 198, 40, size=8, right=True)
    chars += _text("Mireille Okonjo-Daugherty", 198, 30, size=8, right=True)
    lines = build_lines(chars, 1, 595, 842)
    for i, ln in enumerate(lines):
        ln.index = i
    return lines


_EUROPASS = [
    ("Name / Surname", "Mireille Okonjo-Daugherty"), ("Address", "Nantes"), ("Telephone", "+33 6 12 44 98 07"),
    ("E-mail", "mireille.od@example.fr"), ("", ""), ("Work experience", ""),
    ("Dates", "03/2018 – present"), ("Occupation or position held", "Harbour Pilot"),
    ("Main activities and", "Brings container ships and tankers into the port in all"),
    ("responsibilities", "weathers; trains the new pilots."),
    ("Name and address of employer", "Estuaire Pilotage, Saint-Nazaire"), ("", ""),
    ("Dates", "09/2012 – 02/2018"), ("Occupation or position held", "Second Officer"),
    ("Main activities and", "Navigation watches on coastal tankers."),
    ("responsibilities", ""), ("Name and address of employer", "Loire Maritime"), ("", ""),
    ("Education and training", ""), ("Dates", "09/2008 – 06/2012"),
    ("Title of qualification awarded", "Diplôme d'officier de la marine marchande"),
    ("Principal subjects", "Navigation, ship handling"),
    ("Name of organisation providing", "École Nationale de la Marine de Nantes"), ("education", ""),
]


def test_a_form_reads_each_value_as_the_field_its_label_names() -> None:
    profile = build_profile(Document(kind="pdf", lines=_form(_EUROPASS)))
    assert profile["name"] == "Mireille Okonjo-Daugherty"
    got = [(e["company"], e["title"], e["start"], e["end"]) for e in profile["experience"]]
    # "Loire Maritime" holds no word that marks an employer: its label says it is one, after the
    # description, as the form orders it.
    assert got == [("Estuaire Pilotage", "Harbour Pilot", "2018-03", "present"),
                   ("Loire Maritime", "Second Officer", "2012-09", "2018-02")], got
    assert profile["experience"][0]["highlights"] == [
        "Brings container ships and tankers into the port in all weathers; trains the new pilots."]
    edu = profile["education"]
    assert [(e["institution"], e["degree"], e["start"], e["end"]) for e in edu] == [
        ("École Nationale de la Marine de Nantes", "Diplôme d'officier de la marine marchande", "2008-09", "2012-06")], edu


def test_a_footer_numbering_the_page_is_not_content_on_a_one_page_document() -> None:
    from candidates.parsing.readers.pdf import _drop_page_footers

    lines = _drop_page_footers(_form(_EUROPASS), [(595, 842)])
    assert not any("Curriculum vitae of" in ln.text or ln.text == "Mireille Okonjo-Daugherty" for ln in lines)
    assert any("Mireille Okonjo-Daugherty" in ln.text for ln in lines)  # the name in the form stays


def test_the_end_of_an_address_hyphenated_in_a_sidebar_is_not_a_second_address() -> None:
    doc = _sized([("Oskarina Lindqvist", 25), ("• os-", 10), ("kar.lindqvist@example.se", 10)] + _BODY)
    doc.links = ["mailto:oskar.lindqvist@example.se"]
    assert build_profile(doc)["emails"] == ["oskar.lindqvist@example.se"]


def test_the_end_of_a_web_address_hyphenated_in_a_sidebar_is_not_a_second_link() -> None:
    doc = _sized([("Dmitra Volkonsky", 25), ("• volkon-", 10), ("sky.example.com", 10), ("blog.example.org", 10)]
                 + _BODY)
    doc.links = ["https://volkonsky.example.com", "https://example.org"]
    links = build_profile(doc)["links"]
    assert "https://sky.example.com" not in links and "https://volkonsky.example.com" in links, links
    assert "https://blog.example.org" in links and "https://example.org" in links, links  # cut at a dot: both kept


def test_a_form_with_one_job_is_still_a_form() -> None:
    # Few labels repeat in a career of one job: the form's known labels show the label column.
    rows = [("Name / Surname", "Zhou Mingxuan 周明轩"), ("Telephone", "+86 150 2188 3467"), ("", ""),
            ("Work experience", ""), ("Dates", "08/2020 – present"), ("Occupation or position held", "Data Manager"),
            ("Main activities and", "Led database lock for three studies; wrote the edit-check spec-"),
            ("responsibilities", "ification template"),
            ("Name and address of employer", "Huangpu Clinical Research Co., Ltd. 黄浦临床研究有限公司"), ("", ""),
            ("Education and training", ""), ("Dates", "09/2015 – 06/2017"),
            ("Title of qualification awarded", "Master of Science"), ("Principal subjects", "Biostatistics"),
            ("Name of organisation providing", "Fudan Riverside University"), ("education", "")]
    profile = build_profile(Document(kind="pdf", lines=_form(rows)))
    assert (profile["name"], profile["name_alternates"]) == ("Zhou Mingxuan", ["周明轩"])
    got = [(e["company"], e["title"], e["start"], e["end"]) for e in profile["experience"]]
    assert got == [("Huangpu Clinical Research Co., Ltd. 黄浦临床研究有限公司", "Data Manager", "2020-08", "present")], got
    assert [(e["institution"], e["degree"], e["field"]) for e in profile["education"]] == [
        ("Fudan Riverside University", "Master of Science", "Biostatistics")]


def _block(rows: list[tuple[str, float, float, bool]]) -> Document:
    """(text, size, right edge, bold) rows starting at x=172, 13 pt apart."""
    lines, y = [], 700.0
    for i, (text, size, x1, bold) in enumerate(rows):
        lines.append(Line(text=text, index=i, size=size, bold=bold, bbox=(172, y, x1, y + size)))
        y -= 13
    return Document(kind="pdf", lines=lines)


def test_a_header_that_ran_into_its_dates_wraps_its_last_words_below() -> None:
    # The text ran up to the right-aligned dates (no tab stop left), so the employer's end and a
    # lone legal form wrapped onto short lines in the header's size; the body is set smaller.
    doc = _block([
        ("Ingeborg Ravnsborg", 25, 400, True), ("ingeborg.r@example.no", 10, 300, False),
        ("Experience", 14, 243, True),
        ("Charge Nurse, Emergency Department, Willamette 2020.04 – present", 10.9, 535.7, True),
        ("Crest Hospital.", 10.9, 240, False),
        ("Lead a shift of nine nurses in a 38-bed emergency department.", 10, 433, False),
        ("Owner and Gas Engineer, Ó Murchú Plumbing & Heat- 2019.04 – 2020.03", 10.9, 535.7, False),
        ("ing.", 10.9, 189, False),
        ("• Ran a two-van business", 10, 300, False),
        ("Senior Engineer, Presidio Search 2016.02 – 2019.03", 10.9, 535.7, True),
        ("Inc..", 10.9, 192, False),
        ("• Shipped the first learning-to-rank model", 10, 350, False),
        ("Nursing Assistant, Cascade Valley Clinic.\t2013.01 – 2015.05", 10.9, 535.7, False),
        ("Supported outpatient clinics.", 10, 300, False),
    ])
    got = [(e["company"], e["start"]) for e in build_profile(doc)["experience"]]
    assert got == [("Willamette Crest Hospital", "2020-04"), ("Ó Murchú Plumbing & Heating", "2019-04"),
                   ("Presidio Search Inc.", "2016-02"), ("Cascade Valley Clinic", "2013-01")], got
