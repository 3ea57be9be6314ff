"""Find section headings (English and Chinese) and split lines into sections."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import median

from .model import Line
from .textutil import ICON_RE, collapse_letterspacing, strip_accents

_VOCAB: dict[str, list[str]] = {
    "summary": [
        "summary", "professional summary", "career summary", "executive summary", "summary of qualifications",
        "profile", "professional profile", "personal profile", "career profile", "profile summary", "about",
        "about me", "objective", "career objective", "professional objective", "objectives", "overview",
        "introduction", "personal statement", "highlights", "career highlights", "qualifications summary",
        "个人简介", "自我评价", "个人总结", "自我介绍", "个人评价", "个人优势", "个人概述", "简介", "职业概述", "个人陈述",
    ],
    "objective": ["求职意向", "求职目标", "job objective", "desired position"],
    "experience": [
        "experience", "work experience", "professional experience", "employment", "employment history",
        "work history", "career history", "relevant experience", "professional background", "career",
        "internships", "internship", "internship experience", "internship experiences", "experiences",
        "work experiences", "professional experiences", "industry experience", "research experience",
        "teaching experience", "research and work experience", "work and research experience",
        "relevant work experience", "employment experience", "professional history", "positions held",
        "工作经历", "工作经验", "实习经历", "实习经验", "工作背景", "职业经历", "工作履历", "实习与工作经历", "工作及实习经历",
        "实践经历", "工作/实习经历",
    ],
    "education": [
        "education", "education and training", "academic background", "academic qualifications",
        "educational background", "education background", "academic history", "academics", "qualifications",
        "education & qualifications", "educational qualifications", "academic education",
        "教育背景", "教育经历", "学历", "教育", "学习经历", "教育信息",
    ],
    "skills": [
        "skills", "technical skills", "core competencies", "competencies", "key skills", "skills and tools",
        "tools", "technologies", "tech stack", "expertise", "areas of expertise", "professional skills",
        "hard skills", "soft skills", "skill set", "skillset", "personal skills", "digital competence", "technical expertise", "technical proficiencies",
        "computer skills", "it skills", "core skills", "relevant skills", "skills summary", "key competencies",
        "tools and technologies", "technologies and tools", "programming skills", "technical competencies",
        "top skills", "skills and expertise", "skills and abilities", "key skills and competencies", "technical stack",
        "languages and technologies", "programming languages", "software", "software skills", "digital skills",
        "专业技能", "技能", "技能特长", "技术栈", "个人技能", "技术能力", "职业技能", "掌握技能", "技能清单", "技能证书",
        "personal skills and competences", "personal skills and competencies",  # the Europass CV's
    ],
    "projects": [
        "projects", "personal projects", "selected projects", "key projects", "academic projects",
        "side projects", "project experience", "relevant projects", "open source", "open source projects",
        "project", "项目经历", "项目经验", "项目", "项目实践", "主要项目",
    ],
    "publications": ["publications", "papers", "selected publications", "research publications", "论文", "发表论文", "学术成果", "科研成果"],
    "awards": [
        "awards", "honors", "honours", "awards and honors", "honors and awards", "achievements",
        "accomplishments", "awards and achievements", "scholarships", "awards & honours",
        "获奖情况", "荣誉", "获奖经历", "荣誉奖项", "奖项", "荣誉证书", "获奖荣誉", "所获荣誉", "荣誉奖励",
    ],
    "certifications": [
        "certifications", "certificates", "certification", "licenses", "licenses and certifications",
        "licenses & certifications", "courses and certifications", "证书", "资格证书", "专业证书", "证书资质",
    ],
    "languages": ["languages", "language skills", "language", "language proficiency", "语言能力", "语言", "外语能力", "语言技能"],
    "contact": [
        "contact", "contact information", "contact me", "contacts", "contact details", "personal information",
        "personal details", "personal info", "details", "info", "联系方式", "基本信息", "个人信息", "个人资料", "联系信息",
    ],
    "interests": ["interests", "hobbies", "hobbies and interests", "interests and hobbies", "personal interests", "兴趣爱好", "爱好", "兴趣"],
    "volunteer": ["volunteer", "volunteering", "volunteer experience", "volunteer work", "community service", "志愿者经历", "志愿经历", "志愿服务"],
    "activities": [
        "activities", "extracurricular activities", "extracurriculars", "leadership", "leadership experience",
        "leadership and activities", "campus activities", "校园经历", "社会实践", "在校经历", "校园活动", "社团经历", "学生工作",
    ],
    "references": ["references", "referees", "推荐人", "referencias", "références", "referenzen"],
    "other": [
        "additional information", "additional", "other", "miscellaneous", "misc", "other information",
        "research", "research interests", "patents", "memberships", "professional memberships", "affiliations",
        "professional affiliations", "conferences", "talks", "presentations", "portfolio", "links", "social",
        "hobbies and activities", "extra", "personal", "其他", "其他信息", "附加信息", "作品集",
        # Academic CVs: these sections hold courses, grants and committees, not jobs or skills.
        "grants", "funding", "grants and funding", "research funding", "grants and fellowships", "fellowships",
        "teaching", "courses taught", "teaching interests", "service", "professional service", "academic service",
        "invited talks", "supervision", "students supervised", "declaration",
    ],
    "courses": ["courses", "relevant coursework", "coursework", "training", "trainings", "主修课程", "培训经历", "相关课程"],
}
# Spanish, Portuguese, French, German, Italian, Dutch headings.
_VOCAB["experience"] += [
    "where i've worked", "where i have worked", "employment record", "career experience", "selected experience",
    "relevant professional experience", "military experience", "freelance experience", "consulting experience",
    "experience highlights", "professional employment", "work experience and internships", "internship and work experience",
    "work & internship experience", "industry and research experience",
    "experiencia", "experiencia laboral", "experiencia profesional", "experiência", "experiência profissional",
    "expérience", "expérience professionnelle", "expériences professionnelles", "expériences", "berufserfahrung",
    "berufliche erfahrung", "praktische erfahrung", "esperienza", "esperienze professionali", "esperienza lavorativa",
    "werkervaring", "ervaring",
    # Academic CVs list jobs as appointments or positions.
    "academic appointments", "appointments", "professional appointments", "academic positions", "positions",
    "academic employment", "employment and appointments",
]
# Bare one-word titles some builders print ("Work", "Volunteer", "Awards"): weak, so only a line
# styled as a heading counts.
_VOCAB["experience"] += ["work", "jobs", "employment record", "work and experience"]
_VOCAB["volunteer"] += ["volunteering experience", "volunteer and community"]
_VOCAB["education"] += [
    "education history", "degrees", "academic profile", "academic record", "academic credentials", "educational history",
    "education and certifications", "education & certifications",
    "educación", "formación", "formación académica", "educação", "formação", "formação acadêmica", "formation",
    "études", "diplômes", "ausbildung", "bildung", "bildungsweg", "studium", "istruzione", "formazione", "opleiding",
]
_VOCAB["skills"] += [
    "tech", "technology", "tech skills", "technical skill set", "toolbox", "toolkit", "stack", "my stack", "skills & tools", "skills and technologies",
    "technical knowledge", "it knowledge", "core technical skills", "additional skills", "other skills", "areas of strength",
    "habilidades", "competencias", "conocimientos", "competências", "compétences", "compétences techniques",
    "kenntnisse", "fähigkeiten", "kompetenzen", "it-kenntnisse", "competenze", "vaardigheden",
]
_VOCAB["languages"] += ["idiomas", "lenguas", "línguas", "langues", "sprachen", "sprachkenntnisse", "lingue", "talen"]
_VOCAB["summary"] += ["perfil", "resumen", "sobre mí", "profil", "à propos", "zusammenfassung", "über mich", "profilo", "sommario"]
_VOCAB["projects"] += ["proyectos", "projetos", "projets", "projekte", "progetti"]
_VOCAB["certifications"] += ["certificaciones", "certificações", "certificats", "zertifikate", "certificazioni"]
_VOCAB["interests"] += ["intereses", "aficiones", "centres d'intérêt", "loisirs", "interessen", "hobbys", "interessi"]
_VOCAB["contact"] += ["contacto", "contato", "kontakt", "contatti", "datos personales", "persönliche daten", "informations personnelles"]
_VOCAB["awards"] += ["premios", "prêmios", "distinctions", "auszeichnungen", "premi"]
_VOCAB["publications"] += ["publicaciones", "publicações", "publikationen", "pubblicazioni"]
_VOCAB["volunteer"] += ["voluntariado", "bénévolat", "ehrenamt", "volontariato"]
# The plural and qualified forms the European templates print (French, German, Spanish,
# Portuguese, Italian, Dutch), beside the singular bases above.
_VOCAB["experience"] += [
    "parcours professionnel", "expérience pro", "expériences pro", "beruflicher werdegang", "werdegang",
    "berufliche erfahrungen", "berufspraxis", "experiencia laboral y profesional", "experiencias",
    "experiencias profesionales", "experiências profissionais", "experiências", "esperienze", "esperienze lavorative",
    "esperienza professionale", "werkervaringen", "professionele ervaring", "loopbaan", "stages",
]
_VOCAB["education"] += [
    "formations", "formation académique", "parcours académique", "cursus", "schulbildung", "ausbildung und studium",
    "akademischer werdegang", "estudios", "formación académica y profesional", "educación y formación",
    "formação académica", "escolaridade", "istruzione e formazione", "formazione accademica", "titoli di studio",
    "opleidingen", "educatie",
]
_VOCAB["skills"] += [
    "compétences clés", "compétences professionnelles", "savoir-faire", "outils", "fachkenntnisse",
    "fachliche kompetenzen", "kenntnisse und fähigkeiten", "habilidades técnicas", "competencias técnicas",
    "aptitudes", "habilidades e competências", "competências técnicas", "competenze tecniche", "capacità",
    "capacità e competenze", "competenties", "technische vaardigheden",
]
_VOCAB["languages"] += ["compétences linguistiques", "fremdsprachen", "idiomas y lenguas", "conoscenze linguistiche", "taalvaardigheid"]
_VOCAB["summary"] += [
    "profil professionnel", "à propos de moi", "présentation", "kurzprofil", "profil und ziele",
    "perfil profesional", "perfil profissional", "resumo", "sobre mim", "profilo professionale", "profiel",
    "over mij", "samenvatting",
]
_VOCAB["projects"] += ["proyectos personales", "projets personnels", "progetti personali", "projecten"]
_VOCAB["certifications"] += ["certificados", "zertifizierungen", "certificaten"]
_VOCAB["interests"] += ["centres d'intérêts", "hobbies et intérêts", "freizeit", "pasatiempos", "hobbies e interesses", "interesses"]
_VOCAB["contact"] += ["coordonnées", "contactgegevens", "persoonlijke gegevens", "dati personali", "dados pessoais", "informações pessoais"]
_VOCAB["awards"] += ["prix", "récompenses", "reconocimientos", "riconoscimenti", "prijzen"]
_VOCAB["publications"] += ["publicaties"]
_VOCAB["volunteer"] += ["engagement associatif", "ehrenamtliches engagement", "vrijwilligerswerk", "voluntariado y compromiso"]

HEADINGS: dict[str, str] = {}
for _key, _words in _VOCAB.items():
    for _w in _words:
        HEADINGS[strip_accents(_w)] = _key  # titles compare without accents (see normalise_heading)
# Words that are also ordinary list items ("Leadership" in a skills list) need
# typographic evidence before they count as headings.
_WEAK = {
    "tools", "technologies", "career", "leadership", "training", "courses", "language", "project", "details",
    "info", "about", "highlights", "expertise", "interests", "overview", "introduction", "volunteer",
    "research experience", "qualifications", "教育", "项目", "语言", "荣誉", "兴趣", "爱好", "技能", "简介", "证书",
    "jobs", "software", "stack", "tech", "technology", "my stack", "toolbox", "toolkit", "degrees", "work", "links", "social", "personal", "extra",
    "other", "additional", "misc", "miscellaneous", "talks", "patents", "portfolio", "research", "presentations",
    "conferences", "project", "positions", "appointments", "teaching", "service", "funding", "supervision",
    # European titles that are also words of an entry ("Stages" of a project, "Outils: …").
    "stages", "presentation", "outils", "prix", "cursus", "capacita", "freizeit",
}

_NUMBERING = re.compile(r"^(?:[0-9]{1,2}[.、)]|[一二三四五六七八九十]+[、.．]|[IVX]{1,4}\.|[#>»|/\\]+)\s*")
_EDGE = re.compile(r"^[\s:：|｜/\\\-–—_=*~•·.,■□◆◇►▶▸●○▪➤✦★☆【】\[\]()（）<>《》]+|[\s:：|｜/\\\-–—_=*~•·.,■□◆◇►▶▸●○▪➤✦★☆【】\[\]()（）<>《》]+$")


# "Work Experience(3)", "Education (2)", "Projects [4]": the builder counts the entries.
_COUNT = re.compile(r"\s*(?:[(（\[]\s*\d{1,2}\s*[)）\]]|[·•|–—-]\s*\d{1,2})\s*$")


def normalise_heading(text: str) -> str:
    t = ICON_RE.sub(" ", text)
    t = collapse_letterspacing(t.strip())
    t = _COUNT.sub("", t)
    t = _EDGE.sub("", t)
    t = _NUMBERING.sub("", t)
    t = _EDGE.sub("", t)
    t = t.replace("＆", "&").replace(" & ", " and ").replace("&", " and ")
    t = re.sub(r"\s+", " ", t).strip().casefold()
    return strip_accents(t)


@lru_cache(maxsize=8192)
def heading_key(text: str) -> str | None:
    """Section key for a heading text, trying "A and B" / "A / B" combinations.  (Cached: every
    line is asked, several times over, by several modules.)"""
    t = normalise_heading(text)
    if not t or len(t) > 48:
        return None
    if t in HEADINGS:
        return HEADINGS[t]
    cjk_free = re.sub(r"\s+", "", t)
    if cjk_free in HEADINGS:
        return HEADINGS[cjk_free]
    parts = [p.strip() for p in re.split(r"\s+and\s+|/|、|与|及|和|,", t) if p.strip()]
    if len(parts) > 1 and all(p in HEADINGS for p in parts):
        return HEADINGS[parts[0]]
    # A title qualified by another ("Professional Skills Overview", "Experience Summary"): the first names it.
    words = t.split()
    for k in range(1, min(len(words), 4)):
        head, tail = " ".join(words[:k]), " ".join(words[k:])
        if head in HEADINGS and tail in HEADINGS and not _weak(head):
            return HEADINGS[head]
    # Bilingual headings in Chinese templates: "工作经历 WORK EXPERIENCE", "Education 教育背景".
    cjk = "".join(re.findall(r"[\u4e00-\u9fff]+", t))
    latin = re.sub(r"\s+", " ", re.sub(r"[\u4e00-\u9fff]+", " ", t)).strip()
    if cjk and latin and cjk in HEADINGS and (latin in HEADINGS or HEADINGS.get(latin) == HEADINGS[cjk]):
        return HEADINGS[cjk]
    # "Professional Experience (Selected)", "Experience — 8 years"
    m = re.match(r"^([a-z\u4e00-\u9fff ]+?)\s*(?:\(.*\)|[-–—].*)$", t)  # "X: content" is an inline heading
    if m and m.group(1).strip() in HEADINGS:
        return HEADINGS[m.group(1).strip()]
    if _ANY_EXPERIENCE.fullmatch(t):
        return "experience"
    return None


# "Clinical Experience", "Legal Experience", "Sales & Marketing Experience": the field varies
# with the trade, so any short "... experience" heading counts (when styled as one, see _weak).
# "User experience" and the like name a discipline, not a section.
_ANY_EXPERIENCE = re.compile(
    r"(?!(?:user|customer|client|guest|patient|developer|employee|candidate)\b)[a-z][a-z\-]*(?: (?:and )?[a-z][a-z\-]*)?"
    r" experiences?")


def _weak(norm: str) -> bool:
    """Heading words that also occur as ordinary lines need typographic evidence."""
    return norm in _WEAK or re.sub(r"\s+", "", norm) in _WEAK or (norm not in HEADINGS and bool(_ANY_EXPERIENCE.fullmatch(norm)))


@dataclass
class Section:
    key: str  # "header" for everything before the first heading
    heading: Line | None
    lines: list[Line] = field(default_factory=list)


def body_size(lines: list[Line]) -> float | None:
    sizes = [ln.size for ln in lines if ln.size]
    if not sizes:
        return None
    weighted: list[float] = []
    for ln in lines:
        if ln.size:
            weighted.extend([ln.size] * max(1, min(len(ln.text) // 10, 20)))
    return median(weighted)


def _styled(line: Line, body: float | None) -> bool:
    t = collapse_letterspacing(line.text)
    letters = re.sub(r"[^A-Za-z]", "", t)
    if letters and letters.isupper() and len(letters) >= 3:
        return True
    if line.bold:
        return True
    if line.style and re.match(r"(?i)(heading|title|subtitle|标题)", line.style):
        return True
    if body and line.size and line.size >= body + 0.9:
        return True
    if line.text.rstrip().endswith((":", "：")):
        return True
    if re.search(r"[\u4e00-\u9fff]", line.text) and (ICON_RE.search(line.text) or re.search(r"[【】■◆●▌|]", line.text)):
        return True
    if line.text != collapse_letterspacing(line.text):
        return True
    return False


_INLINE = re.compile(r"^\s*(?P<head>[^:：]{2,30}?)\s*[:：]\s*(?P<rest>\S.*)$")


def classify(line: Line, body: float | None) -> tuple[str | None, str | None]:
    """(section key, inline content) when the line is a heading, else (None, None)."""
    text = line.text.strip()
    if line.bullet:
        # Numbered headings ("1. Education") in Word lists: only when styled and exact.
        key = heading_key(text) if len(text) <= 40 else None
        if key and not _weak(normalise_heading(text)) and (line.bold or (line.style and "heading" in line.style.lower())):
            return key, None
        return None, None
    # Headings do not end a sentence ("…slow office / software.").
    if len(text) <= 60 and not re.search(r"[.;,]$", text):
        key = heading_key(text)
        if key:
            norm = normalise_heading(text)
            if _weak(norm):
                if not _styled(line, body):
                    return None, None
            # Long lines merely containing vocabulary are not headings unless styled.
            if len(norm.split()) > 4 and not _styled(line, body):
                return None, None
            return key, None
    m = _INLINE.match(text)
    if m:
        key = heading_key(m.group("head"))
        if key and key not in ("contact", "other") and not _weak(normalise_heading(m.group("head"))):
            rest = m.group("rest").strip()
            if key == "languages" and not _spoken(rest):
                key = "skills"  # "Languages: Python, Go" lists programming languages
            return key, rest
    return None, None


def _spoken(text: str) -> bool:
    from .languages import mentions_language

    return mentions_language(text)


def _style_sig(line: Line) -> tuple:
    t = collapse_letterspacing(ICON_RE.sub("", line.text)).strip()
    letters = re.sub(r"[^A-Za-z]", "", t)
    return (round(line.size or 0, 0), line.bold, bool(letters) and letters.isupper(), line.style)


def _starts_entry(lines: list[Line], i: int, current: str) -> bool:
    """A company or school name followed by a dated line is an entry, not a heading.  Inside an
    entry section the dates may come two or three lines down (title, then place, then dates), and
    a Word heading style there marks an entry header: only a known title ends the section."""
    from .dates import find_range

    if find_range(lines[i].text) is not None:
        return True
    if current in _ENTRY_SECTIONS and lines[i].style and re.match(r"(?i)heading", lines[i].style):
        return True
    ahead = 3 if current in _ENTRY_SECTIONS else 1
    return any(find_range(ln.text) is not None for ln in lines[i + 1: i + 1 + ahead])


def _unknown_heading(line: Line, signatures: set[tuple], body: float | None, sizes: list[float]) -> bool:
    """A line styled exactly like the recognised headings (and clearly not body text)."""
    if line.bullet or not signatures:
        return False
    t = collapse_letterspacing(ICON_RE.sub("", line.text)).strip().rstrip(":：")
    if not t or len(t) > 40 or len(t.split()) > 4 or re.search(r"\d|@|[,.;|]", t):
        return False
    sig = _style_sig(line)
    if sig not in signatures:
        return False
    if line.size and sizes and min(abs(line.size - s) for s in sizes) > 0.35:
        return False  # a 9.6 pt chip beside 10.5 pt titles: the same whole point, another style
    size, style = max(sig[0], line.size or 0), sig[3]
    # Only a distinctive size or a heading style counts: bold capitals alone are also
    # how many résumés set company names.
    return bool((body is not None and size >= body + 1) or (style and "heading" in str(style).lower()))


_ENTRY_SECTIONS = {"experience", "education", "projects", "volunteer", "activities"}


def _stacked(ln: Line, nxt: Line) -> bool:
    """Two short lines set alike, the second right under the first at the same left edge: one
    title wrapped in a narrow margin cell ("PROFESSIONAL SKILLS" / "OVERVIEW")."""
    if not ln.bbox or not nxt.bbox or abs(ln.bbox[0] - nxt.bbox[0]) > 2 or re.search(r"\d", ln.text + nxt.text):
        return False
    gap = ln.bbox[1] - nxt.bbox[3]
    return -1 <= gap <= 0.6 * (ln.size or 10) and abs((ln.size or 0) - (nxt.size or 0)) <= 0.3


def _join_wrapped_headings(lines: list[Line]) -> list[Line]:
    """A heading wrapped in a narrow column ("PROFESSIONAL" / "EXPERIENCE", "EDUCATION AND" / "TRAINING",
    "PROFESSIONAL SKILLS" / "OVERVIEW")."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is not None and ln.page == nxt.page and ln.column == nxt.column and ln.bold == nxt.bold \
                and len(ln.text) <= 25 and len(nxt.text) <= 25 and (not heading_key(ln.text) or _stacked(ln, nxt)) \
                and abs((ln.size or 0) - (nxt.size or 0)) <= 0.3 and ln.text.isupper() == nxt.text.isupper():
            joined = f"{ln.text.strip()} {nxt.text.strip()}"
            if heading_key(joined) and (ln.bold or ln.text.isupper() or _stacked(ln, nxt)):
                bbox = None
                if ln.bbox and nxt.bbox:
                    bbox = (min(ln.bbox[0], nxt.bbox[0]), min(ln.bbox[1], nxt.bbox[1]),
                            max(ln.bbox[2], nxt.bbox[2]), max(ln.bbox[3], nxt.bbox[3]))
                out.append(Line(text=joined, page=ln.page, bbox=bbox, size=ln.size, bold=ln.bold, column=ln.column,
                                index=ln.index, style=ln.style, bullet=False, source=ln.source))
                i += 2
                continue
        out.append(ln)
        i += 1
    return out


