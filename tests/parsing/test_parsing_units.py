"""Unit tests: dates, phones, links, skills, languages, sniffing, headings, names."""

from __future__ import annotations

import sys
from pathlib import Path

# Self-sufficient even with --noconftest: make the project and this folder importable.
_HERE = Path(__file__).resolve().parent
for _p in (str(_HERE.parents[1]), str(_HERE)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

import pytest  # noqa: E402


@pytest.fixture(scope="module")
def fixtures_dir() -> Path:
    return _HERE / "fixtures"

import pytest

from candidates.parsing import PARSER_VERSION, ParseError, parse, sniff
from candidates.parsing.contacts import find_links, find_phones, normalise_phone
from candidates.parsing.dates import find_dates, parse_date
from candidates.parsing.languages import find_languages
from candidates.parsing.model import Line
from candidates.parsing.names import is_name
from candidates.parsing.readers.txt import decode_text
from candidates.parsing.sections import heading_key
from candidates.parsing.skills import find_skills, normalise_skill, taxonomy


@pytest.mark.parametrize(
    "text,start,end",
    [
        ("Sep 2015 - Jun 2018", "2015-09", "2018-06"),
        ("July 2018 - Present", "2018-07", "present"),
        ("Aug 2021 – May 2023", "2021-08", "2023-05"),
        ("2019.09 - 2020.12", "2019-09", "2020-12"),
        ("08/2021 - 05/2023", "2021-08", "2023-05"),
        ("2019 - 2021", "2019", "2021"),
        ("2023年09月 - 至今", "2023-09", "present"),
        ("2021 年 01 月 - 2023 年 06 月", "2021-01", "2023-06"),
        ("2020/03 - 2021/08", "2020-03", "2021-08"),
        ("Jan. 2019 to Now", "2019-01", "present"),
        ("2018.09~2022.06", "2018-09", "2022-06"),
        ("2018年9月至2022年6月", "2018-09", "2022-06"),
        ("March 2020 — Current", "2020-03", "present"),
        ("Sept 2019 – Today", "2019-09", "present"),
        ("2016-09 — 2017-06", "2016-09", "2017-06"),
        ("2022.03 - 今", "2022-03", "present"),
        ("2020 – 现在", "2020", "present"),
    ],
)
def test_date_ranges(text: str, start: str, end: str) -> None:
    span = find_dates(f"Acme Corp  {text}  Remote")
    assert span is not None
    assert (span.start, span.end) == (start, end)


def test_single_dates() -> None:
    assert parse_date("2015.09") == "2015-09"
    assert find_dates("Expected May 2024").end == "2024-05"
    assert find_dates("Graduated 2019").end == "2019"
    assert find_dates("no dates here") is None


@pytest.mark.parametrize(
    "raw,country,expected",
    [
        ("(+86) 156-0337-9828", None, "+8615603379828"),
        ("156 0337 9828", "CN", "+8615603379828"),
        ("15603379828", None, "+8615603379828"),
        ("(415) 555-0134", "US", "+14155550134"),
        ("415.555.0134", "US", "+14155550134"),
        ("+44 (0)20 7946 0958", None, "+442079460958"),
        ("0044 20 7946 0958", None, "+442079460958"),
        ("(415) 555-0134", None, "(415) 555-0134"),
        ("020 7946 0321", None, "020 7946 0321"),
    ],
)
def test_phone_normalisation(raw: str, country: str | None, expected: str) -> None:
    assert normalise_phone(raw, country) == expected


def test_phone_finder_ignores_dates() -> None:
    assert find_phones("2019.09 - 2020.12") == []
    assert find_phones("2015 - 2019") == []
    assert find_phones("Phone: +1 (415) 555-0134")[0][0] == "+1 (415) 555-0134"


def test_links() -> None:
    got = [u for u, _, _ in find_links("github.com/jdoe-x | www.jdoe.dev | Node.js, ASP.NET | https://linkedin.com/in/j-doe/")]
    assert got == ["https://github.com/jdoe-x", "https://www.jdoe.dev", "https://linkedin.com/in/j-doe"]


@pytest.mark.parametrize(
    "alias,canonical",
    [
        ("golang", "Go"), ("k8s", "Kubernetes"), ("React.js", "React"), ("ReactJS", "React"),
        ("Postgres", "PostgreSQL"), ("JS", "JavaScript"), ("c++", "C++"), ("C#", "C#"), (".NET", ".NET"),
        ("node.js", "Node.js"), ("机器学习", "Machine Learning"), ("项目管理", "Project Management"),
        ("Go", "Go"), ("R", "R"),
    ],
)
def test_skill_aliases(alias: str, canonical: str) -> None:
    assert normalise_skill(alias) == canonical


def test_taxonomy_is_big_enough() -> None:
    assert len(taxonomy().canonical) >= 400


def _skills(texts: list[str], section: bool) -> list[str]:
    lines = [Line(text=t, index=i) for i, t in enumerate(texts)]
    return [s for s, _, _ in find_skills(lines, {ln.index for ln in lines} if section else set())]


def test_short_skills_only_in_context() -> None:
    assert _skills(["I like to go to R and C conferences and excel at sales."], section=False) == []
    assert _skills(["Go, R, C, C++, C#, .NET, Node.js, Excel"], section=True) == [
        "Go", "R", "C", "C++", "C#", ".NET", "Node.js", "Excel"]
    # Skills listed in a comma list outside a skills section still count.
    assert "Go" in _skills(["Tools: Go, Rust, Docker, Kafka"], section=False)


def test_skills_in_prose_deduplicated_in_order() -> None:
    got = _skills(["Built services with Golang and k8s, later moved to Go modules on Kubernetes and ReactJS."], section=False)
    assert got == ["Go", "Kubernetes", "React"]


def test_languages() -> None:
    lines = [Line(text="English (CET-6), Mandarin (native), IELTS 7.0", index=0), Line(text="英语（CET-6）、普通话", index=1)]
    got = [x for x, _, _ in find_languages(lines, {0, 1})]
    assert got[0].startswith("English (CET-6")
    assert "Mandarin (Native)" in got


def test_languages_in_prose() -> None:
    lines = [Line(text="Analyst fluent in English, French and Arabic; native Hindi speaker.", index=0),
             Line(text="Mother tongue(s): Italian", index=1)]
    got = [x for x, _, _ in find_languages(lines, set())]
    assert got == ["English (Fluent)", "French (Fluent)", "Arabic (Fluent)", "Hindi (Native)", "Italian (Native)"]


@pytest.mark.parametrize(
    "text,key",
    [
        ("EXPERIENCE", "experience"), ("E X P E R I E N C E", "experience"), ("Work Experience:", "experience"),
        ("💼 工作经历", "experience"), ("| 教育背景 |", "education"), ("Technical Skills", "skills"),
        ("■ 专业技能", "skills"), ("Awards & Honors", "awards"), ("一、自我评价", "summary"), ("Education", "education"),
        ("Professional Experience", "experience"), ("技能特长", "skills"), ("项目经历", "projects"),
        ("工作经历 WORK EXPERIENCE", "experience"), ("**Experience**", "experience"), ("【项目经验】", "projects"),
    ],
)
def test_headings(text: str, key: str) -> None:
    assert heading_key(text) == key


@pytest.mark.parametrize(
    "text,ok",
    [
        ("Jane Doe", True), ("JANE DOE", True), ("Mary-Ann O'Neil", True), ("张三", True), ("欧阳娜娜", True),
        ("Resume", False), ("Curriculum Vitae", False), ("简历", False), ("个人简历", False), ("Education", False),
        ("Software Engineer", False), ("Acme Inc", False), ("San Francisco", False), ("Project Management", False),
        ("教育背景", False),
    ],
)
def test_names(text: str, ok: bool) -> None:
    assert is_name(text) is ok


@pytest.mark.parametrize(
    "data,looks_like",
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 50, "JPEG image"),
        (b"GIF89a" + b"\x00" * 50, "GIF image"),
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100 + b"This program cannot be run in DOS mode", "Windows executable"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 60, "Linux executable"),
        (b"{\\rtf1\\ansi hello}", "RTF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Word .doc"),
        (b"<!DOCTYPE html><html><body>CV</body></html>", "web page"),
        (b"<?xml version='1.0'?><w:wordDocument xmlns:w='x'/>", "Word XML"),
    ],
)
def test_rejected_formats_are_named(data: bytes, looks_like: str) -> None:
    from candidates.parsing.sniff import describe

    assert sniff(data) is None
    assert looks_like in describe(data)
    with pytest.raises(ParseError) as exc:
        parse(data)
    assert looks_like in str(exc.value) and "Accepted formats: PDF, DOCX, TXT." in str(exc.value)


