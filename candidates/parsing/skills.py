"""Skills normalised against the curated taxonomy in ``data/skills.txt``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .entries import is_labelled_list
from .model import Line
from .textutil import CJK_RE, strip_bullet

DATA = Path(__file__).with_name("data") / "skills.txt"


@dataclass(frozen=True)
class Taxonomy:
    canonical: list[str]
    # casefolded alias → canonical, for aliases usable anywhere
    anywhere: dict[str, str]
    # casefolded alias → canonical, usable only inside skills context
    context: dict[str, str]
    # exact-case alias → canonical, context-only and case-sensitive ("Go", "R", "C")
    exact: dict[str, str]
    prose_re: re.Pattern[str]
    context_re: re.Pattern[str]


def _alt(aliases: list[str], case_sensitive: set[str]) -> str:
    out = []
    for a in sorted(set(aliases), key=len, reverse=True):
        esc = re.escape(a).replace(r"\ ", r"\s+")
        out.append(f"(?-i:{esc})" if a in case_sensitive else esc)
    return "|".join(out) or "(?!x)x"


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    canonical: list[str] = []
    anywhere: dict[str, str] = {}
    context: dict[str, str] = {}
    exact: dict[str, str] = {}
    for raw in DATA.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        restricted = line.startswith("!")
        parts = [p.strip() for p in line.lstrip("!").split("|") if p.strip()]
        canon = parts[0].lstrip("~")
        canonical.append(canon)
        for i, p in enumerate(parts):
            alias = p.lstrip("~")
            if restricted and i == 0:
                exact[alias] = canon
            elif p.startswith("~") or restricted and len(alias) <= 2:
                context.setdefault(alias.casefold(), canon)
            else:
                anywhere.setdefault(alias.casefold(), canon)
    # Keep the original spellings for the regexes (case-insensitive except exact ones).
    def originals(d: dict[str, str]) -> list[str]:
        return list(d.keys())

    latin_any = [a for a in originals(anywhere) if not CJK_RE.search(a)]
    cjk_any = [a for a in originals(anywhere) if CJK_RE.search(a)]
    latin_ctx = [a for a in originals(context) if not CJK_RE.search(a)] + list(exact.keys()) + latin_any
    cjk_ctx = [a for a in originals(context) if CJK_RE.search(a)] + cjk_any
    b_left = r"(?<![\w+#.\-])"
    b_right = r"(?![\w+#]|\.\w)"
    prose = rf"{b_left}(?:{_alt(latin_any, set())}){b_right}|(?:{_alt(cjk_any, set())})"
    ctx = rf"{b_left}(?:{_alt(latin_ctx, set(exact))}){b_right}|(?:{_alt(cjk_ctx, set())})"
    return Taxonomy(canonical, anywhere, context, exact, re.compile(prose, re.I), re.compile(ctx, re.I))


def normalise_skill(text: str) -> str | None:
    """Canonical name for one skill mention ("golang" → "Go"), or None when unknown."""
    t = re.sub(r"\s+", " ", text.strip())
    tx = taxonomy()
    if t in tx.exact:
        return tx.exact[t]
    k = t.casefold()
    return tx.anywhere.get(k) or tx.context.get(k)


def _lookup(match: str, contextual: bool) -> str | None:
    tx = taxonomy()
    m = re.sub(r"\s+", " ", match)
    if contextual and m in tx.exact:
        return tx.exact[m]
    k = m.casefold()
    if k in tx.anywhere:
        return tx.anywhere[k]
    if contextual and k in tx.context:
        return tx.context[k]
    return None


_URLISH = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|io|dev|net|org|me|cn|ai|co)(?:/\S*)?")
_LIST_SEP = re.compile(r"\s*(?:[,，、;；|｜•·/]|\s-\s|\t|\s{3,})\s*")


def is_list_line(text: str) -> bool:
    items = [i for i in _LIST_SEP.split(text) if i.strip()]
    if len(items) < 3:
        return False
    if any(i.rstrip().endswith(("。", ".")) and len(i) > 25 for i in items):
        return False

    def size(i: str) -> float:
        # A Chinese character is about a third of an English word.
        return len(i.split()) + len(CJK_RE.findall(i)) / 3

    return sum(size(i) for i in items) / len(items) <= 3.5


# "A/B Testing", "UI/UX", "PL/SQL", "TCP/IP": a slash between short tokens joins one skill, and so
# does one between a capitalised word and a lower-case one ("Lockout/tagout": the next item would
# start like the others); elsewhere ("Python/Go", "python/go") it separates two.  Shielded as U+2215
# while splitting.
_SHORT_SLASH = re.compile(r"(?<![\w+#])([A-Za-z]{1,3})/(?=[A-Za-z]{1,3}(?![\w+#]))|(?<![\w+#])([A-Z][a-z]+)/(?=[a-z]+\b)")


def _trim_item(item: str) -> str:
    """A list item without the separators' debris, keeping brackets that enclose something
    ("Project Scheduling (Primavera P6)" stays whole; "(Docker" loses its stray bracket)."""
    t = item.replace("\u2215", "/").strip(" []").rstrip(".").strip()
    while t[:1] in "(（" and t.count("(") + t.count("（") > t.count(")") + t.count("）"):
        t = t[1:].strip()
    while t[-1:] in ")）" and t.count(")") + t.count("）") > t.count("(") + t.count("（"):
        t = t[:-1].strip()
    if t[:1] in "(（" and t[-1:] in ")）":
        t = t[1:-1].strip()
    return t


_EXAMS = re.compile(r"^(?:CET|TEM|IELTS|TOEFL|TOEIC|JLPT|HSK|GRE|GMAT|SAT)\b|^(?:英语|大学英语|日语)?[四六八]级", re.I)
_LEVELS = re.compile(
    r"^(?:advanced|intermediate|beginner|basic|proficient|expert|familiar|fluent|native|good|excellent|strong|"
    r"working knowledge|knowledge of|experienced|and|etc\.?|others?|more|熟练掌握|熟练|精通|了解|熟悉|掌握|良好|一般)$",
    re.I,
)
# "Languages: C, Go", also with the level the group is held at ("Planning (Advanced): S&OP, MRP").
_LABEL = re.compile(r"^\s*([A-Za-z\u4e00-\u9fff][\w &/\-\u4e00-\u9fff]{0,30}?)\s*(?:[(（][^)）:：]{1,20}[)）]\s*)?[:：]\s*")


@dataclass
class Mention:
    """One skill as the document prints it (``text``) and as the taxonomy names it (``skill``).
    ``listed``: under a skills heading or in a list; otherwise inferred from prose."""

    skill: str
    text: str
    line: Line
    confidence: float
    listed: bool


class _Found:
    """Mentions in document order; each (skill, printed text) once."""

    def __init__(self) -> None:
        self.mentions: list[Mention] = []
        self._seen: set[tuple[str, str]] = set()

    def add(self, skill: str, text: str, line: Line, conf: float, listed: bool) -> None:
        key = (skill.casefold(), re.sub(r"\s+", " ", text).strip().casefold())
        if key not in self._seen:
            self._seen.add(key)
            self.mentions.append(Mention(skill, re.sub(r"\s+", " ", text).strip(), line, conf, listed))
            return
        for m in self.mentions:
            if listed and not m.listed and (m.skill.casefold(), m.text.casefold()) == key:
                # Named in a job's bullets first, listed under Skills later: a listed skill.
                m.listed, m.line, m.confidence = True, line, max(m.confidence, conf)


def _printed_skill(it: str) -> str | None:
    """An item listed under a skills heading, as printed, when it can be a skill at all."""
    it = re.sub(r"\s*[(（][^)）]*[)）]\s*$", "", it).strip()
    it = re.sub(r"[\s●○■□★☆◆◇▪▫•·|/\-–—:]+$", "", it).strip()
    if not it or len(it) > 40 or len(it.split()) > 4 or _LEVELS.match(it):
        return None
    if re.search(r"[.!?。]$|\d{4}|\b\d+\+?\s*(?:years?|yrs?|months?)\b|%|^\d", it, re.I) or _EXAMS.match(it):
        return None
    return it if re.search(r"[A-Za-z\u4e00-\u9fff]", it) else None


# Words around a known name that qualify it rather than make a longer skill ("熟悉 Go", "PMP 认证",
# "Digital skills: SolidWorks").
_QUALIFIER = re.compile(r"(?i)^(?:skills?|tools?|certified|certification|certificate|认证|证书|资格|技能|工具)$")


def _section_item(it: str, ln: Line, found: _Found) -> None:
    """Everything listed under a skills heading is a skill, known to the taxonomy or not.  A known
    name that covers only part of the item ("Quality assurance scoring") keeps the item as printed."""
    tx = taxonomy()
    whole = re.sub(r"\s+", " ", it).strip().casefold()
    known = [(m, _lookup(m.group(0), True)) for m in tx.context_re.finditer(it)]
    known = [(m, canon) for m, canon in known if canon]
    if not known:
        printed = _printed_skill(it)
        if printed:
            found.add(printed, printed, ln, 0.7, True)
        return
    for m, canon in known:
        s = m.group(0)
        if re.sub(r"\s+", " ", s).casefold() == whole:
            found.add(canon, s, ln, 0.9, True)
            return
        if s.casefold() in tx.anywhere or s in tx.exact:
            # "Python scripting": Python is claimed too; a generic word inside a longer item is not
            # ("Brand Strategy" is no "Strategic Planning").
            found.add(canon, s, ln, 0.8, True)
    # Words the known names leave over make the item a longer skill of its own ("DCF valuation",
    # "Budgeting and forecasting"); none left means several skills side by side ("TypeScript React").
    rest, last = [], 0
    for m, _ in known:
        rest += it[last: m.start()].split()
        last = m.end()
    rest += it[last:].split()
    if not rest and len(known) > 1 and len({canon for _, canon in known}) == 1:
        found.add(known[0][1], it, ln, 0.85, True)  # "DCF valuation": two names of one skill
        return
    if rest:
        words = [w for w in rest if not re.fullmatch(r"(?i)and|&|of|for|in|with", w)]
        if all(re.fullmatch(r"[A-Za-z\u4e00-\u9fff][\w'’\-/]*", w) and not _LEVELS.match(w)
               and not _QUALIFIER.match(w) for w in words):
            printed = _printed_skill(it)
            if printed:
                found.add(printed, printed, ln, 0.7, True)


def _section_line(text: str, ln: Line, found: _Found) -> bool:
    """Items of one line under a skills heading; False when the line is no list (prose)."""
    body, _ = strip_bullet(text)
    label, tab, rest = body.partition("\t")
    if tab and _one_item(label) and re.search(r"[,，、;；]", rest):
        body = rest  # "Design  Advanced⇥Timber construction, Revit": a group's name and level, then its list
    lab = _LABEL.match(body)
    if lab and len(lab.group(1).split()) <= 3:
        body = body[lab.end():]
        label_skill = _lookup(lab.group(1).strip(), True)
        if label_skill:  # "机器学习：深度学习、推荐系统" — the category is a skill too
            found.add(label_skill, lab.group(1).strip(), ln, 0.8, True)
    items = [_trim_item(i) for i in _LIST_SEP.split(_SHORT_SLASH.sub(lambda m: m.group(0).replace("/", "\u2215"), body))
             if i.strip(" .()[]（）")]
    if not (len(items) >= 2 or (len(body.split()) <= 4 and len(body) <= 30)):
        return False
    for it in items:
        _section_item(it, ln, found)
    return True


def _prose_line(text: str, own: int, ln: Line, found: _Found, in_section: bool) -> None:
    """Known skills named in a sentence or a list line outside the skills section."""
    tx = taxonomy()
    contextual = in_section or is_list_line(text) or is_labelled_list(text)
    # English words inside Chinese prose are nearly always technical terms ("使用 Spark 与 Hive").
    cjk_prose = not contextual and bool(CJK_RE.search(text))
    rx = tx.context_re if contextual or cjk_prose else tx.prose_re
    for m in rx.finditer(text):
        s = m.group(0)
        if m.start() >= own:
            break  # belongs to the next line
        if cjk_prose and CJK_RE.search(s) and not _lookup(s, False):
            continue
        canon = _lookup(s, contextual or (cjk_prose and not CJK_RE.search(s) and s[:1].isupper()))
        if canon and not contextual and re.fullmatch(r"[A-Za-z]+", s) and s.islower() and canon != s:
            # Lower-case single words in prose ("spark", "swift") are usually plain English;
            # names that are lower-case by design ("pytest", "npm") are fine.
            continue
        if canon:
            found.add(canon, s, ln, 0.9 if in_section else (0.75 if contextual else 0.6), contextual)


def _unwrap(lines: list[Line], skill_lines: set[int]) -> list[Line]:
    """"Pharmacovigi-" / "lance, Parenteral nutrition": an item broken at a hyphen in the skills list."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        joined = None
        if prev is not None and prev.index in skill_lines and ln.index in skill_lines and ln.text[:1].islower():
            if re.search(r"[a-z]-$", prev.text):
                joined = prev.text[:-1] + ln.text
            elif re.search(r"[,;，、]", prev.text) and re.search(r"\w$", prev.text) and not _LIST_SEP.search(ln.text[:1]):
                joined = prev.text + " " + ln.text  # "…, Budgeting, Due" / "diligence"
        if joined is not None:
            out[-1] = Line(text=joined, page=prev.page, bbox=prev.bbox, size=prev.size,
                           bold=prev.bold, column=prev.column, index=prev.index, style=prev.style,
                           bullet=prev.bullet, source=prev.source)
            continue
        out.append(ln)
    return out