def _heading_rank(line: Line) -> float | None:
    """How high a heading sits in the document's hierarchy: a Word heading level (negated, so
    that larger is higher) or a PDF font size."""
    if line.style:
        m = re.match(r"(?i)heading\s*(\d)", line.style)
        if m:
            return -float(m.group(1))
    return line.size


def _top_rank(lines: list[Line], classified: list[tuple[str | None, str | None]]) -> tuple[float | None, set[str]]:
    """The rank of the document's section titles (the highest rank at which at least two
    different recognised titles are set: a lone big line may be a misread name), and the
    titles set at that rank."""
    keys: dict[float, set[str]] = {}
    for ln, (k, rest) in zip(lines, classified):
        r = _heading_rank(ln)
        if k and rest is None and r is not None:
            keys.setdefault(r, set()).add(k)
    ranks = [r for r, ks in keys.items() if len(ks) >= 2]
    return (max(ranks), keys[max(ranks)]) if ranks else (None, set())


def _sub_heading(ln: Line, key: str, current: str, top: float | None, top_keys: set[str], head: Line | None) -> bool:
    """A title set below the document's title rank inside a section is a sub-heading when it is a
    word that also names parts of entries ("Highlights", "Tools"), a title the document also sets
    at full rank ("Languages" under Skills and again as a section), the section's own title, or
    an unknown title.  A distinct section title that is merely set smaller stays a section."""
    if not _below_top(ln, top):
        return False
    if head is not None and head.column == ln.column and head.bold == ln.bold and _heading_rank(head) is not None \
            and abs((_heading_rank(head) or 0) - (_heading_rank(ln) or 0)) <= 0.3:
        return False  # set like the title of the section it follows: a sibling, not a part of it
    norm = normalise_heading(ln.text)
    return key == "other" or _weak(norm) or key in top_keys or key == current \
        or (current == "skills" and key in ("languages", "skills"))


