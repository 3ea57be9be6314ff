"""Assemble the profile dict from a read document."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any
from urllib.parse import unquote

import phonenumbers

from .contacts import (
    LOCATION_LABEL, PHONE_LABEL, country_hint, find_emails, find_links, find_phones, looks_like_location, tidy_place,
    normalise_link, normalise_phone,
)
from .dates import DATE, MONTH_NAME, PRESENT
from .education import parse_education
from .gazetteer import COUNTRIES, US_STATES
from .glue import unglue_lines
from .entries import TITLE_RE, is_bullet, is_labelled_list, is_prose
from .entry_lines import with_side_column
from .experience import parse_experience
from .forms import join_labels
from .languages import find_languages, mentions_language
from .model import Document, Line
from .names import clean_name, find_name, name_alternates
from .sections import Section, classify, heading_key, split_sections
from .skills import category_lines, find_skill_mentions, group_form
from .textutil import CJK_RE, ICON_RE, split_parts, strip_icons, word_count

PARSER_VERSION = "1.0.0"
_EXPERIENCE_KEYS = {"experience"}
_MAP_LINK = re.compile(r"https://(?:[\w-]+\.)*(?:google\.[a-z.]+/maps|maps\.google\.[a-z.]+|goo\.gl/maps|maps\.app\.goo\.gl"
                       r"|maps\.apple\.com|bing\.com/maps|openstreetmap\.org)", re.I)
_ADDRESS = re.compile(
    r"\b\d{1,5}\s+\w+(?:\s\w+)*\s(?:st|street|rd|road|ave|avenue|blvd|boulevard|ln|lane|dr|drive|way|ct|court|pl|place)\b|"
    r"\b\d{5}(?:-\d{4})?\b|[\u4e00-\u9fff]+(?:路|街|号|区)", re.I)
# Outward and inward code of a UK postcode ("BS1 5TT", "SW1A 1AA").
_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_WORDY = re.compile(r"[0-9A-Za-z\u00c0-\u024f\u0370-\u04ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")


def detect_language(text: str) -> str:
    cjk = len(CJK_RE.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    if _HANGUL.search(text) and len(_HANGUL.findall(text)) > 0.1 * (latin + 1):
        return "ko"
    if len(_KANA.findall(text)) > 20:
        return "ja"
    # A Chinese character carries about as much as a short English word.
    if cjk and cjk * 4 >= 0.5 * latin:
        return "zh"
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    if words:
        counts = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOPWORDS.items()}
        best = max(counts, key=lambda k: counts[k])
        if best != "en" and counts[best] >= 8 and counts[best] > 1.5 * counts["en"]:
            return best
    return "en"


_STOPWORDS: dict[str, set[str]] = {
    "en": {"the", "and", "of", "to", "in", "with", "for", "a", "on", "at", "as", "by", "from", "my", "i", "is"},
    "es": {"el", "la", "los", "las", "de", "del", "y", "en", "con", "para", "por", "una", "un", "que", "experiencia"},
    "pt": {"o", "os", "as", "do", "da", "dos", "das", "e", "em", "com", "para", "por", "uma", "um", "que", "não"},
    "fr": {"le", "la", "les", "des", "du", "et", "en", "avec", "pour", "par", "une", "un", "que", "au", "aux", "dans"},
    "de": {"der", "die", "das", "und", "mit", "für", "von", "zu", "im", "bei", "ein", "eine", "auf", "den", "dem"},
    "it": {"il", "lo", "gli", "della", "delle", "di", "e", "con", "per", "una", "un", "che", "nel", "alla"},
}


def _lines_of(sections: list[Section], *keys: str) -> list[Line]:
    return [ln for s in sections if s.key in keys for ln in s.lines]


def _section_content(sections: list[Section], keys: set[str]) -> set[int]:
    """The lines of those sections, but text set larger than the section's own title is the page's
    title, not an entry: a sidebar of skills printed before the name leaves the name under it."""
    out: set[int] = set()
    for s in sections:
        if s.key in keys:
            cap = s.heading.size if s.heading is not None and s.heading.size else None
            out.update(ln.index for ln in s.lines if not (cap and ln.size and ln.size > cap + 1))
    return out


# Fields of a details line: separators, wide gaps, or the next Chinese label after a single space
# ("期望职位：产品经理 期望城市：成都" once spacing is normalised).
_FIELD_SPLIT = re.compile(r"\s*[|｜\t]\s*|\s{2,}|\s+(?=[\u4e00-\u9fff]{2,6}[:：])")


def _place_of_address(text: str) -> str | None:
    """The town of a postal address: "Springfield, IL" from "12 Elm St, Springfield, IL 62701",
    "Bristol" from "Flat 4, 18 Harbour Road, Bristol BS1 5TT"."""
    m = re.search(r"(?:^|,\s*)([A-Z][A-Za-z .'\-]{1,30}),\s*([A-Z]{2})\s+\d{5}(?:-\d{4})?\b", text)
    if m and m.group(2) in US_STATES:
        return f"{m.group(1).strip()}, {m.group(2)}"
    m = re.search(rf"(?:^|,\s*)([A-Z][A-Za-z .'\-]{{1,30}}?)\s+{_UK_POSTCODE.pattern}", text)
    if m and not re.search(r"\d", m.group(1)):
        return m.group(1).strip()
    return None


def _location(lines: list[Line]) -> tuple[str, Line, float] | None:
    for ln in lines:
        t = strip_icons(ln.text)
        for seg in re.split(r"\s*[|｜\t]\s*|\s{2,}", t):
            m = LOCATION_LABEL.match(seg.strip())
            if m:
                val = re.split(r"\s*[|｜,，;；]\s*(?=[\u4e00-\u9fff]{2,4}[:：])", m.group(1))[0]
                val = _FIELD_SPLIT.split(val)[0].strip()
                # "Address: 2217 Willow Creek Dr, Austin, TX 78745": the town, not the street.
                val = _place_of_address(val) or val
                if val and len(val) <= 60:
                    return val, ln, 0.85
    for ln in lines:
        if "📍" in ln.text or "⌂" in ln.text:
            t = ln.text.split("📍")[-1] if "📍" in ln.text else ln.text
            parts = split_parts(strip_icons(t))
            if parts:
                return parts[0], ln, 0.8
    for ln in lines:
        # European addresses: "Via Roma 12, 20121 Milano (Italy)" → "Milano (Italy)".
        m = re.search(r"(?:^|,\s*)(?:\d{4,5}\s+)?([A-ZÀ-Ý][\w'’. -]{1,30}?)\s*[(（]([^)）]{2,30})[)）]\s*$", strip_icons(ln.text))
        if m and m.group(2).strip().lower() in COUNTRIES:
            return f"{m.group(1).strip()} ({m.group(2).strip()})", ln, 0.7
    for ln in lines:
        place = _place_of_address(strip_icons(ln.text))
        if place:
            return place, ln, 0.75
    for ln in lines:
        t = strip_icons(ln.text)
        if find_emails(t) and len(split_parts(t)) <= 1:
            continue
        for p in split_parts(t) + [t]:
            p = p.strip(" ,;")
            p = tidy_place(re.sub(r"^(?:based in|located in|lives in)\s+", "", p, flags=re.I))
            if looks_like_location(p) or _town_and_country_code(p):
                return p, ln, 0.7
    return None


# ISO codes that are also legal forms after a company's name ("Kestrel Foods, AG", "Nordvik, SE").
_CODES_OF_LEGAL_FORMS = {"SA", "AG", "SE", "AS"}


def _town_and_country_code(part: str) -> bool:
    """"Durban, ZA", "Curitiba, BR": a town no list knows and the ISO code of its country, as a
    theme prints a contact block's location."""
    m = re.fullmatch(r"([A-ZÀ-Þ][\w'’.-]+(?:[ -][A-ZÀ-Þ][\w'’.-]+){0,2}),\s*([A-Z]{2})", part.strip())
    return bool(m) and m.group(2) in phonenumbers.SUPPORTED_REGIONS and m.group(2) not in _CODES_OF_LEGAL_FORMS