def _parts(ln: Line) -> list[tuple[str, float, float]]:
    """The tab-separated parts of a line with their left and right edges (one part without them)."""
    texts = ln.text.split("\t")
    if len(texts) > 1 and len(ln.spans) == len(texts):
        return [(t.strip(), x0, x1) for t, (x0, x1) in zip(texts, ln.spans) if t.strip()]
    assert ln.bbox is not None
    return [(ln.text.strip(), ln.bbox[0], ln.bbox[2])]


def _one_item(text: str) -> bool:
    return bool(text) and len(text.split()) <= 4 and not re.search(r"[,，、;；|｜:：•·]", text)


def _read_grid(run: list[Line]) -> list[Line]:
    """A skills list set one item a line in sub-columns side by side ("IFRS  SAP FI/CO" /
    "Cash-flow  Power BI" / "forecasting  Excel": every sub-column starts at the same place on
    several lines): each sub-column read top to bottom, and an item wrapped inside its narrow cell
    joined again — a part that starts lower-case and whose first word would not have fitted after
    the part above it ("Cash-flow" / "forecasting")."""
    if any(len(ln.cells) > 1 for ln in run):
        return run  # boxed chips: the gaps between boxes separate the items
    rows = [_parts(ln) for ln in run]
    if not all(_one_item(t) for parts in rows for t, _, _ in parts):
        return run
    size = max(ln.size or 10.0 for ln in run)
    anchors: list[float] = []
    for x in sorted(x0 for parts in rows for _, x0, _ in parts):
        if not anchors or x - anchors[-1] > 0.8 * size:
            anchors.append(x)
    columns: dict[int, list[tuple[str, float, float, Line]]] = {}
    for ln, parts in zip(run, rows):
        for text, x0, x1 in parts:
            col = min(range(len(anchors)), key=lambda k: abs(anchors[k] - x0))
            columns.setdefault(col, []).append((text, x0, x1, ln))
    if len(columns) < 2 or any(len({id(ln) for _, _, _, ln in cells}) < 2 for cells in columns.values()):
        # One column, or items flowing along the line like words (each at its own place): no grid.
        return run
    out: list[Line] = []
    for col in sorted(columns):
        cells = columns[col]
        limit = max(x1 for _, _, x1, _ in cells)
        items: list[list] = []
        for text, x0, x1, ln in cells:
            if items and text[:1].islower():
                prev = items[-1]
                first = text.split()[0]
                width = (x1 - x0) * len(first) / max(len(text), 1)
                if prev[2] + 0.3 * size + width > limit + 1:
                    joiner = "" if prev[0].endswith("-") else " "
                    prev[0], prev[2] = prev[0] + joiner + text, max(prev[2], x1)
                    prev[4] = min(prev[4], ln.bbox[1] if ln.bbox else prev[4])
                    continue
            items.append([text, x0, x1, ln, ln.bbox[1] if ln.bbox else 0.0])
        for text, x0, x1, ln, bottom in items:
            assert ln.bbox is not None
            out.append(Line(text=text, page=ln.page, bbox=(x0, bottom, x1, ln.bbox[3]), size=ln.size, bold=ln.bold,
                            column=ln.column, index=ln.index, style=ln.style, bullet=ln.bullet, source=ln.source))
    return out