def _below_top(line: Line, top: float | None) -> bool:
    """A title set smaller (or at a deeper Word heading level) than the document's section titles
    is a sub-heading inside a section: "Highlights" under a job, "Languages" under Skills."""
    r = _heading_rank(line)
    if top is None or r is None:
        return False
    if top < 0:  # Word heading levels
        return r < top
    return r < top - 1.0


def _margin_edge(lines: list[Line], classified: list[tuple[str | None, str | None]],
                 top: float | None) -> float | None:
    """When every section title sits in a left margin (a two-column grid whose narrow first column
    holds the titles), the body's left edge; nothing that starts there is a section title."""
    heads = [ln for ln, (k, rest) in zip(lines, classified) if k and rest is None and ln.bbox
             and (top is None or not _below_top(ln, top))]
    body = [round(ln.bbox[0]) for ln, (k, _) in zip(lines, classified) if not k and ln.bbox]
    if len(heads) < 2 or len(body) < 8:
        return None
    edge = max(set(body), key=body.count)
    if body.count(edge) < 0.4 * len(body) or any(ln.bbox[2] > edge - 2 for ln in heads):
        return None
    return float(edge)


def _nested(ln: Line, nxt: Line | None, sec: Section, title_edges: dict[tuple[int, int], int]) -> bool:
    """A known title indented past the section titles' common left edge, to where the section's
    own content starts, is a category inside it ("Certifications" among the skill groups under
    Skills), not a section of its own."""
    head = sec.heading
    if head is None or not ln.bbox or not head.bbox or ln.column != head.column:
        return False
    edge = head.bbox[0]
    if sum(n for (col, x), n in title_edges.items() if col == head.column and abs(x - edge) <= 2) < 2:
        return False  # the titles share no left edge (centred, or scattered): indentation says nothing
    em = ln.size or 10.0
    if not 1.5 * em <= ln.bbox[0] - edge <= 6 * em:
        return False
    aligned = [c for c in sec.lines if c.bbox and c.column == ln.column and abs(c.bbox[0] - ln.bbox[0]) <= 3]
    below = nxt is not None and nxt.bbox is not None and nxt.column == ln.column and nxt.bbox[0] >= ln.bbox[0] - 1
    return bool(aligned) or below