def _headline(lines: list[Line], name_line: Line | None, name: str | None) -> tuple[str, Line, float] | None:
    if name_line is None:
        return None
    # Remainder of the name line: "Jane Doe | Senior Backend Engineer"
    parts = split_parts(ICON_RE.sub(" ", name_line.text))
    if len(parts) > 1 and name and clean_name(parts[0]) == name:
        rest = parts[1]
        if _headline_ok(rest):
            return rest, name_line, 0.7
    try:
        pos = lines.index(name_line)
    except ValueError:
        return None
    for ln in lines[pos + 1: pos + 5]:
        if ln.page != name_line.page:
            break
        if ln.bbox and name_line.bbox:
            # Directly under the name (same column, or a centred banner line).
            if name_line.bbox[1] - ln.bbox[3] > 3 * (name_line.size or 12):
                break
            beside = ln.bbox[0] > name_line.bbox[2] or ln.bbox[2] < name_line.bbox[0]
            if beside and not (ln.bbox[1] < name_line.bbox[3] and ln.bbox[3] > name_line.bbox[1]):
                continue  # beside the name, lower down: a contact block on the right (on its row: a headline)
        elif ln.column != name_line.column:
            break
        t = strip_icons(ln.text)
        if name and t.replace("-", "") and all(tok.strip("-").casefold() in name.casefold() for tok in t.split()):
            continue  # the rest of a name set on several lines
        m = re.match(rf"^(?:{_POSITION_LABELS}|Objective|Position|Title)\s*[:：]\s*(.+)$", t, re.I)
        if m:
            return _FIELD_SPLIT.split(m.group(1).strip())[0], ln, 0.8
        if _INFO_FIELD.match(t):
            continue  # "性别：男", "Date of birth: 1990": personal details between name and headline
        nxt = lines[lines.index(ln) + 1] if lines.index(ln) + 1 < len(lines) else None
        if nxt is not None and nxt.page == ln.page and nxt.text[:1].islower() and word_count(t) > 4:
            break  # the first line of a wrapped summary paragraph, not a headline
        if _headline_ok(t):
            return re.sub(r"\s*\t\s*", " | ", t), ln, 0.7
        if find_emails(t) or find_phones(t) or find_links(t) or LOCATION_LABEL.match(t) or _ADDRESS.search(t) \
                or any(looks_like_location(p) for p in split_parts(t)):
            # "Data Engineer · Denver, CO · jane@x.com": a title may lead the contact line.
            first = split_parts(t)[0] if split_parts(t) else ""
            if first and first != t and TITLE_RE.search(first) and _headline_ok(first):
                return first, ln, 0.6
            continue  # contact line between name and headline
        break
    return None


