"""Generate the résumé fixtures in tests/parsing/fixtures/ and their expected values.

Every person, company detail, email and phone number here is invented.
Run:  .venv/bin/python tests/parsing/make_fixtures.py [--rerender]
(--rerender also renders again the Chromium and LibreOffice PDFs that are already committed)
Big or slow inputs (zip bomb, 2000-page PDF, pathological streams) are built at
test time by the helpers at the bottom of this file instead of being committed.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
import zlib
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FIX = HERE / "fixtures"

# ---------------------------------------------------------------------------
# Shared content
# ---------------------------------------------------------------------------

EXPECTED: dict[str, dict[str, Any]] = {}


def expect(_file: str, **fields: Any) -> None:
    EXPECTED[_file] = fields


# ---------------------------------------------------------------------------
# PDF helpers (reportlab)
# ---------------------------------------------------------------------------


def _canvas(buf: io.BytesIO, **kw: Any) -> Any:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    return canvas.Canvas(buf, pagesize=letter, pageCompression=1, invariant=1, **kw)


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words, lines, cur = text.split(), [], ""
    for w in words:
        trial = (cur + " " + w).strip()
        if stringWidth(trial, font, size) <= width:
            cur = trial
        else:
            lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    return lines


class Writer:
    """A tiny flowing text writer over a reportlab canvas column."""

    def __init__(self, c: Any, x: float, y: float, width: float, bottom: float = 54,
                 bold: str = "Helvetica-Bold", plain: str = "Helvetica") -> None:
        self.c, self.x, self.y, self.width, self.bottom = c, x, y, width, bottom
        self.bold, self.plain = bold, plain

    def gap(self, h: float) -> None:
        self.y -= h

    def line(self, text: str, font: str = "Helvetica", size: float = 10, lead: float | None = None,
             right: str | None = None, indent: float = 0, char_space: float = 0) -> None:
        lead = lead or size * 1.35
        if self.y < self.bottom:
            self.c.showPage()
            self.y = 740
        self.c.setFont(font, size)
        if char_space:
            t = self.c.beginText(self.x + indent, self.y)
            t.setFont(font, size)
            t.setCharSpace(char_space)
            t.textOut(text)
            self.c.drawText(t)
        else:
            self.c.drawString(self.x + indent, self.y, text)
        if right:
            self.c.setFont(self.plain, size)
            self.c.drawRightString(self.x + self.width, self.y, right)
        self.y -= lead

    def para(self, text: str, font: str = "Helvetica", size: float = 10, indent: float = 0, bullet: bool = False) -> None:
        lines = _wrap(text, font, size, self.width - indent - (10 if bullet else 0))
        for i, ln in enumerate(lines):
            if bullet and i == 0:
                self.c.setFont(font, size)
                self.c.drawString(self.x + indent, self.y, "•")
            self.line(ln, font, size, indent=indent + (10 if bullet else 0))

    def heading(self, text: str, size: float = 12, rule: bool = True, char_space: float = 0) -> None:
        self.gap(6)
        self.line(text, self.bold, size + (2 if self.bold == self.plain else 0), lead=size * 1.2, char_space=char_space)
        if rule:
            self.c.setLineWidth(0.5)
            self.c.line(self.x, self.y + size * 0.55, self.x + self.width, self.y + size * 0.55)
        self.gap(4)


# ---------------------------------------------------------------------------
# 1. Single-column English, name in a large font, right-aligned dates,
#    several roles at one company.
# ---------------------------------------------------------------------------


def en_single() -> bytes:
    buf = io.BytesIO()
    c = _canvas(buf)
    w = Writer(c, 54, 740, 504)
    w.line("Amelia Hartwell", "Helvetica-Bold", 24, lead=28)
    w.line("Senior Backend Engineer", "Helvetica", 12, lead=16)
    w.line("amelia.hartwell@example.com  |  (415) 555-0134  |  San Francisco, CA  |  github.com/ahartwell-dev", "Helvetica", 9, lead=12)
    w.line("linkedin.com/in/amelia-hartwell-example", "Helvetica", 9, lead=12)
    w.heading("SUMMARY")
    w.para("Backend engineer with nine years of experience building payment and logistics platforms. "
           "Comfortable owning services end to end, from schema design to on-call.")
    w.heading("EXPERIENCE")
    w.line("Northwind Payments Inc.", "Helvetica-Bold", 10.5, right="San Francisco, CA")
    w.line("Staff Software Engineer", "Helvetica-Oblique", 10, right="Jan 2021 - Present")
    w.para("Designed the ledger service in Go and PostgreSQL handling 40k writes per second.", bullet=True)
    w.para("Led the migration of 60 services to Kubernetes with Terraform and Helm charts, cutting deploy time "
           "from 40 minutes to 6 minutes.", bullet=True)
    w.line("Senior Software Engineer", "Helvetica-Oblique", 10, right="Mar 2018 - Dec 2020")
    w.para("Built the fraud scoring pipeline on Apache Kafka and Redis.", bullet=True)
    w.gap(4)
    w.line("Bluefin Logistics", "Helvetica-Bold", 10.5, right="Austin, TX")
    w.line("Software Engineer", "Helvetica-Oblique", 10, right="Jul 2015 - Feb 2018")
    w.para("Wrote route optimisation services in Python and Django; introduced CI/CD with Jenkins.", bullet=True)
    w.heading("EDUCATION")
    w.line("University of Texas at Austin", "Helvetica-Bold", 10.5, right="Sep 2011 - May 2015")
    w.line("B.S. in Computer Science, GPA: 3.7/4.0", "Helvetica", 10)
    w.heading("SKILLS")
    w.para("Languages: Go, Python, SQL, JavaScript")
    w.para("Infrastructure: Kubernetes, Docker, Terraform, AWS, PostgreSQL, Redis, Kafka")
    w.heading("LANGUAGES")
    w.para("English (Native), Spanish (Professional Working Proficiency)")
    c.save()
    return buf.getvalue()


expect(
    "en_single.pdf",
    name="Amelia Hartwell", headline="Senior Backend Engineer", emails=["amelia.hartwell@example.com"],
    phones=["+14155550134"], location="San Francisco, CA",
    links=["https://github.com/ahartwell-dev", "https://linkedin.com/in/amelia-hartwell-example"],
    education=[{"institution": "University of Texas at Austin", "degree": "B.S.", "field": "Computer Science",
                "start": "2011-09", "end": "2015-05", "gpa": "3.7/4.0"}],
    experience=[
        {"company": "Northwind Payments Inc.", "title": "Staff Software Engineer", "start": "2021-01", "end": "present"},
        {"company": "Northwind Payments Inc.", "title": "Senior Software Engineer", "start": "2018-03", "end": "2020-12"},
        {"company": "Bluefin Logistics", "title": "Software Engineer", "start": "2015-07", "end": "2018-02"},
    ],
    skills=["Go", "Python", "SQL", "JavaScript", "Kubernetes", "Docker", "Terraform", "Amazon Web Services",
            "PostgreSQL", "Redis", "Apache Kafka", "Helm", "Django", "CI/CD", "Jenkins"],
    languages=["English (Native)", "Spanish (Professional Working Proficiency)"],
    language="en",
)

# ---------------------------------------------------------------------------
# 2. Two columns, left sidebar with contacts + skills; name on top of the main column.
# ---------------------------------------------------------------------------


def en_sidebar_left() -> bytes:
    buf = io.BytesIO()
    c = _canvas(buf)
    c.setFillGray(0.92)
    c.rect(0, 0, 190, 792, stroke=0, fill=1)
    c.setFillGray(0)
    s = Writer(c, 24, 730, 150)
    s.heading("CONTACT", 11, rule=False)
    for t in ["theo.vance@example.org", "+1 (312) 555-0187", "Chicago, IL", "theovance.dev"]:
        s.line(t, "Helvetica", 8.5, lead=13)
    s.heading("SKILLS", 11, rule=False)
    for t in ["Python", "Pandas", "scikit-learn", "SQL", "Tableau", "Apache Airflow", "dbt", "Snowflake"]:
        s.line(t, "Helvetica", 8.5, lead=13)
    s.heading("LANGUAGES", 11, rule=False)
    for t in ["English - Native", "French - Fluent"]:
        s.line(t, "Helvetica", 8.5, lead=13)
    m = Writer(c, 214, 730, 350)
    m.line("Theodore Vance", "Helvetica-Bold", 22, lead=26)
    m.line("Data Scientist", "Helvetica", 12, lead=18)
    m.heading("PROFILE")
    m.para("Data scientist focused on demand forecasting and experimentation for consumer marketplaces.")
    m.heading("WORK EXPERIENCE")
    m.line("Lakeshore Analytics Group", "Helvetica-Bold", 10.5, right="Aug 2021 – May 2023")
    m.line("Senior Data Scientist", "Helvetica-Oblique", 10)
    m.para("Built forecasting models in Python with XGBoost that reduced stock-outs by 18 percent.", bullet=True)
    m.para("Ran A/B testing programme for pricing experiments across 30 cities.", bullet=True)
    m.line("Prairie Mutual Insurance", "Helvetica-Bold", 10.5, right="08/2018 - 07/2021")
    m.line("Data Analyst", "Helvetica-Oblique", 10)
    m.para("Automated actuarial reports with SQL and Tableau dashboards.", bullet=True)
    m.heading("EDUCATION")
    m.line("Northwestern University", "Helvetica-Bold", 10.5, right="2016 - 2018")
    m.line("M.S. in Statistics", "Helvetica", 10)
    m.line("University of Illinois", "Helvetica-Bold", 10.5, right="2012 - 2016")
    m.line("B.A. in Economics", "Helvetica", 10)
    c.save()
    return buf.getvalue()


expect(
    "en_sidebar_left.pdf",
    name="Theodore Vance", headline="Data Scientist", emails=["theo.vance@example.org"], phones=["+13125550187"],
    location="Chicago, IL", links=["https://theovance.dev"],
    education=[
        {"institution": "Northwestern University", "degree": "M.S.", "field": "Statistics", "start": "2016", "end": "2018", "gpa": None},
        {"institution": "University of Illinois", "degree": "B.A.", "field": "Economics", "start": "2012", "end": "2016", "gpa": None},
    ],
    experience=[
        {"company": "Lakeshore Analytics Group", "title": "Senior Data Scientist", "start": "2021-08", "end": "2023-05"},
        {"company": "Prairie Mutual Insurance", "title": "Data Analyst", "start": "2018-08", "end": "2021-07"},
    ],
    skills=["Python", "Pandas", "scikit-learn", "SQL", "Tableau", "Apache Airflow", "dbt", "Snowflake", "XGBoost", "A/B Testing"],
    languages=["English (Native)", "French (Fluent)"],
    language="en",
)

# ---------------------------------------------------------------------------
# 3. Full-width name banner, main column left, sidebar right; letter-spaced headings.
# ---------------------------------------------------------------------------


def en_sidebar_right() -> bytes:
    buf = io.BytesIO()
    c = _canvas(buf)
    c.setFont("Helvetica-Bold", 26)
    c.drawCentredString(306, 740, "MARISOL QUINTERO")
    c.setFont("Helvetica", 12)
    c.drawCentredString(306, 720, "Product Designer")
    c.setFillGray(0.94)
    c.rect(412, 0, 200, 700, stroke=0, fill=1)
    c.setFillGray(0)
    m = Writer(c, 48, 680, 340)
    m.heading("E X P E R I E N C E", 11, char_space=0)
    m.line("Product Designer · Copperleaf Studio", "Helvetica-Bold", 10.5)
    m.line("2020/03 - 2021/08 · Denver, CO", "Helvetica", 9)
    m.para("Redesigned the onboarding flow in Figma, raising activation by 12 percent.", bullet=True)
    m.para("Ran user research interviews and usability testing sessions every sprint.", bullet=True)
    m.line("UX Designer at Harbor & Finch", "Helvetica-Bold", 10.5)
    m.line("Sept 2017 – Feb 2020", "Helvetica", 9)
    m.para("Built the design system used by four product teams.", bullet=True)
    m.heading("E D U C A T I O N", 11)
    m.line("Rhode Island School of Design", "Helvetica-Bold", 10.5)
    m.line("BFA, Graphic Design · 2013 - 2017", "Helvetica", 9.5)
    s = Writer(c, 428, 680, 165)
    s.heading("C O N T A C T", 10, rule=False)
    for t in ["marisol.q@example.net", "(720) 555-0142", "Denver, CO", "behance.net/marisolq-example"]:
        s.line(t, "Helvetica", 8, lead=12.5)
    s.heading("S K I L L S", 10, rule=False)
    for t in ["Figma, Sketch, Adobe XD", "Prototyping", "User Research", "Design Systems", "HTML, CSS"]:
        s.line(t, "Helvetica", 8, lead=12.5)
    c.save()
    return buf.getvalue()


expect(
    "en_sidebar_right.pdf",
    name="Marisol Quintero", headline="Product Designer", emails=["marisol.q@example.net"], phones=["+17205550142"],
    location="Denver, CO", links=["https://behance.net/marisolq-example"],
    education=[{"institution": "Rhode Island School of Design", "degree": "BFA", "field": "Graphic Design",
                "start": "2013", "end": "2017", "gpa": None}],
    experience=[
        {"company": "Copperleaf Studio", "title": "Product Designer", "start": "2020-03", "end": "2021-08"},
        {"company": "Harbor & Finch", "title": "UX Designer", "start": "2017-09", "end": "2020-02"},
    ],
    skills=["Figma", "Sketch", "Adobe XD", "Prototyping", "User Research", "Design Systems", "HTML", "CSS"],
    languages=[],
    language="en",
)

# ---------------------------------------------------------------------------
# 4. Chinese PDF (STSong-Light CID font).
# ---------------------------------------------------------------------------


def zh_pdf() -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    f = "STSong-Light"
    buf = io.BytesIO()
    c = _canvas(buf)
    w = Writer(c, 54, 740, 504, bold=f, plain=f)
    w.line("林晓雯", f, 22, lead=28)
    w.line("求职意向：后端开发工程师", f, 11, lead=16)
    w.line("电话：(+86) 156-0000-1234  |  邮箱：linxiaowen@example.cn  |  现居：杭州", f, 9.5, lead=14)
    w.heading("教育背景", 12)
    w.line("浙江理工大学    计算机科学与技术    本科", f, 10.5, right="2015.09 - 2019.06")
    w.line("GPA：3.6/4.0", f, 10)
    w.heading("工作经历", 12)
    w.line("杭州云栈科技有限公司    后端开发工程师", f, 10.5, right="2021 年 01 月 - 2023 年 06 月")
    w.para("负责订单中心微服务的设计与开发，使用 Go 和 MySQL，日均处理订单 200 万。", f, bullet=True)
    w.para("主导 Kubernetes 容器化迁移，部署时间缩短 80%。", f, bullet=True)
    w.line("宁波海曙网络有限公司    Java 开发实习生", f, 10.5, right="2019.07 - 2020.12")
    w.para("参与支付系统开发，使用 Spring Boot 与 Redis。", f, bullet=True)
    w.heading("专业技能", 12)
    w.para("熟悉 Go、Java、Python，熟悉 MySQL、Redis、Kafka，了解机器学习。", f)
    w.heading("语言能力", 12)
    w.para("英语（CET-6），普通话（母语）", f)
    c.save()
    return buf.getvalue()


expect(
    "zh_resume.pdf",
    name="林晓雯", headline="后端开发工程师", emails=["linxiaowen@example.cn"], phones=["+8615600001234"], location="杭州",
    links=[],
    education=[{"institution": "浙江理工大学", "degree": "本科", "field": "计算机科学与技术", "start": "2015-09",
                "end": "2019-06", "gpa": "3.6/4.0"}],
    experience=[
        {"company": "杭州云栈科技有限公司", "title": "后端开发工程师", "start": "2021-01", "end": "2023-06"},
        {"company": "宁波海曙网络有限公司", "title": "Java 开发实习生", "start": "2019-07", "end": "2020-12"},
    ],
    skills=["Microservices", "Go", "MySQL", "Kubernetes", "Spring Boot", "Redis", "Java", "Python", "Apache Kafka", "Machine Learning"],
    languages=["English (CET-6)", "Mandarin (Native)"],
    language="zh",
)

# ---------------------------------------------------------------------------
# 5. No name at all: starts with "Summary".
# ---------------------------------------------------------------------------


def en_no_name() -> bytes:
    buf = io.BytesIO()
    c = _canvas(buf)
    w = Writer(c, 54, 740, 504)
    w.heading("Summary", 14)
    w.para("Operations manager with ten years in warehouse and supply chain roles. Reachable at "
           "ops.candidate@example.com or 020 7946 0321.")
    w.heading("Experience", 14)
    w.line("Operations Manager, Greybridge Distribution Ltd", "Helvetica-Bold", 10.5, right="2019 - 2021")
    w.para("Ran a 120-person warehouse; introduced Lean and Six Sigma practices.", bullet=True)
    w.line("Shift Supervisor, Greybridge Distribution Ltd", "Helvetica-Bold", 10.5, right="2015 - 2019")
    w.para("Scheduled three shifts and managed inventory management software rollout.", bullet=True)
    w.heading("Education", 14)
    w.line("Sheffield Hallam University — BSc Logistics and Supply Chain Management", "Helvetica", 10, right="2011 - 2014")
    c.save()
    return buf.getvalue()


expect(
    "en_no_name.pdf",
    name=None, emails=["ops.candidate@example.com"], links=[],
    education=[{"institution": "Sheffield Hallam University", "degree": "BSc", "field": "Logistics and Supply Chain Management",
                "start": "2011", "end": "2014", "gpa": None}],
    experience=[
        {"company": "Greybridge Distribution Ltd", "title": "Operations Manager", "start": "2019", "end": "2021"},
        {"company": "Greybridge Distribution Ltd", "title": "Shift Supervisor", "start": "2015", "end": "2019"},
    ],
    skills=["Supply Chain Management", "Six Sigma", "Inventory Management"],
    language="en",
)

# ---------------------------------------------------------------------------
# 6. LaTeX-like PDF: words placed individually, no space characters.
# ---------------------------------------------------------------------------


def en_nospace() -> bytes:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    buf = io.BytesIO()
    c = _canvas(buf)
    y = [740.0]

    def words(text: str, x: float, font: str = "Times-Roman", size: float = 10.5, lead: float = 14) -> None:
        c.setFont(font, size)
        for word in text.split(" "):
            c.drawString(x, y[0], word)
            x += stringWidth(word, font, size) + size * 0.33
        y[0] -= lead

    def right(text: str, font: str = "Times-Roman", size: float = 10.5) -> None:
        c.setFont(font, size)
        w = sum(stringWidth(t, font, size) for t in text.split(" ")) + size * 0.33 * (text.count(" "))
        x = 558 - w
        for word in text.split(" "):
            c.drawString(x, y[0] + 14, word)
            x += stringWidth(word, font, size) + size * 0.33

    c.setFont("Times-Bold", 20)
    c.drawCentredString(306, y[0], "Rafael Okafor-Lindqvist")
    y[0] -= 22
    c.setFont("Times-Roman", 10)
    c.drawCentredString(306, y[0], "rafael.ol@example.com | +44 20 7946 0958 | London, UK | github.com/rolq-example")
    y[0] -= 26
    words("Education", 54, "Times-Bold", 12, 16)
    words("Imperial College London", 54, "Times-Bold")
    right("Oct 2016 – Jun 2020")
    words("MEng in Electrical and Electronic Engineering; First Class Honours", 54)
    y[0] -= 8
    words("Experience", 54, "Times-Bold", 12, 16)
    words("Embedded Software Engineer, Thamesgate Robotics", 54, "Times-Bold")
    right("Sep 2020 – Present")
    words("• Wrote firmware in C and C++ for motor controllers on STM32 with FreeRTOS.", 64)
    words("• Built hardware-in-the-loop tests in Python and pytest, run in GitHub Actions.", 64)
    y[0] -= 8
    words("Skills", 54, "Times-Bold", 12, 16)
    words("C, C++, Python, Rust, FreeRTOS, Embedded Systems, MATLAB, Git, Linux", 54)
    c.save()
    return buf.getvalue()


expect(
    "en_nospace.pdf",
    name="Rafael Okafor-Lindqvist", emails=["rafael.ol@example.com"], phones=["+442079460958"], location="London, UK",
    links=["https://github.com/rolq-example"],
    education=[{"institution": "Imperial College London", "degree": "MEng", "field": "Electrical and Electronic Engineering",
                "start": "2016-10", "end": "2020-06", "gpa": None}],
    experience=[{"company": "Thamesgate Robotics", "title": "Embedded Software Engineer", "start": "2020-09", "end": "present"}],
    skills=["C", "C++", "Python", "Rust", "RTOS", "Embedded Systems", "MATLAB", "Git", "Linux", "Microcontrollers", "pytest", "GitHub Actions"],
    language="en",
)

# ---------------------------------------------------------------------------
# 7. "Jake's résumé"-like LaTeX layout: centred header, company/date then
#    italic title/location rows, a Projects section, Technical Skills with labels.
# ---------------------------------------------------------------------------


def en_jakes() -> bytes:
    buf = io.BytesIO()
    c = _canvas(buf)
    c.setFont("Times-Bold", 24)
    c.drawCentredString(306, 742, "Priyanka Venkataraman")
    c.setFont("Times-Roman", 10)
    c.drawCentredString(306, 726, "555-201-0199 | priyanka.v@example.edu | linkedin.com/in/pvenk-example | github.com/pvenk-example")
    w = Writer(c, 40, 700, 532, bold="Times-Bold", plain="Times-Roman")
    w.heading("Education", 12)
    w.line("Georgia Institute of Technology", "Times-Bold", 10.5, right="Atlanta, GA")
    w.line("Bachelor of Science in Computer Science, Minor in Mathematics", "Times-Italic", 10, right="Aug. 2019 -- May 2023")
    w.heading("Experience", 12)
    w.line("Undergraduate Research Assistant", "Times-Bold", 10.5, right="June 2022 -- Present")
    w.line("Georgia Tech Research Institute", "Times-Italic", 10, right="Atlanta, GA")
    w.para("Developed a REST API using FastAPI and PostgreSQL to serve sensor data to 12 labs", "Times-Roman", 10, indent=10, bullet=True)
    w.para("Explored methods to visualize GitHub collaboration in a classroom setting", "Times-Roman", 10, indent=10, bullet=True)
    w.line("Software Engineering Intern", "Times-Bold", 10.5, right="May 2021 -- Aug 2021")
    w.line("Peachtree Fintech", "Times-Italic", 10, right="Remote")
    w.para("Wrote React and TypeScript components for the onboarding dashboard", "Times-Roman", 10, indent=10, bullet=True)
    w.heading("Projects", 12)
    w.line("Gitlytics | Python, Flask, React, PostgreSQL, Docker", "Times-Bold", 10.5, right="June 2020 -- Present")
    w.para("Built a full-stack web application with Flask serving a REST API and React as the frontend", "Times-Roman", 10, indent=10, bullet=True)
    w.heading("Technical Skills", 12)
    w.line("Languages: Java, Python, C/C++, SQL (Postgres), JavaScript, HTML/CSS, R", "Times-Roman", 10)
    w.line("Frameworks: React, Node.js, Flask, JUnit, WordPress, Material-UI, FastAPI", "Times-Roman", 10)
    w.line("Developer Tools: Git, Docker, TravisCI, Google Cloud Platform, VS Code", "Times-Roman", 10)
    c.save()
    return buf.getvalue()


expect(
    "en_jakes.pdf",
    name="Priyanka Venkataraman", emails=["priyanka.v@example.edu"], phones=["555-201-0199"],
    links=["https://linkedin.com/in/pvenk-example", "https://github.com/pvenk-example"],
    education=[{"institution": "Georgia Institute of Technology", "degree": "Bachelor of Science", "field": "Computer Science",
                "start": "2019-08", "end": "2023-05", "gpa": None}],
    experience=[
        {"company": "Georgia Tech Research Institute", "title": "Undergraduate Research Assistant", "start": "2022-06", "end": "present"},
        {"company": "Peachtree Fintech", "title": "Software Engineering Intern", "start": "2021-05", "end": "2021-08"},
    ],
    skills=["REST APIs", "FastAPI", "PostgreSQL", "GitHub", "React", "TypeScript", "Python", "Flask", "Docker", "Java", "C",
            "C++", "SQL", "JavaScript", "HTML", "CSS", "R", "Node.js", "JUnit", "WordPress", "Material UI", "Git",
            "Travis CI", "Google Cloud Platform", "Visual Studio Code"],
    languages=[],
    language="en",
)

# ---------------------------------------------------------------------------
# 8. LinkedIn-export-like: left sidebar (Contact, Top Skills, Languages), main column
#    with name/headline/location, roles grouped under a company with durations,
#    two pages with a running footer.
# ---------------------------------------------------------------------------


def en_linkedin() -> bytes:
    buf = io.BytesIO()
    c = _canvas(buf)

    def sidebar_bg() -> None:
        c.setFillColorRGB(0.9, 0.93, 0.96)
        c.rect(0, 0, 200, 792, stroke=0, fill=1)
        c.setFillGray(0)

    def footer(n: int) -> None:
        c.setFont("Helvetica", 8)
        c.drawCentredString(400, 30, f"Page {n} of 2")

    sidebar_bg()
    s = Writer(c, 24, 740, 160)
    s.line("Contact", "Helvetica-Bold", 12, lead=18)
    for t in ["sven.aberg@example.se", "www.linkedin.com/in/sven-aberg-example (LinkedIn)"]:
        s.line(t, "Helvetica", 8.5, lead=12)
    s.gap(8)
    s.line("Top Skills", "Helvetica-Bold", 12, lead=18)
    for t in ["Kubernetes", "Go", "Site Reliability Engineering"]:
        s.line(t, "Helvetica", 8.5, lead=12)
    s.gap(8)
    s.line("Languages", "Helvetica-Bold", 12, lead=18)
    for t in ["Swedish (Native or Bilingual)", "English (Full Professional)"]:
        s.line(t, "Helvetica", 8.5, lead=12)
    m = Writer(c, 224, 740, 350)
    m.line("Sven Åberg", "Helvetica", 24, lead=28)
    m.line("Principal Platform Engineer at Nordljus Energi", "Helvetica", 11, lead=15)
    m.line("Stockholm, Stockholm County, Sweden", "Helvetica", 9, lead=22, )
    m.line("Summary", "Helvetica", 15, lead=20)
    m.para("Platform engineer who keeps large fleets boring. Fan of Go, Kubernetes and good runbooks.", size=9.5)
    m.gap(6)
    m.line("Experience", "Helvetica", 15, lead=20)
    m.line("Nordljus Energi", "Helvetica", 11, lead=14)
    m.line("6 years 2 months", "Helvetica", 9, lead=14)
    m.line("Principal Platform Engineer", "Helvetica", 10.5, lead=13)
    m.line("January 2021 - Present (2 years 8 months)", "Helvetica", 9, lead=12)
    m.line("Stockholm, Sweden", "Helvetica", 9, lead=14)
    m.para("Own the internal developer platform built on Kubernetes and Argo CD.", size=9.5)
    m.line("Senior Site Reliability Engineer", "Helvetica", 10.5, lead=13)
    m.line("August 2017 - December 2020 (3 years 5 months)", "Helvetica", 9, lead=12)
    m.line("Stockholm, Sweden", "Helvetica", 9, lead=14)
    m.para("Moved monitoring from Nagios to Prometheus.", size=9.5)
    footer(1)
    c.showPage()
    sidebar_bg()
    m = Writer(c, 224, 740, 350)
    m.line("Kattegatt Systems AB", "Helvetica", 11, lead=14)
    m.line("Systems Engineer", "Helvetica", 10.5, lead=13)
    m.line("March 2014 - July 2017 (3 years 5 months)", "Helvetica", 9, lead=12)
    m.line("Gothenburg, Sweden", "Helvetica", 9, lead=14)
    m.para("Automated server builds with Ansible and Python.", size=9.5)
    m.gap(6)
    m.line("Education", "Helvetica", 15, lead=20)
    m.line("KTH Royal Institute of Technology", "Helvetica", 11, lead=14)
    m.line("Master of Science - MS, Computer Science · (2009 - 2014)", "Helvetica", 9.5, lead=14)
    footer(2)
    c.save()
    return buf.getvalue()


expect(
    "en_linkedin.pdf",
    name="Sven Åberg", headline="Principal Platform Engineer at Nordljus Energi", emails=["sven.aberg@example.se"],
    location="Stockholm, Stockholm County, Sweden", links=["https://www.linkedin.com/in/sven-aberg-example"],
    education=[{"institution": "KTH Royal Institute of Technology", "degree": "Master of Science", "field": "Computer Science",
                "start": "2009", "end": "2014", "gpa": None}],
    experience=[
        {"company": "Nordljus Energi", "title": "Principal Platform Engineer", "start": "2021-01", "end": "present"},
        {"company": "Nordljus Energi", "title": "Senior Site Reliability Engineer", "start": "2017-08", "end": "2020-12"},
        {"company": "Kattegatt Systems AB", "title": "Systems Engineer", "start": "2014-03", "end": "2017-07"},
    ],
    skills=["Kubernetes", "Go", "Site Reliability Engineering", "Argo CD", "Nagios", "Prometheus", "Ansible", "Python"],
    languages=["Swedish (Native or Bilingual)", "English (Full Professional)"],
    language="en",
)

# ---------------------------------------------------------------------------
# 9. Canva-like: bullets drawn as shapes (no glyph), an unknown styled heading,
#    letter-spaced upper-case name.
# ---------------------------------------------------------------------------


def en_shapes() -> bytes:
    buf = io.BytesIO()
    c = _canvas(buf)
    t = c.beginText(54, 735)
    t.setFont("Helvetica-Bold", 26)
    t.setCharSpace(4)
    t.textOut("NOOR AL-HADDAD")
    c.drawText(t)
    c.setFont("Helvetica", 11)
    c.drawString(54, 712, "Registered Nurse")
    c.setFont("Helvetica", 9)
    c.drawString(54, 696, "noor.haddad@example.com   +971 50 555 0123   Dubai, UAE")
    w = Writer(c, 54, 660, 504)

    def dot_para(text: str) -> None:
        c.circle(w.x + 13, w.y + 3, 1.6, stroke=0, fill=1)
        w.para(text, indent=20)

    w.heading("EXPERIENCE", 13, rule=False)
    w.line("Al Noor Specialty Hospital", "Helvetica-Bold", 10.5, right="2019 - Present")
    w.line("Senior Staff Nurse, Intensive Care Unit", "Helvetica", 10)
    dot_para("Coordinate care for a 14-bed ICU and train new nurses on ventilator protocols")
    dot_para("Lead infection control audits every quarter")
    w.line("Gulf Medical Centre", "Helvetica-Bold", 10.5, right="2015 - 2019")
    w.line("Staff Nurse", "Helvetica", 10)
    dot_para("Provided patient care on a 30-bed surgical ward")
    w.heading("EDUCATION", 13, rule=False)
    w.line("University of Sharjah", "Helvetica-Bold", 10.5, right="2011 - 2015")
    w.line("Bachelor of Science in Nursing", "Helvetica", 10)
    w.heading("VOLUNTEERING & OUTREACH", 13, rule=False)
    w.line("Red Crescent first-aid trainer", "Helvetica", 10, right="2016 - 2018")
    w.heading("SKILLS", 13, rule=False)
    w.line("Patient Care · Critical Care · Infection Control · Microsoft Office", "Helvetica", 10)
    w.heading("LANGUAGES", 13, rule=False)
    w.line("Arabic (Native) · English (Fluent)", "Helvetica", 10)
    c.save()
    return buf.getvalue()


expect(
    "en_shapes.pdf",
    name="Noor Al-Haddad", headline="Registered Nurse", emails=["noor.haddad@example.com"], phones=["+971505550123"],
    location="Dubai, UAE", links=[],
    education=[{"institution": "University of Sharjah", "degree": "Bachelor of Science", "field": "Nursing",
                "start": "2011", "end": "2015", "gpa": None}],
    experience=[
        {"company": "Al Noor Specialty Hospital", "title": "Senior Staff Nurse, Intensive Care Unit", "start": "2019", "end": "present"},
        {"company": "Gulf Medical Centre", "title": "Staff Nurse", "start": "2015", "end": "2019"},
    ],
    skills=["Patient Care", "Critical Care", "Infection Control", "Microsoft Office"],
    languages=["Arabic (Native)", "English (Fluent)"],
    language="en",
)

# ---------------------------------------------------------------------------
# 10. Worst case for column detection: sidebar with the same font and leading as
#     the main column, lines on the same baselines.
# 11. Dates and headings in a left margin column ("2019 – 2021  Company").
# ---------------------------------------------------------------------------


def en_same_leading() -> bytes:
    buf = io.BytesIO()
    c = _canvas(buf)
    c.setFont("Helvetica-Bold", 20)
    c.drawString(40, 742, "Ingrid Solberg-Reyes")
    c.setFont("Helvetica", 11)
    c.drawString(40, 724, "Backend Developer")
    side = ["CONTACT", "ingrid.sr@example.no", "+47 412 55 019", "Oslo, Norway", "", "SKILLS", "Java", "Kotlin",
            "Spring Boot", "PostgreSQL", "Kafka", "Docker", "", "LANGUAGES", "Norwegian (Native)", "English (Fluent)",
            "Spanish (Basic)"]
    main = ["EXPERIENCE", "Fjordline Systems AS", "Senior Backend Developer, 2019 - Present",
            "• Built booking APIs in Kotlin and Spring Boot.", "• Moved batch jobs to Kafka streams.",
            "Nordkapp Bank", "Backend Developer, 2016 - 2019", "• Maintained the payments core in Java.",
            "• Introduced PostgreSQL partitioning.", "", "EDUCATION", "University of Oslo",
            "M.Sc. in Informatics, 2014 - 2016", "", "", "", ""]
    y = 690
    for a, b in zip(side, main):
        if a:
            c.setFont("Helvetica-Bold" if a.isupper() else "Helvetica", 10)
            c.drawString(40, y, a)
        if b:
            c.setFont("Helvetica-Bold" if b.isupper() else "Helvetica", 10)
            c.drawString(210, y, b)
        y -= 14
    c.save()
    return buf.getvalue()


expect(
    "en_same_leading.pdf",
    name="Ingrid Solberg-Reyes", headline="Backend Developer", emails=["ingrid.sr@example.no"], phones=["+4741255019"],
    location="Oslo, Norway", links=[],
    education=[{"institution": "University of Oslo", "degree": "M.Sc.", "field": "Informatics", "start": "2014", "end": "2016", "gpa": None}],
    experience=[
        {"company": "Fjordline Systems AS", "title": "Senior Backend Developer", "start": "2019", "end": "present"},
        {"company": "Nordkapp Bank", "title": "Backend Developer", "start": "2016", "end": "2019"},
    ],
    skills=["Java", "Kotlin", "Spring Boot", "PostgreSQL", "Apache Kafka", "Docker", "Kafka Streams"],
    languages=["Norwegian (Native)", "English (Fluent)", "Spanish (Basic)"],
    language="en",
)


def en_left_dates() -> bytes:
    buf = io.BytesIO()
    c = _canvas(buf)
    c.setFont("Helvetica-Bold", 22)
    c.drawString(40, 740, "Mateo Lindgren-Osei")
    c.setFont("Helvetica", 9.5)
    c.drawString(40, 722, "mateo.lo@example.com · +1 617 555 0144 · Boston, MA")
    rows = [
        ("EXPERIENCE", "Harborview Robotics Inc.", True), ("2020 – Present", "Controls Engineer", False),
        ("", "• Tuned motion control loops in C++ and MATLAB for warehouse robots.", False),
        ("", "• Wrote ROS nodes for sensor fusion.", False),
        ("", "Beacon Hill Automation", True), ("2017 – 2020", "Automation Engineer", False),
        ("", "• Programmed PLC cells and SCADA dashboards.", False),
        ("EDUCATION", "Northeastern University", True), ("2013 – 2017", "B.S. in Mechanical Engineering", False),
        ("SKILLS", "C++, MATLAB, Simulink, ROS, Python, SolidWorks", False),
    ]
    y = 690
    for left, right, bold in rows:
        if left:
            c.setFont("Helvetica-Bold" if left.isupper() else "Helvetica", 10)
            c.drawString(40, y, left)
        c.setFont("Helvetica-Bold" if bold else "Helvetica", 10)
        c.drawString(150, y, right)
        y -= 16 if not (left.isupper() and left) else 16
    c.save()
    return buf.getvalue()


expect(
    "en_left_dates.pdf",
    name="Mateo Lindgren-Osei", emails=["mateo.lo@example.com"], phones=["+16175550144"], location="Boston, MA", links=[],
    education=[{"institution": "Northeastern University", "degree": "B.S.", "field": "Mechanical Engineering",
                "start": "2013", "end": "2017", "gpa": None}],
    experience=[
        {"company": "Harborview Robotics Inc.", "title": "Controls Engineer", "start": "2020", "end": "present"},
        {"company": "Beacon Hill Automation", "title": "Automation Engineer", "start": "2017", "end": "2020"},
    ],
    skills=["C++", "MATLAB", "ROS", "PLC", "SCADA", "Simulink", "Python", "SolidWorks"],
    language="en",
)

ES_TXT = """Lucía Martínez Ortega
Ingeniera de Datos
lucia.mo@example.es | +34 612 555 019 | Madrid, España

