"""Helpers shared by the education and experience parsers: what kind of line
is this (entry header, bullet, prose), and which fields does a header hold."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .contacts import looks_like_location
from .dates import MONTH_UNIT, YEAR_UNIT, DateSpan, find_dates, keep_range_arrows
from .experience_fields import ALIAS
from .forms import label_field
from .model import Line
from .textutil import CJK_RE, ICON_RE, strip_bullet, word_count

TITLE_RE = re.compile(
    r"(?:\b(?:engineer|engineering manager|developer|programmer|manager|designer|analyst|scientist|consultant|"
    r"director|intern|internship|architect|specialist|coordinator|officer|administrator|lead|leader|head|president|"
    r"vp|vice president|founder|co-founder|cofounder|cto|ceo|cfo|coo|cio|owner|partner|principal|researcher|"
    r"research assistant|teaching assistant|assistant|associate|fellow|postdoc|professor|lecturer|instructor|"
    r"teacher|tutor|accountant|auditor|controller|nurse|physician|technician|representative|rep|executive|"
    r"strategist|writer|editor|marketer|recruiter|advisor|adviser|sre|devops|staff|member of technical staff|"
    r"contractor|freelancer?|volunteer|trainee|apprentice|clerk|secretary|supervisor|foreman|operator|agent|"
    r"attorney|lawyer|paralegal|counsel|pharmacist|therapist|producer|photographer|animator|artist|"
    r"product owner|scrum master|evangelist|advocate|tester|qa|sdet|buyer|planner|chef|cashier|barista|"
    r"mentor|chair|secretary|treasurer|chief|driver|cook|doctor|pilot|captain|sergeant|ambassador|copywriter|"
    r"economist|statistician|mathematician|physicist|chemist|biologist|technologist|hacker|translator|interpreter|"
    r"coach|trainer|dean|receptionist|bookkeeper|waiter|waitress|bartender|electrician|plumber|mechanic|welder|"
    r"carpenter|cashier|merchandiser|stylist|curator|librarian|journalist|reporter|correspondent|photojournalist|"
    r"paramedic|dentist|surgeon|pharmacist|midwife|caregiver|psychologist|counselor|counsellor|social worker|"
    r"investigator|inspector|estimator|surveyor|draftsman|draughtsman|programme manager|owner-operator)s?\b"
    r"|工程师|经理|实习生|实习|总监|主管|专员|设计师|分析师|开发|助理|顾问|负责人|架构师|研究员|运营|产品|销售|"
    r"会计|教师|讲师|总裁|创始人|合伙人|组长|主任|科学家|程序员|测试|算法|技术|专家|编辑|策划|客服|助教|秘书|干事|部长|主席)",
    re.I,
)
COMPANY_RE = re.compile(
    r"(?:\bco\.|\b[nb]\.v\.|\bs\.p\.a\.?|\bs\.r\.l\.?|\bs\.a\.s\.?|\bsp\. z o\.o\.?|\b(?:inc|incorporated|llc|llp|ltd|limited|corp|"
    r"corporation|company|gmbh|ag|s\.a\.?|sa|spa|srl|sarl|sas|nv|oy|oyj|ab|asa|aps|kk|pvt|plc|pte|pty|bv|kg|se|"
    r"technologies|technology|tech|labs?|group|holdings|partners|solutions|systems|software|studios?|"
    r"consulting|capital|ventures|bank|hospital|clinic|agency|foundation|association|university|college|"
    r"institute|school|council|department|ministry|government|bureau|office|media|networks|services|"
    r"international|global|enterprises|industries|pharmaceuticals|motors|airlines|electronics|"
    r"google|microsoft|amazon|meta|facebook|apple|netflix|stripe|uber|airbnb|ibm|oracle|intel|nvidia|"
    r"tencent|alibaba|baidu|bytedance|huawei|xiaomi|jd\.com|meituan|netease|didi)\b\.?"
    r"|公司|集团|科技|有限|银行|研究院|研究所|大学|学院|医院|事务所|工作室|实验室|中心|部门|腾讯|阿里|百度|字节|华为|小米|京东|美团|网易)",
    re.I,
)
_PART_SPLIT = re.compile(
    r"\s*(?:\t+|\s[|｜]\s|[|｜]|\s·\s|\s•\s|\s◆\s|\s{2,}|\s[–—]\s|\s-\s|,\s(?=[A-Z][a-z]+,\s*[A-Z]{2}\b)|\s+@\s+|\s+at\s+(?=[A-Z0-9\u4e00-\u9fff]))\s*"
)
_CJK_SPACE_SPLIT = re.compile(r"(?<=[\u4e00-\u9fff）)])\s+(?=[\u4e00-\u9fffA-Za-z（(])|(?<=[A-Za-z）)])\s+(?=[\u4e00-\u9fff])")


_DURATION = re.compile(
    rf"^[(（]?\s*(?:\d+\s*(?:\+\s*)?(?:{YEAR_UNIT}|{MONTH_UNIT}|年|个月)\s*)+(?:\d+\s*(?:{MONTH_UNIT}|个月))?\s*[)）]?$",
    re.I)
_DURATION_IN = re.compile(
    rf"[(（·•,]?\s*\b\d+\s*{YEAR_UNIT}\b(?:\s*\d+\s*{MONTH_UNIT}\b)?\s*[)）]?|[(（]?\s*\b\d+\s*{MONTH_UNIT}\b\s*[)）]?"
    r"|[(（]\s*(?:\d+\s*年)?\s*(?:\d+\s*个?月)?\s*[)）]", re.I)  # "2015.07-2018.03 (2年8个月)" in Chinese job-board exports
ACTION_VERB = re.compile(
    r"^(?:led|built|ran|wrote|drove|grew|won|made|cut|set|own(?:ed)?|shipped|launched|designed|developed|created|"
    r"managed|implemented|improved|increased|reduced|delivered|collaborated|worked|responsible|assisted|supported|"
    r"analy[sz]ed|conducted|coordinated|maintained|mentored|optimi[sz]ed|automated|architected|migrated|spearheaded|"
    r"established|introduced|partnered|oversaw|handled|helped|performed|prepared|provided|trained|utili[sz]ed|used|"
    r"achieved|presented|researched|organi[sz]ed|executed|negotiated|generated|streamlined|authored|contributed|"
    r"participated|served|participating|leading|building|developing|managing|creating|working|drive|build|develop|"
    r"manage|create|design|lead|own|support|deliver|负责|参与|主导|完成|协助|带领|独立|设计|开发|优化|搭建|推动)\b", re.I)


_LIST_LABEL = re.compile(
    r"^\s*(?:key\s+)?(?:skills?(?:\s+used)?|tools?(?:\s+used)?|technolog(?:y|ies)(?:\s+used)?|tech(?:nical)?\s+stack|stack|"
    r"environment|languages?|frameworks?|keywords|achievements?|responsibilities|technologies\s*&\s*tools|"
    r"技术栈|技术|工具|使用技术|主要技术|环境|职责|成果)\s*[:：]\s*\S", re.I)


# "Key Achievements" / "Responsibilities:" on a line of its own inside a job introduces that job's
# bullets; it is neither a new entry nor a highlight.
_SUBHEADING = re.compile(
    r"^(?:key\s+|main\s+|major\s+|selected\s+|notable\s+|core\s+)?(?:achievements?|accomplishments?|"
    r"responsibilit(?:y|ies)|duties|highlights|contributions|results|impact|projects?)(?:\s+(?:and|&)\s+"
    r"(?:achievements?|accomplishments?|responsibilit(?:y|ies)|duties|results))?\s*[:：]?$"
    r"|^(?:工作职责|岗位职责|主要职责|工作内容|工作业绩|主要业绩|工作成果|职责描述|工作描述)\s*[:：]?$", re.I)


# "工作描述：负责…" in job-board exports: the label introduces the highlight's text.
HIGHLIGHT_LABEL = re.compile(r"^(?:工作描述|工作内容|职责描述|工作职责|岗位职责|主要职责|job\s+description|description|duties)\s*[:：]\s*(?=\S)", re.I)


def is_subheading(text: str) -> bool:
    return bool(_SUBHEADING.match(text.strip()))


def is_labelled_list(text: str) -> bool:
    """"Technologies: React, Node.js" under a job: part of the entry's body."""
    return bool(_LIST_LABEL.match(text))