_INFO_FIELD = re.compile(r"^(?:[\u4e00-\u9fff]{2,6}|[A-Za-z][A-Za-z .]{1,20})\s*[:：]\s*\S")
_POSITION_LABELS = "求职意向|应聘职位|意向岗位|意向职位|目标职位|目标岗位|期望职位|期望岗位|期望职业|期望从事职业|应聘岗位|求职岗位"
_OBJECTIVE_LABEL = re.compile(rf"^(?:{_POSITION_LABELS})\s*[:：]\s*(.+)$")
# "男 | 31岁 | 8年工作经验 | 本科": the personal-details line Chinese job boards put under the name.
_PERSONAL_DETAILS = re.compile(r"(?:^|[\s|｜/,，])[男女](?:$|[\s|｜/,，])|\d+\s*岁|\d+\s*年(?:以上)?(?:工作)?经验")


def _unwrap_link(url: str, raw: str, ln: Line, nxt: Line | None, known: set[str]) -> str:
    """"linkedin.com/in/anika-" / "schwarzenberg": an address broken at a hyphen or slash in a narrow column."""
    if nxt is None or not raw.endswith(("-", "/")) or not ln.text.rstrip().endswith(raw) \
            or nxt.page != ln.page or nxt.column != ln.column:
        return url
    tail = nxt.text.strip()
    if not re.fullmatch(r"[A-Za-z0-9][\w\-./]{1,60}", tail) or "@" in tail:
        return url
    return _joined(raw, tail, known) or url


def _joined(head: str, tail: str, known: set[str], norm: Any = normalise_link) -> str | None:
    """An address (web or e-mail, ``norm`` makes it comparable) broken after ``head``.  A hyphen
    there may be the address's own ("thandiwe-" / "mokoena.example.com") or the typesetter's (LaTeX:
    "volkon-" / "sky.example.com"): the page's own link, where it holds one of the two, decides;
    otherwise the hyphen stays."""
    whole = norm(head + tail)
    if head.endswith("-") and whole not in known:
        bare = norm(head[:-1] + tail)
        if bare in known:
            return bare
    return whole


# A field of a contact line that is nothing but a number of 8 to 15 digits in groups: a phone written
# without its country code or a label ("Lisboa, PT · beatriz@example.pt · 912 345 678").
_NUMBER_FIELD = re.compile(r"\(?\+?\d(?:[\s().\-]?\d){7,14}\)?")
_LINK_HEAD = re.compile(r"(?:^|\s)((?:https?://)?[A-Za-z0-9][\w.\-]*-)$")


def _link_head(prev: Line | None, ln: Line, start: int, raw: str, known: set[str]) -> str | None:
    """"priyanka-" / "designs.example.in": an address broken at a hyphen in a narrow sidebar, whose
    tail reads as an address of its own.  In a grid of labelled fields ("Website⇥https://thandiwe-⇥
    Email" / "mokoena.example.com⇥…") the head ends a cell and the tail starts one.  The whole
    address, or None."""
    if prev is None or prev.page != ln.page or prev.column != ln.column or "://" in raw:
        return None
    if start != 0 and ln.text[start - 1] != "\t":
        return None
    cells = [c.strip() for c in prev.text.split("\t")]
    heads = [m.group(1) for c in cells if "@" not in c and (m := _LINK_HEAD.search(c))]
    last = [h for h in heads if cells[-1].endswith(h)]
    # Under the line's end any head will do; from a cell of a grid only one that is plainly an address.
    heads = last if start == 0 and last else [h for h in heads if h.lower().startswith(("http", "www."))]
    if len(heads) != 1:
        return None
    return _joined(heads[0], raw, known)