def test_office_zips_are_named() -> None:
    import io
    import zipfile

    from candidates.parsing.sniff import describe

    for member, what in (("xl/workbook.xml", "Excel"), ("ppt/presentation.xml", "PowerPoint"), ("content.xml", "OpenDocument")):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr(member, "<x/>")
        assert sniff(buf.getvalue()) is None
        assert what in describe(buf.getvalue())


@pytest.mark.parametrize(
    "raw,name",
    [
        ("Resume of Jane Doe", "Jane Doe"), ("CV – Jane Doe", "Jane Doe"), ("Jane Doe's Résumé", "Jane Doe"),
        ("JANE DOE, MBA, PMP", "JANE DOE"), ("Dr. Jane Smith", "Jane Smith"), ("Alex Kim (they/them)", "Alex Kim"),
        ("张三的个人简历", "张三"), ("D'Angelo Russo", "D'Angelo Russo"), ("E M I L Y   C H E N", "EMILY CHEN"),
    ],
)
def test_name_cleaning(raw: str, name: str) -> None:
    from candidates.parsing.names import clean_name

    assert clean_name(raw) == name
    assert is_name(clean_name(raw))


def test_sniff_by_content(fixtures_dir) -> None:
    assert sniff((fixtures_dir / "en_single.pdf").read_bytes()) == "pdf"
    assert sniff((fixtures_dir / "en_table.docx").read_bytes()) == "docx"
    assert sniff((fixtures_dir / "zh_gbk.txt").read_bytes()) == "txt"
    assert sniff((fixtures_dir / "en_utf16.txt").read_bytes()) == "txt"
    for bad in ("bad_png_renamed.pdf", "bad_elf_renamed.pdf", "bad_old_word.doc", "bad_resume.rtf",
                "bad_not_docx.docx", "bad_binary.txt", "bad_empty.pdf"):
        assert sniff((fixtures_dir / bad).read_bytes()) is None, bad
    assert sniff(b"<!DOCTYPE html><html><body>cv</body></html>") is None