def is_duration(text: str) -> bool:
    return bool(_DURATION.match(text.strip()))


@dataclass
class Header:
    line: Line
    dates: DateSpan | None
    parts: list[str] = field(default_factory=list)
    place: str | None = None  # a place known from its position (right-aligned above the dates)
    employment: str | None = None  # "Full-time", "Internship": how, not where or what
    field: str | None = None  # the field a form's label names ("company", "title", "degree", …)


def is_bullet(line: Line) -> tuple[str, bool]:
    text, b = strip_bullet(line.text)
    return text, b or line.bullet


def _capitalised_title(text: str) -> bool:
    """"Lead Data Engineer", "Support Engineer | Remote": a job title that merely starts with a verb."""
    first = re.split(r"\t|\s[|｜·–—-]\s|\s{2,}", text.strip())[0]
    words = first.split()
    return 2 <= len(words) <= 6 and bool(TITLE_RE.search(first)) and not re.search(r"[.;:!?]$", first) \
        and all(w[:1].isupper() or w in ("of", "and", "&", "for", "the", "in", "to") for w in words)


def _latin_led(text: str) -> bool:
    """A bilingual header ("Qiantang University of Pharmacy 钱塘药科大学") is measured as the Latin
    text it mostly is: the Chinese length rule would call it a sentence."""
    if re.search(r"[，。；！？]", text):
        return False
    latin = len(re.findall(r"[A-Za-z]+", text))
    return latin >= 2 and len(CJK_RE.findall(text)) <= 4 * latin