def _drop_fragments(profile: dict[str, Any], prov: dict[str, dict], key: str, part_of: Any) -> None:
    """"os-" / "kar.lindqvist@example.se": the end of an address hyphenated in a narrow sidebar
    reads as an address of its own; where the whole one is known too (its link, or the join), the
    end goes. ``part_of(value, other)`` says whether value is such an end of other."""
    values = profile[key]
    low = [v.lower() for v in values]
    keep = [i for i, v in enumerate(low) if not any(o != v and part_of(v, o) for o in low)]
    if len(keep) == len(values):
        return
    old = {i: prov.pop(f"{key}.{i}", None) for i in range(len(values))}
    profile[key] = [values[i] for i in keep]
    for n, i in enumerate(keep):
        if old[i] is not None:
            prov[f"{key}.{n}"] = old[i]


def _host_tail(url: str, other: str) -> bool:
    bare, whole = re.sub(r"^https?://(?:www\.)?", "", url), re.sub(r"^https?://(?:www\.)?", "", other)
    return len(whole) > len(bare) and whole.endswith(bare) and (whole[-len(bare) - 1].isalnum() or whole[-len(bare) - 1] == "-")


_EMAIL_HEAD = re.compile(r"(?<![\w.+-])[A-Za-z0-9][\w.+\-]*@(?:[A-Za-z0-9][\w\-.]*)?$")
_EMAIL_REST = re.compile(r"^[\w\-.]*(?:\.[\w\-]+)*(?=\s|$)")


def _unwrap_email(ln: Line, nxt: Line | None) -> tuple[str, str | None] | None:
    """"siqi.wang@exam" / "ple.com", "orla@example." / "org", "orla@example.co" / "m": an address
    broken inside a narrow cell or sidebar.  Returns the whole address and the broken head when
    the head alone also reads as an address (it must not come back as a second one)."""
    if nxt is None or "@" not in ln.text or nxt.page != ln.page or nxt.column != ln.column:
        return None
    head = _EMAIL_HEAD.search(ln.text.rstrip())
    tail = nxt.text.strip()
    rest = _EMAIL_REST.match(tail)
    if not head or not rest or not rest.group(0) or rest.group(0) != tail:
        return None
    complete = find_emails(ln.text[head.start():])
    if complete and (len(tail) > 6 or not tail.isalpha() or not tail.islower()):
        return None  # a whole address, then a line of its own
    joined = find_emails(head.group(0) + tail)
    if not joined:
        return None
    return joined[0][0], (complete[0][0] if complete else None)


def _mailto(target: str) -> str:
    """The address of a mailto link, unescaped and trimmed ("mailto:%20jane@example.org?subject=…")."""
    return unquote(target.strip()[7:]).split("?")[0].strip()


# The whole of its cell or line, in lower case, broken at a hyphen or underscore: a full stop there
# ends the sentence of a summary ("… across Western" / "Australia." over the address) more often
# than it breaks an address.
_LOCAL_HEAD = re.compile(r"([a-z0-9][a-z0-9.+_]*[-_])")
_LEADING_EMAIL = re.compile(r"^\s*([\w.+\-]+@[A-Za-z0-9][\w\-]*(?:\.[\w\-]+)+)")


def _email_before_at(ln: Line, nxt: Line, mailtos: set[str]) -> tuple[str, str] | None:
    """"Email ⇥ siobhan.marlowe-" / "tait@example.com": an address broken in its name part, before
    the "@".  The whole address and the end that reads as one of its own, or None.  A hyphen at the
    break stays unless the page's mailto link has the address without it (a typesetter's hyphen)."""
    if "@" in ln.text or nxt.page != ln.page or nxt.column != ln.column:
        return None
    cell = re.sub(r"^[^:：@]{1,20}[:：]\s*", "", ln.text.split("\t")[-1].strip())  # after its label ("Email: …")
    head = _LOCAL_HEAD.fullmatch(cell)
    tail = _LEADING_EMAIL.match(nxt.text)
    if not head or not tail:
        return None
    if not find_emails(head.group(1) + tail.group(1)):
        return None
    return _joined(head.group(1), tail.group(1), mailtos, str.lower) or head.group(1) + tail.group(1), tail.group(1)


