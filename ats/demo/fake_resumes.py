"""Fictional résumés as bytes (TXT, PDF, DOCX) for tests and the ingestion benchmark.

Every person, company and school here is invented. PDF and DOCX need the dev requirements
(reportlab, python-docx).
"""
from __future__ import annotations

import io
import random
from dataclasses import dataclass, field

from ats.demo import data as demo_data


@dataclass
class FakePerson:
    name: str
    email: str
    phone: str
    headline: str
    location: str
    skills: list[str]
    jobs: list[tuple[str, str, str, str]] = field(default_factory=list)  # company, title, start, end
    school: tuple[str, str, str, str] = ("", "", "", "")  # institution, degree, start, end

    def lines(self, pages: int = 1) -> list[str]:
        """About 50 lines per page, like a real résumé: dense bullets under each role."""
        rng = random.Random(self.email)
        verbs = ["Built", "Led", "Designed", "Migrated", "Scaled", "Automated", "Owned", "Rewrote", "Launched"]
        objects = ["the billing pipeline", "a customer-facing search service", "the data platform's ingestion layer",
                   "an internal deployment tool", "the mobile checkout flow", "observability for 40 services"]
        outcomes = ["cutting p95 latency by 38%", "saving $120k a year in cloud costs", "with zero downtime",
                    "used by 2 million monthly users", "halving the on-call pages", "in four months with a team of five"]

        def bullet() -> str:
            return (f"• {rng.choice(verbs)} {rng.choice(objects)} in {rng.choice(self.skills)} and "
                    f"{rng.choice(self.skills)}, {rng.choice(outcomes)}.")

        out = [self.name, self.headline, f"{self.email} | {self.phone} | {self.location}", "", "SUMMARY",
               f"{self.headline} with a decade of experience designing, building and operating reliable products",
               "for demanding customers. Comfortable across the stack, happiest owning a problem end to end and",
               "mentoring the people around me.", "", "EXPERIENCE"]
        for company, title, start, end in self.jobs:
            out += [f"{title} | {company}    {start} - {end}"] + [bullet() for _ in range(6)] + [""]
        out += ["EDUCATION", f"{self.school[0]}    {self.school[2]} - {self.school[3]}", self.school[1], "",
                "SKILLS", ", ".join(self.skills), "", "LANGUAGES", "English (native), German (B2)"]
        for page in range(1, pages):
            out += ["", "PROJECTS"] + [bullet() for _ in range(22)]
            out += ["", "AWARDS"] + [f"• Engineering excellence award {2015 + n}, {rng.choice(self.jobs)[0]}" for n in range(6)]
            out += ["", "PUBLICATIONS"] + [
                f"• {self.name}. Lessons from running {rng.choice(self.skills)} at scale. Tech talk, {2016 + n}."
                for n in range(8)
            ]
        return out


def fake_person(index: int, *, seed: int = 1) -> FakePerson:
    rng = random.Random(seed * 1_000_003 + index)
    first, last = rng.choice(demo_data.FIRST_NAMES), rng.choice(demo_data.LAST_NAMES)
    start = rng.randint(2010, 2018)
    return FakePerson(
        name=f"{first} {last}",
        email=f"{first}.{last}.{seed}.{index}@example.com".lower(),
        phone=f"+1 415 {(seed * 7919 + index) // 10000 % 1000:03d} {(seed * 7919 + index) % 10000:04d}",
        headline=rng.choice(demo_data.TITLES),
        location=rng.choice(["Berlin, Germany", "London, UK", "Toronto, Canada", "Austin, TX"]),
        skills=rng.sample(demo_data.SKILLS, 6),
        jobs=[
            (rng.choice(demo_data.COMPANIES), rng.choice(demo_data.TITLES), f"Jan {start + 3}", "Present"),
            (rng.choice(demo_data.COMPANIES), rng.choice(demo_data.TITLES), f"Sep {start}", f"Dec {start + 2}"),
        ],
        school=(rng.choice(demo_data.SCHOOLS), "B.Sc. Computer Science", str(start - 4), str(start)),
    )


def resume_txt(person: FakePerson) -> bytes:
    return "\n".join(person.lines()).encode("utf-8")


def _fonts() -> tuple[str, str]:
    """Embedded TrueType fonts like a word processor's export, when the system has them."""
    # reportlab and python-docx are test and benchmark dependencies (requirements-dev.txt), not
    # the app's: imported where they are used, so the app runs without them.
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"
    try:
        if "FakeSans" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("FakeSans", regular))
            pdfmetrics.registerFont(TTFont("FakeSans-Bold", bold))
        return "FakeSans", "FakeSans-Bold"
    except Exception:  # no such font file: reportlab's built-in Helvetica
        return "Helvetica", "Helvetica-Bold"


def resume_pdf(person: FakePerson, *, pages: int = 1) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    regular, bold = _fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    width, height = A4
    y = height - 56
    for number, line in enumerate(person.lines(pages=pages)):
        if y < 56:
            pdf.showPage()
            y = height - 56
        if number == 0:
            pdf.setFont(bold, 20)
        elif line.isupper():
            pdf.setFont(bold, 11.5)
        else:
            pdf.setFont(regular, 9.5)
        if "    " in line:  # a date range, right-aligned as word processors do
            left, right = line.split("    ", 1)
            pdf.drawString(50, y, left)
            pdf.drawRightString(width - 50, y, right)
        else:
            pdf.drawString(50, y, line)
        y -= 26 if number == 0 else 13.2
    pdf.save()
    return buffer.getvalue()


def resume_docx(person: FakePerson) -> bytes:
    import docx

    document = docx.Document()
    lines = person.lines()
    document.add_heading(lines[0], level=0)
    for line in lines[1:]:
        if line.isupper():
            document.add_heading(line.title(), level=1)
        elif line:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