PERFIL
Ingeniera de datos con experiencia en la construcción de plataformas de datos para el sector de la banca y del comercio.

EXPERIENCIA PROFESIONAL
Banco Meseta S.A. | Ingeniera de Datos Senior | Enero 2021 - Actualidad
- Diseño de pipelines con Apache Airflow y Spark sobre AWS.
Comercio Ibérico | Analista de Datos | Sep 2017 - Dic 2020
- Informes en Power BI y SQL para la dirección de ventas.

FORMACIÓN
Universidad Politécnica de Madrid | Máster en Ciencia de Datos | 2015 - 2017

IDIOMAS
Español (Nativo), Inglés (C1)
"""

expect(
    "es_resume.txt",
    name="Lucía Martínez Ortega", headline="Ingeniera de Datos", emails=["lucia.mo@example.es"], phones=["+34612555019"],
    location="Madrid, España", links=[],
    education=[{"institution": "Universidad Politécnica de Madrid", "degree": "Máster", "field": "Ciencia de Datos", "start": "2015", "end": "2017", "gpa": None}],
    experience=[
        {"company": "Banco Meseta S.A.", "title": "Ingeniera de Datos Senior", "start": "2021-01", "end": "present"},
        {"company": "Comercio Ibérico", "title": "Analista de Datos", "start": "2017-09", "end": "2020-12"},
    ],
    skills=["Apache Airflow", "Apache Spark", "Amazon Web Services", "Power BI", "SQL"],
    language="es",
)

# ---------------------------------------------------------------------------
# 12. Glyphs drawn in random order, "fake bold" (text drawn twice), rotated page.
# ---------------------------------------------------------------------------


def en_scrambled() -> bytes:
    import random

    from reportlab.pdfbase.pdfmetrics import stringWidth

    buf = io.BytesIO()
    c = _canvas(buf)
    lines = [("Helvetica-Bold", 20, "Yusuf Karaca"), ("Helvetica", 10, "yusuf.k@example.com | Istanbul, Turkey"),
             ("Helvetica-Bold", 12, "EXPERIENCE"), ("Helvetica", 10, "Bosphorus Games - Senior Unity Developer - 2018 - 2022"),
             ("Helvetica", 10, "• Built multiplayer features in C# and Unity.")]
    glyphs = []
    y = 560  # the page is set to landscape (612 high) and rotated
    for font, size, text in lines:
        x = 54.0
        for ch in text:
            glyphs.append((font, size, x, y, ch))
            x += stringWidth(ch, font, size)
        y -= 24
    random.Random(3).shuffle(glyphs)
    for font, size, x, yy, ch in glyphs:
        c.setFont(font, size)
        c.drawString(x, yy, ch)
        if font.endswith("Bold"):
            c.drawString(x + 0.3, yy, ch)
    c.setPageRotation(90)
    c.save()
    return buf.getvalue()


expect(
    "en_scrambled.pdf",
    name="Yusuf Karaca", emails=["yusuf.k@example.com"], location="Istanbul, Turkey", links=[],
    experience=[{"company": "Bosphorus Games", "title": "Senior Unity Developer", "start": "2018", "end": "2022"}],
    skills=["C#", "Unity"],
    language="en",
)


def en_header_table_docx() -> bytes:
    """Name in the Word page header, contacts in a one-row table, bold upper-case headings, tab stops."""
    from docx import Document
    from docx.shared import Pt

    d = Document()
    r = d.sections[0].header.paragraphs[0].add_run("OLUWASEUN ADEYEMI-PARK")
    r.bold = True
    r.font.size = Pt(20)
    t = d.add_table(rows=1, cols=3)
    for cell, text in zip(t.rows[0].cells, ["seun.ap@example.com", "+44 7700 900123", "Manchester, UK"]):
        cell.text = text

    def bold(text: str, tail: str = "") -> None:
        p = d.add_paragraph()
        p.add_run(text).bold = True
        if tail:
            p.add_run(tail)

    bold("PROFESSIONAL SUMMARY")
    d.add_paragraph("Civil engineer with eight years designing bridges and drainage for public infrastructure projects.")
    bold("CAREER HISTORY")
    bold("Pennine Structures Ltd", "\tManchester, UK")
    d.add_paragraph("Senior Civil Engineer\tMarch 2019 – Present")
    d.add_paragraph("Led design of a 120 m footbridge using AutoCAD Civil 3D and Revit.", style="List Bullet")
    d.add_paragraph("Managed a team of six engineers and a £4m budget.", style="List Bullet")
    bold("Irwell Consulting", "\tSalford, UK")
    d.add_paragraph("Graduate Engineer\tSeptember 2015 – February 2019")
    d.add_paragraph("Produced drainage calculations and site reports.", style="List Bullet")
    bold("EDUCATION & QUALIFICATIONS")
    d.add_paragraph("MEng Civil Engineering (First Class) – University of Leeds, 2011 – 2015")
    d.add_paragraph("Chartered Engineer (CEng), ICE – 2020")
    bold("KEY SKILLS")
    d.add_paragraph("AutoCAD • Revit • Civil 3D • Project Management • Risk Management • Stakeholder Management")
    return _docx_bytes(d)


expect(
    "en_header_table.docx",
    name="Oluwaseun Adeyemi-Park", emails=["seun.ap@example.com"], phones=["+447700900123"], location="Manchester, UK",
    links=[],
    education=[{"institution": "University of Leeds", "degree": "MEng", "field": "Civil Engineering", "start": "2011",
                "end": "2015", "gpa": None}],
    experience=[
        {"company": "Pennine Structures Ltd", "title": "Senior Civil Engineer", "start": "2019-03", "end": "present"},
        {"company": "Irwell Consulting", "title": "Graduate Engineer", "start": "2015-09", "end": "2019-02"},
    ],
    skills=["AutoCAD", "Revit", "Civil 3D", "Project Management", "Risk Management", "Stakeholder Management"],
    language="en",
)

# ---------------------------------------------------------------------------
# HTML résumés printed to PDF by headless Chromium: real-world producer output
# (Skia PDF, subset TrueType fonts, ligatures, CSS grid/flex columns, letter
# spacing, Noto CJK).  Skipped (committed files kept) when Chromium is missing.
# ---------------------------------------------------------------------------

HTML_MODERN = """<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 0 }
body { margin: 0; font-family: 'DejaVu Sans'; font-size: 9.5pt; color: #222 }
.wrap { display: grid; grid-template-columns: 62mm 1fr; min-height: 297mm }
.side { background: #1f3a4d; color: #fff; padding: 14mm 7mm }
.main { padding: 14mm 10mm }
.side h3, .main h2 { letter-spacing: .25em; text-transform: uppercase; font-size: 10.5pt; margin: 16px 0 6px }
.main h2 { border-bottom: 1px solid #999; }
.tag { display: inline-block; border: 1px solid #8ab; border-radius: 3px; padding: 1px 4px; margin: 2px 1px }
h1 { font-size: 26pt; margin: 0; font-weight: 700 } .role { font-size: 12pt; color: #4a7; margin: 2px 0 10px }
.row { display: flex; justify-content: space-between } .co { font-weight: bold } .muted { color: #666 }
ul { margin: 3px 0 8px; padding-left: 16px } li { margin: 1px 0 }
</style></head><body><div class="wrap">
<div class="side">
 <div class="muted">Avatar</div>
 <h3>Contact</h3>
 <div>✉ lucia.ferreira@example.com</div><div>☎ +351 912 555 014</div><div>⌂ Lisbon, Portugal</div>
 <div>lucia-ferreira.example.dev</div>
 <h3>Skills</h3>
 <span class="tag">TypeScript</span><span class="tag">React</span><span class="tag">Node.js</span>
 <span class="tag">GraphQL</span><span class="tag">PostgreSQL</span><span class="tag">AWS</span><span class="tag">Docker</span>
 <h3>Languages</h3>
 <div>Portuguese — Native</div><div>English — C1</div><div>Spanish — B2</div>
 <h3>Interests</h3><div>Climbing, film photography</div>
</div>
<div class="main">
 <h1>Lúcia Ferreira</h1><div class="role">Full-Stack Developer</div>
 <h2>About me</h2>
 <p>Full-stack developer who enjoys efficient workflows and profiling slow office software.</p>
 <h2>Experience</h2>
 <div class="row"><span class="co">Tejo Digital, Lda.</span><span class="muted">Lisbon</span></div>
 <div class="row"><span>Senior Full-Stack Developer</span><span class="muted">Mar 2021 – Present</span></div>
 <ul><li>Rebuilt the booking front end in React and TypeScript, halving bundle size.</li>
 <li>Designed a GraphQL gateway over five Node.js services.</li></ul>
 <div class="row"><span class="co">Atlântico Seguros</span><span class="muted">Porto</span></div>
 <div class="row"><span>Web Developer</span><span class="muted">Sep 2017 – Feb 2021</span></div>
 <ul><li>Maintained the customer portal; migrated hosting to AWS with Docker.</li></ul>
 <h2>Education</h2>
 <div class="row"><span class="co">Universidade do Porto</span><span class="muted">2013 – 2017</span></div>
 <div>BSc in Informatics Engineering</div>
</div></div></body></html>"""

HTML_ZH = """<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 14mm 16mm }
body { font-family: 'Noto Sans CJK SC'; font-size: 10pt; color: #222 }
h1 { font-size: 22pt; margin: 0 } .sub { margin: 4px 0 }
h2 { font-size: 12pt; color: #1565c0; border-bottom: 2px solid #1565c0; margin: 14px 0 6px; padding-bottom: 2px }
table { width: 100%; border-collapse: collapse } td { padding: 2px 0 }
.r { text-align: right } .b { font-weight: bold }
ul { margin: 2px 0 6px; padding-left: 18px }
</style></head><body>
<h1>赵雅琪</h1>
<div class="sub">求职意向：算法工程师 ｜ 期望城市：上海</div>
<div class="sub">手机：186-0000-7788 ｜ 邮箱：zhaoyaqi@example.cn ｜ GitHub：github.com/zyq-example</div>
<h2>教育背景</h2>
<table><tr><td class="b">上海交通大学</td><td>计算机技术</td><td>硕士</td><td class="r">2019.09 - 2022.03</td></tr>
<tr><td class="b">华东师范大学</td><td>软件工程</td><td>本科</td><td class="r">2015.09 - 2019.06</td></tr></table>
<h2>工作经历</h2>
<table><tr><td class="b">上海云图智能科技有限公司</td><td>算法工程师</td><td class="r">2022.04 - 至今</td></tr></table>
<ul><li>负责推荐系统召回与排序模型优化，基于 PyTorch 与 TensorFlow，点击率提升 6%。</li>
<li>搭建特征平台，使用 Spark 与 Hive 处理日均 20 亿条日志。</li></ul>
<h2>项目经历</h2>
<div class="b">多模态商品检索（2021.03 - 2021.12）</div>
<ul><li>使用 CLIP 与 Milvus 构建以图搜商品服务。</li></ul>
<h2>专业技能</h2>
<ul><li>编程语言：Python、C++、SQL</li><li>机器学习：深度学习、推荐系统、自然语言处理</li></ul>
<h2>自我评价</h2>
<p>热爱技术，具备良好的沟通能力与团队合作精神。英语（CET-6），可作为工作语言。</p>
</body></html>"""

HTML_CLASSIC = """<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: Letter; margin: 18mm 20mm }
body { font-family: 'DejaVu Serif'; font-size: 10.5pt }
.name { text-align: center; font-size: 22pt; font-variant: small-caps } .c { text-align: center; margin-bottom: 8px }
h2 { font-size: 12pt; font-variant: small-caps; border-bottom: 1px solid #000; margin: 12px 0 4px }
.row { display: flex; justify-content: space-between } .b { font-weight: bold } .i { font-style: italic }
ul { margin: 2px 0 6px } .cols { columns: 3; margin: 0 }
</style></head><body>
<div class="name">Beatrix Okonjo-Salazar</div>
<div class="c">Chicago, IL · (312) 555-0173 · beatrix.os@example.com · beatrixos.example.com</div>
<h2>Professional Summary</h2>
<p>Financial analyst with seven years of experience in FP&amp;A, forecasting and budgeting for retail firms.</p>
<h2>Work Experience</h2>
<div class="row"><span><span class="b">Lakefront Retail Holdings</span> — Chicago, IL</span><span>Jan 2020 – Present</span></div>
<div class="i">Senior Financial Analyst</div>
<ul><li>Built the rolling forecast in Excel and Power BI used by 40 store managers.</li>
<li>Led the annual budgeting cycle for a $300M cost base.</li></ul>
<div class="row"><span><span class="b">Midway Credit Union</span> — Oak Park, IL</span><span>Jun 2016 – Dec 2019</span></div>
<div class="i">Financial Analyst</div>
<ul><li>Automated variance reports with SQL and VBA.</li></ul>
<h2>Education</h2>
<div class="row"><span><span class="b">University of Chicago</span>, Master of Business Administration (MBA)</span><span>2014 – 2016</span></div>
<div class="row"><span><span class="b">DePaul University</span>, B.S. in Finance, GPA 3.8</span><span>2010 – 2014</span></div>
<h2>Skills</h2>
<ul class="cols"><li>Financial Modeling</li><li>Excel</li><li>Power BI</li><li>SQL</li><li>VBA</li><li>Tableau</li></ul>
<h2>Certifications</h2>
<p>CFA Level II candidate (2023)</p>
</body></html>"""

HTML_TIMELINE = """<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 0 } body { margin:0; font-family: 'Liberation Sans'; font-size: 10pt }
.wrap { display:flex } .side { width: 70mm; background:#f3efe8; padding: 12mm 8mm; min-height: 297mm; box-sizing:border-box }
.main { flex:1; padding: 12mm 10mm }
h1 { font-size: 28pt; line-height: 1.0; margin: 0 0 4px; font-family: 'Liberation Serif' } .title { letter-spacing: .3em; font-size: 9pt; text-transform: uppercase }
h2 { font-size: 11pt; text-transform: uppercase; letter-spacing: .15em; margin: 18px 0 6px; color:#8a5a2b }
.entry { display: grid; grid-template-columns: 28mm 1fr; column-gap: 4mm; margin-bottom: 8px }
.when { color: #777; font-size: 9pt } .what b { display:block }
ul { margin: 2px 0; padding-left: 14px }
</style></head><body><div class="wrap"><div class="side">
<h1>Camille<br>Dubois-Nakano</h1><div class="title">Marketing Manager</div>
<h2>Contact</h2><div>camille.dn@example.fr</div><div>+33 6 55 50 12 34</div><div>Paris, France</div><div>www.camilledn.example.com</div>
<h2>Expertise</h2><div>Brand Strategy</div><div>SEO / SEM</div><div>Google Analytics</div><div>HubSpot</div><div>Copywriting</div><div>Adobe Illustrator</div>
<h2>Languages</h2><div>French · Native</div><div>English · Fluent</div><div>Japanese · Conversational</div>
</div><div class="main">
<h2>Profile</h2><p>Marketing manager with a taste for data-driven brand building in consumer tech and fashion.</p>
<h2>Experience</h2>
<div class="entry"><div class="when">2020 — Now</div><div class="what"><b>Marketing Manager, Maison Lumen</b>
<ul><li>Grew organic traffic 140% through SEO and content marketing.</li><li>Managed a €1.2M media budget across Google Ads and Meta Ads.</li></ul></div></div>
<div class="entry"><div class="when">2016 — 2020</div><div class="what"><b>Brand Specialist, Atelier Koi</b>
<ul><li>Launched the brand in Japan and Korea.</li></ul></div></div>
<h2>Education</h2>
<div class="entry"><div class="when">2014 — 2016</div><div class="what"><b>ESSEC Business School</b>Master in Management</div></div>
</div></div></body></html>
"""

expect(
    "html_timeline.pdf",
    name="Camille Dubois-Nakano", headline="Marketing Manager", emails=["camille.dn@example.fr"], phones=["+33655501234"],
    location="Paris, France", links=["https://www.camilledn.example.com"],
    education=[{"institution": "ESSEC Business School", "degree": "Master", "field": "Management", "start": "2014", "end": "2016", "gpa": None}],
    experience=[
        {"company": "Maison Lumen", "title": "Marketing Manager", "start": "2020", "end": "present"},
        {"company": "Atelier Koi", "title": "Brand Specialist", "start": "2016", "end": "2020"},
    ],
    skills=["Brand Strategy", "Search Engine Optimization", "Search Engine Marketing", "Google Analytics", "HubSpot",
            "Copywriting", "Adobe Illustrator", "Google Ads", "Facebook Ads", "Content Marketing"],
    languages=["French (Native)", "English (Fluent)", "Japanese (Conversational)"],
    language="en",
)

EN_MIXED_TXT = """ALEXANDER J. PETROV
Senior Software Engineer
Seattle, WA 98101 | (206) 555-0199 | alex.petrov@example.com | linkedin.com/in/apetrov-x

PROFESSIONAL SUMMARY
Engineer with 10+ years building distributed systems at scale using Java, Scala and AWS.

PROFESSIONAL EXPERIENCE
Software Engineer II                                   Seattle, WA
Amazon Web Services                                    06/2019 – Present
• Owned the control plane for a managed Kafka service handling 2M msgs/sec.
• Mentored 4 junior engineers.

Google — Software Engineer (2016–2019)
• Built indexing pipelines in C++ and Bigtable.

June 2014 to August 2016 | Junior Developer | Spotify, Stockholm
• Worked on playlist recommendations with Python.

EDUCATION
M.S. Computer Science, Stanford University, 2014
BACHELOR OF ENGINEERING | Anna University | 2008-2012 | CGPA: 8.2/10

SKILLS
Languages: Java, Scala, Python, C++, Go
Cloud: AWS (EC2, S3, Lambda), GCP, Terraform
"""

expect(
    "en_mixed.txt",
    name="Alexander J. Petrov", headline="Senior Software Engineer", emails=["alex.petrov@example.com"], phones=["+12065550199"],
    location="Seattle, WA", links=["https://linkedin.com/in/apetrov-x"],
    education=[
        {"institution": "Stanford University", "degree": "M.S.", "field": "Computer Science", "start": None, "end": "2014", "gpa": None},
        {"institution": "Anna University", "degree": "BACHELOR OF ENGINEERING", "field": None, "start": "2008", "end": "2012", "gpa": "8.2/10"},
    ],
    experience=[
        {"company": "Amazon Web Services", "title": "Software Engineer II", "start": "2019-06", "end": "present"},
        {"company": "Google", "title": "Software Engineer", "start": "2016", "end": "2019"},
        {"company": "Spotify", "title": "Junior Developer", "start": "2014-06", "end": "2016-08"},
    ],
    skills=["Distributed Systems", "Java", "Scala", "Amazon Web Services", "Apache Kafka", "C++", "Python", "Go",
            "Amazon EC2", "Amazon S3", "AWS Lambda", "Google Cloud Platform", "Terraform", "Bigtable"],
    language="en",
)

ZH_FORM_TXT = """个人简历
姓    名：刘子轩            性    别：男
出生年月：1995.03          政治面貌：党员
联系电话：13700001111      电子邮箱：liuzixuan@example.cn
现居住地：广东省深圳市南山区

教育经历
2013.09-2017.06   中山大学   电子信息工程   本科   GPA 3.5/4.0

工作经历
2019.07-2021.06 | 阿里巴巴集团 | Java开发工程师
负责交易链路性能优化，QPS 提升 3 倍。
2021.07-至今 | 腾讯科技（深圳）有限公司 | 高级后端工程师
主导微服务治理平台建设，使用 Go、gRPC、Kubernetes。

技能特长
熟练掌握 Java、Go、MySQL、Redis；熟悉 Kafka、Elasticsearch；CET-6
自我评价
工作认真负责，学习能力强。
"""

expect(
    "zh_form.txt",
    name="刘子轩", emails=["liuzixuan@example.cn"], phones=["+8613700001111"], location="广东省深圳市南山区", links=[],
    education=[{"institution": "中山大学", "degree": "本科", "field": "电子信息工程", "start": "2013-09", "end": "2017-06", "gpa": "3.5/4.0"}],
    experience=[
        {"company": "阿里巴巴集团", "title": "Java开发工程师", "start": "2019-07", "end": "2021-06"},
        {"company": "腾讯科技（深圳）有限公司", "title": "高级后端工程师", "start": "2021-07", "end": "present"},
    ],
    skills=["Performance Optimization", "Microservices", "Go", "gRPC", "Kubernetes", "Java", "MySQL", "Redis",
            "Apache Kafka", "Elasticsearch"],
    languages=["English (CET-6)"],
    language="zh",
)

EN_STACKED_TXT = """Resume

Contact
hannah.kim@example.com
555.867.5309
Portland, OR

Hannah Kim
UX Researcher

Experience
Ridgeline Outdoor Co.
UX Researcher
2021 - Present
Lead mixed-methods research for the e-commerce team, including surveys and usability testing.

Cascade Health
Research Assistant
2019 - 2021
Ran diary studies with 200 patients.

Education
Reed College
BA, Psychology
2015 - 2019
"""

expect(
    "en_stacked.txt",
    name="Hannah Kim", headline="UX Researcher", emails=["hannah.kim@example.com"], phones=["+15558675309"],
    location="Portland, OR", links=[],
    education=[{"institution": "Reed College", "degree": "BA", "field": "Psychology", "start": "2015", "end": "2019", "gpa": None}],
    experience=[
        {"company": "Ridgeline Outdoor Co.", "title": "UX Researcher", "start": "2021", "end": "present"},
        {"company": "Cascade Health", "title": "Research Assistant", "start": "2019", "end": "2021"},
    ],
    skills=["E-commerce", "User Research"],
    language="en",
)

EN_GROUPS_TXT = """Priya Nair
priya.nair@example.com

EXPERIENCE
Software Engineer, Google (Jan 2019 – Present)
Maintained legacy systems
Improved search latency by 20%

Globex Inc., Mountain View, CA — Product Analyst, 2017–2018
Built dashboards in Looker

Microsoft (2012 – 2017)
Senior Program Manager (2015 – 2017)
- Shipped Teams integrations.
Program Manager (2012 – 2015)
- Owned Outlook add-ins.

Data Scientist
Initech
2010 - 2012
Forecasting models for retail demand using R and SAS.

EDUCATION
2006 - 2010  Indian Institute of Technology Bombay  B.Tech, Electrical Engineering
"""

expect(
    "en_groups.txt",
    name="Priya Nair", emails=["priya.nair@example.com"], phones=[], links=[],
    education=[{"institution": "Indian Institute of Technology Bombay", "degree": "B.Tech", "field": "Electrical Engineering",
                "start": "2006", "end": "2010", "gpa": None}],
    experience=[
        {"company": "Google", "title": "Software Engineer", "start": "2019-01", "end": "present"},
        {"company": "Globex Inc.", "title": "Product Analyst", "start": "2017", "end": "2018"},
        {"company": "Microsoft", "title": "Senior Program Manager", "start": "2015", "end": "2017"},
        {"company": "Microsoft", "title": "Program Manager", "start": "2012", "end": "2015"},
        {"company": "Initech", "title": "Data Scientist", "start": "2010", "end": "2012"},
    ],
    language="en",
)

HTML_DOCS_STYLE = """<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: Letter; margin: 15mm 18mm } body { font-family: 'Liberation Serif'; font-size: 10.5pt }
.top { display:flex; justify-content: space-between; align-items: flex-start }
.name { font-size: 28pt; font-weight: bold } .tag { font-size: 12pt; color:#555 }
.contact { text-align: right; font-size: 9.5pt; line-height: 1.4 }
h2 { color: #b5482b; font-size: 11pt; margin: 14px 0 4px; text-transform: uppercase }
.job { font-weight: bold } .meta { font-style: italic; color: #555 }
</style></head><body>
<div class="top"><div><div class="name">Henrik Vasquez-Lund</div><div class="tag">Supply Chain Analyst</div></div>
<div class="contact">410 Harbor Rd, Baltimore, MD 21230<br>(410) 555-0162<br>henrik.vl@example.com</div></div>
<h2>Experience</h2>
<div class="job">Chesapeake Freight, Logistics Analyst</div>
<div class="meta">MAY 2019 - PRESENT</div>
<p>Built an inventory forecasting model in Python that cut safety stock by 12%. Maintained SAP and Tableau reporting for 14 warehouses.</p>
<div class="job">Old Line Foods, Purchasing Coordinator</div>
<div class="meta">JUNE 2016 - APRIL 2019</div>
<p>Negotiated supplier contracts and tracked KPIs in Excel.</p>
<h2>Education</h2>
<div class="job">Towson University, B.S. Business Administration</div>
<div class="meta">AUGUST 2012 - MAY 2016</div>
<h2>Skills</h2>
<p>Supply chain management, SAP, Tableau, Python, SQL, Excel, demand planning</p>
<h2>Awards</h2>
<p>Employee of the Year 2021</p>
</body></html>
"""

expect(
    "html_docs_style.pdf",
    name="Henrik Vasquez-Lund", headline="Supply Chain Analyst", emails=["henrik.vl@example.com"], phones=["+14105550162"],
    location="Baltimore, MD", links=[],
    education=[{"institution": "Towson University", "degree": "B.S.", "field": "Business Administration",
                "start": "2012-08", "end": "2016-05", "gpa": None}],
    experience=[
        {"company": "Chesapeake Freight", "title": "Logistics Analyst", "start": "2019-05", "end": "present"},
        {"company": "Old Line Foods", "title": "Purchasing Coordinator", "start": "2016-06", "end": "2019-04"},
    ],
    skills=["Python", "SAP", "Supply Chain Management", "Tableau", "SQL", "Excel", "demand planning"],
    language="en",
)

HTML_EUROPASS = """<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 15mm } body { font-family: 'DejaVu Sans'; font-size: 9pt }
table { width: 100%; border-collapse: collapse } td { vertical-align: top; padding: 2px 4px }
td.l { width: 45mm; text-align: right; color: #1593cb; font-size: 8.5pt } h3 { font-size: 10pt; margin: 0 }
.sec td.l { font-weight: bold; text-transform: uppercase; color:#1593cb; font-size: 9pt }
</style></head><body><table>
<tr class="sec"><td class="l">Personal information</td><td><h3>Giulia Romano</h3></td></tr>
<tr><td class="l"></td><td>Via Roma 12, 20121 Milano (Italy)</td></tr>
<tr><td class="l"></td><td>+39 347 555 0199 &nbsp;&nbsp; giulia.romano@example.it</td></tr>
<tr class="sec"><td class="l">Work experience</td><td></td></tr>
<tr><td class="l">03/2019–Present</td><td><b>Mechanical Design Engineer</b></td></tr>
<tr><td class="l"></td><td>Lombarda Macchine S.p.A., Milano (Italy)</td></tr>
<tr><td class="l"></td><td>Design of packaging machines with SolidWorks and ANSYS; FEM analysis.</td></tr>
<tr><td class="l">09/2016–02/2019</td><td><b>Junior Engineer</b></td></tr>
<tr><td class="l"></td><td>Officine Brianza S.r.l., Monza (Italy)</td></tr>
<tr><td class="l"></td><td>Technical drawings in AutoCAD.</td></tr>
<tr class="sec"><td class="l">Education and training</td><td></td></tr>
<tr><td class="l">2014–2016</td><td><b>Laurea Magistrale in Ingegneria Meccanica</b></td></tr>
<tr><td class="l"></td><td>Politecnico di Milano, Milano (Italy)</td></tr>
<tr class="sec"><td class="l">Personal skills</td><td></td></tr>
<tr><td class="l">Mother tongue(s)</td><td>Italian</td></tr>
<tr><td class="l">Other language(s)</td><td>English (C1), German (A2)</td></tr>
<tr><td class="l">Digital skills</td><td>SolidWorks, AutoCAD, ANSYS, MATLAB, Microsoft Office</td></tr>
</table></body></html>
"""

expect(
    "html_europass.pdf",
    name="Giulia Romano", emails=["giulia.romano@example.it"], phones=["+393475550199"], location="Milano (Italy)", links=[],
    education=[{"institution": "Politecnico di Milano", "degree": "Laurea Magistrale", "field": "Ingegneria Meccanica",
                "start": "2014", "end": "2016", "gpa": None}],
    experience=[
        {"company": "Lombarda Macchine S.p.A.", "title": "Mechanical Design Engineer", "start": "2019-03", "end": "present"},
        {"company": "Officine Brianza S.r.l.", "title": "Junior Engineer", "start": "2016-09", "end": "2019-02"},
    ],
    skills=["SolidWorks", "ANSYS", "AutoCAD", "MATLAB", "Microsoft Office"],
    languages=["Italian (Native)", "English (C1)", "German (A2)"],
    language="en",
)


def html_two_pages() -> str:
    """Five jobs spilling onto page 2, with a running footer repeated by position: fixed."""
    jobs = []
    for co, title, dates in [("Aurora Analytics", "Principal Data Engineer", "Jan 2020 – Present"),
                             ("Borealis Media", "Senior Data Engineer", "Mar 2017 – Dec 2019"),
                             ("Cirrus Retail", "Data Engineer", "Jun 2014 – Feb 2017"),
                             ("Dune Logistics", "BI Developer", "Aug 2011 – May 2014"),
                             ("Ember Games", "Junior Analyst", "Sep 2009 – Jul 2011")]:
        bullets = "".join(f"<li>Delivered project {k} for {co} using Spark, Airflow and Snowflake with measurable "
                          "results across teams.</li>" for k in range(6))
        jobs.append(f"<div class='row'><b>{title}</b><span>{dates}</span></div><div class='co'>{co} · Denver, CO</div>"
                    f"<ul>{bullets}</ul>")
    return f"""<!doctype html><html><head><meta charset='utf-8'><style>
@page {{ size: Letter; margin: 16mm 18mm 20mm }} body {{ font-family: 'Liberation Sans'; font-size: 10pt }}
.foot {{ position: fixed; bottom: 0; left: 0; right: 0; text-align: center; font-size: 8pt; color: #777 }}
h1 {{ margin: 0; font-size: 24pt }} h2 {{ font-size: 12pt; border-bottom: 1px solid #333; margin: 12px 0 4px }}
.row {{ display: flex; justify-content: space-between }} .co {{ font-style: italic }}
</style></head><body><div class='foot'>Marcus Whitfield · marcus.w@example.com · Resume</div>
<h1>Marcus Whitfield</h1><div>Data Engineer · Denver, CO · marcus.w@example.com · (303) 555-0148</div>
<h2>Experience</h2>{''.join(jobs)}
<h2>Education</h2><div class='row'><b>University of Colorado Boulder</b><span>2005 – 2009</span></div><div>B.S. Computer Science</div>
</body></html>"""


expect(
    "html_two_pages.pdf",
    name="Marcus Whitfield", headline="Data Engineer", emails=["marcus.w@example.com"], phones=["+13035550148"],
    location="Denver, CO", links=[],
    education=[{"institution": "University of Colorado Boulder", "degree": "B.S.", "field": "Computer Science",
                "start": "2005", "end": "2009", "gpa": None}],
    experience=[
        {"company": "Aurora Analytics", "title": "Principal Data Engineer", "start": "2020-01", "end": "present"},
        {"company": "Borealis Media", "title": "Senior Data Engineer", "start": "2017-03", "end": "2019-12"},
        {"company": "Cirrus Retail", "title": "Data Engineer", "start": "2014-06", "end": "2017-02"},
        {"company": "Dune Logistics", "title": "BI Developer", "start": "2011-08", "end": "2014-05"},
        {"company": "Ember Games", "title": "Junior Analyst", "start": "2009-09", "end": "2011-07"},
    ],
    skills=["Apache Spark", "Apache Airflow", "Snowflake"],
    language="en",
)

EN_INLINE_SKILLS_TXT = """Jane Roe

EXPERIENCE
Acme Inc | Engineer | 2019 - 2021
- Built payment APIs
Skills: Python, Go
Beta Corp | Developer | 2016 - 2019
- Wrote Rust services

SKILLS
Kubernetes, Docker
"""

expect(
    "en_inline_skills.txt",
    name="Jane Roe", emails=[], phones=[], links=[],
    experience=[
        {"company": "Acme Inc", "title": "Engineer", "start": "2019", "end": "2021"},
        {"company": "Beta Corp", "title": "Developer", "start": "2016", "end": "2019"},
    ],
    skills=["Python", "Go", "Rust", "Kubernetes", "Docker"],
    language="en",
)


def chromium_pdf(html: str) -> bytes | None:
    import shutil
    import subprocess
    import tempfile

    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not exe:
        return None
    with tempfile.TemporaryDirectory() as d:
        src, out = Path(d) / "r.html", Path(d) / "r.pdf"
        src.write_text(html, encoding="utf-8")
        subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={out}", src.as_uri()], capture_output=True, timeout=120, check=False)
        return out.read_bytes() if out.exists() else None


expect(
    "html_modern_2col.pdf",
    name="Lúcia Ferreira", headline="Full-Stack Developer", emails=["lucia.ferreira@example.com"], phones=["+351912555014"],
    location="Lisbon, Portugal", links=["https://lucia-ferreira.example.dev"],
    education=[{"institution": "Universidade do Porto", "degree": "BSc", "field": "Informatics Engineering",
                "start": "2013", "end": "2017", "gpa": None}],
    experience=[
        {"company": "Tejo Digital, Lda.", "title": "Senior Full-Stack Developer", "start": "2021-03", "end": "present"},
        {"company": "Atlântico Seguros", "title": "Web Developer", "start": "2017-09", "end": "2021-02"},
    ],
    skills=["TypeScript", "React", "Node.js", "GraphQL", "PostgreSQL", "Amazon Web Services", "Docker"],
    languages=["Portuguese (Native)", "English (C1)", "Spanish (B2)"],
    language="en",
)
expect(
    "html_zh.pdf",
    name="赵雅琪", headline="算法工程师", emails=["zhaoyaqi@example.cn"], phones=["+8618600007788"], location=None,
    links=["https://github.com/zyq-example"],
    education=[
        {"institution": "上海交通大学", "degree": "硕士", "field": "计算机技术", "start": "2019-09", "end": "2022-03", "gpa": None},
        {"institution": "华东师范大学", "degree": "本科", "field": "软件工程", "start": "2015-09", "end": "2019-06", "gpa": None},
    ],
    experience=[{"company": "上海云图智能科技有限公司", "title": "算法工程师", "start": "2022-04", "end": "present"}],
    skills=["Recommender Systems", "PyTorch", "TensorFlow", "Apache Spark", "Hive", "Milvus", "Python", "C++", "SQL",
            "Machine Learning", "Deep Learning", "Natural Language Processing"],
    languages=["English (CET-6)"],
    language="zh",
)
expect(
    "html_classic.pdf",
    name="Beatrix Okonjo-Salazar", emails=["beatrix.os@example.com"], phones=["+13125550173"], location="Chicago, IL",
    links=["https://beatrixos.example.com"],
    education=[
        {"institution": "University of Chicago", "degree": "Master of Business Administration", "field": None,
         "start": "2014", "end": "2016", "gpa": None},
        {"institution": "DePaul University", "degree": "B.S.", "field": "Finance", "start": "2010", "end": "2014", "gpa": "3.8"},
    ],
    experience=[
        {"company": "Lakefront Retail Holdings", "title": "Senior Financial Analyst", "start": "2020-01", "end": "present"},
        {"company": "Midway Credit Union", "title": "Financial Analyst", "start": "2016-06", "end": "2019-12"},
    ],
    skills=["FP&A", "Excel", "Power BI", "SQL", "Visual Basic", "Financial Modeling", "Tableau"],
    language="en",
)

# ---------------------------------------------------------------------------
# DOCX fixtures (python-docx)
# ---------------------------------------------------------------------------


def _docx_bytes(doc: Any) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def en_word_styles() -> bytes:
    """Word-style export: Title style name, Heading 1 sections, List Bullet items, contact line in the page header."""
    from docx import Document
    from docx.shared import Pt

    d = Document()
    hdr = d.sections[0].header.paragraphs[0]
    hdr.text = "hana.kowalczyk@example.com | +48 512 555 019 | Kraków, Poland"
    d.add_paragraph("Hana Kowalczyk", style="Title")
    d.add_paragraph("QA Automation Engineer")
    d.add_paragraph("Profile", style="Heading 1")
    d.add_paragraph("Test automation engineer who likes flaky tests to stay fixed.")
    d.add_paragraph("Professional Experience", style="Heading 1")
    p = d.add_paragraph()
    p.add_run("Vistula Software House").bold = True
    p.add_run("\tKraków, Poland")
    d.add_paragraph("Senior QA Engineer\t2019.09 - 2020.12")
    d.add_paragraph("Built an end-to-end suite with Playwright and TypeScript covering 400 user journeys.", style="List Bullet")
    d.add_paragraph("Introduced contract tests with Postman and JMeter load testing.", style="List Bullet")
    d.add_paragraph("QA Engineer\t2016.10 - 2019.08")
    d.add_paragraph("Automated regression tests with Selenium and Java.", style="List Bullet")
    d.add_paragraph("Education", style="Heading 1")
    d.add_paragraph("AGH University of Science and Technology")
    d.add_paragraph("Master of Science in Computer Science, 2011 - 2016")
    d.add_paragraph("Skills", style="Heading 1")
    d.add_paragraph("Selenium, Playwright, Cypress, TypeScript, Java, Jenkins, Docker, SQL")
    d.add_paragraph("Languages", style="Heading 1")
    d.add_paragraph("Polish (native), English (C1), German (B1)")
    for para in d.paragraphs:
        for r in para.runs:
            r.font.size = r.font.size or Pt(10.5)
    return _docx_bytes(d)


expect(
    "en_word_styles.docx",
    name="Hana Kowalczyk", headline="QA Automation Engineer", emails=["hana.kowalczyk@example.com"],
    phones=["+48512555019"], location="Kraków, Poland", links=[],
    education=[{"institution": "AGH University of Science and Technology", "degree": "Master of Science",
                "field": "Computer Science", "start": "2011", "end": "2016", "gpa": None}],
    experience=[
        {"company": "Vistula Software House", "title": "Senior QA Engineer", "start": "2019-09", "end": "2020-12"},
        {"company": "Vistula Software House", "title": "QA Engineer", "start": "2016-10", "end": "2019-08"},
    ],
    skills=["Test Automation", "Playwright", "TypeScript", "Postman", "JMeter", "Performance Testing", "Selenium", "Java", "Cypress", "Jenkins", "Docker", "SQL"],
    languages=["Polish (Native)", "English (C1)", "German (B1)"],
    language="en",
)


def en_gdocs_docx() -> bytes:
    """Google-Docs-like export: Title/Subtitle, Heading 1 sections, Heading 2 entries, Heading 3 dates."""
    from docx import Document

    d = Document()
    d.add_paragraph("Sofia Andersson", style="Title")
    d.add_paragraph("Frontend Engineer", style="Subtitle")
    d.add_paragraph("Gothenburg, Sweden · sofia.a@example.se · +46 70 555 01 23 · github.com/sofia-a-example")
    d.add_paragraph("Experience", style="Heading 1")
    d.add_paragraph("Volvo Digital, Frontend Engineer", style="Heading 2")
    d.add_paragraph("JANUARY 2021 - PRESENT", style="Heading 3")
    d.add_paragraph("Built the design system in React and TypeScript used by 12 product teams.")
    d.add_paragraph("Klarna-ish Payments, Web Developer", style="Heading 2")
    d.add_paragraph("JUNE 2018 - DECEMBER 2020", style="Heading 3")
    d.add_paragraph("Maintained checkout flows in Vue.js; introduced Cypress end-to-end tests.")
    d.add_paragraph("Education", style="Heading 1")
    d.add_paragraph("Chalmers University of Technology, MSc Interaction Design", style="Heading 2")
    d.add_paragraph("SEPTEMBER 2016 - JUNE 2018", style="Heading 3")
    d.add_paragraph("Skills", style="Heading 1")
    d.add_paragraph("React, TypeScript, Vue.js, Cypress, Figma, Accessibility (WCAG)")
    d.add_paragraph("Languages", style="Heading 1")
    d.add_paragraph("Swedish (native), English (fluent), German (basic)")
    return _docx_bytes(d)


expect(
    "en_gdocs.docx",
    name="Sofia Andersson", headline="Frontend Engineer", emails=["sofia.a@example.se"], phones=["+46705550123"],
    location="Gothenburg, Sweden", links=["https://github.com/sofia-a-example"],
    education=[{"institution": "Chalmers University of Technology", "degree": "MSc", "field": "Interaction Design",
                "start": "2016-09", "end": "2018-06", "gpa": None}],
    experience=[
        {"company": "Volvo Digital", "title": "Frontend Engineer", "start": "2021-01", "end": "present"},
        {"company": "Klarna-ish Payments", "title": "Web Developer", "start": "2018-06", "end": "2020-12"},
    ],
    skills=["Design Systems", "React", "TypeScript", "Vue.js", "Cypress", "Figma", "Web Accessibility"],
    languages=["Swedish (Native)", "English (Fluent)", "German (Basic)"],
    language="en",
)


def en_table() -> bytes:
    """Whole résumé laid out in a two-column table: sidebar cell + main cell, plus a row-per-job table."""
    from docx import Document

    d = Document()
    t = d.add_table(rows=1, cols=2)
    side, main = t.rows[0].cells
    side.paragraphs[0].text = "CONTACT"
    for s in ["kwame.mensah@example.com", "+233 24 555 0199", "Accra, Ghana", "linkedin.com/in/kwame-mensah-example",
              "", "SKILLS", "Salesforce", "HubSpot", "Negotiation", "Account Management", "Excel",
              "", "LANGUAGES", "English (Fluent)", "Twi (Native)"]:
        side.add_paragraph(s)
    main.paragraphs[0].text = "Kwame Mensah"
    main.paragraphs[0].runs[0].bold = True
    main.add_paragraph("Enterprise Account Executive")
    main.add_paragraph("EXPERIENCE")
    jobs = d.add_table(rows=0, cols=2)
    for left, right in [("Goldcoast Telecom Ltd — Enterprise Account Executive", "June 2019 - Present"),
                        ("Adinkra Foods PLC — Sales Representative", "Jan 2016 - May 2019")]:
        r = jobs.add_row().cells
        r[0].text, r[1].text = left, right
        d.add_paragraph("Closed B2B deals worth $4M a year using Salesforce forecasting.", style="List Bullet") \
            if "Goldcoast" in left else d.add_paragraph("Grew distributor accounts in three regions.", style="List Bullet")
    d.add_paragraph("EDUCATION")
    d.add_paragraph("University of Ghana, BA Economics, 2011 - 2015")
    return _docx_bytes(d)


expect(
    "en_table.docx",
    name="Kwame Mensah", headline="Enterprise Account Executive", emails=["kwame.mensah@example.com"],
    phones=["+233245550199"], location="Accra, Ghana", links=["https://linkedin.com/in/kwame-mensah-example"],
    education=[{"institution": "University of Ghana", "degree": "BA", "field": "Economics", "start": "2011", "end": "2015", "gpa": None}],
    experience=[
        {"company": "Goldcoast Telecom Ltd", "title": "Enterprise Account Executive", "start": "2019-06", "end": "present"},
        {"company": "Adinkra Foods PLC", "title": "Sales Representative", "start": "2016-01", "end": "2019-05"},
    ],
    skills=["Salesforce", "HubSpot", "Negotiation", "Account Management", "Excel"],
    languages=["English (Fluent)", "Twi (Native)"],
    language="en",
)


def zh_emoji_docx() -> bytes:
    """Chinese résumé with emoji-prefixed contact lines and a text box (Choice + Fallback)."""
    from docx import Document

    d = Document()
    d.add_paragraph("个人简历")
    d.add_paragraph("陈浩然")
    d.add_paragraph("📧 chenhaoran@example.cn")
    d.add_paragraph("📱 (+86) 139-0000-5678")
    d.add_paragraph("📍 深圳")
    d.add_paragraph("🎓 教育背景")
    d.add_paragraph("2016.09 - 2020.06  华南理工大学  软件工程  学士")
    d.add_paragraph("💼 工作经历")
    d.add_paragraph("2023年09月 - 至今  深圳星河数据有限公司  数据工程师")
    d.add_paragraph("负责实时数仓建设，基于 Flink 和 ClickHouse，支撑 50+ 业务报表。", style="List Bullet")
    d.add_paragraph("2020年07月 - 2023年08月  广州蓝鲸科技有限公司  大数据开发工程师")
    d.add_paragraph("使用 Spark 和 Hive 开发离线数据仓库。", style="List Bullet")
    d.add_paragraph("🛠 专业技能")
    d.add_paragraph("Python、SQL、Spark、Flink、Hive、ClickHouse、Airflow、数据仓库")
    d.add_paragraph("🌐 语言能力")
    d.add_paragraph("英语（CET-6）、粤语（流利）")
    body = d.element.body
    # A text box as Word writes it: the same content in mc:Choice and mc:Fallback.
    tb = (
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
        '<w:drawing><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>🏆 获奖情况</w:t></w:r></w:p>'
        '<w:p><w:r><w:t>2019 全国大学生数学建模竞赛 一等奖</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing>'
        '</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>🏆 获奖情况</w:t></w:r></w:p>'
        '<w:p><w:r><w:t>2019 全国大学生数学建模竞赛 一等奖</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>'
        '</mc:Fallback></mc:AlternateContent></w:r></w:p>'
    )
    from docx.oxml import parse_xml

    body.insert(len(body) - 1, parse_xml(tb))
    return _docx_bytes(d)


expect(
    "zh_emoji.docx",
    name="陈浩然", emails=["chenhaoran@example.cn"], phones=["+8613900005678"], location="深圳", links=[],
    education=[{"institution": "华南理工大学", "degree": "学士", "field": "软件工程", "start": "2016-09", "end": "2020-06", "gpa": None}],
    experience=[
        {"company": "深圳星河数据有限公司", "title": "数据工程师", "start": "2023-09", "end": "present"},
        {"company": "广州蓝鲸科技有限公司", "title": "大数据开发工程师", "start": "2020-07", "end": "2023-08"},
    ],
    skills=["Apache Flink", "ClickHouse", "Apache Spark", "Hive", "Python", "SQL", "Apache Airflow", "Data Warehousing"],
    languages=["English (CET-6)", "Cantonese (Fluent)"],
    language="zh",
)

# ---------------------------------------------------------------------------
# TXT fixtures in several encodings
# ---------------------------------------------------------------------------

EN_DATES_TXT = """Oliver Brandt-Nakamura
Site Reliability Engineer
oliver.bn@example.com · +1 206 555 0110 · Seattle, WA · https://oliverbn.example.io

EXPERIENCE

Cascade Cloud Systems | Senior SRE | 08/2021 - 05/2023
- Ran Kubernetes clusters on AWS with Prometheus and Grafana monitoring.

Rainier Health — Site Reliability Engineer
July 2018 - Present
- Cut pager load by half with better alerting in Datadog.

Platform Engineer at Puget Sound Media
2015.09 - 2018.06
- Automated Linux fleet configuration with Ansible.

Orca Labs	DevOps Intern	Sep 2014 – Jun 2015
- Wrote Bash and Python tooling.

EDUCATION

University of Washington
B.S. Computer Engineering
2010 - 2014

SKILLS
Kubernetes, AWS, Terraform, Prometheus, Grafana, Datadog, Ansible, Linux, Bash, Python, Go
"""

expect(
    "en_dates.txt",
    name="Oliver Brandt-Nakamura", headline="Site Reliability Engineer", emails=["oliver.bn@example.com"],
    phones=["+12065550110"], location="Seattle, WA", links=["https://oliverbn.example.io"],
    education=[{"institution": "University of Washington", "degree": "B.S.", "field": "Computer Engineering",
                "start": "2010", "end": "2014", "gpa": None}],
    experience=[
        {"company": "Cascade Cloud Systems", "title": "Senior SRE", "start": "2021-08", "end": "2023-05"},
        {"company": "Rainier Health", "title": "Site Reliability Engineer", "start": "2018-07", "end": "present"},
        {"company": "Puget Sound Media", "title": "Platform Engineer", "start": "2015-09", "end": "2018-06"},
        {"company": "Orca Labs", "title": "DevOps Intern", "start": "2014-09", "end": "2015-06"},
    ],
    skills=["Kubernetes", "Amazon Web Services", "Prometheus", "Grafana", "Datadog", "Linux", "Ansible", "Bash",
            "Python", "Terraform", "Go"],
    language="en",
)

ZH_GBK_TXT = """个人简历

姓名：王思远
电话：15600009876
邮箱：wangsiyuan@example.cn
现居：上海

教育背景
2012.09-2016.06 复旦大学 金融学 本科

工作经历
上海浦江证券有限公司 | 行业研究员 | 2016.07 - 2019.12
负责新能源行业研究，撰写深度报告 30 余篇。
上海东方资本管理有限公司 | 投资经理 | 2020.01 - 至今
管理 5 亿元股权投资组合，熟练使用 Wind 和 Excel 财务建模。

专业技能
财务分析、财务建模、Python、SQL、项目管理

语言能力
英语（CET-6）、普通话（母语）
"""

expect(
    "zh_gbk.txt",
    name="王思远", emails=["wangsiyuan@example.cn"], phones=["+8615600009876"], location="上海", links=[],
    education=[{"institution": "复旦大学", "degree": "本科", "field": "金融学", "start": "2012-09", "end": "2016-06", "gpa": None}],
    experience=[
        {"company": "上海浦江证券有限公司", "title": "行业研究员", "start": "2016-07", "end": "2019-12"},
        {"company": "上海东方资本管理有限公司", "title": "投资经理", "start": "2020-01", "end": "present"},
    ],
    skills=["Excel", "Financial Modeling", "Financial Analysis", "Python", "SQL", "Project Management"],
    languages=["English (CET-6)", "Mandarin (Native)"],
    language="zh",
)

LATIN1_TXT = """Renée Fontaine-Müller
Marketing Manager
renee.fm@example.fr | +33 1 55 50 01 23 | Lyon, France

PROFILE
Marketing manager with eight years in consumer brands.

WORK HISTORY
Maison Arlequin SA, Lyon
Marketing Manager, 2019 - 2023
• Launched three product lines with a €2M budget; ran SEO and Google Ads campaigns.
Brasserie Lumière
Brand Coordinator, 2015 - 2019
• Managed social media marketing and email marketing with Mailchimp.

EDUCATION
Université Lumière Lyon 2, Master en Marketing, 2013 - 2015

LANGUAGES
French (Native), English (Fluent), German (Intermediate)
"""

expect(
    "en_latin1.txt",
    name="Renée Fontaine-Müller", headline="Marketing Manager", emails=["renee.fm@example.fr"], phones=["+33155500123"],
    location="Lyon, France", links=[],
    education=[{"institution": "Université Lumière Lyon 2", "degree": "Master", "field": "Marketing", "start": "2013", "end": "2015", "gpa": None}],
    experience=[
        {"company": "Maison Arlequin SA", "title": "Marketing Manager", "start": "2019", "end": "2023"},
        {"company": "Brasserie Lumière", "title": "Brand Coordinator", "start": "2015", "end": "2019"},
    ],
    skills=["Search Engine Optimization", "Google Ads", "Social Media Marketing", "Email Marketing", "Mailchimp"],
    languages=["French (Native)", "English (Fluent)", "German (Intermediate)"],
    language="en",
)

UTF16_TXT = """CURRICULUM VITAE

Dmitri Alexandrov
Mobile Developer
Email: dmitri.alex@example.com
Phone: +49 30 5550 1234
Location: Berlin, Germany

SKILLS
Kotlin, Swift, Flutter, Firebase, Jetpack Compose, SwiftUI

WORK EXPERIENCE
Spreeblick Apps GmbH
Lead Mobile Developer    2020/03 - 2021/08
- Shipped the iOS and Android apps to 1M users.

EDUCATION
Technische Universität Berlin — B.Sc. Informatik — 2014 - 2018
"""

expect(
    "en_utf16.txt",
    name="Dmitri Alexandrov", headline="Mobile Developer", emails=["dmitri.alex@example.com"], phones=["+493055501234"],
    location="Berlin, Germany", links=[],
    education=[{"institution": "Technische Universität Berlin", "degree": "B.Sc.", "field": "Informatik", "start": "2014", "end": "2018", "gpa": None}],
    experience=[{"company": "Spreeblick Apps GmbH", "title": "Lead Mobile Developer", "start": "2020-03", "end": "2021-08"}],
    skills=["Kotlin", "Swift", "Flutter", "Firebase", "Jetpack Compose", "SwiftUI", "iOS", "Android"],
    language="en",
)

ZH_UTF8_TXT = """\ufeff简历
张雨桐
📧 zhangyutong@example.cn ｜ 📱 188-0000-2468 ｜ 北京
求职意向：产品经理

教育经历
北京邮电大学  信息管理与信息系统  硕士  2021 年 09 月 - 2024 年 06 月
北京邮电大学  电子商务  学士  2017 年 09 月 - 2021 年 06 月

实习经历
北京字节跳动科技有限公司  产品经理实习生  2023.03 ~ 2023.09
- 负责推荐功能的需求分析与竞品分析，输出 PRD 12 份。

技能特长
Axure、Figma、SQL、数据分析、项目管理
"""

expect(
    "zh_utf8.txt",
    name="张雨桐", headline="产品经理", emails=["zhangyutong@example.cn"], phones=["+8618800002468"], location="北京", links=[],
    education=[
        {"institution": "北京邮电大学", "degree": "硕士", "field": "信息管理与信息系统", "start": "2021-09", "end": "2024-06", "gpa": None},
        {"institution": "北京邮电大学", "degree": "学士", "field": "电子商务", "start": "2017-09", "end": "2021-06", "gpa": None},
    ],
    experience=[{"company": "北京字节跳动科技有限公司", "title": "产品经理实习生", "start": "2023-03", "end": "2023-09"}],
    skills=["Requirements Analysis", "Competitive Analysis", "Axure", "Figma", "SQL", "Data Analysis", "Project Management"],
    language="zh",
)

# ---------------------------------------------------------------------------
# Styles found by probing with new invented résumés: all-caps names and headings
# with glyph separators, title-above-company entries, trade-specific "Experience"
# headings, form-like Chinese details, narrow table cells (python-docx and its
# LibreOffice PDF export), UK numbers written nationally.
# ---------------------------------------------------------------------------


def en_caps_glyphs() -> bytes:
    """ALL-CAPS name with an apostrophe; "•" and "▪" separators the standard font cannot map;
    "Title, Company — City" entry lines; "(Hons)" degree; CORE COMPETENCIES / CERTIFICATIONS."""
    buf = io.BytesIO()
    c = _canvas(buf)
    w = Writer(c, 54, 740, 504)
    w.line("MARGARET O'SULLIVAN", "Helvetica-Bold", 20, lead=24)
    w.line("Operations Manager", "Helvetica", 12, lead=16)
    w.line("+44 20 7946 0958  •  maggie.osullivan+cv@example.com  •  linkedin.com/in/maggie-osullivan  •  London, UK",
           "Helvetica", 9, lead=14)
    w.heading("PROFESSIONAL SUMMARY")
    w.para("Operations leader with twelve years in logistics and retail supply chains, known for calm delivery under pressure.")
    w.heading("PROFESSIONAL EXPERIENCE")
    w.line("Operations Manager, Thameside Freight Ltd — London", "Helvetica-Bold", 10.5, right="03/2019 – Present")
    w.para("Run a 140-person warehouse operation across two sites with 99.2% order accuracy.", bullet=True)
    w.para("Introduced Lean and Six Sigma practices, cutting pick times by 18%.", bullet=True)
    w.line("Shift Supervisor, Harbour Retail Group — Manchester", "Helvetica-Bold", 10.5, right="06/2014 – 02/2019")
    w.para("Supervised teams of 25 and scheduled rotas with SAP and Excel.", bullet=True)
    w.heading("EDUCATION")
    w.line("University of Leeds", "Helvetica-Bold", 10.5, right="2010 – 2013")
    w.line("BA (Hons) Business Management", "Helvetica", 10)
    w.heading("CORE COMPETENCIES")
    w.para("Supply Chain Management  ▪  Six Sigma  ▪  SAP  ▪  Excel  ▪  Budgeting")
    w.heading("CERTIFICATIONS")
    w.para("PRINCE2 Practitioner (2017)")
    c.save()
    return buf.getvalue()


expect(
    "en_caps_glyphs.pdf",
    name="Margaret O'Sullivan", headline="Operations Manager", emails=["maggie.osullivan+cv@example.com"],
    phones=["+442079460958"], location="London, UK", links=["https://linkedin.com/in/maggie-osullivan"],
    education=[{"institution": "University of Leeds", "degree": "BA", "field": "Business Management",
                "start": "2010", "end": "2013", "gpa": None}],
    experience=[
        {"company": "Thameside Freight Ltd", "title": "Operations Manager", "start": "2019-03", "end": "present"},
        {"company": "Harbour Retail Group", "title": "Shift Supervisor", "start": "2014-06", "end": "2019-02"},
    ],
    skills=["Six Sigma", "SAP", "Excel", "Supply Chain Management", "Budgeting", "PRINCE2"],
    language="en",
)


def en_clinical() -> bytes:
    """Dates in a left gutter, "Clinical Experience" heading, "Title, Department" with the employer on the
    next line, a name set in two fonts, a UK mobile written nationally."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    buf = io.BytesIO()
    c = _canvas(buf)
    c.setFont("Helvetica", 24)
    c.drawString(54, 740, "Oluwaseun")
    c.setFont("Helvetica-Bold", 24)
    c.drawString(54 + stringWidth("Oluwaseun ", "Helvetica", 24), 740, "Adebayo")
    c.setFont("Helvetica", 10)
    c.drawString(54, 722, "Registered Nurse")
    c.drawString(54, 708, "oluwaseun.adebayo@example.com | 07700 900123 | Birmingham, UK")
    y = 680.0

    def heading(text: str) -> None:
        nonlocal y
        c.setFont("Helvetica-Bold", 12)
        c.drawString(54, y, text)
        y -= 20

    def row(dates: str, first: str, second: str, bullets: list[str]) -> None:
        nonlocal y
        c.setFont("Helvetica", 10)
        c.drawString(54, y, dates)
        c.setFont("Helvetica-Bold", 10)
        c.drawString(160, y, first)
        y -= 13
        c.setFont("Helvetica-Oblique", 10)
        c.drawString(160, y, second)
        y -= 13
        c.setFont("Helvetica", 10)
        for b in bullets:
            c.drawString(160, y, "– " + b)
            y -= 13
        y -= 6

    heading("Clinical Experience")
    row("2020 – present", "Staff Nurse, Intensive Care Unit", "Queen Elizabeth Hospital Birmingham",
        ["Cared for up to two ventilated patients per shift.", "Trained new starters on infusion pumps."])
    row("2017 – 2020", "Staff Nurse", "Birmingham Children's Hospital", ["Administered medications and kept records."])
    heading("Education")
    row("2014 – 2017", "BSc (Hons) Adult Nursing", "Birmingham City University", [])
    heading("Skills")
    c.setFont("Helvetica", 10)
    c.drawString(54, y, "Patient Care · Critical Care · Wound Care · Phlebotomy")
    c.save()
    return buf.getvalue()


expect(
    "en_clinical.pdf",
    name="Oluwaseun Adebayo", headline="Registered Nurse", emails=["oluwaseun.adebayo@example.com"],
    phones=["+447700900123"], location="Birmingham, UK", links=[],
    education=[{"institution": "Birmingham City University", "degree": "BSc", "field": "Adult Nursing",
                "start": "2014", "end": "2017", "gpa": None}],
    experience=[
        {"company": "Queen Elizabeth Hospital Birmingham", "title": "Staff Nurse, Intensive Care Unit",
         "start": "2020", "end": "present"},
        {"company": "Birmingham Children's Hospital", "title": "Staff Nurse", "start": "2017", "end": "2020"},
    ],
    skills=["Patient Care", "Critical Care", "Wound Care", "Phlebotomy"],
    language="en",
)


def en_title_above_docx() -> bytes:
    """Bold title paragraph above "Company, City, ST | dates"; a "Summer 2016" internship; bold caps headings."""
    from docx import Document
    from docx.shared import Pt

    d = Document()
    r = d.add_paragraph().add_run("Theodore Vance-Whitaker")
    r.bold = True
    r.font.size = Pt(20)
    d.add_paragraph("Brooklyn, NY 11201 | (555) 010-2233 | ted.vw@example.com")
    for heading, entries in (
        ("EMPLOYMENT HISTORY", [
            ("Senior Data Analyst", "Meridian Health Partners, New York, NY | Jan. 2020 - Current",
             ["Built Tableau dashboards used by 300 clinicians.", "Automated monthly reporting with Python and SQL."]),
            ("Data Analyst", "Greenleaf Insurance Co., Hartford, CT | Aug. 2017 - Dec. 2019", ["Modelled claims risk in R."]),
            ("Analytics Intern", "City of Boston, Boston, MA | Summer 2016", ["Cleaned open data sets."]),
        ]),
    ):
        d.add_paragraph().add_run(heading).bold = True
        for title, org, bullets in entries:
            d.add_paragraph().add_run(title).bold = True
            d.add_paragraph(org)
            for b in bullets:
                d.add_paragraph(b, style="List Bullet")
    d.add_paragraph().add_run("EDUCATION").bold = True
    d.add_paragraph("Boston University — B.A. in Economics, May 2017")
    d.add_paragraph().add_run("TECHNICAL PROFICIENCIES").bold = True
    d.add_paragraph("SQL, Python, R, Tableau, Excel, Looker")
    return _docx_bytes(d)


expect(
    "en_title_above.docx",
    name="Theodore Vance-Whitaker", emails=["ted.vw@example.com"], phones=["+15550102233"], location="Brooklyn, NY",
    links=[],
    education=[{"institution": "Boston University", "degree": "B.A.", "field": "Economics", "start": None,
                "end": "2017-05", "gpa": None}],
    experience=[
        {"company": "Meridian Health Partners", "title": "Senior Data Analyst", "start": "2020-01", "end": "present"},
        {"company": "Greenleaf Insurance Co.", "title": "Data Analyst", "start": "2017-08", "end": "2019-12"},
        {"company": "City of Boston", "title": "Analytics Intern", "start": None, "end": "2016"},
    ],
    skills=["Tableau", "Python", "SQL", "R", "Excel", "Looker"],
    language="en",
)


def en_narrow_table_docx() -> bytes:
    """Name on two paragraphs in capitals; sidebar and main column as the two cells of one table row,
    narrow enough that an export wraps "2019–" / "Present" and the LinkedIn address."""
    from docx import Document
    from docx.shared import Cm, Pt

    d = Document()
    for part in ("ANIKA", "SCHWARZENBERG"):
        r = d.add_paragraph().add_run(part)
        r.bold = True
        r.font.size = Pt(26)
    d.add_paragraph("Product Manager")
    t = d.add_table(rows=1, cols=2)
    left, right = t.cell(0, 0), t.cell(0, 1)
    left.width, right.width = Cm(5.5), Cm(12)
    left.paragraphs[0].add_run("CONTACT").bold = True
    for s in ("anika.schwarzenberg@example.com", "+49 30 123456", "Hamburg, Germany", "linkedin.com/in/anika-schwarzenberg"):
        left.add_paragraph(s)
    left.add_paragraph().add_run("SKILLS").bold = True
    for s in ("Product Strategy", "Roadmapping", "Jira", "SQL", "A/B Testing"):
        left.add_paragraph(s)
    left.add_paragraph().add_run("LANGUAGES").bold = True
    left.add_paragraph("German – native")
    left.add_paragraph("English – fluent")
    right.paragraphs[0].add_run("EXPERIENCE").bold = True
    for title, org, bullets in (
        ("Senior Product Manager", "Hanseatic Mobility GmbH | 2019–Present",
         ["Launched an e-scooter subscription product used by 80,000 riders.", "Ran discovery interviews and prioritised the roadmap."]),
        ("Product Owner", "Elbe Logistics AG | 2016–2019", ["Owned the dispatch app backlog."]),
    ):
        right.add_paragraph().add_run(title).bold = True
        right.add_paragraph(org)
        for b in bullets:
            right.add_paragraph("▪ " + b)
    right.add_paragraph().add_run("EDUCATION").bold = True
    right.add_paragraph().add_run("Universität Hamburg").bold = True
    right.add_paragraph("M.Sc. Business Informatics | 2014–2016")
    return _docx_bytes(d)


_NARROW_TABLE = dict(
    name="Anika Schwarzenberg", headline="Product Manager", emails=["anika.schwarzenberg@example.com"],
    phones=["+4930123456"], location="Hamburg, Germany", links=["https://linkedin.com/in/anika-schwarzenberg"],
    education=[{"institution": "Universität Hamburg", "degree": "M.Sc.", "field": "Business Informatics",
                "start": "2014", "end": "2016", "gpa": None}],
    experience=[
        {"company": "Hanseatic Mobility GmbH", "title": "Senior Product Manager", "start": "2019", "end": "present"},
        {"company": "Elbe Logistics AG", "title": "Product Owner", "start": "2016", "end": "2019"},
    ],
    skills=["Product Strategy", "Product Roadmap", "Jira", "SQL", "A/B Testing"],
    languages=["German (Native)", "English (Fluent)"],
    language="en",
)
expect("en_narrow_table.docx", **_NARROW_TABLE)
expect("lo_narrow_table.pdf", **_NARROW_TABLE)


def libreoffice_pdf(docx: bytes) -> bytes | None:
    """The PDF LibreOffice exports from a .docx (None when it is not installed)."""
    import shutil
    import subprocess
    import tempfile

    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        return None
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "r.docx"
        src.write_bytes(docx)
        subprocess.run([exe, "--headless", f"-env:UserInstallation={Path(d, 'profile').as_uri()}", "--convert-to", "pdf",
                        "--outdir", d, str(src)], capture_output=True, timeout=180, check=False)
        out = Path(d) / "r.pdf"
        return out.read_bytes() if out.exists() else None


def zh_form_table_docx() -> bytes:
    """Chinese personal details in a four-column table whose label cells have no colon."""
    from docx import Document

    d = Document()
    d.add_paragraph("个人简历", style="Title")
    t = d.add_table(rows=3, cols=4)
    for r, row in enumerate((("姓名", "何志强", "性别", "男"), ("电话", "139-1234-5678", "邮箱", "zq.he@example.com"),
                             ("学历", "硕士", "所在地", "北京"))):
        for col, v in enumerate(row):
            t.cell(r, col).text = v
    d.add_paragraph("教育背景", style="Heading 1")
    d.add_paragraph("2016.09-2019.06  北京航空航天大学  软件工程  硕士")
    d.add_paragraph("2012.09-2016.06  山东大学  计算机科学与技术  本科")
    d.add_paragraph("工作经历", style="Heading 1")
    d.add_paragraph("2019.07-至今  北京星桥信息技术有限公司  前端开发工程师")
    d.add_paragraph("负责电商后台的 React 组件库建设。", style="List Bullet")
    d.add_paragraph("推动 TypeScript 全面落地。", style="List Bullet")
    d.add_paragraph("专业技能", style="Heading 1")
    d.add_paragraph("JavaScript、TypeScript、React、Vue、Node.js、Webpack")
    return _docx_bytes(d)


expect(
    "zh_form_table.docx",
    name="何志强", emails=["zq.he@example.com"], phones=["+8613912345678"], location="北京", links=[],
    education=[
        {"institution": "北京航空航天大学", "degree": "硕士", "field": "软件工程", "start": "2016-09", "end": "2019-06", "gpa": None},
        {"institution": "山东大学", "degree": "本科", "field": "计算机科学与技术", "start": "2012-09", "end": "2016-06", "gpa": None},
    ],
    experience=[{"company": "北京星桥信息技术有限公司", "title": "前端开发工程师", "start": "2019-07", "end": "present"}],
    skills=["E-commerce", "React", "TypeScript", "JavaScript", "Vue.js", "Node.js", "Webpack"],
    language="zh",
)

ZH_DETAILS_TXT = """个人简历

个人信息
姓名：欧阳思远
性别：男
电话：138 0013 8000
邮箱：siyuan.oy@example.cn
现居地：杭州
求职意向：后端开发工程师

教育背景
2014/09 - 2018/06    浙江大学    计算机科学与技术    本科

工作经历
2019.07-至今    杭州星河网络科技有限公司    高级Java开发工程师
负责订单系统的微服务改造，使用 Spring Cloud 与 Redis。
主导数据库分库分表方案，QPS 提升三倍。
2018.07-2019.06    杭州云帆信息技术有限公司    Java开发工程师
参与支付网关开发，使用 MySQL 与 Kafka。

专业技能
熟练掌握 Java、Spring Boot、MySQL、Redis
熟悉 Docker、Kubernetes、Linux
"""
expect(
    "zh_details.txt",
    name="欧阳思远", headline="后端开发工程师", emails=["siyuan.oy@example.cn"], phones=["+8613800138000"],
    location="杭州", links=[],
    education=[{"institution": "浙江大学", "degree": "本科", "field": "计算机科学与技术", "start": "2014-09",
                "end": "2018-06", "gpa": None}],
    experience=[
        {"company": "杭州星河网络科技有限公司", "title": "高级Java开发工程师", "start": "2019-07", "end": "present"},
        {"company": "杭州云帆信息技术有限公司", "title": "Java开发工程师", "start": "2018-07", "end": "2019-06"},
    ],
    skills=["Microservices", "Spring Cloud", "Redis", "MySQL", "Apache Kafka", "Java", "Spring Boot", "Docker",
            "Kubernetes", "Linux"],
    language="zh",
)

HTML_UK = """<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 16mm } body { font-family: 'Liberation Serif'; font-size: 10.5pt }
h1 { text-align: center; font-size: 22pt; margin: 0; letter-spacing: 2px }
.c { text-align: center; font-size: 9.5pt }
h2 { font-size: 11pt; letter-spacing: 1px; border-bottom: 1px solid #000; margin-top: 14px }
.row { display: flex; justify-content: space-between } .t { font-style: italic }
</style></head><body>
<h1>JONAS LINDQVIST</h1>
<div class="c">0151 496 0123 | jonas.lindqvist@example.com | Liverpool, United Kingdom | jonaslindqvist.example.dev</div>
<h2>EMPLOYMENT HISTORY</h2>
<div class="row"><b>Mersey Analytics Ltd</b><span>Jan. 2020 – Current</span></div>
<div class="row"><span class="t">Lead Data Engineer</span><span>Liverpool</span></div>
<ul><li>Own the data platform on Snowflake and dbt.</li><li>Mentor four engineers.</li></ul>
<div class="row"><b>Northern Rail Data</b><span>Sept. 2016 – Dec. 2019</span></div>
<div class="row"><span class="t">Data Engineer</span><span>Leeds</span></div>
<ul><li>Built Airflow pipelines for ticketing data.</li></ul>
<h2>EDUCATION</h2>
<div class="row"><b>University of Manchester</b><span>2012 – 2016</span></div>
<div class="row"><span class="t">MEng Computer Science (First Class)</span></div>
<h2>TECHNICAL SKILLS</h2>
<p>Python, SQL, Snowflake, dbt, Apache Airflow, AWS, Terraform</p>
</body></html>"""
expect(
    "html_uk.pdf",
    name="Jonas Lindqvist", emails=["jonas.lindqvist@example.com"], phones=["+441514960123"],
    location="Liverpool, United Kingdom", links=["https://jonaslindqvist.example.dev"],
    education=[{"institution": "University of Manchester", "degree": "MEng", "field": "Computer Science",
                "start": "2012", "end": "2016", "gpa": None}],
    experience=[
        {"company": "Mersey Analytics Ltd", "title": "Lead Data Engineer", "start": "2020-01", "end": "present"},
        {"company": "Northern Rail Data", "title": "Data Engineer", "start": "2016-09", "end": "2019-12"},
    ],
    skills=["Snowflake", "dbt", "Apache Airflow", "Python", "SQL", "Amazon Web Services", "Terraform"],
    language="en",
)

HTML_BAND = """<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 0 } body { font-family: 'Liberation Sans'; margin: 0; font-size: 10pt }
.band { background: #124; color: #fff; padding: 24px 40px }
.n1 { font-size: 30pt; font-weight: 300 } .n2 { font-size: 30pt; font-weight: 700 }
.sub { font-size: 11pt; letter-spacing: .15em; text-transform: uppercase } .ct { font-size: 9pt; margin-top: 6px }
.content { padding: 10px 40px }
h2 { font-size: 11pt; text-transform: uppercase; letter-spacing: .1em; color: #124; border-bottom: 2px solid #124 }
.item { display: flex; margin: 8px 0 } .d { width: 120px; color: #666; font-size: 9pt } .b { flex: 1 }
.t { font-weight: bold } .o { font-style: italic }
</style></head><body>
<div class="band"><span class="n1">Chloé</span> <span class="n2">Martin-Okafor</span>
<div class="sub">Software Engineer</div>
<div class="ct">chloe.mo@example.com &nbsp;|&nbsp; +33 6 12 34 56 78 &nbsp;|&nbsp; Paris, France &nbsp;|&nbsp; chloemartin.dev</div></div>
<div class="content">
<h2>Experience</h2>
<div class="item"><div class="d">2019–Present</div><div class="b"><div class="t">Software Engineer</div>
<div class="o">Quai Numérique SAS, Paris</div><ul><li>Built the booking API in Kotlin and Spring Boot.</li></ul></div></div>
<div class="item"><div class="d">Summer 2018</div><div class="b"><div class="t">Software Engineering Intern</div>
<div class="o">Datalune, Lyon</div><ul><li>Prototyped a recommendation service in Python.</li></ul></div></div>
<h2>Education</h2>
<div class="item"><div class="d">2015–2019</div><div class="b"><div class="t">Diplôme d'ingénieur, Computer Science</div>
<div class="o">Ensimag</div></div></div>
<h2>Skills</h2>
<p>Kotlin · Java · Spring Boot · PostgreSQL · Docker · Python</p>
</div></body></html>"""
expect(
    "html_band.pdf",
    name="Chloé Martin-Okafor", headline="Software Engineer", emails=["chloe.mo@example.com"], phones=["+33612345678"],
    location="Paris, France", links=["https://chloemartin.dev"],
    education=[{"institution": "Ensimag", "degree": "Diplôme d'ingénieur", "field": "Computer Science",
                "start": "2015", "end": "2019", "gpa": None}],
    experience=[
        {"company": "Quai Numérique SAS", "title": "Software Engineer", "start": "2019", "end": "present"},
        {"company": "Datalune", "title": "Software Engineering Intern", "start": None, "end": "2018"},
    ],
    skills=["Kotlin", "Spring Boot", "Python", "Java", "PostgreSQL", "Docker"],
    language="en",
)


# ---------------------------------------------------------------------------
# Third probe round: Word/LibreOffice layouts, academic CV, job-board exports, Markdown
# ---------------------------------------------------------------------------


def _docx_field(par: Any, instr: str) -> None:
    """A Word field (PAGE, NUMPAGES) as the begin/instr/end runs Word writes."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, instr), ("end", None)):
        run = par.add_run()
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.text = text
        run._r.append(el)


def en_word_tabs_docx() -> bytes:
    """Word habits: summary paragraph before any heading, UK postal address, skills in a three-column
    table, dates right-aligned after a tab ("'15 – '19", "March 2019 to Present"), a "Key Achievements"
    subheading inside a job, "Company plc, Town" lines, name in the page header and "Page X of Y" footer."""
    from docx import Document
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt

    d = Document()
    sec = d.sections[0]
    sec.header.paragraphs[0].text = "Marguerite Okonkwo-Hale — Curriculum Vitae"
    fp = sec.footer.paragraphs[0]
    fp.add_run("Page ")
    _docx_field(fp, "PAGE")
    fp.add_run(" of ")
    _docx_field(fp, "NUMPAGES")
    r = d.add_paragraph().add_run("Marguerite Okonkwo-Hale")
    r.bold, r.font.size = True, Pt(24)
    d.add_paragraph("Flat 4, 18 Harbour Road, Bristol BS1 5TT  |  07700 900123  |  m.okonkwohale@example.com")
    d.add_paragraph("Operations manager with eleven years of experience running warehouses and last-mile delivery "
                    "networks for retailers, known for calm leadership during peak season and for turning data into "
                    "decisions that save money.")

    def heading(text: str) -> None:
        run = d.add_paragraph().add_run(text.upper())
        run.bold, run.font.size = True, Pt(13)

    def dated(par: Any, left: str, dates: str) -> None:
        par.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT)
        par.add_run(left).bold = True
        par.add_run("\t" + dates)

    heading("Key Skills")
    t = d.add_table(rows=3, cols=3)
    for i, s in enumerate(["Lean Six Sigma", "Inventory Management", "SAP", "Budgeting", "Team Leadership",
                           "Microsoft Excel", "Health and Safety", "Negotiation", "Power BI"]):
        t.cell(i // 3, i % 3).text = s
    heading("Professional Experience")
    for title, dates, company, bullets, achievements in (
        ("Regional Operations Manager", "March 2019 to Present", "Severn Retail Logistics Ltd, Bristol",
         ["Lead 240 staff across three distribution centres.", "Own a £9m annual operating budget."],
         ["Reduced cost per parcel by 14% in the first year.", "Opened two new cross-dock sites on time."]),
        ("Warehouse Manager", "'15 – '19", "Cotswold Home Stores plc, Swindon",
         ["Ran a 120,000 sq ft fulfilment centre.", "Introduced cycle counting with SAP handhelds."], []),
        ("Shift Supervisor", "Summer 2012 – 2015", "Avon Freight Services, Bristol",
         ["Supervised night shift of 30 operatives."], []),
    ):
        dated(d.add_paragraph(), title, dates)
        d.add_paragraph().add_run(company).italic = True
        for b in bullets:
            d.add_paragraph(b, style="List Bullet")
        if achievements:
            d.add_paragraph().add_run("Key Achievements").bold = True
            for b in achievements:
                d.add_paragraph(b, style="List Bullet")
    heading("Education")
    dated(d.add_paragraph(), "BSc (Hons) Logistics and Supply Chain Management", "2008 – 2011")
    d.add_paragraph("Aston University, Birmingham")
    heading("Interests")
    d.add_paragraph("Fell running, community allotment, volunteering at a food bank.")
    return _docx_bytes(d)


_WORD_TABS = dict(
    name="Marguerite Okonkwo-Hale", emails=["m.okonkwohale@example.com"], phones=["+447700900123"],
    location="Bristol", links=[],
    education=[{"institution": "Aston University", "degree": "BSc", "field": "Logistics and Supply Chain Management",
                "start": "2008", "end": "2011", "gpa": None}],
    experience=[
        {"company": "Severn Retail Logistics Ltd", "title": "Regional Operations Manager", "start": "2019-03",
         "end": "present"},
        {"company": "Cotswold Home Stores plc", "title": "Warehouse Manager", "start": "2015", "end": "2019"},
        {"company": "Avon Freight Services", "title": "Shift Supervisor", "start": "2012", "end": "2015"},
    ],
    skills=["Six Sigma", "Inventory Management", "SAP", "Budgeting", "Leadership", "Excel", "Health and Safety",
            "Negotiation", "Power BI"],
    language="en",
)
expect("en_word_tabs.docx", **_WORD_TABS)
expect("lo_word_tabs.pdf", **_WORD_TABS)


def en_academic() -> bytes:
    """Three-page academic CV: ACADEMIC APPOINTMENTS (title, department, university), GRANTS, PUBLICATIONS,
    TEACHING; the name in a running header and "Page N of 3" in the footer of every page."""
    buf = io.BytesIO()
    c = _canvas(buf)
    w = Writer(c, 60, 730, 490)
    page = [1]

    def running() -> None:
        c.setFont("Helvetica", 8)
        c.drawString(60, 770, "Dr. Tomasz Wielgosz-Arden — Curriculum Vitae")
        c.drawRightString(550, 30, f"Page {page[0]} of 3")

    def line(text: str, font: str = "Helvetica", size: float = 10, **kw: Any) -> None:
        if w.y < w.bottom:
            c.showPage()
            page[0] += 1
            running()
            w.y = 740
        w.line(text, font, size, **kw)

    def heading(text: str) -> None:
        w.gap(6)
        line(text, "Helvetica-Bold", 12)

    running()
    line("Tomasz Wielgosz-Arden, PhD", "Helvetica-Bold", 20)
    line("Associate Professor of Computational Biology")
    line("Department of Biology, Lakeshore University, Madison, WI 53706")
    line("t.wielgosz@example.edu  |  (608) 555-0142  |  https://wielgoszlab.example.org")
    w.gap(8)
    heading("ACADEMIC APPOINTMENTS")
    line("Associate Professor, Department of Biology, Lakeshore University", right="2019 – present")
    line("Assistant Professor, Department of Biology, Lakeshore University", right="2013 – 2019")
    line("Postdoctoral Fellow, Whitfield Institute for Genomics, Boston, MA", right="2010 – 2013")
    heading("EDUCATION")
    line("Ph.D., Computational Biology, Carrow University", right="2010")
    line("Dissertation: Stochastic models of gene regulatory networks")
    line("B.S., Mathematics, Northfield College", right="2004")
    heading("GRANTS")
    for i in range(6):
        line(f"NIH R01 GM{120000 + i * 37}, Principal Investigator, Modelling transcriptional bursting",
             right=f"{2014 + i} – {2019 + i}")
    heading("PUBLICATIONS")
    topics = ("developmental gene circuits", "bacterial persistence", "circadian clocks", "cell fate decisions",
              "enhancer grammar")
    for i in range(45):
        line(f"{i + 1}. Wielgosz-Arden T, Moreau L, Ibarra K ({2022 - i // 3}). Noise and robustness in "
             f"{topics[i % 5]},", size=9.5)
        line(f"    study {i + 1}. Journal of Theoretical Biology {300 + i}:{i * 7 + 1}-{i * 7 + 12}.", size=9.5)
    heading("TEACHING")
    line("BIO 375 Computational Genomics (undergraduate), 2014 – present")
    line("BIO 710 Stochastic Processes in Biology (graduate), 2016 – present")
    heading("SKILLS")
    line("Python, R, MATLAB, C++, Bayesian inference, Stan, Nextflow, Git, LaTeX")
    c.save()
    return buf.getvalue()


expect(
    "en_academic.pdf",
    name="Tomasz Wielgosz-Arden", headline="Associate Professor of Computational Biology",
    emails=["t.wielgosz@example.edu"], phones=["+16085550142"], location="Madison, WI",
    links=["https://wielgoszlab.example.org"],
    education=[
        {"institution": "Carrow University", "degree": "Ph.D.", "field": "Computational Biology", "start": None,
         "end": "2010", "gpa": None},
        {"institution": "Northfield College", "degree": "B.S.", "field": "Mathematics", "start": None, "end": "2004",
         "gpa": None},
    ],
    experience=[
        {"company": "Lakeshore University", "title": "Associate Professor", "start": "2019", "end": "present"},
        {"company": "Lakeshore University", "title": "Assistant Professor", "start": "2013", "end": "2019"},
        {"company": "Whitfield Institute for Genomics", "title": "Postdoctoral Fellow", "start": "2010", "end": "2013"},
    ],
    skills=["Python", "R", "MATLAB", "C++", "Bayesian inference", "Stan", "Nextflow", "Git", "LaTeX"],
    language="en",
)

# 智联/前程无忧-style export: details grid as label lines, wishes under 求职意向, labelled job fields,
# "(4年9个月)" after a date range on its own line, 统招 after the degree, 自我评价 at the end.
ZH_JOBBOARD_TXT = """张晓雯
基本信息
性别：女    年龄：29岁    工作年限：7年
手机：138-0013-8000    邮箱：xiaowen.zhang@example.cn
现居住地：上海    户口：江苏南京
求职意向
期望工作地区：上海    期望月薪：25001-35000元/月
期望从事职业：Java开发工程师
工作经验
公司名称：上海云启数据科技有限公司
职位名称：高级Java开发工程师
工作时间：2018/04—至今
工作描述：负责交易中台的设计与开发，基于 Spring Boot 和 Dubbo 构建微服务。
主导订单中心分库分表改造，使用 MySQL 与 Redis。
2015.07-2018.03 (2年8个月)
南京海川软件有限公司 | Java开发工程师
参与政务平台后台开发，使用 Spring MVC、Oracle。
教育经历
2011/09—2015/06    南京邮电大学    软件工程    本科    统招
语言能力
英语（CET-6）
证书
软件设计师（中级）
自我评价
性格开朗，责任心强，具有良好的团队合作精神。
"""
expect(
    "zh_jobboard.txt",
    name="张晓雯", headline="Java开发工程师", emails=["xiaowen.zhang@example.cn"], phones=["+8613800138000"],
    location="上海", links=[],
    education=[{"institution": "南京邮电大学", "degree": "本科", "field": "软件工程", "start": "2011-09",
                "end": "2015-06", "gpa": None}],
    experience=[
        {"company": "上海云启数据科技有限公司", "title": "高级Java开发工程师", "start": "2018-04", "end": "present"},
        {"company": "南京海川软件有限公司", "title": "Java开发工程师", "start": "2015-07", "end": "2018-03"},
    ],
    skills=["Spring Boot", "Dubbo", "Microservices", "MySQL", "Redis", "Spring MVC", "Oracle Database", "Teamwork"],
    languages=["English (CET-6)"],
    language="zh",
)

ZH_BILINGUAL_TXT = """陈嘉怡 Chen Jiayi
Marketing Manager 市场经理
Email: jiayi.chen@example.com | Tel: +86 138 0013 8000 | Shenzhen, China

工作经历 Work Experience
深圳蓝鲸文化传媒有限公司 Bluewhale Media Co., Ltd.    2019.06 - 至今
市场经理 Marketing Manager
- 负责品牌年度营销策略，带领 6 人团队。
- Led social media campaigns on WeChat and Douyin.
广州星火广告有限公司 Starfire Advertising Ltd.    2016.07 - 2019.05
市场专员 Marketing Specialist
- 策划线下活动 40 余场。

教育背景 Education
中山大学 Sun Yat-sen University    2012.09 - 2016.06
市场营销 学士 Bachelor of Marketing

技能 Skills
SEO, Google Analytics, Adobe Photoshop, 新媒体运营

语言 Languages
普通话（母语），英语（流利），粤语（日常交流）
"""
expect(
    "zh_bilingual.txt",
    name="陈嘉怡", headline="Marketing Manager 市场经理", emails=["jiayi.chen@example.com"], phones=["+8613800138000"],
    location="Shenzhen, China", links=[],
    education=[{"institution": "中山大学", "degree": "学士", "field": "市场营销", "start": "2012-09", "end": "2016-06",
                "gpa": None}],
    experience=[
        {"company": "深圳蓝鲸文化传媒有限公司", "title": "市场经理", "start": "2019-06", "end": "present"},
        {"company": "广州星火广告有限公司", "title": "市场专员", "start": "2016-07", "end": "2019-05"},
    ],
    skills=["Marketing Strategy", "Social Media Marketing", "Search Engine Optimization", "Google Analytics",
            "Adobe Photoshop"],
    languages=["Mandarin (Native)", "English (Fluent)", "Cantonese (Conversational)"],
    language="zh",
)

EN_MARKDOWN_TXT = """# Lena Marquardt
**Frontend Developer** · Berlin, Germany · [lena@example.com](mailto:lena@example.com) · [github.com/lena-marquardt](https://github.com/lena-marquardt)

## Summary
Frontend developer focused on accessible design systems and fast web apps.

## Experience

### Senior Frontend Developer — Spreewald Digital GmbH
*Berlin · Apr 2021 – Present*
- Rebuilt the component library in **React** and **TypeScript**.
- Cut bundle size by 40% with code splitting.

### Frontend Developer — Kiezlabs UG
*Berlin · Sep 2018 – Mar 2021*
- Built the booking flow in Vue.js.

## Education
**B.Sc. Media Informatics**, Hochschule für Technik Berlin — 2014 – 2018

## Skills
- **Languages:** JavaScript, TypeScript, HTML, CSS
- **Frameworks:** React, Vue.js, Next.js
- **Tools:** Webpack, Storybook, Jest, Figma

## Languages
- German (native)
- English (C1)
"""
expect(
    "en_markdown.txt",
    name="Lena Marquardt", headline="Frontend Developer", emails=["lena@example.com"], phones=[],
    location="Berlin, Germany", links=["https://github.com/lena-marquardt"],
    education=[{"institution": "Hochschule für Technik Berlin", "degree": "B.Sc.", "field": "Media Informatics",
                "start": "2014", "end": "2018", "gpa": None}],
    experience=[
        {"company": "Spreewald Digital GmbH", "title": "Senior Frontend Developer", "start": "2021-04", "end": "present"},
        {"company": "Kiezlabs UG", "title": "Frontend Developer", "start": "2018-09", "end": "2021-03"},
    ],
    skills=["Design Systems", "React", "TypeScript", "Vue.js", "JavaScript", "HTML", "CSS", "Next.js", "Webpack",
            "Storybook", "Jest", "Figma"],
    languages=["German (Native)", "English (C1)"],
    language="en",
)


def zh_grid_docx() -> bytes:
    """Chinese personal details as a four-column grid whose cells are too narrow for the email,
    wishes on one line under 求职意向, bilingual headings, "本科（全日制）"."""
    from docx import Document
    from docx.shared import Pt

    d = Document()
    r = d.add_paragraph().add_run("王思琪")
    r.bold, r.font.size = True, Pt(20)
    d.add_paragraph().add_run("基本信息").bold = True
    t = d.add_table(rows=3, cols=4)
    for i, row in enumerate((("性别：", "女", "出生年月：", "1994.05"), ("手机：", "186-1234-5678", "邮箱：", "siqi.wang@example.com"),
                             ("现居地：", "成都", "工作年限：", "6年"))):
        for j, v in enumerate(row):
            t.cell(i, j).text = v

    def heading(text: str) -> None:
        run = d.add_paragraph().add_run(text)
        run.bold, run.font.size = True, Pt(14)

    heading("求职意向")
    d.add_paragraph("期望职位：产品经理    期望城市：成都")
    heading("工作经历 Work Experience")
    d.add_paragraph("2020.03-至今  成都锦程网络科技有限公司  产品经理")
    d.add_paragraph("1. 负责会员体系与增长策略，日活提升 35%。")
    d.add_paragraph("2. 使用 Axure、SQL 进行需求分析与数据验证。")
    d.add_paragraph("2017.07-2020.02  重庆山城互娱有限公司  产品助理")
    d.add_paragraph("1. 协助完成游戏社区的需求文档与竞品分析。")
    heading("教育经历 Education")
    d.add_paragraph("2013.09-2017.06  四川大学  信息管理与信息系统  本科（全日制）")
    heading("技能证书")
    d.add_paragraph("熟练掌握 Axure、Xmind、SQL；PMP 认证；英语（CET-6）")
    heading("自我评价")
    d.add_paragraph("沟通能力强，逻辑清晰，热爱互联网产品。")
    return _docx_bytes(d)


_ZH_GRID = dict(
    name="王思琪", headline="产品经理", emails=["siqi.wang@example.com"], phones=["+8618612345678"], location="成都",
    links=[],
    education=[{"institution": "四川大学", "degree": "本科", "field": "信息管理与信息系统", "start": "2013-09",
                "end": "2017-06", "gpa": None}],
    experience=[
        {"company": "成都锦程网络科技有限公司", "title": "产品经理", "start": "2020-03", "end": "present"},
        {"company": "重庆山城互娱有限公司", "title": "产品助理", "start": "2017-07", "end": "2020-02"},
    ],
    skills=["Axure", "SQL", "Requirements Analysis", "Competitive Analysis", "Xmind", "PMP", "Communication"],
    languages=["English (CET-6)"],
    language="zh",
)
expect("zh_grid.docx", **_ZH_GRID)
expect("lo_zh_grid.pdf", **_ZH_GRID)


# ---------------------------------------------------------------------------
# Bad inputs (small, committed)
# ---------------------------------------------------------------------------


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def scanned_pdf() -> bytes:
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    img = Image.new("L", (300, 400), 255)
    dr = ImageDraw.Draw(img)
    for i in range(12):
        dr.rectangle([20, 20 + i * 30, 280 - (i % 3) * 40, 30 + i * 30], fill=0)
    buf = io.BytesIO()
    c = _canvas(buf)
    c.drawImage(ImageReader(img), 54, 200, width=450, height=540)
    c.save()
    return buf.getvalue()


def encrypted_pdf() -> bytes:
    from reportlab.lib import pdfencrypt

    buf = io.BytesIO()
    enc = pdfencrypt.StandardEncryption("open-sesame", ownerPassword="owner-secret", strength=128)
    c = _canvas(buf, encrypt=enc)
    c.setFont("Helvetica", 12)
    c.drawString(72, 700, "Confidential resume of an invented person")
    c.save()
    return buf.getvalue()


def raw_pdf(objects: list[bytes]) -> bytes:
    """Assemble a PDF from object bodies (object 1 must be the catalog)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _stream(data: bytes, compress: bool = False) -> bytes:
    if compress:
        z = zlib.compress(data, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(z) + z + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def one_page_pdf(content: bytes, *, compress: bool = False) -> bytes:
    """A US-letter page drawing `content` with Helvetica as /F1."""
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        _stream(content, compress=compress),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def cid_font_pdf() -> bytes:
    """Text in a CID font with Identity encoding and no ToUnicode map: pdfminer yields (cid:N)."""
    glyphs = "".join(f"{n:04X}" for n in range(3, 60)) * 3
    content = ("BT /F1 12 Tf 72 700 Td <" + glyphs + "> Tj 0 -20 Td <" + glyphs + "> Tj ET").encode()
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /InventedSans /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /InventedSans /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 600 >>",
        b"<< /Type /FontDescriptor /FontName /InventedSans /Flags 32 /FontBBox [0 -200 1000 900] /ItalicAngle 0 "
        b"/Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ])


def partial_cid_pdf() -> bytes:
    """Readable Helvetica text plus a paragraph in a CID font without a Unicode map."""
    glyphs = "".join(f"{n:04X}" for n in range(3, 60))
    ops = ["BT /F2 11 Tf 72 740 Td (Invented Person) Tj ET"]
    for i in range(30):
        ops.append(f"BT /F2 10 Tf 72 {700 - i * 14} Td (Experience line {i} with readable words and more words) Tj ET")
    ops.append("BT /F1 10 Tf 72 260 Td <" + glyphs + "> Tj ET")
    content = "\n".join(ops).encode()
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R /F2 8 0 R >> >> /Contents 4 0 R >>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /InventedSans /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /InventedSans /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 600 >>",
        b"<< /Type /FontDescriptor /FontName /InventedSans /Flags 32 /FontBBox [0 -200 1000 900] /ItalicAngle 0 "
        b"/Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def far_glyphs_pdf() -> bytes:
    """Text positioned a billion points off the page next to normal text (a damaged file)."""
    content = b"BT /F1 11 Tf 1000000000 700 Td (far away) Tj ET BT /F1 11 Tf 72 700 Td (Invented Person) Tj ET"
    return one_page_pdf(content)


def many_pages_pdf(n: int = 2000) -> bytes:
    """n pages sharing one small content stream (built at test time)."""
    content = b"BT /F1 11 Tf 72 700 Td (Invented Person - page of a very long document) Tj ET"
    kids = " ".join(f"{5 + i} 0 R" for i in range(n)).encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
        _stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for _ in range(n):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 3 0 R >>")
    return raw_pdf(objs)


def pathological_pdf(ops: int = 3_000_000) -> bytes:
    """A page whose content stream is millions of path operators (compressed to a few KB)."""
    content = b"BT /F1 11 Tf 72 700 Td (Invented Person) Tj ET\n" + b"1 2 m 3 4 l S\n" * (ops // 3)
    return one_page_pdf(content, compress=True)


def flate_bomb_pdf(size: int = 300 * 1024 * 1024) -> bytes:
    """A page whose content stream inflates to ``size`` bytes (~300 KB on disk; built at test time)."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    z = b"".join(comp.compress(chunk) for _ in range(size // len(chunk))) + comp.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(z) + z + b"\nendstream"
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        stream,
    ])


def zip_bomb_docx(size: int = 300 * 1024 * 1024) -> bytes:
    """A .docx whose document.xml inflates to ``size`` bytes (built at test time in memory, ~300 KB)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        # Stream the member so building the bomb itself stays small in memory.
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as fh:
            chunk = b" " * (1024 * 1024)
            for _ in range(size // len(chunk)):
                fh.write(chunk)
    return buf.getvalue()


def bad_inputs() -> dict[str, bytes]:
    good = en_single()
    notdocx = io.BytesIO()
    with zipfile.ZipFile(notdocx, "w") as zf:
        zf.writestr("photos/readme.txt", "holiday photos")
    return {
        "bad_empty.pdf": b"",
        "bad_png_renamed.pdf": _png(),
        "bad_elf_renamed.pdf": b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + bytes(range(256)) * 2,
        "bad_old_word.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"Word.Document.8" + b"\x00" * 200,
        "bad_resume.rtf": b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} \\f0 Invented Person resume\\par}",
        "bad_truncated.pdf": good[: len(good) // 3],
        "bad_encrypted.pdf": encrypted_pdf(),
        "bad_scanned.pdf": scanned_pdf(),
        "bad_cid_font.pdf": cid_font_pdf(),
        "bad_not_docx.docx": notdocx.getvalue(),
        "bad_binary.txt": bytes(range(256)) * 8,
    }


BAD_EXPECT = {
    "bad_empty.pdf": "empty",
    "bad_png_renamed.pdf": "PNG image",
    "bad_elf_renamed.pdf": "program",
    "bad_old_word.doc": "old Word .doc",
    "bad_resume.rtf": "RTF",
    "bad_truncated.pdf": "damaged",
    "bad_encrypted.pdf": "password-protected",
    "bad_scanned.pdf": "no text found: the document looks scanned",
    "bad_cid_font.pdf": "Unicode map",
    "bad_not_docx.docx": "ZIP archive",
    "bad_binary.txt": "binary file",
}



# ---------------------------------------------------------------------------
# Round 2 (issue 12): section titles in a narrow left margin column on the baseline of the first
# entry, sub-headings smaller than the titles, dates beside the first description line; and a
# Word document whose employers are headings one level below the section titles.
# ---------------------------------------------------------------------------


def en_margin_grid() -> bytes:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    buf = io.BytesIO()
    c = _canvas(buf)
    body_x, margin_right, y = 200, 184, 740

    def title(text: str) -> None:
        c.setFont("Helvetica", 17)
        c.drawString(margin_right - stringWidth(text, "Helvetica", 17), y, text)

    def put(text: str, font: str = "Helvetica", size: float = 10, dx: float = 0, right: str | None = None) -> None:
        nonlocal y
        c.setFont(font, size)
        c.drawString(body_x + dx, y, text)
        if right:
            c.drawRightString(560, y, right)
        y -= size * 1.45

    put("Ines Marwood", "Helvetica", 26)
    put("Logistics Planning Manager", "Helvetica", 15)
    put("ines.marwood@example.org", dx=12)
    put("+44 161 496 0771", dx=12)
    put("Leeds, United Kingdom", dx=12)
    y -= 10
    title("Work")
    put("Farrowgate Freight", "Helvetica-Bold", 13)
    put("Planning Manager", "Helvetica", 11.5)
    put("Mar 2020 – Present")
    put("Highlights", "Helvetica-Bold", 10)
    put("• Rebuilt the weekly load plan for 140 trailers and cut empty", dx=8)
    put("running by a fifth", dx=16)
    put("• Ran the depot forecasting review with finance", dx=8)
    put("Transport Planner", "Helvetica", 11.5)
    put("Jun 2016 – Feb 2020")
    put("• Planned the night trunking between four depots", dx=8)
    put("Graduate Analyst", "Helvetica-Bold", 13)
    put("Ketterby Stores", "Helvetica-Bold", 10)
    put("Sep 2014 – May 2016")
    put("• Wrote the shrinkage reports for 60 shops", dx=8)
    y -= 10
    title("Education")
    put("University of Harrowby", "Helvetica-Bold", 13)
    put("BSc in Logistics and Supply Chain Management")
    put("Sep 2011 – Jun 2014")
    y -= 10
    title("Skills")
    put("Planning", "Helvetica-Bold", 13)
    put("Load planning, Demand forecasting, Route optimisation", dx=6)
    put("Tools", "Helvetica-Bold", 13)
    put("SAP TM, Power BI, Excel", dx=6)
    c.save()
    return buf.getvalue()


expect(
    "en_margin_grid.pdf",
    name="Ines Marwood", emails=["ines.marwood@example.org"], phones=["+441614960771"],
    education=[{"institution": "University of Harrowby", "degree": "BSc", "field": "Logistics and Supply Chain Management",
                "start": "2011-09", "end": "2014-06"}],
    experience=[
        {"company": "Farrowgate Freight", "title": "Planning Manager", "start": "2020-03", "end": "present"},
        {"company": "Farrowgate Freight", "title": "Transport Planner", "start": "2016-06", "end": "2020-02"},
        {"company": "Ketterby Stores", "title": "Graduate Analyst", "start": "2014-09", "end": "2016-05"},
    ],
    skills=["Load planning", "Demand forecasting", "Route optimisation", "SAP TM", "Power BI", "Excel"],
    language="en",
)


def en_heading_levels_docx() -> bytes:
    from docx import Document

    d = Document()
    d.add_paragraph("Tomasz Wrenfield", style="Title")
    d.add_paragraph("tomasz.wrenfield@example.net | +48 601 555 214 | Gdańsk, Poland")
    d.add_paragraph("Work Experience (2)", style="Heading 2")
    d.add_paragraph("Baltmere Shipping", style="Heading 3")
    d.add_paragraph("Fleet Data Analyst", style="Heading 4")
    d.add_paragraph("Baltmere Shipping · Full-time")
    d.add_paragraph("Apr 2019 – Present")
    d.add_paragraph("Built the fuel use dashboard for 22 vessels.", style="List Bullet")
    d.add_paragraph("Oderfield Port Authority", style="Heading 3")
    d.add_paragraph("Data Intern", style="Heading 4")
    d.add_paragraph("Oderfield Port Authority · Internship")
    d.add_paragraph("Jul 2018 – Sep 2018")
    d.add_paragraph("Cleaned ten years of berth records.", style="List Bullet")
    d.add_paragraph("Volunteer", style="Heading 2")
    d.add_paragraph("Gdańsk Harbour Choir", style="Heading 3")
    d.add_paragraph("2017 – 2019")
    d.add_paragraph("Education", style="Heading 2")
    d.add_paragraph("Gdańsk Maritime University", style="Heading 3")
    d.add_paragraph("Master of Science in Transport Economics")
    d.add_paragraph("2016 – 2018")
    d.add_paragraph("Skills", style="Heading 2")
    d.add_paragraph("Analysis", style="Heading 3")
    d.add_paragraph("Voyage costing, AIS data, Python", style="List Bullet")
    return _docx_bytes(d)


expect(
    "en_heading_levels.docx",
    name="Tomasz Wrenfield", emails=["tomasz.wrenfield@example.net"], phones=["+48601555214"],
    education=[{"institution": "Gdańsk Maritime University", "degree": "Master of Science",
                "field": "Transport Economics", "start": "2016", "end": "2018"}],
    experience=[
        {"company": "Baltmere Shipping", "title": "Fleet Data Analyst", "start": "2019-04", "end": "present"},
        {"company": "Oderfield Port Authority", "title": "Data Intern", "start": "2018-07", "end": "2018-09"},
    ],
    skills=["Voyage costing", "AIS data", "Python"],
    language="en",
)


def main() -> None:
    FIX.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {
        "en_single.pdf": en_single(),
        "en_sidebar_left.pdf": en_sidebar_left(),
        "en_sidebar_right.pdf": en_sidebar_right(),
        "zh_resume.pdf": zh_pdf(),
        "en_no_name.pdf": en_no_name(),
        "en_nospace.pdf": en_nospace(),
        "en_jakes.pdf": en_jakes(),
        "en_linkedin.pdf": en_linkedin(),
        "en_shapes.pdf": en_shapes(),
        "en_same_leading.pdf": en_same_leading(),
        "en_scrambled.pdf": en_scrambled(),
        "en_header_table.docx": en_header_table_docx(),
        "en_left_dates.pdf": en_left_dates(),
        "es_resume.txt": ES_TXT.encode("utf-8"),
        "en_word_styles.docx": en_word_styles(),
        "en_table.docx": en_table(),
        "en_gdocs.docx": en_gdocs_docx(),
        "zh_emoji.docx": zh_emoji_docx(),
        "en_dates.txt": EN_DATES_TXT.encode("utf-8"),
        "zh_gbk.txt": ZH_GBK_TXT.encode("gb18030"),
        "en_latin1.txt": LATIN1_TXT.encode("cp1252"),
        "en_utf16.txt": b"\xff\xfe" + UTF16_TXT.encode("utf-16-le"),
        "zh_utf8.txt": ZH_UTF8_TXT.encode("utf-8"),
    }
    files["en_mixed.txt"] = EN_MIXED_TXT.encode("utf-8")
    files["zh_form.txt"] = ZH_FORM_TXT.encode("gb18030")
    files["en_stacked.txt"] = EN_STACKED_TXT.encode("utf-8")
    files["en_groups.txt"] = EN_GROUPS_TXT.encode("utf-8")
    files["en_inline_skills.txt"] = EN_INLINE_SKILLS_TXT.encode("utf-8")
    files["en_caps_glyphs.pdf"] = en_caps_glyphs()
    files["en_clinical.pdf"] = en_clinical()
    files["en_title_above.docx"] = en_title_above_docx()
    files["en_narrow_table.docx"] = en_narrow_table_docx()
    files["zh_form_table.docx"] = zh_form_table_docx()
    files["zh_details.txt"] = ZH_DETAILS_TXT.encode("utf-8")
    files["en_word_tabs.docx"] = en_word_tabs_docx()
    files["en_academic.pdf"] = en_academic()
    files["zh_jobboard.txt"] = ZH_JOBBOARD_TXT.encode("utf-8")
    files["zh_bilingual.txt"] = ZH_BILINGUAL_TXT.encode("utf-8")
    files["en_markdown.txt"] = EN_MARKDOWN_TXT.encode("utf-8")
    files["zh_grid.docx"] = zh_grid_docx()
    files["en_margin_grid.pdf"] = en_margin_grid()
    files["en_heading_levels.docx"] = en_heading_levels_docx()
    # Chromium and LibreOffice stamp dates into their PDFs and render with whatever fonts the
    # machine has, so a committed rendering is kept unless --rerender asks for new ones.
    rerender = "--rerender" in sys.argv[1:]
    renders = [(name, lambda html=html: chromium_pdf(html)) for name, html in (
        ("html_modern_2col.pdf", HTML_MODERN), ("html_zh.pdf", HTML_ZH), ("html_classic.pdf", HTML_CLASSIC),
        ("html_timeline.pdf", HTML_TIMELINE), ("html_docs_style.pdf", HTML_DOCS_STYLE),
        ("html_europass.pdf", HTML_EUROPASS), ("html_two_pages.pdf", html_two_pages()), ("html_uk.pdf", HTML_UK),
        ("html_band.pdf", HTML_BAND))]
    renders.append(("lo_narrow_table.pdf", lambda: libreoffice_pdf(files["en_narrow_table.docx"])))
    renders.append(("lo_word_tabs.pdf", lambda: libreoffice_pdf(files["en_word_tabs.docx"])))
    renders.append(("lo_zh_grid.pdf", lambda: libreoffice_pdf(files["zh_grid.docx"])))
    for name, render in renders:
        pdf = None if (FIX / name).exists() and not rerender else render()
        if pdf is not None:
            files[name] = pdf
        elif (FIX / name).exists():
            files[name] = (FIX / name).read_bytes()  # keep the committed rendering
    files.update(bad_inputs())
    for old in FIX.iterdir():
        if old.is_file() and old.name != "expected.json":
            old.unlink()
    for name, data in files.items():
        (FIX / name).write_bytes(data)
    expected = {"documents": EXPECTED, "bad": BAD_EXPECT}
    (FIX / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    total = sum(len(d) for d in files.values())
    print(f"wrote {len(files)} fixtures ({total / 1024:.0f} KB) to {FIX}")


if __name__ == "__main__":
    main()


def big_streams_pdf(size: int = 62 * 1024 * 1024, streams: int = 2) -> bytes:
    """A page drawn by ``streams`` content streams of ``size`` bytes each, nearly all blank, so
    they compress to a few hundred KB (built at test time)."""
    comp_streams = []
    for _ in range(streams):
        comp = zlib.compressobj(9)
        body = b"BT /F1 11 Tf 72 700 Td (Invented Person) Tj ET\n" + b" " * size
        z = comp.compress(body) + comp.flush()
        comp_streams.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(z) + z + b"\nendstream")
    refs = " ".join(f"{5 + i} 0 R" for i in range(streams)).encode()
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents [" + refs + b"] >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *comp_streams,
    ])


def text_operators_pdf(ops: int = 3_000_000) -> bytes:
    """A page of millions of text-showing operators, each drawing one glyph (compressed to ~40 KB)."""
    content = b"BT /F1 11 Tf 72 700 Td (Invented Person) Tj ET\nBT /F1 1 Tf 72 100 Td " + b"(a) Tj " * ops + b"ET"
    return one_page_pdf(content, compress=True)


def busy_pages_pdf(pages: int, ops_per_page: int) -> bytes:
    """``pages`` pages, each its own content stream of ``ops_per_page`` one-glyph text operators."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + " ".join(f"{4 + 2 * i} 0 R" for i in range(pages)).encode()
            + b"] /Count %d >>" % pages,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    content = b"BT /F1 11 Tf 72 700 Td (Invented Person) Tj ET\nBT /F1 1 Tf 72 100 Td " + b"(a) Tj " * ops_per_page + b"ET"
    for i in range(pages):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                    b"/Contents %d 0 R >>" % (5 + 2 * i))
        objs.append(_stream(content, compress=True))
    return raw_pdf(objs)


def nested_docx(depth: int) -> bytes:
    """A .docx whose body nests content controls ``depth`` deep (a few KB however deep)."""
    xmlns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    first = "<w:p><w:r><w:t>Invented Person</w:t></w:r></w:p><w:p><w:r><w:t>invented.person@example.com</w:t></w:r></w:p>"
    xml = (f"<w:document {xmlns}><w:body>{first}" + "<w:sdt><w:sdtContent>" * depth
           + "<w:p><w:r><w:t>Deep paragraph</w:t></w:r></w:p>" + "</w:sdtContent></w:sdt>" * depth + "</w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", xml)
    return buf.getvalue()


def active_pdf(*, cropped: bool = False) -> bytes:
    """A one-page résumé that carries everything active a PDF can: JavaScript run on opening
    (/OpenAction) and on page view (/AA), a form field with a script, and an embedded file. Viewed
    in a browser's PDF viewer it shows an alert; drawn as an image it is just a page. `cropped`:
    the same visible page, as a larger MediaBox cut down by a CropBox (as print tools write it)."""
    content = (
        b"BT /F1 20 Tf 56 770 Td (Invented Alertson) Tj ET "
        b"BT /F1 10 Tf 56 748 Td (invented.alertson@example.com  +44 20 7946 0958) Tj ET "
        b"BT /F1 12 Tf 56 716 Td (EXPERIENCE) Tj ET "
        b"BT /F1 10 Tf 56 700 Td (Platform Engineer, Fictive Systems Ltd) Tj ET "
        b"BT /F1 10 Tf 460 700 Td (2019 - 2024) Tj ET "
        b"BT /F1 10 Tf 56 686 Td (Built and ran the payment platform on Kubernetes and PostgreSQL.) Tj ET "
        b"BT /F1 12 Tf 56 656 Td (SKILLS) Tj ET "
        b"BT /F1 10 Tf 56 640 Td (Python, Go, Kubernetes, PostgreSQL) Tj ET"
    )
    alert = b"<< /Type /Action /S /JavaScript /JS (app.alert('PDF script ran');) >>"
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R /Names << /EmbeddedFiles 7 0 R >>"
        b" /AcroForm << /Fields [9 0 R] >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 645 872] /CropBox [50 30 645 872]" if cropped
         else b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]")
        + b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R /AA << /O 6 0 R >> /Annots [9 0 R] >>",
        _stream(b"1 0 0 1 50 30 cm " + content if cropped else content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        alert,
        b"<< /Names [(payload.txt) 8 0 R] >>",
        b"<< /Type /Filespec /F (payload.txt) /EF << /F 10 0 R >> >>",
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (field) /Rect [56 600 300 620] /P 3 0 R /AA << /F 6 0 R >> >>",
        _stream(b"an embedded file"),
    ])


def tj_array_pdf(items: int) -> bytes:
    """One text-showing operator whose array holds `items` glyph strings and kerning numbers."""
    content = b"BT /F1 11 Tf 72 700 Td (Invented Person) Tj ET\nBT /F1 1 Tf 72 100 Td [" + b"(a) 1 " * (items // 2) + b"] TJ ET"
    return one_page_pdf(content, compress=True)