@pytest.mark.parametrize(
    "raw,text",
    [
        ("José Müller".encode("utf-8"), "José Müller"),
        (b"\xef\xbb\xbfJos\xc3\xa9", "José"),
        ("简历 张三".encode("gb18030"), "简历 张三"),
        (b"\xff\xfe" + "Zoë".encode("utf-16-le"), "Zoë"),
        ("Renée Fontaine".encode("cp1252"), "Renée Fontaine"),
    ],
)
def test_text_decoding(raw: bytes, text: str) -> None:
    assert decode_text(raw) == text


def test_profile_shape(fixtures_dir) -> None:
    p = parse((fixtures_dir / "en_single.pdf").read_bytes())
    keys = {"name", "name_alternates", "headline", "emails", "phones", "location", "links", "summary", "education",
            "experience", "skills", "skill_mentions", "skills_inferred", "languages", "language", "warnings", "provenance",
            "parser_version", "text"}
    assert set(p) == keys
    assert p["parser_version"] == PARSER_VERSION
    name = p["provenance"]["name"]
    assert name["page"] == 1 and len(name["bbox"]) == 4 and name["confidence"] >= 0.9
    assert name["text"] == "Amelia Hartwell"
    for path, rec in p["provenance"].items():
        assert set(rec) == {"page", "bbox", "text", "confidence"}, path
        assert 0.0 <= rec["confidence"] <= 1.0
    assert "experience.0.title" in p["provenance"]
    assert "Northwind" in p["text"]