def _grids(lines: list[Line], skill_lines: set[int]) -> list[Line]:
    """Runs of a skills section's lines in one column of one page, read as a grid of items."""
    out: list[Line] = []
    run: list[Line] = []

    def flush() -> None:
        if len(run) >= 2 and all(ln.bbox for ln in run):
            out.extend(_read_grid(run))
        else:
            out.extend(run)
        run.clear()

    for ln in lines:
        if run and (ln.index not in skill_lines or ln.page != run[-1].page or ln.column != run[-1].column):
            flush()
        if ln.index in skill_lines:
            run.append(ln)
        else:
            out.append(ln)
    flush()
    return out


# Where one chip's text runs into the next with no space (a converter dropped the chips' boxes):
# a lower-case letter, a digit or a symbol before a capitalised word ("Inbound planningCustoms"),
# or the last capital of an acronym before one ("S&OPInbound", "Power BIExcel").
_CHIP_JOIN = re.compile(r"(?<=[a-zß-ÿ0-9)&+#])(?=[A-ZÀ-Þ][a-zß-ÿ])|(?<=[A-Z])(?=[A-Z][a-z]{2})")


def _chip_joins(text: str) -> list[int]:
    """The joins of glued chips in a list line, less those inside a name ("JavaScript": the word on
    both sides of the join is a skill we know)."""
    cuts = [m.start() for m in _CHIP_JOIN.finditer(text)]
    bounds = [0] + cuts + [len(text)]
    out = []
    for i, at in enumerate(cuts):
        left = text[max(bounds[i], text.rfind(" ", 0, at) + 1): at]
        nxt_space = text.find(" ", at)
        right = text[at: min(bounds[i + 2], nxt_space if nxt_space >= 0 else len(text))]
        # A prefix of a name ("McKinsey", "iPhone", "DeWalt") is too short to be a chip of its own.
        if not normalise_skill(left + right) and not re.fullmatch(r"[A-Z]?[a-z]{0,2}", left):
            out.append(at)
    return out