def _plain(ln: Line, body: float | None, top: float | None, head: Line | None) -> bool:
    """A known title set as plain body text (the body's size, not bold, not capitals) where the
    document's section titles stand out, the title of the section it is in among them (same
    column), is a line of the section ("Certifications" among skill categories set like "Trade"
    and "Safety" under TECHNICAL SKILLS).  A sidebar whose own titles are all plain keeps them."""
    if not ln.size or not body or top is None or top < 0 or not _below_top(ln, top) or ln.bold or ln.style:
        return False
    if head is None or head.column != ln.column or not (_styled(head, body) or (head.size or 0) >= ln.size + 1):
        return False
    t = collapse_letterspacing(ICON_RE.sub("", ln.text)).strip()
    letters = re.sub(r"[^A-Za-z]", "", t)
    if (letters and letters.isupper()) or t != ln.text.strip() or t.endswith((":", "：")):
        return False
    return abs(ln.size - body) <= 0.6


def _resumed(sections: list[Section], ln: Line, prev: Line | None, bottoms: dict[int, float]) -> Section | None:
    """A new page's column that starts without a title goes on with the section that column was in
    on the previous page (a main column continued after a sidebar), when that column ran to the
    foot of the page: a sidebar that ends half-way down continues nothing."""
    if prev is None or ln.page == prev.page or ln.column == prev.column:
        return None
    last = sections[-1]
    if last.heading is not None and not last.lines and last.heading is prev and prev.bbox is not None \
            and prev.bbox[1] - bottoms.get(prev.page, prev.bbox[1]) <= 2 * (prev.size or 10):
        return last  # a title alone at the foot of the page, in whatever column: the next page is its content
    for sec in reversed(sections):
        # A title at the foot of a page whose content starts on the next one is that column's last line.
        last = sec.lines[-1] if sec.lines else sec.heading
        if last is not None and last.column == ln.column and last.page < ln.page:
            full = last.bbox is not None and last.bbox[1] - bottoms.get(last.page, last.bbox[1]) <= 4 * (last.size or 10)
            return sec if sec.key != "header" and full else None
    return None