def _headline_ok(t: str) -> bool:
    if not t or len(t) > 90 or heading_key(t):
        return False
    if t.strip().casefold() in {"information", "details", "info", "data", "me", "resume", "cv", "简历"}:
        return False  # the second half of a wrapped label ("PERSONAL" / "INFORMATION")
    if find_emails(t) or find_links(t) or find_phones(t) or re.search(r"\d{3,}", t) or _PERSONAL_DETAILS.search(t):
        return False
    if looks_like_location(t) or LOCATION_LABEL.match(t):
        return False
    if t.rstrip().endswith(".") and word_count(t) > 8:
        return False
    return word_count(t) <= 12


def _summary(sections: list[Section]) -> tuple[str, Line, float] | None:
    for s in sections:
        if s.key == "summary" and s.lines:
            text = " ".join(ln.text.strip() for ln in s.lines if ln.text.strip())
            text = re.sub(r"\s+", " ", text).strip()
            if CJK_RE.search(text):
                text = re.sub(r"(?<=[\u4e00-\u9fff，。；：])\s+(?=[\u4e00-\u9fff])", "", text)
            return text[:2000], s.lines[0], 0.85
    return None


MAX_LINES = 4000
MAX_LINE_CHARS = 3000
MAX_CHARS = 250_000


def _bounded(lines: list[Line], warnings: list[str]) -> list[Line]:
    """Résumés are short: cap the work on pathological inputs (one 2 MB line, 60 000 lines)."""
    out: list[Line] = []
    total = 0
    cut = False
    for ln in lines:
        if len(out) >= MAX_LINES or total >= MAX_CHARS:
            cut = True
            break
        if len(ln.text) > MAX_LINE_CHARS:
            ln = Line(text=ln.text[:MAX_LINE_CHARS], page=ln.page, bbox=ln.bbox, size=ln.size, bold=ln.bold,
                      column=ln.column, index=ln.index, style=ln.style, bullet=ln.bullet, source=ln.source)
            cut = True
        total += len(ln.text)
        out.append(ln)
    if cut:
        warnings.append("This document is unusually long; only its first part was analysed.")
    return out


_OPEN_RANGE = re.compile(rf"(?:{DATE})\s*(?:-|–|—|~|～|\bto|至)\s*$", re.I)
_RANGE_END = re.compile(rf"^\s*(?:{PRESENT}|{DATE})(?![\w])", re.I)
# "Hogeschool Zuidwal ⇥ Sep 2009 - Jun" over "Bachelor of … ⇥ 2013": the end's year wrapped alone.
_END_MONTH = re.compile(rf"(?:{DATE})\s*(?:-|–|—|to)\s*{MONTH_NAME}\.?$", re.I)


