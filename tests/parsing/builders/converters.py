"""JSON Resume → other builders' inputs: RenderCV's YAML model and a Word document with heading styles.

Both are written the way a person using that builder would write them, from the same invented
JSON Resume people: RenderCV users write degrees short (BS, MS, PhD) and one entry per role;
a Word user puts section titles in Heading 1, employers and schools in Heading 2, roles in
Heading 3 and the dates on the right of a two-column table, and lists several roles at one
employer under one employer heading that carries the whole range.

JSON Resume has no field for a few things résumés print; the people may carry them under
``x-`` keys, which the npm themes ignore and the Word document prints:
``work[].x-employmentType`` ("Full-time", "Internship"), ``work[].x-unit`` (a department or lab).
"""
from __future__ import annotations

import re
from typing import Any

CJK = re.compile(r"[\u4e00-\u9fff]")

# How RenderCV users write degrees (the development corpus's RenderCV documents do the same).
SHORT_DEGREES = [
    (r"bachelor of science in nursing", "BSN"), (r"bachelor of science", "BS"), (r"bachelor of arts", "BA"),
    (r"bachelor of engineering", "BEng"), (r"bachelor of commerce", "BCom"), (r"bachelor of design", "BDes"),
    (r"bachelor of business administration", "BBA"), (r"master of science", "MS"), (r"master of arts", "MA"),
    (r"master of engineering", "MEng"), (r"master of business administration", "MBA"),
    (r"doctor of philosophy", "PhD"), (r"doctor of pharmacy", "PharmD"), (r"doctor of physical therapy", "DPT"),
    (r"postgraduate certificate in education", "PGCE"), (r"master of physiotherapy", "MPhty"),
]

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def chinese(person: dict[str, Any]) -> bool:
    """A person whose résumé is written in Chinese (section titles and dates in Chinese)."""
    b = person["basics"]
    return bool(CJK.search(b.get("label") or "")) and bool(CJK.search(b.get("summary") or ""))


def short_degree(study: str | None) -> str | None:
    if not study:
        return study
    for pat, short in SHORT_DEGREES:
        if re.fullmatch(pat, study.strip(), re.I):
            return short
    return study


def rendercv_person(person: dict[str, Any]) -> dict[str, Any]:
    """The JSON Resume person as a RenderCV user would have written it (degrees short)."""
    out = {**person, "education": [{**e, "studyType": short_degree(e.get("studyType"))}
                                   for e in person.get("education", [])]}
    return out


def rendercv_input(person: dict[str, Any], theme: str) -> dict[str, Any]:
    """RenderCV's input model for one person and theme (phone checked by rendercv_render.py)."""
    p = rendercv_person(person)
    b = p["basics"]
    zh = chinese(p)
    loc = b.get("location") or {}
    cv: dict[str, Any] = {"name": b["name"], "x-region": loc.get("countryCode")}
    place = ", ".join(x for x in (loc.get("city"), loc.get("countryCode")) if x)
    if place:
        cv["location"] = place
    if b.get("email"):
        cv["email"] = b["email"]
    if b.get("phone"):
        cv["phone"] = b["phone"]
    if b.get("url"):
        cv["website"] = b["url"]
    nets = {"linkedin": "LinkedIn", "github": "GitHub", "gitlab": "GitLab", "orcid": "ORCID"}
    socials = [{"network": nets[pr["network"].lower()], "username": pr["username"]}
               for pr in b.get("profiles", []) if pr.get("network", "").lower() in nets and pr.get("username")]
    if socials:
        cv["social_networks"] = socials
    titles = ({"summary": "个人简介", "experience": "工作经历", "education": "教育经历", "skills": "专业技能"} if zh else
              {"summary": "Summary", "experience": "Experience", "education": "Education", "skills": "Skills"})
    sections: dict[str, list] = {}
    if b.get("summary"):
        sections[titles["summary"]] = [b["summary"]]
    work = []
    for w in p.get("work", []):
        e: dict[str, Any] = {"company": w["name"], "position": w["position"], "start_date": w["startDate"],
                             "end_date": w.get("endDate") or "present"}
        if w.get("location"):
            e["location"] = w["location"]
        if w.get("summary"):
            e["summary"] = w["summary"]
        if w.get("highlights"):
            e["highlights"] = list(w["highlights"])
        work.append(e)
    if work:
        sections[titles["experience"]] = work
    edu = []
    for ed in p.get("education", []):
        e = {"institution": ed["institution"], "area": ed.get("area") or ed.get("studyType") or ""}
        if ed.get("studyType"):
            e["degree"] = ed["studyType"]
        if ed.get("startDate"):
            e["start_date"] = ed["startDate"]
        if ed.get("endDate"):
            e["end_date"] = ed["endDate"]
        edu.append(e)
    if edu:
        sections[titles["education"]] = edu
    skills = [{"label": s["name"], "details": ", ".join(s.get("keywords", []))} for s in p.get("skills", [])
              if s.get("keywords")]
    if skills:
        sections[titles["skills"]] = skills
    cv["sections"] = sections
    doc: dict[str, Any] = {"cv": cv, "design": {"theme": theme}}
    if zh:
        doc["locale"] = {"language": "zh", "date_template": "YEAR-MONTH_IN_TWO_DIGITS", "present": "至今",
                         "to": "至"}
    return doc