def _back_in_column(ln: Line, prev: Line | None, columns: dict[tuple[int, int], tuple[Section, Line]]) -> Section | None:
    """Back in a column of this page after reading a band of another ("Work" / a phone number from
    the right column, far above / the first job under "Work"): the text below that column's last
    line goes on with the section that column was in."""
    if prev is None or ln.page != prev.page or ln.column == prev.column:
        return None
    got = columns.get((ln.page, ln.column))
    if got is None:
        return None
    sec, last = got
    if sec.key == "header" or not ln.bbox or not last.bbox or ln.bbox[3] > last.bbox[1] + 2:
        return None
    return sec


def _indented_under(ln: Line, prev: Line) -> bool:
    """A "column" that starts inside the previous line's width, just below it, is that text
    indented (bullets under an entry), not a sidebar beside it."""
    if not ln.bbox or not prev.bbox:
        return False
    size = max(ln.size or 10, prev.size or 10)
    below = 0 < prev.bbox[1] - ln.bbox[1] <= 3 * size
    return below and prev.bbox[0] + 2 < ln.bbox[0] < prev.bbox[2] - 2 * size


def _page_title(ln: Line, heading_sizes: list[float], body: float | None) -> bool:
    # (Some layouts set their titles smaller than the text: only display sizes count.)
    return bool(ln.size and body and heading_sizes and ln.page == 1 and ln.size > max(heading_sizes) + 1
                and ln.size >= 1.5 * body)