def test_pdf_link_annotations() -> None:
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 20)
    c.drawString(72, 740, "Invented Person")
    c.setFont("Helvetica", 10)
    c.drawString(72, 720, "Portfolio | LinkedIn")
    c.linkURL("https://invented-person.example.dev", (72, 715, 120, 730))
    c.linkURL("https://www.linkedin.com/in/invented-person-example", (125, 715, 170, 730))
    c.linkURL("mailto:invented.person@example.com", (175, 715, 200, 730))
    c.drawString(72, 400, "EXPERIENCE")
    c.drawString(72, 380, "Acme Widgets Inc. | Engineer | 2019 - 2021")
    c.linkURL("https://acme-widgets.example.com", (72, 375, 170, 390))
    c.save()
    p = parse(buf.getvalue())
    assert p["links"] == ["https://invented-person.example.dev", "https://www.linkedin.com/in/invented-person-example"]
    assert p["emails"] == ["invented.person@example.com"]


def test_docx_textbox_not_duplicated(fixtures_dir) -> None:
    p = parse((fixtures_dir / "zh_emoji.docx").read_bytes())
    assert p["text"].count("全国大学生数学建模竞赛") == 1


def test_parse_error_only(fixtures_dir) -> None:
    with pytest.raises(ParseError):
        parse(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    with pytest.raises(ParseError):
        parse("not bytes")  # type: ignore[arg-type]


# --- Robustness on résumé styles the fixtures did not cover (one test per fixed bug) ---


def _txt(text: str) -> dict:
    return parse(text.encode("utf-8"))


def test_all_caps_name_with_apostrophe() -> None:
    assert is_name("MARGARET O'SULLIVAN")
    assert _txt("MARGARET O'SULLIVAN\nmaggie@example.com\n\nEXPERIENCE\nAcme Ltd | Clerk | 2019 - 2020\n")["name"] == \
        "Margaret O'Sullivan"


def test_unmapped_glyph_between_fields_stays_a_separator() -> None:
    from candidates.parsing.layout import _fix_unmapped

    ln = Line(text="+44 20 7946 0958  \ufffd  jane@example.com  \ufffc  London, UK")
    _fix_unmapped(ln, None)
    assert ln.text == "+44 20 7946 0958 · jane@example.com · London, UK"


def test_company_city_state_split_keeps_city_with_state() -> None:
    from candidates.parsing.entries import split_commas

    assert split_commas("Meridian Health Partners, New York, NY", True) == ["Meridian Health Partners", "New York, NY"]


def test_title_line_above_company_line() -> None:
    p = _txt("Theodore Vance\n\nEMPLOYMENT HISTORY\nSenior Data Analyst\n"
             "Meridian Health Partners, New York, NY | Jan. 2020 - Current\n- Built dashboards for clinicians.\n"
             "Data Analyst\nGreenleaf Insurance Co., Hartford, CT | Aug. 2017 - Dec. 2019\n- Modelled claims risk.\n")
    got = [(e["company"], e["title"], e["location"], e["start"], e["end"]) for e in p["experience"]]
    assert got == [("Meridian Health Partners", "Senior Data Analyst", "New York, NY", "2020-01", "present"),
                   ("Greenleaf Insurance Co.", "Data Analyst", "Hartford, CT", "2017-08", "2019-12")]


def test_chinese_company_holding_a_job_word_is_not_a_title() -> None:
    p = _txt("张伟\n\n工作经历\n2019.07-至今    杭州星河网络科技有限公司    高级Java开发工程师\n负责订单系统。\n"
             "2018.07-2019.06    杭州云帆信息技术有限公司    Java开发工程师\n参与支付网关开发。\n")
    assert [(e["company"], e["title"]) for e in p["experience"]] == [
        ("杭州星河网络科技有限公司", "高级Java开发工程师"), ("杭州云帆信息技术有限公司", "Java开发工程师")]


def test_headline_skips_personal_details_and_reads_objective_label() -> None:
    p = _txt("个人信息\n姓名：欧阳思远\n性别：男\n电话：138 0013 8000\n邮箱：siyuan@example.cn\n现居地：杭州\n"
             "求职意向：后端开发工程师\n\n教育背景\n2014/09 - 2018/06    浙江大学    计算机科学与技术    本科\n")
    assert p["name"] == "欧阳思远"
    assert p["headline"] == "后端开发工程师"


def test_name_in_label_cell_without_colon() -> None:
    assert _txt("个人简历\n姓名\t何志强\t性别\t男\n电话\t139-1234-5678\n")["name"] == "何志强"


def test_job_title_starting_with_a_verb_is_not_a_highlight() -> None:
    p = _txt("Jonas Lindqvist\n\nEMPLOYMENT HISTORY\nMersey Analytics Ltd\tJan. 2020 – Current\n"
             "Lead Data Engineer\tLiverpool\n- Own the data platform.\n")
    e = p["experience"][0]
    assert (e["company"], e["title"], e["location"]) == ("Mersey Analytics Ltd", "Lead Data Engineer", "Liverpool")
    assert e["highlights"] == ["Own the data platform."]


@pytest.mark.parametrize(
    "raw,location,expected",
    [
        ("0151 496 0123", "Liverpool, United Kingdom", "+441514960123"),
        ("07700 900123", "Birmingham, UK", "+447700900123"),
        ("030 123456", "Berlin, Germany", "+4930123456"),
        ("(416) 555-0199", "Toronto, ON", "+14165550199"),
        ("0151 496 0123", "Liverpool", "0151 496 0123"),  # country not written: left as written
    ],
)
def test_national_numbers_take_the_country_of_the_location(raw: str, location: str, expected: str) -> None:
    from candidates.parsing.contacts import country_hint

    assert normalise_phone(raw, country_hint(location, "en", [])) == expected


@pytest.mark.parametrize("text", ["Clinical Experience", "Legal & Compliance Experience", "NURSING EXPERIENCE"])
def test_trade_specific_experience_headings(text: str) -> None:
    from candidates.parsing.sections import classify

    assert heading_key(text) == "experience"
    assert classify(Line(text=text, bold=True), None) == ("experience", None)


def test_discipline_named_experience_is_not_a_heading() -> None:
    assert heading_key("User Experience") is None
    from candidates.parsing.sections import classify

    assert classify(Line(text="Retail Experience"), None) == (None, None)  # plain text: needs styling


def test_department_after_title_when_company_is_on_next_line() -> None:
    p = _txt("Oluwaseun Adebayo\n\nCLINICAL EXPERIENCE\n2020 – present\tStaff Nurse, Intensive Care Unit\n"
             "Queen Elizabeth Hospital Birmingham\n– Cared for ventilated patients.\n")
    e = p["experience"][0]
    assert (e["company"], e["title"]) == ("Queen Elizabeth Hospital Birmingham", "Staff Nurse, Intensive Care Unit")


@pytest.mark.parametrize("line", ["BA (Hons) Business Management", "BSc Hons Business Management"])
def test_honours_qualifier_is_not_part_of_the_field(line: str) -> None:
    from candidates.parsing.education import _split_degree

    assert _split_degree(line)[1] == "Business Management"


def test_name_on_two_lines_in_docx_with_sparse_font_sizes() -> None:
    from candidates.parsing.names import find_name

    lines = [Line(text="ANIKA", size=26, bold=True, index=0), Line(text="SCHWARZENBERG", size=26, bold=True, index=1),
             Line(text="Product Manager", index=2), Line(text="CONTACT", bold=True, index=3),
             Line(text="anika@example.com", index=4), Line(text="Hamburg, Germany", index=5)]
    found = find_name(lines, 3)
    assert found is not None and found[0] == "Anika Schwarzenberg"


def test_date_range_wrapped_in_a_narrow_cell() -> None:
    p = _txt("Anika Test\n\nEXPERIENCE\nSenior Product Manager\nHanseatic Mobility GmbH | 2019–\nPresent\n"
             "▪ Launched a subscription product.\n")
    e = p["experience"][0]
    assert (e["company"], e["start"], e["end"]) == ("Hanseatic Mobility GmbH", "2019", "present")


def test_link_wrapped_at_a_hyphen() -> None:
    p = _txt("Anika Test\nanika@example.com\nlinkedin.com/in/anika-\nschwarzenberg\n")
    assert p["links"] == ["https://linkedin.com/in/anika-schwarzenberg"]


def test_unknown_school_under_a_complete_degree_line() -> None:
    p = _txt("Chloé Test\n\nEDUCATION\n2015–2019\tDiplôme d'ingénieur, Computer Science\nEnsimag\n")
    e = p["education"][0]
    assert (e["institution"], e["degree"], e["field"], e["start"], e["end"]) == \
        ("Ensimag", "Diplôme d'ingénieur", "Computer Science", "2015", "2019")


def test_skill_list_slashes_and_brackets() -> None:
    ln = Line(text="A/B Testing, PL/SQL, Python/Go, Project Scheduling (Primavera P6), (Docker", index=0)
    assert [s for s, _, _ in find_skills([ln], {0})] == \
        ["A/B Testing", "PL/SQL", "Python", "Go", "Project Scheduling", "Docker"]


def test_form_style_experience_labels() -> None:
    p = _txt("Rahul Test\nrahul@example.com\n\nPROFESSIONAL EXPERIENCE\nCompany: Kaveri Infotech Pvt. Ltd.\n"
             "Designation: Senior Software Engineer\nDuration: June 2018 to Present\n- Developed REST APIs in Java.\n")
    e = p["experience"][0]
    assert (e["company"], e["title"], e["start"], e["end"]) == \
        ("Kaveri Infotech Pvt. Ltd.", "Senior Software Engineer", "2018-06", "present")


def test_latin_name_followed_by_chinese_name() -> None:
    assert _txt("Wei Chen 陈伟\nwei.chen@example.com\n")["name"] == "Wei Chen"


def test_place_in_brackets_after_a_title_is_the_location() -> None:
    p = _txt("Wei Chen\n\nEXPERIENCE\nCascadia Cloud Inc. — Senior Backend Engineer (Remote)    Apr 2021 – Present\n"
             "• Scaled the billing service.\n")
    e = p["experience"][0]
    assert (e["company"], e["title"], e["location"]) == ("Cascadia Cloud Inc.", "Senior Backend Engineer", "Remote")


def test_radical_glyphs_fold_to_the_characters_they_stand_for() -> None:
    from candidates.parsing.readers.pdf import fold_cjk_radical

    # Noto Sans CJK SC maps 长, 门 and 马 to radicals of the CJK Radicals Supplement (NFKC keeps
    # them) and 工 to a Kangxi radical (NFKC folds it).
    assert "".join(fold_cjk_radical(c) for c in "\u2ed3\u2ed4\u2ee2\u2f2f") == "长门马工"
    assert fold_cjk_radical("\u2e80") == "\u2e80"  # no ideograph to fold to: left alone


@pytest.mark.parametrize(
    "text,start,end",
    [
        ("Warehouse Manager\t'15 – '19", "2015", "2019"),  # two-digit years, trusted only as a range
        ("Since 2021", "2021", "present"),  # an open period, not a 2021 end date
        ("Q3 2016 – Q2 2018", "2016", "2018"),
    ],
)
def test_short_years_since_and_quarters(text: str, start: str, end: str) -> None:
    span = find_dates(text)
    assert span is not None and (span.start, span.end) == (start, end)


def test_academic_appointments_are_experience_and_department_is_not_the_employer() -> None:
    p = _txt("Tomasz Test\n\nACADEMIC APPOINTMENTS\n"
             "Associate Professor, Department of Biology, Lakeshore University\t2019 – present\n\n"
             "GRANTS\nNIH R01, Principal Investigator, Modelling bursting\t2014 – 2019\n")
    assert [(e["company"], e["title"]) for e in p["experience"]] == [("Lakeshore University", "Associate Professor")]


def test_key_achievements_subheading_stays_inside_its_job() -> None:
    p = _txt("Mae Test\n\nEXPERIENCE\nRegional Operations Manager\tMarch 2019 to Present\n"
             "Severn Retail Logistics Ltd, Bristol\n• Lead 240 staff.\nKey Achievements\n• Reduced cost per parcel by 14%.\n"
             "Warehouse Manager\t2015 – 2019\nCotswold Home Stores plc, Swindon\n• Ran a fulfilment centre.\n")
    assert [(e["company"], e["title"], e["location"], len(e["highlights"])) for e in p["experience"]] == [
        ("Severn Retail Logistics Ltd", "Regional Operations Manager", "Bristol", 2),
        ("Cotswold Home Stores plc", "Warehouse Manager", "Swindon", 1),
    ]


def test_uk_postal_address_gives_city_and_phone_country() -> None:
    p = _txt("Mae Test\nFlat 4, 18 Harbour Road, Bristol BS1 5TT  |  07700 900123  |  mae@example.com\n")
    assert (p["location"], p["phones"]) == ("Bristol", ["+447700900123"])


def test_wrapped_summary_line_is_neither_headline_nor_contact_line_summary() -> None:
    lines = [Line(text="Mae Test", size=24, bbox=(50, 740, 250, 764), index=0),
             Line(text="Flat 4, 18 Harbour Road, Bristol BS1 5TT | 07700 900123 |", size=10, bbox=(50, 720, 400, 730), index=1),
             Line(text="Operations manager with eleven years of experience running warehouses", size=10,
                  bbox=(50, 700, 400, 710), index=2),
             Line(text="and last-mile delivery networks for retailers, known for calm leadership", size=10,
                  bbox=(50, 688, 400, 698), index=3),
             Line(text="during peak season and for turning data into decisions that save money.", size=10,
                  bbox=(50, 676, 400, 686), index=4)]
    from candidates.parsing.model import Document
    from candidates.parsing.profile import build_profile

    p = build_profile(Document(kind="pdf", lines=lines))
    assert p["headline"] is None
    assert p["summary"].startswith("Operations manager with eleven years")


def test_job_board_export_labels_durations_and_study_mode() -> None:
    p = _txt("张晓雯\n男 | 29岁 | 7年工作经验 | 本科\n现居住地：上海    户口：江苏南京\n求职意向\n期望工作地区：上海\n"
             "期望从事职业：Java开发工程师\n工作经验\n公司名称：上海云启数据科技有限公司\n职位名称：高级Java开发工程师\n"
             "工作时间：2018/04—至今\n工作描述：负责交易中台的设计与开发。\n"
             "2015.07-2018.03 (2年8个月)\n南京海川软件有限公司 | Java开发工程师\n参与政务平台后台开发。\n"
             "教育经历\n2011/09—2015/06    南京邮电大学    软件工程    本科    统招\n")
    assert (p["headline"], p["location"]) == ("Java开发工程师", "上海")
    assert [(e["company"], e["title"], e["start"], e["end"]) for e in p["experience"]] == [
        ("上海云启数据科技有限公司", "高级Java开发工程师", "2018-04", "present"),
        ("南京海川软件有限公司", "Java开发工程师", "2015-07", "2018-03"),
    ]
    assert p["experience"][0]["highlights"] == ["负责交易中台的设计与开发。"]
    assert p["education"][0]["field"] == "软件工程"


def test_bilingual_entry_headers() -> None:
    p = _txt("陈嘉怡 Chen Jiayi\n\n工作经历 Work Experience\n"
             "深圳蓝鲸文化传媒有限公司 Bluewhale Media Co., Ltd.    2019.06 - 至今\n市场经理 Marketing Manager\n"
             "- 负责品牌年度营销策略。\n\n教育背景 Education\n中山大学 Sun Yat-sen University    2012.09 - 2016.06\n"
             "市场营销 学士 Bachelor of Marketing\n")
    e = p["experience"][0]
    assert (e["company"], e["title"], e["start"]) == ("深圳蓝鲸文化传媒有限公司", "市场经理", "2019-06")
    ed = p["education"][0]
    assert (ed["institution"], ed["degree"], ed["field"]) == ("中山大学", "学士", "市场营销")


def test_markdown_resume_markup_is_removed() -> None:
    p = _txt("# Lena Test\n**Frontend Developer** · Berlin, Germany · [lena@example.com](mailto:lena@example.com) · "
             "[Portfolio](https://lena.example.dev)\n\n## Experience\n### Frontend Developer — Kiezlabs UG\n"
             "*Berlin · Sep 2018 – Mar 2021*\n- Built the booking flow in **Vue.js**.\n")
    assert (p["name"], p["headline"], p["emails"]) == ("Lena Test", "Frontend Developer", ["lena@example.com"])
    assert p["links"] == ["https://lena.example.dev"]
    e = p["experience"][0]
    assert (e["company"], e["title"], e["start"], e["end"]) == ("Kiezlabs UG", "Frontend Developer", "2018-09", "2021-03")


def test_employer_with_dotted_legal_form_before_city_and_country() -> None:
    p = _txt("Hendrik Test\n\nWORK EXPERIENCE\nSenior Civil Engineer\nMaasdelta Engineering B.V., Rotterdam  |  2017 – Present\n"
             "- Delivered the quay wall.\nCivil Engineer\nNoordzee Havenbouw N.V., Antwerp, Belgium  |  2012 – 2016\n"
             "- Delivered the lock.\n")
    assert [(e["company"], e["title"], e["location"]) for e in p["experience"]] == [
        ("Maasdelta Engineering B.V.", "Senior Civil Engineer", "Rotterdam"),
        ("Noordzee Havenbouw N.V.", "Civil Engineer", "Antwerp, Belgium"),
    ]


def test_email_wrapped_in_a_narrow_cell_is_joined_and_not_a_link() -> None:
    p = _txt("王思琪\n手机：\t186-1234-5678\t邮箱：\tsiqi.wang@exam\nple.com\n")
    assert (p["emails"], p["links"]) == (["siqi.wang@example.com"], [])


def test_labelled_address_and_wanted_position_keep_only_their_value() -> None:
    p = _txt("John Test\nAddress: 2217 Willow Creek Dr, Austin, TX 78745\nPhone: (512) 555-0187\n")
    assert p["location"] == "Austin, TX"
    p = _txt("王思琪\n求职意向\n期望职位：产品经理    期望城市：成都\n")
    assert p["headline"] == "产品经理"


def test_study_mode_in_brackets_is_not_the_field() -> None:
    p = _txt("王思琪\n\n教育经历\n2013.09-2017.06  四川大学  信息管理与信息系统  本科（全日制）\n")
    assert (p["education"][0]["degree"], p["education"][0]["field"]) == ("本科", "信息管理与信息系统")