def _glued_chips(text: str, lenient: bool) -> list[str] | None:
    """The chips of a skills line printed with no separator between them, or None. One join
    alone could be a name we do not know ("ClickHouse"): it is cut only where another line of
    the list shows the chips glued (``lenient``)."""
    if _LIST_SEP.search(text) or len(text) > 120:
        return None
    cuts = _chip_joins(text)
    if len(cuts) < (1 if lenient else 2):
        return None
    return [text[a:b].strip() for a, b in zip([0] + cuts, cuts + [len(text)]) if text[a:b].strip()]


def find_skill_mentions(lines: list[Line], skill_lines: set[int]) -> list[Mention]:
    """Skill mentions in document order."""
    found = _Found()
    lines = _unwrap(_grids(lines, skill_lines), skill_lines)
    glued = any(_glued_chips(ln.text, False) for ln in lines if ln.index in skill_lines)
    for pos, ln in enumerate(lines):
        in_section = ln.index in skill_lines
        # Web addresses and emails contain words like "http" or a company's domain.
        text = _URLISH.sub(" ", ln.text)
        own = len(text)
        nxt = lines[pos + 1] if pos + 1 < len(lines) else None
        if nxt is not None and not in_section and nxt.index == ln.index + 1 and not strip_bullet(nxt.text)[1] \
                and not nxt.bullet and re.search(r"[A-Za-z]$", text):
            # A skill may wrap onto the next line ("content" / "marketing").
            text = text + " " + " ".join(_URLISH.sub(" ", nxt.text).split()[:2])
        if in_section and len(ln.cells) > 1 and text == ln.text and not re.search(r"[,，、;；]", text):
            # Boxed chips ("Kubernetes  Terraform  UK GAAP"): the gaps between boxes separate items.
            handled = [_section_line(cell, ln, found) for cell in ln.cells]
            if any(handled):
                continue
        chips = _glued_chips(text, glued) if in_section and text == ln.text else None
        if chips and all(_section_line(chip, ln, found) for chip in chips):
            continue
        if in_section and _section_line(text, ln, found):
            continue
        _prose_line(text, own, ln, found, in_section)
    return found.mentions