def _beside(ln: Line, sec: Section) -> bool:
    """A column that starts level with a line of the skills section before it, in the same size,
    is the right half of that section's grid (a skill group's name, its list beside it).  Entries
    set beside their dates or titles are put together later, from the columns as they are."""
    if not ln.bbox or not ln.size or sec.key not in ("skills", "languages"):
        return False
    return any(o.bbox and o.size and o.page == ln.page and o.column < ln.column and abs(o.size - ln.size) < 1.5
               and abs(o.bbox[1] - ln.bbox[1]) < 0.3 * min(o.size, ln.size) for o in sec.lines)


def _entry_like_title(ln: Line, sec: Section, entry_styles: dict[int, set[tuple]]) -> bool:
    """Right under a title nothing has filled yet, a line styled like a title is the section's first
    entry (a school set as large as "Education", a skills group's name), and so is every later line
    in that style until the next known title.  ``entry_styles`` keeps those styles per section."""
    sig = _style_sig(ln)
    if (sec.heading is not None and sec.key != "other" and not sec.lines) or sig in entry_styles.get(id(sec), ()):
        entry_styles.setdefault(id(sec), set()).add(sig)
        return True
    return False


def split_sections(lines: list[Line]) -> list[Section]:
    lines = _join_wrapped_headings(lines)
    body = body_size(lines)
    sections: list[Section] = [Section("header", None)]
    prev: Line | None = None
    classified = [classify(ln, body) for ln in lines]
    top, top_keys = _top_rank(lines, classified)
    bottoms: dict[int, float] = {}  # the lowest text on each page
    for ln in lines:
        if ln.bbox:
            bottoms[ln.page] = min(bottoms.get(ln.page, ln.bbox[1]), ln.bbox[1])
    edge = _margin_edge(lines, classified, top)
    # Headings we do not know by name ("Publications & Talks") look like the ones we do.
    signatures = {_style_sig(ln) for ln, (k, rest) in zip(lines, classified) if k and rest is None}
    if len(signatures) > 2:
        signatures = set()  # headings are not styled consistently; do not guess
    heading_sizes = [ln.size for ln, (k, rest) in zip(lines, classified) if k and rest is None and ln.size]
    title_edges: dict[tuple[int, int], int] = {}  # (column, left edge) of the recognised titles
    for ln, (k, rest) in zip(lines, classified):
        if k and rest is None and ln.bbox:
            title_edges[(ln.column, round(ln.bbox[0]))] = title_edges.get((ln.column, round(ln.bbox[0])), 0) + 1
    # The section each column of each page was last in, and its last line there.
    columns: dict[tuple[int, int], tuple[Section, Line]] = {}
    # Per section, the styles of lines set like titles that turned out to be its entries.
    entry_styles: dict[int, set[tuple]] = {}
    for i, (ln, (key, rest)) in enumerate(zip(lines, classified)):
        if not key and sections[-1].key != "header" and _unknown_heading(ln, signatures, body, heading_sizes) \
                and not _starts_entry(lines, i, sections[-1].key) and not _entry_like_title(ln, sections[-1], entry_styles):
            key = "other"
        inside = sections[-1].key != "header"
        if key and rest is None and inside and (_sub_heading(ln, key, sections[-1].key, top, top_keys, sections[-1].heading)
                                                or (edge is not None and ln.bbox and ln.bbox[0] >= edge - 2)
                                                or _nested(ln, lines[i + 1] if i + 1 < len(lines) else None,
                                                           sections[-1], title_edges)
                                                or _plain(ln, body, top, sections[-1].heading)):
            key = None  # a sub-heading or an entry styled like a title: content of the section
        resume = None if key else _resumed(sections, ln, prev, bottoms)
        back = None if key or resume is not None else _back_in_column(ln, prev, columns)
        if resume is not None and resume is not sections[-1]:
            sections.append(Section(resume.key, resume.heading))
        elif back is not None:
            if back is not sections[-1]:
                sections.append(Section(back.key, back.heading))
        elif not key and inside and _page_title(ln, heading_sizes, body):
            # Display text bigger than every section title (the name after a sidebar printed first) ends
            # the section: what follows it is the page's header block, not that section's items.
            sections.append(Section("header", None))
        elif not key and prev is not None and ln.page == prev.page and ln.column > prev.column and inside \
                and not _indented_under(ln, prev) and not _beside(ln, sections[-1]):
            # A new column on the same page does not continue the last section of the
            # previous column (e.g. a sidebar's "Languages" before the main column's name).
            sections.append(Section("header", None))
        prev = ln
        columns[(ln.page, ln.column)] = (sections[-1], ln)
        if key and rest is not None and (sections[-1].key in _ENTRY_SECTIONS or (
                sections[-1].key == "skills" and key in ("skills", "languages", "certifications"))):
            # "Skills: Python, Go" under a job describes that job; "Languages: C, Go, Rust" or
            # "Certifications: ACLS, BLS" under Skills is one of its categories.  The section goes on.
            sections[-1].lines.append(ln)
            continue
        head = sections[-1].heading
        if key and rest is None and head is not None and head.bold == ln.bold \
                and head.text.isupper() == ln.text.isupper() and _stacked(head, ln):
            # The second line of a title wrapped in a margin cell, read after the first line of the
            # cell beside it ("PROFESSIONAL SKILLS" / "Teaching: …" / "OVERVIEW"): still that title.
            continue
        if key:
            sec = Section(key, ln)
            sections.append(sec)
            columns[(ln.page, ln.column)] = (sec, ln)
            if rest:
                sec.lines.append(
                    Line(text=rest, page=ln.page, bbox=ln.bbox, size=ln.size, bold=False, column=ln.column,
                         index=ln.index, style=None, bullet=False, source=ln.source)
                )
            continue
        sections[-1].lines.append(ln)
    return sections