# A header that ends on a legal form's abbreviation ("Humber Line Electric Ltd.", "Grupo Norte
# S.A. de C.V.") ends on a dot that closes no sentence.
_LEGAL_FORM_DOT = re.compile(
    r"(?i)(?:\b(?:inc|ltd|co|corp|llc|llp|plc|pty|pvt|pte|bhd|gmbh|ag|sa|nv|bv|srl|spa|sarl|sas|ab|oy|as)|"
    r"(?:\b[a-z]\.){1,3}[a-z]|\bo\.o|\bc\.v)\.$")


def ends_sentence(text: str) -> bool:
    """The text ends on a full stop that closes a sentence, not on a legal form's abbreviation."""
    t = text.rstrip()
    return t.endswith((".", "。")) and not _LEGAL_FORM_DOT.search(t) and not _ABBREVIATION_END.search(t)


# "… Presidio Search Inc.", "… Quill S.A.": a name's abbreviation, not the full stop of a sentence.
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z][a-z]{1,3}|\b(?:[A-Za-z]\.)+[A-Za-z])\.$")


# A name: a capitalised word, then a group for each further word — capitalised (a bracketed town,
# "Halle (Saale)", a number) or one of the small words between them. Append the group's count
# ("+", "{0,5}") to use it.
ORG_NAME = (r"[A-ZÀ-Þ][\w'’.&\-]*(?:\s+(?:[(（]?[A-ZÀ-Þ0-9&][\w'’.&\-]*[)）]?"
            r"|of|and|for|the|de|do|da|du|der|la|le|y|di|del|für|und|van|von))")


def is_prose(text: str) -> bool:
    words = word_count(text)
    if (ACTION_VERB.match(text) or re.match(r"[A-Z][a-z]{2,}ed\s", text)) and words >= 3 and not find_dates(text) \
            and not _capitalised_title(text):
        return True
    sentence_end = text.rstrip().endswith((".", ";")) and not _ABBREVIATION_END.search(text.rstrip()) \
        and not _LEGAL_FORM_DOT.search(text.rstrip())
    if sentence_end and words >= 4 and text.rstrip().endswith("."):
        return True
    if CJK_RE.search(text) and not _latin_led(text):
        span = find_dates(text)
        core = text if span is None else text[: span.begin] + text[span.stop:]
        core = re.sub(r"\s+", "", core)
        if text.rstrip().endswith(("。", "；", ";")):
            return True
        if span is not None and span.start and not re.search(r"[，。；！？]", core):
            # A dated line without sentence punctuation is an entry header, however long the
            # bilingual company name ("深圳蓝鲸文化传媒有限公司 Bluewhale Media Co., Ltd.  2019.06 - 至今").
            return False
        return len(core) > (30 if span else 24) or ("，" in core and len(core) > 16)
    span = find_dates(text)
    if span is not None and re.search(r"\s(?:in|during|by|until|throughout|before|after|between|of)\s*$", text[: span.begin]) \
            and _lower_content_words(text[: span.begin]) >= 2:
        return True  # "Zero lost-time injuries in 2022 and 2023": a year inside a sentence dates no entry
    longest = text
    if "\t" in text:
        # A header with tab stops (title, place, dates): the longest field is what reads as a sentence.
        longest = max(text.split("\t"), key=word_count)
        words = word_count(longest)
    return words > 14 or (words > 6 and sentence_end) or text[:1].islower() \
        or (words > 8 and _lower_content_words(longest) >= 3)