def _join_wrapped_ranges(lines: list[Line]) -> list[Line]:
    """"Hanseatic Mobility GmbH | 2019–" / "Present": a date range wrapped in a narrow column or cell."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if prev is not None and prev.page == ln.page and prev.column == ln.column and _OPEN_RANGE.search(prev.text) \
                and _RANGE_END.match(ln.text):
            bbox = prev.bbox
            if prev.bbox and ln.bbox:
                bbox = (min(prev.bbox[0], ln.bbox[0]), min(prev.bbox[1], ln.bbox[1]),
                        max(prev.bbox[2], ln.bbox[2]), max(prev.bbox[3], ln.bbox[3]))
            out[-1] = Line(text=prev.text.rstrip() + " " + ln.text.strip(), page=prev.page, bbox=bbox, size=prev.size,
                           bold=prev.bold, column=prev.column, index=prev.index, style=prev.style, bullet=prev.bullet,
                           source=prev.source)
            continue
        if prev is not None and prev.page == ln.page and prev.column == ln.column and "\t" in ln.text \
                and re.fullmatch(r"\s*(?:19|20)\d\d\s*", ln.text.rsplit("\t", 1)[-1]) \
                and _END_MONTH.search(prev.text.split("\t")[-1].strip()):
            head, year = ln.text.rsplit("\t", 1)
            out[-1] = replace(prev, text=prev.text.rstrip() + " " + year.strip(), cells=())
            bbox = ln.bbox if not (ln.bbox and len(ln.spans) >= 2) else (*ln.bbox[:2], ln.spans[-2][1], ln.bbox[3])
            ln = replace(ln, text=head.rstrip(), bbox=bbox, spans=ln.spans[:-1] if len(ln.spans) > 2 else (), cells=())
        out.append(ln)
    return out


def _add_skills(profile: dict[str, Any], mentions: list) -> None:
    """``skills``: canonical names, listed ones and those inferred from prose alike (search reads
    them); ``skills_inferred``: the ones only prose mentions, which are less certain;
    ``skill_mentions``: each skill with the text the document printed for it."""
    prov = profile["provenance"]
    listed = {m.skill.casefold() for m in mentions if m.listed}
    for m in mentions:
        if m.skill.casefold() not in (x.casefold() for x in profile["skills"]):
            prov[f"skills.{len(profile['skills'])}"] = m.line.prov(m.confidence if m.listed else min(m.confidence, 0.6))
            profile["skills"].append(m.skill)
            if m.skill.casefold() not in listed:
                profile["skills_inferred"].append(m.skill)
        profile["skill_mentions"].append({"skill": m.skill, "text": m.text})


def _skill_groups(sections: list[Section]) -> None:
    """Skill groups titled only by their category ("Clinical", "Systems": no Skills title above
    them) are skills sections: a group of short items set as boxed chips (the form skills take in
    a sidebar), or under a title we do not know naming a skill we know (any, where no skills title
    is printed), or set like a neighbouring skill group under a title set like its title.  "Languages" listing no spoken language
    ("Go Python Bash") lists skills too."""
    forms = [group_form(s.lines) if s.heading is not None and s.key in ("other", "certifications", "languages")
             else None for s in sections]
    # A résumé without a skills title lists its skills under their categories' names.
    untitled = not any(s.key == "skills" for s in sections)
    for s, form in zip(sections, forms):
        if form is None:
            continue
        chips, known = form
        unknown = s.key == "other" and heading_key(s.heading.text) is None
        if (s.key in ("other", "certifications") and chips) or (unknown and (known or untitled)) \
                or (s.key == "languages" and known and not any(mentions_language(ln.text) for ln in s.lines)):
            s.key = "skills"
    changed = True
    while changed:
        changed = False
        for i, (s, form) in enumerate(zip(sections, forms)):
            if form is None or s.key not in ("other", "certifications"):
                continue
            near = [sections[j] for j in (i - 1, i + 1) if 0 <= j < len(sections)]
            if any(n.key == "skills" and n.heading is not None and _same_style(n.heading, s.heading) for n in near):
                s.key = "skills"
                changed = True


def _same_style(a: Line, b: Line) -> bool:
    return a.bold == b.bold and a.column == b.column and a.page == b.page and a.style == b.style \
        and abs((a.size or 0) - (b.size or 0)) <= 0.35


def build_profile(doc: Document) -> dict[str, Any]:
    # Rules, underlines and lone bullets carry no fields.
    warnings = list(doc.warnings)
    lines = _bounded([ln for ln in doc.lines if _WORDY.search(ln.text)], warnings)
    lines = join_labels(_join_wrapped_ranges(unglue_lines(lines)))
    sections = split_sections(lines)
    _skill_groups(sections)
    full_text = "\n".join(ln.text for ln in lines)
    language = detect_language(full_text[:50_000])
    prov: dict[str, dict] = {}
    profile: dict[str, Any] = {
        "name": None, "name_alternates": [], "headline": None, "emails": [], "phones": [], "location": None, "links": [],
        "summary": None, "education": [], "experience": [], "skills": [], "skill_mentions": [], "skills_inferred": [],
        "languages": [],
        "language": language, "warnings": warnings, "provenance": prov,
        "parser_version": PARSER_VERSION,
    }
    header = sections[0].lines if sections and sections[0].key == "header" else []
    contact_lines = header + [ln for ln in _lines_of(sections[1:], "header", "contact", "summary", "objective")
                              if ln not in header]
    if not contact_lines:
        contact_lines = lines[:15]

    # Name and headline
    body_sections = {"experience", "education", "skills", "projects", "publications", "awards", "certifications",
                     "languages", "interests", "volunteer", "activities", "references", "courses", "other"}
    found = find_name(lines, len(header), _section_content(sections, body_sections))
    if found:
        name, ln, conf = found
        profile["name"] = name
        prov["name"] = ln.prov(conf)
        profile["name_alternates"] = name_alternates(ln, name)
        hl = _headline(lines, ln, name)
        if hl:
            profile["headline"] = hl[0]
            prov["headline"] = hl[1].prov(hl[2])
    if not profile["headline"]:
        # A personal-details block may list the wanted position among other fields.
        for ln in contact_lines:
            for seg in _FIELD_SPLIT.split(strip_icons(ln.text)):
                m = _OBJECTIVE_LABEL.match(seg)
                if m and _headline_ok(m.group(1).strip()):
                    profile["headline"] = m.group(1).strip()
                    prov["headline"] = ln.prov(0.75)
                    break
            if profile["headline"]:
                break
    if not profile["headline"]:
        for ln in _lines_of(sections, "objective")[:4]:
            t = strip_icons(ln.text)
            if _INFO_FIELD.match(t) and not _OBJECTIVE_LABEL.match(t):
                continue  # "期望工作地区：上海", "期望月薪：…": wishes, not the position
            if t and len(t) <= 60:
                t = re.sub(r"^(?:求职意向|意向岗位|期望职位)\s*[:：]\s*", "", t)
                profile["headline"] = _FIELD_SPLIT.split(t)[0]
                prov["headline"] = ln.prov(0.6)
                break

    # Contacts: emails and links anywhere (but not the referees'), phones near labels / in the header.
    referees = {ln.index for ln in _lines_of(sections, "references")}
    mailtos = {_mailto(t).lower() for t in doc.links if t.strip().lower().startswith("mailto:")}
    email_tails: set[int] = set()  # lines starting with the rest of an address wrapped in a narrow cell
    ends: dict[int, str] = {}  # line index -> the end of an address whose start the line above holds
    for pos, ln in enumerate(lines):
        if ln.index in referees:
            continue
        found_emails = [f for f in find_emails(ln.text) if f[0] != ends.get(ln.index)]
        nxt = lines[pos + 1] if pos + 1 < len(lines) else None
        wrapped = _unwrap_email(ln, nxt)
        if wrapped:
            found_emails = [f for f in found_emails if f[0] != wrapped[1]] + [(wrapped[0], 0, 0)]
            email_tails.add(ln.index + 1)
        elif nxt is not None and (whole := _email_before_at(ln, nxt, mailtos)):
            found_emails.append((whole[0], 0, 0))
            ends[nxt.index] = whole[1]
        for e, _, _ in found_emails:
            if e.lower() not in (x.lower() for x in profile["emails"]):
                prov[f"emails.{len(profile['emails'])}"] = ln.prov(0.95, e)
                profile["emails"].append(e)
    loc = _location(contact_lines or lines[:15])
    if loc:
        profile["location"] = tidy_place(loc[0])
        prov["location"] = loc[1].prov(loc[2])
    country = country_hint(profile["location"], language, [])
    if country is None and any(_UK_POSTCODE.search(ln.text) and _ADDRESS.search(ln.text) for ln in contact_lines[:12]):
        country = "GB"  # a UK postal address makes "07700 900123" a UK number
    experience_lines = {ln.index for ln in _lines_of(sections, "experience", "education", "projects", "publications",
                                                     "awards", "certifications", "activities", "volunteer")}
    for ln in lines:
        labelled = bool(PHONE_LABEL.search(ln.text))
        if ln.index in referees or (ln.index in experience_lines and not labelled):
            continue
        found = find_phones(ln.text, labelled=labelled)
        if not found and not labelled and (find_emails(ln.text) or find_links(ln.text)):
            found = [p for part in split_parts(strip_icons(ln.text)) if _NUMBER_FIELD.fullmatch(part)
                     for p in find_phones(part, labelled=True)]
        for raw, _, _ in found:
            ph = normalise_phone(raw, country)
            if ph not in profile["phones"]:
                prov[f"phones.{len(profile['phones'])}"] = ln.prov(0.9 if labelled else 0.8, raw)
                profile["phones"].append(ph)
    seen_links: set[str] = set()

    def add_link(url: str, ln: Line | None, conf: float) -> None:
        # "linkedin.com/in/x" printed and "https://www.linkedin.com/in/x" linked are one profile.
        key = re.sub(r"^https?://(?:www\.)?", "", url.lower()).rstrip("/")
        if key in seen_links:
            return
        seen_links.add(key)
        if ln is not None:
            prov[f"links.{len(profile['links'])}"] = ln.prov(conf, url)
        else:
            prov[f"links.{len(profile['links'])}"] = {"page": 1, "bbox": None, "text": url, "confidence": conf}
        profile["links"].append(url)

    email_domains = {e.split("@")[1].lower() for e in profile["emails"]}
    known = {u for u in (normalise_link(t.strip()) for t in doc.links) if u}  # the page's own link targets
    for pos, ln in enumerate(lines):
        for url, start, end in find_links(ln.text):
            if start == 0 and ln.index in email_tails:
                continue  # "ple.com", the end of "siqi.wang@exam" / "ple.com"
            url = _link_head(lines[pos - 1] if pos else None, ln, start, ln.text[start:end], known) \
                or _unwrap_link(url, ln.text[start:end], ln, lines[pos + 1] if pos + 1 < len(lines) else None, known)
            host = url[8:].split("/")[0]
            if host in email_domains and "/" not in url[8:]:
                continue  # "gmail.com" from an email address split across chunks
            add_link(url, ln, 0.9)
    printed = [x.lower() for x in profile["emails"]]
    for target in doc.links:
        t = target.strip()
        if t.lower().startswith("mailto:"):
            e = _mailto(t)
            # An address only a hyperlink holds counts where the page prints none, or only the end
            # of it (a line break cut it); beside a printed one it is a scrambled copy (themes hide
            # the address from harvesters) or a second inbox.
            whole = not printed or any(e.lower().endswith(x) for x in printed)
            if e and whole and e.lower() not in (x.lower() for x in profile["emails"]) and "@" in e:
                prov[f"emails.{len(profile['emails'])}"] = {"page": 1, "bbox": None, "text": t, "confidence": 0.8}
                profile["emails"].append(e)
            continue
        if t.lower().startswith("tel:"):
            continue
        url = normalise_link(t)
        if url and not _MAP_LINK.match(url):  # the location line linked to a map is no profile
            add_link(url, None, 0.8)
    _drop_fragments(profile, prov, "emails", lambda e, o: o.endswith(e))
    # "volkon-" / "sky.example.com": a host cut inside a word, not at a dot, is the end of another.
    _drop_fragments(profile, prov, "links", lambda u, o: _host_tail(u, o))

    # Summary: the summary section, else a paragraph in the header block.
    sm = _summary(sections)
    if not sm and header:
        # Contact lines are long too ("Flat 4, 18 Harbour Road, Bristol BS1 5TT | 07700 900123 |").
        para = [ln for ln in header[1:] if word_count(ln.text) >= 8 and not find_emails(ln.text)
                and not find_phones(ln.text) and not find_links(ln.text) and not _ADDRESS.search(ln.text)]
        if para and sum(word_count(ln.text) for ln in para) >= 20:
            text = " ".join(ln.text for ln in para)
            sm = (re.sub(r"\s+", " ", text).strip()[:2000], para[0], 0.5)
    if sm:
        profile["summary"] = sm[0]
        prov["summary"] = sm[1].prov(sm[2])

    # Education and experience
    for i, (entry, p) in enumerate(parse_education(_lines_of(sections, "education"))):
        profile["education"].append(entry)
        for k, v in p.items():
            if k == "dates":
                prov[f"education.{i}.start"] = v
                prov[f"education.{i}.end"] = v
            else:
                prov[f"education.{i}.{k}"] = v
    untitled = [s.lines for s in sections[1:] if s.key == "header" and s.heading is None]
    for i, (entry, p) in enumerate(parse_experience(with_side_column(_lines_of(sections, *_EXPERIENCE_KEYS), untitled))):
        entry["company"] = entry["company"] or ""
        profile["experience"].append(entry)
        for k, v in p.items():
            if k == "dates":
                prov[f"experience.{i}.start"] = v
                prov[f"experience.{i}.end"] = v
            else:
                prov[f"experience.{i}.{k}"] = v

    # Skills and languages
    skill_lines = {ln.index for ln in _lines_of(sections, "skills")}
    lang_lines = {ln.index for ln in _lines_of(sections, "languages")}
    for s in sections:
        if s.key == "skills" and s.heading is not None and re.search(r"(?i)language|语言", s.heading.text):
            lang_lines |= {ln.index for ln in s.lines}
        elif s.key == "skills":
            # "Languages: Polish, German" among the skill categories: skills, and the languages too.
            for ln in s.lines:
                key, rest = classify(ln, None)
                if key == "languages" and rest:
                    lang_lines.add(ln.index)
    # Company/title/school lines and the name block mention words like "Logistics"
    # or "Robotics" that are not skills the candidate claims.
    scan: list[Line] = []
    for s in sections:
        for ln in s.lines:
            if s.key in ("experience", "education", "projects", "activities", "volunteer"):
                text, bullet = is_bullet(ln)
                if not (bullet or is_prose(text) or is_labelled_list(text)):
                    continue
            elif s.key in ("header", "contact", "objective") and ln.index not in skill_lines:
                if ln.index < 8 or find_emails(ln.text) or find_phones(ln.text):
                    continue
            scan.append(ln)
    labels = category_lines([ln for s in sections if s.key == "skills" for ln in s.lines])
    scan = [ln for ln in scan if ln.index not in labels]
    # Everything listed under a skills heading is a skill, a spoken language listed there too.
    _add_skills(profile, find_skill_mentions(scan, skill_lines))
    for i, (lang, ln, conf) in enumerate(find_languages(lines, lang_lines)):
        profile["languages"].append(lang)
        prov[f"languages.{i}"] = ln.prov(conf)
    return profile