def find_skills(lines: list[Line], skill_lines: set[int]) -> list[tuple[str, Line, float]]:
    """Skills in document order: (canonical, line, confidence), each once."""
    out: list[tuple[str, Line, float]] = []
    seen: set[str] = set()
    for m in find_skill_mentions(lines, skill_lines):
        if m.skill.casefold() not in seen:
            seen.add(m.skill.casefold())
            out.append((m.skill, m.line, m.confidence))
    return out


def _group_items(ln: Line) -> tuple[list[str], bool] | None:
    """The items of one line of a group and whether they are boxed chips; None when the line is
    no list of short items (a sentence, a date, an address)."""
    text = strip_bullet(ln.text)[0]
    if _URLISH.search(text) or re.search(r"\d{4}|[.!?。]$", text):
        return None
    chips = len(ln.cells) > 1
    items = list(ln.cells) if chips else [i for i in _LIST_SEP.split(text) if i.strip()]
    if not items or any(len(i.split()) > 4 or len(i) > 40 for i in items):
        return None
    return items, chips


def group_form(lines: list[Line]) -> tuple[bool, bool] | None:
    """Whether a group's every line is a list of short items: (set as boxed chips, names a skill
    we know), or None when some line is no such list (a sentence, a date, an address)."""
    if not lines:
        return None
    tx = taxonomy()
    chips = known = False
    for ln in lines:
        got = _group_items(ln)
        if got is None:
            return None
        items, boxed = got
        chips = chips or boxed
        known = known or any(normalise_skill(i) or tx.prose_re.search(i) for i in items)
    return chips, known