_FUNCTION_WORD = frozenset("a an the of in on at to for from with by and or as into over per via de du des la le et y".split())


def _lower_content_words(text: str) -> int:
    """Words in lower case that are not function words: a sentence's content words are lower-case
    ("…the availability search in Kotlin, p95 from 900 ms…"), a name's or a title's capitalised."""
    span = find_dates(text)
    if span is not None:  # "Oct 2020 – present Backend Developer, …": the range is no sentence
        text = text[: span.begin] + " " + text[span.stop:]
    return sum(1 for w in re.findall(r"[^\W\d_][\w'’-]*", text)
               if w[0].islower() and len(w) > 2 and w not in _FUNCTION_WORD)


# The full stop some layouts set after a dated header's last field ("Systems Administrator,
# Kattegatt Hosting.  2016.08 – 2019.12"): punctuation, not a sentence's end. Abbreviations keep
# theirs ("Acme Inc.", "Quill S.A.").
_CLOSING_DOT = re.compile(r"(?<![.\s])(?<!\.[A-Za-z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})(?<!\b[A-Z][a-z]{3})\.$")


def header_parts(line: Line) -> Header:
    """Dates and remaining text fields of an entry header line."""
    text = ICON_RE.sub(" ", keep_range_arrows(line.text)).strip()
    # Form-style entries ("Company: Kaveri Infotech", "Occupation or position held: Audit Manager"):
    # the label names the field, the value is what the field holds.
    labelled = label_field(text)
    if labelled:
        field, text = labelled
    span = find_dates(text)
    rest = text
    if span:
        rest = (text[: span.begin] + "\t" + text[span.stop:]).strip()
        rest = re.sub(r"[(（]\s*[)）]", "", rest)
        # LinkedIn adds "(3 years 2 months)" after dates.
        rest = _DURATION_IN.sub(" ", rest).strip()
    parts: list[str] = []
    if re.search(r"(?i)\b(?:university|college|institute)\b[^|\t]*\sat\s", rest):
        rest = re.sub(r"\s+at\s+", "\u2060at\u2060", rest)  # "University of Texas at Austin" stays whole
    for p in _PART_SPLIT.split(rest):
        p = p.strip(" ,;:|·•–—-\t")
        if p[:1] in "(（" and p[-1:] in ")）":
            p = p[1:-1].strip()
        # Brackets left over from a removed date: "Engineer (" / ") Acme"
        p = re.sub(r"^[)）]\s*|\s*[(（]$", "", p)
        if p.count("(") < p.count(")"):
            p = p.rstrip(")）").strip()
        if p.count("(") > p.count(")"):
            p = p + ")"
        if not p or is_duration(p):
            continue  # "2 ans" / "5 mois" in a field of its own beside the employer: a length, no field
        p = p.replace("\u2060", " ")
        p = re.sub(r"\.\.$", ".", p)  # "Inc.." where a template sets a full stop after "Inc."
        if span and _CLOSING_DOT.search(p):
            p = p[:-1]
        m = re.match(r"^(.+?)\s*[(（]([^()（）]{2,40})[)）]$", p)
        if m and is_location(m.group(2)) and not CJK_RE.search(p):
            # "Senior Backend Engineer (Remote)", "Acme Corp (Berlin, Germany)": the place is a field of its own.
            parts.extend([m.group(1).strip(), m.group(2).strip()])
            continue
        if CJK_RE.search(p):
            parts.extend(_cjk_fields(p))
        else:
            parts.extend(_unglue(p))
    return Header(line, span, parts, field=field if labelled else None)


# A lower-case letter run straight into a capitalised word: two fields printed with no space
# between them ("Audit ManagerPennine Ledger LLP", an HTML flex row flattened by a word processor).
GLUED = re.compile(r"(?<=[a-zß-ÿ]{2})(?=[A-ZÀ-Þ][a-zß-ÿ])")


def _unglue(p: str) -> list[str]:
    """The part, or the role and the organisation glued in it: cut where the text before the join
    is a role. A capitalised name inside a word ("BlackRock", "McAllister") stays whole."""
    for m in GLUED.finditer(p):
        head, tail = p[:m.start()].strip(), p[m.start():].strip()
        if " " in tail and not re.search(r"[,;|]", head) and is_title(head):
            return [head, tail]
    return [p]