def _date(value: str | None, zh: bool) -> str:
    if not value:
        return "至今" if zh else "Present"
    y, _, m = value.partition("-")
    if not m:
        return y
    return f"{y}.{m}" if zh else f"{MONTHS[int(m) - 1]} {y}"


def _range(start: str | None, end: str | None, zh: bool) -> str:
    return f"{_date(start, zh)} – {_date(end, zh)}" if start else _date(end, zh)


def word_docx(person: dict[str, Any], dest: str) -> None:
    """A résumé as written in Word: real heading styles, two-column tables for the dated rows."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    zh = chinese(person)
    b = person["basics"]
    doc = Document()
    doc.add_paragraph(b["name"], style="Title")
    if b.get("label"):
        doc.add_paragraph(b["label"], style="Subtitle")
    loc = b.get("location") or {}
    contact = [x for x in (b.get("email"), b.get("phone"), ", ".join(filter(None, (loc.get("city"), loc.get("countryCode")))),
                           b.get("url"), *[pr.get("url") for pr in b.get("profiles", [])]) if x]
    doc.add_paragraph("  |  ".join(contact))
    t = {"summary": "个人简介", "experience": "工作经历", "education": "教育经历", "skills": "专业技能"} if zh else \
        {"summary": "Profile", "experience": "Professional Experience", "education": "Education", "skills": "Skills"}

    def row(left: str, right: str, style: str, bold_right: bool = False) -> None:
        table = doc.add_table(rows=1, cols=2)
        a, c = table.rows[0].cells
        a.paragraphs[0].text = left
        a.paragraphs[0].style = doc.styles[style]
        c.paragraphs[0].text = right
        c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for run in c.paragraphs[0].runs:
            run.font.size = Pt(10)
            run.bold = bold_right

    if b.get("summary"):
        doc.add_paragraph(t["summary"], style="Heading 1")
        doc.add_paragraph(b["summary"])
    work = person.get("work", [])
    if work:
        doc.add_paragraph(t["experience"], style="Heading 1")
    groups: list[list[dict]] = []
    for w in work:
        if groups and groups[-1][0]["name"] == w["name"]:
            groups[-1].append(w)
        else:
            groups.append([w])
    for g in groups:
        head = g[0]["name"]
        kind = g[0].get("x-employmentType")
        if len(g) > 1:
            # Several roles at one employer: the employer once, with the whole range.
            start = min(w["startDate"] for w in g)
            ends = [w.get("endDate") for w in g]
            row(head, _range(start, None if None in ends else max(ends), zh), "Heading 2")
        else:
            row(head + (f"  ·  {kind}" if kind else ""), g[0].get("location") or "", "Heading 2")
        for w in g:
            if len(g) > 1 and w.get("x-employmentType"):
                row(f"{w['position']}  ·  {w['x-employmentType']}", _range(w["startDate"], w.get("endDate"), zh), "Heading 3")
            else:
                row(w["position"], _range(w["startDate"], w.get("endDate"), zh), "Heading 3")
            if w.get("x-unit"):
                doc.add_paragraph(w["x-unit"])
            if w.get("summary"):
                doc.add_paragraph(w["summary"])
            for h in w.get("highlights", []):
                doc.add_paragraph(h, style="List Bullet")
    edu = person.get("education", [])
    if edu:
        doc.add_paragraph(t["education"], style="Heading 1")
    for e in edu:
        row(e["institution"], "", "Heading 2")
        degree = ", ".join(x for x in (e.get("studyType"), e.get("area")) if x)
        row(degree, _range(e["startDate"], e.get("endDate"), zh) if e.get("startDate") else (e.get("endDate") or "")[:4],
            "Heading 3")
    skills = [s for s in person.get("skills", []) if s.get("keywords")]
    if skills:
        doc.add_paragraph(t["skills"], style="Heading 1")
    for s in skills:
        p = doc.add_paragraph()
        p.add_run(f"{s['name']}: ").bold = True
        p.add_run(", ".join(s["keywords"]))
    doc.save(dest)