def category_lines(lines: list[Line]) -> set[int]:
    """Indices of category titles inside a skills section ("Tools", "Leadership" set larger than
    the items under them, or as a Word heading, or with the items indented under them, side by
    side too: "Finance  Tools" over their lists): they name a group of skills, they are none."""
    # The items' size: the median by characters (short titles must not pull it up).
    sizes = sorted(size for ln in lines if ln.size for size in [ln.size] * max(1, len(ln.text)))
    body = sizes[len(sizes) // 2] if sizes else None
    out: set[int] = {ln.index for ln in lines if _labels_a_list_beside(ln, lines)}
    for prev, ln, nxt in zip([None] + lines[:-1], lines, lines[1:] + [None]):
        if ":" in ln.text or "：" in ln.text:
            continue  # "Languages: C, Go" holds its items
        if prev is not None and re.search(r"[,，、;；]\s*$", prev.text):
            continue  # the end of a list wrapped after a comma
        if (body and ln.size and ln.size >= body + 1.5) or (
                ln.style and re.match(r"(?i)heading", ln.style) and nxt is not None and nxt.style != ln.style):
            out.add(ln.index)  # bigger, or a Word heading over items set otherwise (items as headings are items)
        elif nxt is not None and nxt.page == ln.page and nxt.column == ln.column and _heads(ln, nxt):
            out.add(ln.index)
    return out


def _labels_a_list_beside(ln: Line, lines: list[Line]) -> bool:
    """A grid's label column: a short name level with a list in the column to its right
    ("Practice  Advanced" beside "Risk assessment, Safety planning, …") titles that list."""
    if not ln.bbox or not _one_item(ln.text) or "," in ln.text:
        return False
    return any(o.bbox and o.page == ln.page and o.column >= ln.column and o.bbox[0] > ln.bbox[2]
               and abs(o.bbox[1] - ln.bbox[1]) < 0.3 * (ln.size or 10.0) and re.search(r"[,，、;；]", o.text)
               for o in lines)


def _heads(ln: Line, nxt: Line) -> bool:
    """A line of one short name (or a few side by side) that heads the items below it: they are
    indented under it, or set smaller or not bold where it is, or it stands alone over a list."""
    if not all(_one_item(t) for t in ln.text.split("\t")) or strip_bullet(ln.text)[1] or ln.bullet \
            or ln.text[:1].islower():
        return False
    if ln.bbox and nxt.bbox:
        size = ln.size or 10.0
        if not 0 < ln.bbox[1] - nxt.bbox[3] < 3 * size:
            return False  # not right above it
        if 1.5 * size <= nxt.bbox[0] - ln.bbox[0] <= 4 * size:
            return True  # an indent; further right is another column
    if len(ln.cells) > 1:
        return False  # a row of chips over another is one list
    if (ln.bold and not nxt.bold) or (ln.size and nxt.size and ln.size >= nxt.size + 1.0):
        return True
    # A list after punctuation; a row of chips or tab-set items under one item is more of the same list.
    shielded = _SHORT_SLASH.sub(lambda m: m.group(0).replace("/", "\u2215"), strip_bullet(nxt.text)[0])
    return "\t" not in ln.text and len(nxt.cells) <= 1 and bool(re.search(r"[,，、;；|｜•·/]", shielded))