def _cjk_fields(p: str) -> list[str]:
    """The fields of a header part holding Chinese text."""
    if _bilingual(p):
        return [p]
    pieces = [q.strip() for q in re.split(r"[,，]\s*", p) if q.strip()]
    if len(pieces) > 1 and any(_bilingual(q) for q in pieces):
        # "Acme 阿克米, Senior Analyst 高级分析师": bilingual fields listed with commas.
        return [f for q in pieces for f in (_cjk_fields(q) if CJK_RE.search(q) else [q])]
    pieces = [q.strip(" ,;:|") for q in re.split(r"\s+", p) if q.strip(" ,;:|")]
    # Latin words inside a Chinese field ("Java 开发实习生", "腾讯 IEG") stay with their neighbour.
    merged: list[str] = []
    for q in pieces:
        if merged and not CJK_RE.search(q) and not is_location(q) and CJK_RE.search(merged[-1]) \
                and not is_company(merged[-1]) and not is_title(merged[-1]):
            merged[-1] += " " + q
        elif merged and not CJK_RE.search(merged[-1]) and not is_company(merged[-1]) and \
                not is_title(merged[-1]) and not is_location(merged[-1]):
            merged[-1] += " " + q
        else:
            merged.append(q)
    return merged


# Latin first: an English résumé glossing its fields in Chinese.  (A Chinese résumé that adds the
# English form, "市场经理 Marketing Manager", keeps the Chinese field.)
_BILINGUAL = re.compile(r"^(?P<la>[A-Za-z][^\u4e00-\u9fff]*?)\s+(?P<za>[\u4e00-\u9fff][^A-Za-z]*)$")


def _kind(text: str) -> str | None:
    if is_location(text):
        return "location"
    if is_title(text) and not is_legal_entity(text):
        return "title"
    return "company" if is_company(text) else None


def _bilingual(part: str) -> bool:
    """"Senior Clinical Research Associate 高级临床监查员", "Jadeport Clinical Research 玉港临床研究": one
    field printed in two languages, not two fields.  The Latin half needs two words or more, and
    the Chinese half must not be read as another kind of field ("ByteDance 后端开发工程师")."""
    m = _BILINGUAL.match(part.strip())
    if not m:
        return False
    latin, chinese = m.group("la"), m.group("za")
    if len(latin.split()) < 2:
        return False
    lk, ck = _kind(latin.strip()), _kind(chinese.strip())
    return ck is None or ck == lk


def _specialisation(piece: str) -> bool:
    """"FP&A", "R&D", "QA/QC": a function written as initials qualifies a title; it is no employer."""
    return bool(re.fullmatch(r"[A-Z]{1,3}\s?[&/]\s?[A-Z]{1,3}", piece.strip()))


# An organisation's name: a run of capitalised words, with the particles names keep in lower case.
_NAME_RUN = re.compile(r"[A-ZÀ-Þ0-9][\w&'’.\-]*(?: (?:[A-ZÀ-Þ0-9&][\w&'’.\-]*|of|and|the|de|da|do|dos|das|du|des|la|le|y|e|für|und))*")


def _org_then_role(pieces: list[str]) -> list[str] | None:
    """"Meridale Foods, Financial Analyst, FP&A": a name that holds no job word, then a title with
    its qualifiers.  Decided by what the parts are (the first names no role, a later one does)."""
    k = next((i for i, p in enumerate(pieces) if is_title(p) and not is_legal_entity(p)), None)
    if not k or any(looks_like_location(p) for p in pieces[:k]):
        return None
    head = ", ".join(pieces[:k])
    if not _NAME_RUN.fullmatch(head):
        return None  # a name is a run of capitalised words
    tail = pieces[k:]
    places = [p for p in tail[1:] if looks_like_location(p)]
    role = ", ".join(p for p in tail if p not in places)
    return [head, role, *places]


def _role_then_org(pieces: list[str]) -> list[str] | None:
    """"First Officer, Airbus A320, Aerovia Atlântica Linhas Aéreas": a role with its own comma, then
    the employer (a known organisation, or a run of capitalised words that names no role or place)."""
    if len(pieces) < 3 or not is_title(pieces[0]) or is_legal_entity(pieces[0]):
        return None
    last = pieces[-1]
    named = is_company(last) or (" " in last and _NAME_RUN.fullmatch(last))
    if is_title(last) or looks_like_location(last) or not named:
        return None
    middle = pieces[1:-1]
    if any(looks_like_location(p) or is_company(p) or len(p.split()) > 3 for p in middle):
        return None
    return [", ".join(pieces[:-1]), last]


