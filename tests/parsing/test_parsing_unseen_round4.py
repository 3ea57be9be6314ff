"""Classes of failure seen on the third holdout group and on profile pages of the second (JSON
Resume themes autumn, cora, lucide, classy, ...), each with a fixture of its own.

Every person, employer and school here is invented.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
for _p in (str(_HERE.parents[1]), str(_HERE)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from candidates.parsing.model import Document, Line
from candidates.parsing.profile import build_profile


def _line(text: str, y: float, x0: float = 60, bold: bool = False, size: float = 10.0, x1: float | None = None) -> Line:
    return Line(text=text, bbox=(x0, y, x1 or x0 + 4.6 * len(text), y + size), size=size, bold=bold)


def _profile(lines: list[Line]) -> dict:
    for i, ln in enumerate(lines):
        ln.index = i
    return build_profile(Document(kind="pdf", lines=lines))


# --- Highlights printed without bullets ------------------------------------------------------------


def test_a_highlight_after_a_line_that_stopped_short_is_a_new_one() -> None:
    # No bullet glyph and no full stop: only the short line above tells the two highlights apart,
    # while a line that ran to the edge goes on below, capital or not.
    prof = _profile([
        _line("Marit Oosterhuis", 800, size=20, bold=True), _line("marit@example.org", 770),
        _line("Experience", 740, size=12, bold=True),
        _line("Logistics Manager\t2019 – Present", 720, bold=True, x1=520),
        _line("Harbourline Freight, Rotterdam", 706),
        _line("Cut dock-to-stock time by 30% across three distribution centres and the new", 692, x1=519),
        _line("Venlo cross-dock", 678),
        _line("Renegotiated the drayage contracts with four carriers", 664),
        _line("Introduced a weekly S&OP review with finance and sales", 650),
        _line("Planner\t2016 – 2019", 630, bold=True, x1=520),
        _line("Kestrel Retail", 616),
        _line("Built the first demand forecast in Python for 1,200 SKUs and two", 602, x1=518),
        _line("Warehouses in Tilburg", 588),
    ])
    first, second = prof["experience"]
    assert first["highlights"] == [
        "Cut dock-to-stock time by 30% across three distribution centres and the new Venlo cross-dock",
        "Renegotiated the drayage contracts with four carriers",
        "Introduced a weekly S&OP review with finance and sales",
    ]
    assert second["highlights"] == ["Built the first demand forecast in Python for 1,200 SKUs and two Warehouses in Tilburg"]


# --- Places as a theme's template filled them --------------------------------------------------------


def test_a_place_with_an_empty_region_or_a_bracketed_country_code_is_tidied() -> None:
    prof = _profile([
        _line("Thiago Albuquerque", 800, size=20, bold=True), _line("thiago.a@example.org", 780),
        _line("São Paulo, , BR", 766),
        _line("Experience", 740, size=12, bold=True),
        _line("Ground Operations Manager\t2020 – Present", 720, bold=True, x1=520),
        _line("Aerolinhas Vale Azul, Rotterdam, (NL)", 706),
    ])
    assert prof["location"] == "São Paulo, BR"
    job, = prof["experience"]
    assert (job["company"], job["location"]) == ("Aerolinhas Vale Azul", "Rotterdam, NL")


# --- A course no word names as a degree --------------------------------------------------------------


def _education(rows: list[tuple[str, bool]]) -> list[dict]:
    lines = [_line("Thiago Albuquerque", 800, size=20, bold=True), _line("thiago.a@example.org", 780),
             _line("Education", 740, size=12, bold=True)]
    y = 720.0
    for text, bold in rows:
        lines.append(_line(text, y, bold=bold, x1=520 if "\t" in text else None))
        y -= 14
    lines += [_line("Skills", y - 10, size=12, bold=True), _line("Python, SQL", y - 24)]
    return _profile(lines)["education"]


def test_an_undated_course_is_the_degree_of_the_school_it_stands_with() -> None:
    # "ATPL Theory" names no degree by any word; it is the only thing the second school's entry
    # shows, above it (degree-first template) or under it (school-first).
    degree_first = _education([("Bachelor of Aviation\t2012 – 2015", True), ("Kestrel Flight Academy", False),
                               ("ATPL Theory", True), ("Skyward Aviation School", False)])
    school_first = _education([("Kestrel Flight Academy\t2012 – 2015", True), ("Bachelor of Aviation", False),
                               ("Skyward Aviation School", True), ("ATPL Theory", False)])
    for entries in (degree_first, school_first):
        assert [(e["institution"], e["degree"]) for e in entries] == [
            ("Kestrel Flight Academy", "Bachelor of Aviation"), ("Skyward Aviation School", "ATPL Theory")]


def test_an_honour_or_a_place_under_a_school_is_no_degree() -> None:
    entries = _education([("Skyward Aviation School\t2012 – 2015", True), ("Dean's List", False),
                          ("Lisbon, Portugal", False)])
    assert [(e["institution"], e["degree"]) for e in entries] == [("Skyward Aviation School", None)]


# --- A year inside a sentence ------------------------------------------------------------------------


def test_a_highlight_naming_a_year_in_its_sentence_opens_no_entry() -> None:
    for highlight in ("Zero lost-time injuries in 2022 and 2023", "Won the regional safety award in 2021"):
        prof = _profile([
            _line("Nomsa Dlamini", 800, size=20, bold=True), _line("nomsa@example.org", 780),
            _line("Experience", 740, size=12, bold=True),
            _line("Warehouse Supervisor\t2019 – Present", 720, bold=True, x1=520),
            _line("Kestrel Cold Chain", 706),
            _line("Ran a night shift of 24 pickers across two chilled halls", 692, x1=400),
            _line(highlight, 678),
            _line("Shift Lead\t2016 – 2019", 650, bold=True, x1=520),
            _line("Harbourline Freight", 636),
            _line("Cut picking errors by a third with a scan-to-confirm step at the packing", 622, x1=519),
            _line("benches", 608),
        ])
        assert [(e["title"], e["company"]) for e in prof["experience"]] == [
            ("Warehouse Supervisor", "Kestrel Cold Chain"), ("Shift Lead", "Harbourline Freight")]
        assert prof["experience"][0]["highlights"][-1] == highlight


# --- Chips whose padding an export lost: only their coloured ground parts them -------------------------

_CHIPS = [["Dispensing", "Medication review", "Immunisation", "HIV and TB therapy"],
          ["Stock control", "Scheduled substances", "Staff rosters"]]


def _shaded_chips_docx() -> bytes:
    import io

    from docx import Document as Docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Docx()
    doc.add_heading("Lindiwe Mahlangu", 0)
    doc.add_paragraph("lindiwe.m@example.org")
    doc.add_heading("Skills", 1)
    for chips in _CHIPS:
        p = doc.add_paragraph()
        for chip in chips:
            run = p.add_run(chip)
            shd = OxmlElement("w:shd")
            shd.set(qn("w:val"), "clear")
            shd.set(qn("w:fill"), "333333")
            run._r.get_or_add_rPr().append(shd)
            p.add_run(" ")  # the plain space LibreOffice leaves between two chips
    doc.add_heading("Education", 1)
    doc.add_paragraph("University of the Thukela Coast, Bachelor of Pharmacy, 2013 – 2016")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _shaded_chips_pdf() -> bytes:
    import io

    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(595, 842))
    c.setFont("Helvetica-Bold", 20)
    c.drawString(57, 780, "Lindiwe Mahlangu")
    c.setFont("Helvetica", 11)
    c.drawString(57, 760, "lindiwe.m@example.org")
    c.setFont("Helvetica-Bold", 16)
    c.drawString(57, 720, "SKILLS")
    y = 690
    for chips in _CHIPS:
        x = 57.0
        c.setFont("Helvetica", 12)
        for chip in chips:
            width = stringWidth(chip, "Helvetica", 12)
            c.setFillColorRGB(0.2, 0.2, 0.2)
            c.rect(x, y - 4, width, 16, stroke=0, fill=1)
            c.setFillColorRGB(1, 1, 1)
            c.drawString(x, y, chip)
            x += width + stringWidth(" ", "Helvetica", 12)
        y -= 30
    c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(57, 600, "EDUCATION")
    c.setFont("Helvetica", 12)
    c.drawString(57, 580, "University of the Thukela Coast, Bachelor of Pharmacy, 2013 – 2016")
    c.save()
    return out.getvalue()


def test_chips_on_shaded_runs_or_filled_boxes_are_parted_where_their_ground_changes() -> None:
    from candidates.parsing import parse

    for data, name in ((_shaded_chips_docx(), "chips.docx"), (_shaded_chips_pdf(), "chips.pdf")):
        prof = parse(data, filename=name)
        assert prof["skills"] == [chip for chips in _CHIPS for chip in chips], name


def test_one_shaded_band_behind_a_whole_line_parts_nothing() -> None:
    import io

    from reportlab.pdfgen import canvas

    from candidates.parsing import parse

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(595, 842))
    c.setFont("Helvetica-Bold", 20)
    c.drawString(57, 780, "Lindiwe Mahlangu")
    c.setFillColorRGB(0.9, 0.9, 0.8)
    c.rect(50, 706, 490, 18, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(57, 710, "SKILLS")
    c.setFont("Helvetica", 12)
    c.rect(50, 676, 490, 18, stroke=0, fill=0)
    c.drawString(57, 680, "Dispensing, Medication review, Stock control")
    c.save()
    assert parse(out.getvalue(), filename="band.pdf")["skills"] == ["Dispensing", "Medication review", "Stock control"]


def test_skills_and_tech_is_a_skills_title() -> None:
    from candidates.parsing.sections import heading_key

    assert [heading_key(t) for t in ("Skills and Tech", "Tools & Tech", "Tech")] == ["skills", "skills", "skills"]


# --- Entries set as large as the section titles ---------------------------------------------------------


def test_schools_set_like_the_titles_right_under_education_are_its_entries() -> None:
    # Employers and schools in the titles' own size and weight: under "Experience" a range two lines
    # down shows them as entries; under "Education", with no dates at all, only their place does.
    prof = _profile([
        _line("Siobhan Marlowe-Tait", 800, size=24, bold=True), _line("siobhan@example.org", 780),
        _line("Experience", 740, size=18, bold=True),
        _line("Moreton Bay General Hospital", 720, size=18, bold=True),
        _line("2021-02 - Present", 706, x0=329, size=14.6, bold=True),
        _line("Senior Radiographer", 692, size=14.6, bold=True),
        _line("Ran the CT list for the emergency department and the trauma", 676, size=12),
        _line("theatre, with four radiographers on the roster.", 662, size=12),
        _line("Trained six juniors in cardiac CT protocols.", 648, size=12),
        _line("Education", 620, size=18, bold=True),
        _line("Southern Cross Coast University", 600, size=18, bold=True),
        _line("Bachelor of Medical Radiation Science", 584, size=14.6, bold=True),
        _line("Imaging College Brisbane", 560, size=18, bold=True),
        _line("Computed Tomography, Graduate Certificate", 544, size=14.6, bold=True),
        _line("Languages", 510, size=18, bold=True),
        _line("English, Irish", 494, size=12),
    ])
    assert [e["institution"] for e in prof["education"]] == [
        "Southern Cross Coast University", "Imaging College Brisbane"]


def test_a_description_line_that_fills_no_field_is_kept_as_a_highlight() -> None:
    # "Compulsory community-service year: antiretroviral and TB" looks like a header line (no full
    # stop, capitalised); the entry has its employer, role and dates, so it is description.
    prof = _profile([
        _line("Thandi Mokoena", 800, size=20, bold=True), _line("thandi@example.org", 780),
        _line("Experience", 740, size=18, bold=True),
        _line("Ngwelezana District Hospital", 720, size=18, bold=True),
        _line("2018-01 - 2018-12", 706, x0=329, size=14.6, bold=True),
        _line("Community Service Pharmacist", 692, size=14.6, bold=True),
        _line("Compulsory community-service year: antiretroviral and TB", 670, size=12),
        _line("dispensing, ward stock control.", 656, size=12),
        _line("Berea Road Pharmacy", 620, size=18, bold=True),
        _line("2017-01 - 2017-12", 606, x0=329, size=14.6, bold=True),
        _line("Pharmacist Intern", 592, size=14.6, bold=True),
    ])
    first, second = prof["experience"]
    assert first["highlights"] == ["Compulsory community-service year: antiretroviral and TB dispensing, ward stock control."]
    assert (second["company"], second["title"]) == ("Berea Road Pharmacy", "Pharmacist Intern")


# --- Contact details broken by a narrow column or hidden in a link ---------------------------------------


def _contact_doc(texts: list[str | tuple[str, ...]], links: list[str] = ()) -> dict:
    lines = []
    for i, t in enumerate(texts):
        text = "\t".join(t) if isinstance(t, tuple) else t
        lines.append(Line(text=text, bbox=(24, 800 - 18 * i, 24 + 5 * len(text), 810 - 18 * i), size=12.0, index=i))
    return build_profile(Document(kind="pdf", lines=lines, links=list(links)))


def test_an_address_broken_after_its_scheme_and_a_hyphen_is_joined() -> None:
    sidebar = _contact_doc(["Thandiwe Mokoena", "thandiwe.m@example.com", "https://thandiwe-", "mokoena.example.com",
                            "Experience"])
    grid = _contact_doc(["Thandiwe Mokoena", ("Website", "https://thandiwe-", "Email"),
                         ("mokoena.example.com", "thandiwe.m@example.com"), ("Phone", "+27 31 555 0143"), "Experience"])
    for prof in (sidebar, grid):
        assert prof["links"] == ["https://thandiwe-mokoena.example.com"]
        assert prof["emails"] == ["thandiwe.m@example.com"]


def test_the_end_of_a_broken_address_goes_where_its_link_holds_the_whole() -> None:
    prof = _contact_doc(["Thandiwe Mokoena", "thandiwe-", "mokoena.example.com", "Experience"],
                        ["mailto:%20thandiwe.m@example.com", "https://thandiwe-mokoena.example.com/"])
    assert prof["links"] == ["https://thandiwe-mokoena.example.com"]
    assert prof["emails"] == ["thandiwe.m@example.com"]


def test_a_credit_line_naming_the_theme_between_theme_and_by_is_dropped() -> None:
    from candidates.parsing.readers.credits import drop_credits

    lines = [Line(text="Pharmacist Intern", bbox=(100, 548, 220, 562)),
             Line(text="CV Made with JSON Resume using theme Minyma by kestrelwright", bbox=(145, 295, 450, 305))]
    kept, links = drop_credits(lines, [("https://github.com/kestrelwright", (300, 295, 450, 305))], 842)
    assert [ln.text for ln in kept] == ["Pharmacist Intern"] and links == []


def test_a_degree_named_for_its_subject_keeps_its_name() -> None:
    from candidates.parsing.education import _split_degree

    assert _split_degree("Bachelor of Medical Radiation Science") == ("Bachelor of Medical Radiation Science",
                                                                     "Medical Radiation Science")
    assert _split_degree("Bachelor of Medical Science in Radiography") == ("Bachelor of Medical Science", "Radiography")
    assert _split_degree("Bachelor of Science in Nursing") == ("Bachelor of Science", "Nursing")
    assert _split_degree("Master of Science en Supply Chain") == ("Master of Science", "Supply Chain")


# --- Entry headers set in from their description; entries side by side ------------------------------------


def test_headers_set_in_from_their_description_keep_their_roles() -> None:
    # Employer (bold) / range / role at x=88, the description under them starting further left at
    # 79: the role is no indented description line, and an employer no word names opens the next entry.
    rows = [("Nieuwe Maas Distributie B.V.", 88, True), ("2019-09 - 2022-03", 88, False), ("Logistics Planner", 88, False),
            ("Night shift of fourteen in a bonded warehouse; cycle", 79, False), ("counts and the WMS migration.", 79, False),
            ("Kade Vier Forwarding", 88, True), ("2015 - 2017", 88, False), ("Operations Assistant", 88, False),
            ("Havenbedrijf Delta Logistiek", 88, True), ("2014-02 - 2014-07", 88, False), ("Logistics Intern", 88, False)]
    lines = [_line("Maarten Oosterhuis", 800, size=18.8), _line("maarten@example.org", 780),
             _line("EXPERIENCE", 740)]
    lines += [_line(t, 720 - 15 * i, x0=x, bold=b, size=10.5) for i, (t, x, b) in enumerate(rows)]
    prof = _profile(lines)
    assert [(e["company"], e["title"]) for e in prof["experience"]] == [
        ("Nieuwe Maas Distributie B.V.", "Logistics Planner"), ("Kade Vier Forwarding", "Operations Assistant"),
        ("Havenbedrijf Delta Logistiek", "Logistics Intern")]


def test_two_schools_side_by_side_are_read_one_after_the_other() -> None:
    from candidates.parsing.education import parse_education

    rows = ["Erasmus Harbour School of Logistics\tHogeschool Zuidwal", "Master of Science\tBachelor of Business Administration",
            "2013-09 - 2014-08\t2009-09 - 2013-06"]
    lines = [Line(text=t, bbox=(79, 750 - 15 * i, 480, 760 - 15 * i), spans=((79, 260), (300, 480)), size=10.5, index=i)
             for i, t in enumerate(rows)]
    got = [e for e, _ in parse_education(lines)]
    assert [(e["institution"], e["degree"], e["start"]) for e in got] == [
        ("Erasmus Harbour School of Logistics", "Master of Science", "2013-09"),
        ("Hogeschool Zuidwal", "Bachelor of Business Administration", "2009-09")]


# --- A narrow sidebar of short items under a banner --------------------------------------------------------


def _glyphs(text: str, x: float, y: float, size: float = 10.5, bold: bool = False) -> list[tuple]:
    out = []
    for ch in text:
        if ch != " ":
            out.append((x, y, x + 0.5 * size, y + size, ch, size, bold))
        x += 0.5 * size
    return out


def test_a_skills_sidebar_of_a_word_or_two_a_line_is_a_column_of_its_own() -> None:
    # The name, a headline and a summary run across the page over both columns; below them a skills
    # sidebar of short items (few letters beside the body's) and the work column. Read line by line
    # across, the sidebar's items would land inside the jobs and the jobs' lines among the skills.
    from candidates.parsing.layout import build_lines

    chars = _glyphs("Maarten Oosterhuis", 30, 790, size=30) + _glyphs("Supply Chain Manager", 30, 755, size=15)
    chars += _glyphs("Supply chain and logistics manager for port-side warehousing and distribution", 30, 700)
    chars += _glyphs("across Europe, most recently for a consumer-goods importer.", 30, 685)
    side = ["Skills", "Planning", "S&OP", "Inbound planning", "Customs", "Systems", "SAP EWM", "Power BI", "Excel"]
    for i, item in enumerate(side):
        chars += _glyphs(item, 30, 650 - 21 * i, size=18 if item == "Skills" else 10.5)
    body = ["Work", "Nieuwe Maas Distributie B.V.   Apr 2022 - Present", "Supply Chain Manager",
            "Own inbound planning for 1,900 containers a year from Asian suppliers", "through Rotterdam to three distribution centres",
            "Renegotiated the drayage and customs contracts, saving 11% on cost",
            "Kade Vier Forwarding   Jan 2015 - Jan 2017", "Operations Assistant",
            "Booked road and barge moves for forty shippers a week at the", "Waalhaven terminal"]
    for i, text in enumerate(body):
        chars += _glyphs(text, 170, 650 - 17 * i, size=18 if text == "Work" else 10.5, bold=i in (1, 6))
    lines = build_lines(chars, 1, 595, 842)
    side_cols = {ln.column for ln in lines if ln.text in side[1:]}
    body_cols = {ln.column for ln in lines if ln.text.startswith(("Own inbound", "Renegotiated", "Operations"))}
    assert len(side_cols) == 1 and len(body_cols) == 1 and side_cols != body_cols
    assert not any("\t" in ln.text and "planning" in ln.text.lower() for ln in lines)  # no item glued to a body line
    prof = build_profile(Document(kind="pdf", lines=[*lines]))
    assert [(e["company"], e["title"]) for e in prof["experience"]] == [
        ("Nieuwe Maas Distributie B.V.", "Supply Chain Manager"), ("Kade Vier Forwarding", "Operations Assistant")]
    assert {"S&OP", "Inbound planning", "Customs", "Excel"} <= set(prof["skills"])


def test_a_highlight_ending_on_the_goes_on_below_whatever_its_case() -> None:
    prof = _profile([
        _line("Maarten Oosterhuis", 800, size=20, bold=True), _line("maarten@example.org", 780),
        _line("Experience", 740, size=12, bold=True),
        _line("Warehouse Team Leader\tMay 2017 - Aug 2019", 720, bold=True, x1=520),
        _line("Nieuwe Maas Distributie B.V.", 706),
        _line("Night shift of fourteen in a bonded warehouse; cycle counts, safety walks and the", 692, x1=519),
        _line("WMS migration.", 678),
        _line("Operations Assistant\tJan 2015 - Jan 2017", 650, bold=True, x1=520),
        _line("Kade Vier Forwarding", 636),
    ])
    first, second = prof["experience"]
    assert first["highlights"] == ["Night shift of fourteen in a bonded warehouse; cycle counts, safety walks and the WMS migration."]
    assert (second["company"], second["title"]) == ("Kade Vier Forwarding", "Operations Assistant")


def test_the_first_entry_shows_the_template_and_a_wrapped_sentence_is_no_header() -> None:
    # Employer / range / role, the description set further left. The second employer is known by no
    # word ("Jugendamt Halle (Saale)"): after the first whole entry, it opens the next one; and the
    # description's first line, stopping on "and", is no role.
    rows = [("Caritasverein Leipzig-Nord", 88, True), ("2020 - Present", 88, False), ("Family Support Social Worker", 88, False),
            ("Jugendamt Halle (Saale)", 88, True), ("2016 - 2018", 88, False), ("Child Protection Caseworker", 88, False),
            ("Assessment of child-welfare referrals and", 79, False), ("emergency placements for the eastern", 79, False),
            ("districts.", 79, False),
            ("Kinderschutzbund Dessau", 88, True), ("2015-03 - 2015-08", 88, False), ("Social Work Intern", 88, False)]
    lines = [_line("Annika Vogelsang", 800, size=18.8), _line("annika@example.org", 780), _line("EXPERIENCE", 740)]
    lines += [_line(t, 720 - 15 * i, x0=x, bold=b, size=10.5) for i, (t, x, b) in enumerate(rows)]
    prof = _profile(lines)
    assert [(e["company"], e["title"]) for e in prof["experience"]] == [
        ("Caritasverein Leipzig-Nord", "Family Support Social Worker"), ("Jugendamt Halle (Saale)", "Child Protection Caseworker"),
        ("Kinderschutzbund Dessau", "Social Work Intern")]
    assert prof["experience"][1]["highlights"] == [
        "Assessment of child-welfare referrals and emergency placements for the eastern districts."]


def test_a_typesetters_hyphen_in_a_broken_address_goes_where_the_link_has_none() -> None:
    # LaTeX hyphenates "volkonsky" as "volkon-" / "sky.example.com"; the page's link has no hyphen.
    prof = _contact_doc(["Dmitri Volkonsky", "• volkon-", "sky.example.com", "Experience"],
                        ["https://volkonsky.example.com"])
    assert prof["links"] == ["https://volkonsky.example.com"]


def test_a_range_whose_end_year_wrapped_onto_the_next_line_is_whole() -> None:
    prof = _profile([
        _line("Maarten Oosterhuis", 800, size=20, bold=True), _line("maarten@example.org", 780),
        _line("Education", 740, size=12, bold=True),
        _line("Erasmus Harbour School of Logistics\tSep 2013 - Aug 2014", 720, bold=True, x1=566),
        _line("Master of Science in Supply Chain Management", 706),
        _line("Hogeschool Zuidwal\tSep 2009 - Jun", 680, bold=True, x1=543),
        _line("Bachelor of Business Administration\t2013", 666, x1=495),
    ])
    assert [(e["institution"], e["start"], e["end"]) for e in prof["education"]] == [
        ("Erasmus Harbour School of Logistics", "2013-09", "2014-08"), ("Hogeschool Zuidwal", "2009-09", "2013-06")]


def test_an_address_broken_before_its_at_sign_is_one_address() -> None:
    grid = _contact_doc(["Siobhan Marlowe-Tait", ("Email", "siobhan.marlowe-"), "tait@example.com",
                         ("Phone", "0491 570 156"), "Experience"])
    sentence = _contact_doc(["Siobhan Marlowe-Tait", "Write to me, or to my assistant at the team.",
                             "tait@example.com", "Experience"])
    assert grid["emails"] == ["siobhan.marlowe-tait@example.com"]
    assert sentence["emails"] == ["tait@example.com"]


def test_a_summary_ending_over_an_address_is_no_part_of_it() -> None:
    prof = _contact_doc(["Imogen Carradine", "Civil engineer for councils and mining clients across Western", "Australia.",
                         ("imogen.cw@example.com", "(08) 5550 4127"), "Experience"])
    assert prof["emails"] == ["imogen.cw@example.com"]


def test_a_town_with_its_country_code_is_the_location_and_a_legal_form_is_not() -> None:
    town = _contact_doc(["Thandiwe Mokoena", "Durban, , ZA", "thandiwe@example.org", "Experience"])
    firm = _contact_doc(["Thandiwe Mokoena", "Kestrel Foods, AG", "thandiwe@example.org", "Experience"])
    assert (town["location"], firm["location"]) == ("Durban, ZA", None)


def test_a_group_name_in_a_bold_character_style_is_no_skill() -> None:
    # LibreOffice writes <strong> as the "Strong" character style, not as a bold run.
    import io

    from docx import Document as Docx

    from candidates.parsing import parse

    doc = Docx()
    doc.add_heading("Lindiwe Mahlangu", 0)
    doc.add_paragraph("lindiwe.m@example.org")
    doc.add_heading("Skills", 1)
    for group, items in (("Clinical", ["Dispensing", "Medication review"]), ("Management", ["Stock control", "Staff rosters"])):
        doc.add_paragraph().add_run(group).style = "Strong"
        for item in items:
            doc.add_paragraph(item)
    out = io.BytesIO()
    doc.save(out)
    prof = parse(out.getvalue(), filename="groups.docx")
    assert prof["skills"] == ["Dispensing", "Medication review", "Stock control", "Staff rosters"]