def split_commas(part: str, relaxed: bool = False) -> list[str]:
    """"Operations Manager, Greybridge Ltd" → two fields, when the pieces are recognisable."""
    if "," not in part and "，" not in part:
        return [part]
    pieces = [p.strip() for p in re.split(r"[,，]\s*", part) if p.strip()]
    if looks_like_location(part) and not is_company(pieces[0]):
        # ("Noordzee Havenbouw N.V., Antwerp, Belgium" ends like a place but starts with an employer.)
        return [part]
    # Re-join a trailing "City, ST" / "City, Country".
    out: list[str] = []
    i = 0
    while i < len(pieces):
        # "Meridian Health, New York, NY": pair the city with its state, not the company with the city.
        later = i + 2 < len(pieces) and looks_like_location(pieces[i + 1] + ", " + pieces[i + 2])
        if i + 1 < len(pieces) and not later and looks_like_location(pieces[i] + ", " + pieces[i + 1]):
            out.append(pieces[i] + ", " + pieces[i + 1])
            i += 2
        else:
            out.append(pieces[i])
            i += 1
    if len(out) > 1 and is_title(out[0]) and all(_specialisation(p) for p in out[1:]):
        return [part]  # "Financial Analyst, FP&A": a role and its field, not a role and an employer
    split = _org_then_role(out) or _role_then_org(out)
    if split:
        return split
    # "Harbour Lane Hotels (as The Gull & Anchor)": a trading name in brackets marks an organisation.
    known = sum(1 for p in out if is_title(p) or is_company(p) or looks_like_location(p) or ALIAS.search(p))
    need = len(out) - 1 if relaxed else len(out)
    if len(out) > 1 and known >= need and all(len(ALIAS.sub("", p).split()) <= 7 for p in out):
        # Company suffixes split off by the comma ("Acme, Inc.") belong to the company.
        merged: list[str] = []
        for p in out:
            if merged and re.fullmatch(r"(?i)(inc|llc|ltd|corp|co|plc|gmbh|s\.?a|ag)\.?", p):
                merged[-1] += ", " + p
            else:
                merged.append(p)
        return merged
    return [part]


# Occupations no list names are still known by their form: the nouns of the professions
# (Radiographer, Physiotherapist, Podiatrist, Dietitian, Optician), and a grade after a
# function ("Audit Senior", "Tax Junior").  Words of that form that name no person are kept out,
# and so are the churches that name hospitals ("Baptist Health", "Methodist Hospital").
_ROLE_FORM = re.compile(r"\b[A-Za-z]{2,}(?:ologist|ographer|therapist|iatrist|ician|itian|ist)s?\b"
                        r"|\b[A-Z][a-z]+ (?:Senior|Junior)$")
_NOT_ROLE_FORM = frozenset(
    "exist assist consist persist resist insist twist wrist christ checklist playlist shortlist waitlist "
    "blacklist whitelist wishlist booklist baptist methodist adventist evangelist".split())


def is_title(part: str) -> bool:
    if TITLE_RE.search(part):
        return True
    return any(_NOT_ROLE_FORM.isdisjoint({w, w.rstrip("s")}) for w in (m.group(0).lower() for m in _ROLE_FORM.finditer(part)))


def is_company(part: str) -> bool:
    return bool(COMPANY_RE.search(part))


# A name ending in a legal form is an organisation even when it contains a job word
# ("杭州云帆信息技术有限公司" holds 技术, "Meridian Health Partners" holds "partner").
_LEGAL_END = re.compile(
    r"(?:\b(?:inc|incorporated|llc|llp|ltd|limited|corp|corporation|company|gmbh|ag|plc|pty|pte|pvt|s\.?a|s\.?p\.?a|"
    r"s\.?r\.?l|b\.?v|n\.?v|oy|ab|co|partners|associates|group|holdings|"
    # a plural profession names the firm, never the role ("Irwell & Holt Accountants")
    r"accountants|solicitors|architects|surveyors|consultants|advisers|advisors|lawyers|attorneys|engineers)\.?|公司|集团|银行|医院|研究院|研究所|事务所|工作室|实验室)$", re.I)


def is_legal_entity(part: str) -> bool:
    return bool(_LEGAL_END.search(part.strip(" ,;:|")))


def is_location(part: str) -> bool:
    return looks_like_location(part)
