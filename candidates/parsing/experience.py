"""Work experience entries: company, title, location, dates, highlights.

Entry headers are short non-bullet lines; a header field that is already
filled in the current entry (or any header after bullets) starts a new entry,
which copes with dates before/after/on the company line, either order of
company and title, and several roles under one company heading.
"""

from __future__ import annotations

import re
from typing import Any

from .contacts import tidy_place
from .entries import (
    ACTION_VERB,
    ORG_NAME,
    HIGHLIGHT_LABEL,
    Header,
    header_parts,
    is_bullet,
    is_company,
    is_duration,
    is_labelled_list,
    is_legal_entity,
    is_location,
    is_prose,
    is_subheading,
    is_title,
    split_commas,
)
from .dates import find_range
from .entry_lines import NAME_CANNOT_END_ON, date_only, first_word_width, mend_headers, side_places
from .experience_fields import range_within, regroup, take_employment_type
from .forms import label_field
from .model import Line
from .names import _TITLE_WORDS
from .textutil import CJK_RE


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip(" ,;:|·•–—-\t")


def _assign(h: Header, cur: dict[str, Any], company_below: bool = False) -> dict[str, str]:
    """Map the text parts of a header line to company/title/location."""
    roles: dict[str, str] = {"location": h.place} if h.place else {}
    if h.field in ("company", "title", "location") and h.parts:
        return _labelled(h)
    # With no company yet, "Engineer, Thamesgate Robotics" is title + company; with one, or
    # with the company on the next line, "Staff Nurse, Intensive Care Unit" is a title with its department.
    # "Senior Engineer at Stripe" split by the " at " separator keeps the order title, company.
    ats = re.search(r"\s(?:at|@)\s", h.line.text)
    if cur.get("company") and not cur.get("title") and len(h.parts) == 1 and not ats and _role_and_unit(h.parts[0]):
        return {**roles, "title": _clean(h.parts[0])}
    parts = []
    for k, p in enumerate(h.parts):
        if ats and k == 0 and len(h.parts) >= 2 and _before_at(p, h.line.text) and is_title(p.split(",")[0]):
            # "Charge Nurse, Emergency Department at Westbrook Hospital": before " at " is the role,
            # commas and all; the employer comes after it.
            parts.append(p)
            continue
        pieces = split_commas(p, relaxed=not cur.get("company") and not company_below)
        if company_below and not cur.get("company") and len(pieces) == 2 and is_title(pieces[0]) \
                and (_TEAM.search(pieces[1]) or _UNIT.match(pieces[1])):
            pieces = [p]  # "Charge Nurse, Emergency Department" over "Willamette Crest Hospital": the role's ward
        parts += pieces
    for p in list(parts):
        if "location" not in roles and is_location(p) and not is_company(p):
            roles["location"] = p
            parts.remove(p)
    titles = [p for p in parts if is_title(p) and not is_legal_entity(p)
              and not (is_company(p) and not is_title(p.split(",")[0]))]
    companies = [p for p in parts if (is_company(p) or is_legal_entity(p)) and p not in titles]
    others = [p for p in parts if p not in titles and p not in companies]
    if titles:
        roles["title"] = titles[0]
        if company_below and not companies and not cur.get("company") and others and parts.index(titles[0]) == 0:
            # The employer is on the next line: what follows the title is its specialisation
            # ("Senior Analyst – Pricing"), not an employer.
            roles["title"] = " – ".join([titles[0], *[p for p in others if len(p) <= 40]])
            others = []
    if companies:
        # "Associate Professor, Department of Biology, Lakeshore University": the department is a
        # unit of the employer that follows it.
        # "Charge Nurse, Emergency Department, Westbrook Hospital": a department before the
        # organisation is its unit.
        units = [c for c in companies if _UNIT.match(c) or (_TEAM.search(c) and c is not companies[-1])]
        roles["company"] = next((c for c in companies if c not in units), companies[0])
        if units and units[0] != roles["company"]:
            roles["unit"] = units[0]
    if ats and len(parts) >= 2 and "title" not in roles and "company" not in roles:
        roles["title"], roles["company"] = parts[0], parts[1]
        others = []
    for p in list(others):
        if _TEAM.search(p) and (roles.get("company") or cur.get("company") or len(others) > 1) and "unit" not in roles:
            roles["unit"] = p  # "Harbourline Freight – Analyst – Logistics Team": the team, kept
            others.remove(p)
    for p in others:
        if len(p) > 80:
            continue
        if "company" not in roles and not cur.get("company"):
            roles["company"] = p
        elif "title" not in roles and not cur.get("title"):
            roles["title"] = p
        elif "company" not in roles and "title" in roles and not cur.get("company"):
            roles["company"] = p
        elif "company" not in roles and "title" not in roles and cur.get("company") and cur.get("title") \
                and len(parts) == 1 and h.line.style and re.match(r"(?i)heading", h.line.style):
            roles["company"] = p  # a Word heading after a whole entry starts the next one
        elif "location" not in roles and not cur.get("location") and len(p.split()) <= 4 and "," in p:
            roles["location"] = p
        elif "location" not in roles and not cur.get("location") and "company" in roles and p is parts[-1] \
                and _PLACE_NAME.fullmatch(p) and not _TITLE_WORDS.search(p):
            # "Cotswold Home Stores plc, Swindon": a town we do not know, after the employer's name.
            roles["location"] = p
    # Two titles and no company: "Software Engineer, Platform Team" — keep the first.
    if "company" not in roles and len(titles) > 1 and not cur.get("company"):
        roles["company"] = titles[1] if is_company(titles[1]) else roles.get("company", "")
        if not roles["company"]:
            del roles["company"]
    return {k: _clean(v) for k, v in roles.items() if _clean(v)}


_ADDRESS_AFTER = re.compile(r",(?!\s*(?:inc|llc|llp|ltd|limited|corp|co|plc|gmbh|s\.?a|ag|bv|nv|srl|spa|sarl)\b)", re.I)


def _labelled(h: Header) -> dict[str, str]:
    """A form's label says what its value is: "Name and address of employer: Irwell & Holt, Leeds"
    (the address after the name's first comma, unless a legal form follows it: "Co., Ltd.")."""
    whole = (label_field(h.line.text) or ("", h.parts[0]))[1]
    value = _ADDRESS_AFTER.split(whole)[0] if h.field == "company" and not h.dates else h.parts[0]
    return {str(h.field): _clean(value)}


def _role_and_unit(part: str) -> bool:
    """Under the employer's line, "Senior Radiographer, Imaging Department" is the role and its
    department, whatever the role's words: not a second employer."""
    head, _, tail = part.rpartition(",")
    return bool(head) and bool(_TEAM.search(tail.strip()) or _UNIT.match(tail.strip())) and "," not in head \
        and not is_company(head) and not is_legal_entity(head) and not is_location(head)


def _before_at(part: str, text: str) -> bool:
    """The part is what stands before the line's " at " / " @ "."""
    m = re.search(r"\s(?:at|@)\s", text)
    return bool(m) and text[:m.start()].strip().endswith(part.strip())


_TEAM = re.compile(r"(?i)\b(?:team|group|unit|department|dept\.?|division|squad|tribe|lab|practice)$")
_PLACE_NAME = re.compile(r"[A-Z][a-z]+(?:[ \-](?:upon|on|under|le|en|sur|am|[A-Z][a-z]+)){0,3}")
_UNIT = re.compile(r"(?i)^(?:department|dept\.?|faculty|division|school|unit|section|chair)\s+(?:of|for)\s")


def _margins(lines: list[Line]) -> dict[tuple[int, int], float]:
    """The left edge entry headers start at, per page and column: the leftmost edge that several
    lines share (as many as there are dated lines, up to two).  One line set further left (a first
    heading the exporter placed apart) is no margin, or every header under it would read as
    indented body text."""
    edges: dict[tuple[int, int], list[float]] = {}
    dated: dict[tuple[int, int], list[float]] = {}
    bold: dict[tuple[int, int], list[float]] = {}
    for ln in lines:
        if ln.bbox:
            key = (ln.page, ln.column)
            edges.setdefault(key, []).append(ln.bbox[0])
            if find_range(ln.text):
                dated.setdefault(key, []).append(ln.bbox[0])
            elif ln.bold:
                bold.setdefault(key, []).append(ln.bbox[0])
    out = {}
    for key, xs in edges.items():
        xs.sort()
        need = min(2, max(len(dated.get(key, ())), 1))
        out[key] = next((x for i, x in enumerate(xs) if i + need - 1 < len(xs) and xs[i + need - 1] - x <= 2), xs[0])
        # Headers set in from the description under them (a theme's outdented text): where two dated
        # lines start together with a bold one (an employer), that is the headers' edge.
        starts = sorted(dated.get(key, ()))
        edge = next((x for i, x in enumerate(starts[:-1]) if starts[i + 1] - x <= 2), None)
        if edge is not None and edge > out[key] and any(abs(b - edge) <= 2 for b in bold.get(key, ())):
            out[key] = edge
    return out


# A name of up to six words; a legal form may end on a dot ("B.V.", "Ltd."), a sentence would not.
_NAME_WORDS = re.compile(ORG_NAME + r"{0,5}(?<![a-z]\.)")
# A line that stops on a word that cannot end a name or a role ("Assessment of child-welfare
# referrals and"): the first line of a wrapped sentence.
_DANGLING_END = re.compile(rf"(?i)\s(?:{NAME_CANNOT_END_ON}|or|to|with|on|at|by|a|an|from|into|across)$")


def _right_edges(lines: list[Line]) -> dict[tuple[int, int], float]:
    """How far body text runs, per page and column: the furthest a long plain line reaches
    (a line with a tab holds a date set apart, no running text)."""
    out: dict[tuple[int, int], float] = {}
    for ln in lines:
        if ln.bbox and not ln.bold and "\t" not in ln.text and len(ln.text.split()) >= 6:
            key = (ln.page, ln.column)
            out[key] = max(out.get(key, 0.0), ln.bbox[2])
    return out


def _ends_short(prev: Line | None, ln: Line, edges: dict[tuple[int, int], float]) -> bool:
    """Did ``prev`` stop well before the text's right edge, with room for ``ln``'s first word?
    Then ``ln`` was not wrapped onto a line of its own: it starts a new item, though neither a
    bullet nor a full stop shows it."""
    if prev is None or not prev.bbox or not ln.bbox or (prev.page, prev.column) != (ln.page, ln.column):
        return False
    right = edges.get((ln.page, ln.column))
    if right is None or not ln.text.split():
        return False
    # Widths are guessed from the average glyph: ask for clearly more room than the word needs.
    return right - prev.bbox[2] > 1.5 * first_word_width(ln)


def _blank() -> dict[str, Any]:
    return {"company": None, "title": None, "location": None, "start": None, "end": None, "highlights": [],
            "employment_type": None, "unit": None, "company_alias": None}


def parse_experience(lines: list[Line]) -> list[tuple[dict[str, Any], dict[str, dict]]]:
    reader = _Reader(mend_headers(lines))
    for pos, ln in enumerate(reader.lines):
        text, bullet = is_bullet(ln)
        if not text or is_duration(text) or (not bullet and is_subheading(text)):
            continue
        h = reader.header(pos, ln, text, bullet)
        if h is None or not reader.start(pos, ln, h):
            reader.body(ln, text, bullet)
    reader.flush()
    return _open_start(regroup(reader.entries))


def _open_start(entries: list[tuple[dict[str, Any], dict[str, dict]]]) -> list[tuple[dict[str, Any], dict[str, dict]]]:
    """The latest role printed with one date while the earlier ones carry whole ranges ("Apr 2020"
    over "Jun 2015 — Mar 2020"): a role still held, shown by its start, not one that ended then."""
    if len(entries) >= 2:
        first = entries[0][0]
        others = [e for e, _ in entries[1:] if e["start"] or e["end"]]
        ends = [e["end"] for e in others if e["start"] and e["end"] and e["end"] != "present"]
        if first["start"] is None and first["end"] not in (None, "present") and others \
                and len(ends) == len(others) and first["end"] >= max(ends):
            first["start"], first["end"] = first["end"], None
    return entries


class _Reader:
    """The entries read so far and the one being read.  Entry headers are short non-bullet lines;
    a header field that is already filled in the current entry (or any header after bullets)
    starts a new entry."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.places = side_places(lines)
        self.entries: list[tuple[dict[str, Any], dict[str, dict]]] = []
        self.cur = _blank()
        self.prov: dict[str, dict] = {}
        self.had_body = False
        self.cont_x: float | None = None  # left edge of the current bullet text, to join wrapped lines
        self.soft_company = False  # company copied from the previous role; a later company line replaces it
        # The field each header line held, by its place among the entry's header lines: in the
        # first complete entry (the section's template), and in the entry being read.
        self.template: dict[int, str] | None = None
        self.slots: dict[int, str] = {}
        self.slot = 0
        self.copied = False
        self.group: dict[str, Any] | None = None  # the last group heading (employer and whole range)
        sizes = sorted(ln.size for ln in lines if ln.size)
        self.body_size = sizes[len(sizes) // 2] if sizes else None
        self.margins = _margins(lines)
        self.right_edges = _right_edges(lines)
        self.last_body: Line | None = None  # the body line read last, to tell a wrap from a new item
        # Is a dated entry header just ahead (within the next two header-like lines)?  Where the
        # section opens on a bare date range, every entry starts with its range: a range ahead
        # opens the next entry, and the line above it is still the last one of this entry.
        dates_first = bool(lines) and date_only(lines[0].text)
        self.dates_first = dates_first
        self.dated_next = [False] * len(lines)
        for i in range(len(lines) - 1):
            for j in range(i + 1, min(i + 3, len(lines))):
                nxt_text, nxt_bullet = is_bullet(lines[j])
                if nxt_bullet or is_prose(nxt_text):
                    break
                if header_parts(lines[j]).dates is not None:
                    self.dated_next[i] = not (dates_first and date_only(lines[j].text))
                    break

    def flush(self) -> None:
        cur, prov = self.cur, self.prov
        self.soft_company = False
        if self.template is None and {"title", "company"} <= set(self.slots.values()) and not self.copied:
            # (an entry whose employer was copied from a heading above shows no template: the
            # line it read as an employer may be that employer's unit)
            self.template = self.slots
        self.slots, self.slot, self.copied = {}, 0, False
        if cur["company"] or cur["title"]:
            self.entries.append((cur, prov))
        elif self.entries and cur["highlights"]:
            last = self.entries[-1]
            base = len(last[0]["highlights"])
            for i in range(len(cur["highlights"])):
                if f"highlights.{i}" in prov:
                    last[1][f"highlights.{base + i}"] = prov[f"highlights.{i}"]
            last[0]["highlights"].extend(cur["highlights"])
        self.cur, self.prov, self.had_body = _blank(), {}, False

    def _as_before(self, h: Header, roles: dict[str, str]) -> dict[str, str]:
        """Entries of one section share a template.  Once a complete entry has shown which of its
        header lines holds the role ("Clinical Lead Physiotherapist <tab> June 2021 – present"
        over the employer; or the range, the role, the employer), a later entry's line in the
        same place whose one field no word marks as title or employer ("Locum Physiotherapist")
        is the role too, not an employer.  So is such a line whose range lies within the range of
        a group heading above it (an employer listed once over several of its roles)."""
        if len(h.parts) != 1 or "title" in roles or "company" not in roles or self.cur["title"]:
            return roles
        nested = False
        if h.dates and self.group:
            inner = {"start": h.dates.start, "end": h.dates.end}
            nested = range_within(inner, self.group)
            if not nested:
                self.group = None
        if not nested and (self.template is None or self.template.get(self.slot) != "title"):
            return roles
        part = roles["company"]
        if is_company(part) or is_legal_entity(part) or _TEAM.search(part) or _UNIT.match(part):
            return roles  # an employer, or a unit of one ("Insights Unit  2014 – 2018")
        out = dict(roles)
        out["title"] = out.pop("company")
        return out

    def header(self, pos: int, ln: Line, text: str, bullet: bool) -> Header | None:
        """The line's header fields, or None when it is body text."""
        cur = self.cur
        labelled = label_field(text)
        if labelled and labelled[0] in ("body", "subjects", "degree", "institution"):
            return None
        if bullet or (not labelled and (is_prose(text) or is_labelled_list(text))):
            return None
        if not labelled and "\t" not in text and len(text.split()) >= 5 and _DANGLING_END.search(text.rstrip()) \
                and sum(1 for w in text.split() if w[:1].islower() and len(w) > 3) >= 2:
            return None  # the first line of a wrapped sentence
        if ln.bbox and not ln.bold and (ln.page, ln.column) in self.margins and not label_field(text) \
                and ln.bbox[0] > self.margins[(ln.page, ln.column)] + 8 and not header_parts(ln).dates \
                and not (not self.had_body and any(is_company(p) or is_location(p) for p in split_commas(text, True))):
            return None  # indented, plain, undated: body text whose bullet was drawn as a shape
        h = header_parts(ln)
        if pos in self.places and len(h.parts) >= 2:
            h.place = h.parts.pop()
        h.parts, h.employment = take_employment_type(h.parts)
        if not h.parts and not h.dates:
            return None
        if h.field in ("company", "title", "dates"):
            return h  # a form's label says this is a header field, wherever it stands
        # A wrapped highlight line indented like the bullet text is a continuation.
        if self.cont_x is not None and ln.bbox and abs(ln.bbox[0] - self.cont_x) < 3 and not h.dates \
                and cur["highlights"] and not ln.bold:
            return None
        if cur["highlights"] and not h.dates and not ln.bold and len(h.parts) == 1 and \
                cur["highlights"][-1][-1:] not in (".", "。") and (text[:1].islower() or _DANGLING_END.search(cur["highlights"][-1])):
            return None  # the rest of a highlight that wrapped (it ended on "and the")
        if self.dates_first and self.had_body and not h.dates:
            return None  # every entry opens on its range: after body text, only a range starts the next
        if self.had_body and not h.dates and not ln.bold and len(h.parts) == 1 and not self.dated_next[pos] and \
                not (ln.size and self.body_size and ln.size > self.body_size + 0.4) and \
                not any(is_title(p) or is_company(p) or is_location(p) for p in h.parts):
            # After highlights, an unremarkable short line is more likely another highlight
            # than a new entry.
            return None
        return h

    def body(self, ln: Line, text: str, bullet: bool) -> None:
        cur = self.cur
        text = HIGHLIGHT_LABEL.sub("", text)
        labelled = label_field(text)
        if labelled and labelled[0] == "body":
            text = labelled[1]
        if bullet or not cur["highlights"]:
            cur["highlights"].append(text)
            _note_highlight(self.prov, cur, ln)
            self.cont_x = None
        else:
            prev = cur["highlights"][-1]
            # Continuation of a wrapped bullet vs. a new sentence-level highlight.
            new_item = (bool(ACTION_VERB.match(text) or re.match(r"[A-Z][a-z]+ed\b", text)) and not ln.bbox) \
                or is_labelled_list(text) or _ends_short(self.last_body, ln, self.right_edges)
            if not bullet and (text[:1].islower() or (not prev.rstrip().endswith((".", "。", "!", ";", "；"))
                                                      and not new_item)):
                if prev.endswith("-") and text[:1].islower():
                    cur["highlights"][-1] = prev[:-1] + text  # hyphenated line break
                else:
                    cur["highlights"][-1] = prev + ("" if CJK_RE.search(prev[-1:]) else " ") + text
            else:
                cur["highlights"].append(text)
                _note_highlight(self.prov, cur, ln)
        if ln.bbox and bullet:
            # Bullet text starts after the bullet glyph; wrapped lines align with it.
            self.cont_x = ln.bbox[0] + (ln.bbox[2] - ln.bbox[0]) * (len(ln.text) - len(text)) / max(len(ln.text), 1)
        self.had_body = True
        self.last_body = ln

    def start(self, pos: int, ln: Line, h: Header) -> bool:
        """A header line: its fields go into the current entry, or start the next one.  False when
        it fits neither (the line is read as description instead)."""
        cur, prov = self.cur, self.prov
        # Where the section's entries open on their employer, a role copied from the one above that
        # has its dates already is complete: an employer line now opens the next entry.
        # (the entry being read shows the template too, once complete: the first entry has no other)
        shown = self.template or (self.slots if {"title", "company"} <= set(self.slots.values()) and not self.copied else {})
        opens_on_employer = shown.get(0) == "company" and bool(cur["start"] or cur["end"])
        if self.soft_company and not opens_on_employer and "company" in _assign(h, {**cur, "company": None}) \
                and not self.had_body:
            cur["company"] = None
            prov.pop("company", None)
            self.soft_company = False
        below = _company_line_below(self.lines, pos)
        roles = self._as_before(h, _assign(h, cur, below))
        if opens_on_employer and not roles.keys() & {"company", "title"} and cur["company"] and cur["title"] \
                and len(h.parts) == 1 and not h.dates and _NAME_WORDS.fullmatch(h.parts[0].strip()) \
                and "location" not in roles and not is_location(h.parts[0]) and ln.bold:
            # A name no word marks, set in bold after a whole entry, where every entry opens on its employer.
            roles = {**roles, "company": _clean(h.parts[0])}
        # A form may name the employer after the description ("Name and address of employer").
        late_field = h.field in ("company", "title") and h.field in roles and not cur[h.field] and not h.dates
        conflict = (self.had_body and not late_field) or (h.dates and (cur["start"] or cur["end"])) or \
            ("company" in roles and cur["company"] and "title" not in roles and cur["title"]) or \
            ("title" in roles and cur["title"]) or ("company" in roles and cur["company"] and "title" in roles)
        flushed = bool(conflict and (cur["company"] or cur["title"] or cur["start"]))
        if flushed:
            prev_company, prev_prov = cur["company"], prov.get("company")
            # Under a group heading (an employer with its whole range, no role, no text), the
            # role's line stands where it would under the employer of a single entry.
            heading = self.slot if cur["company"] and not cur["title"] and not self.had_body else 0
            if heading and cur["start"] and cur["end"]:
                self.group = dict(cur)  # an employer with its whole range: roles within it follow
            self.flush()
            self.slot = heading
            cur, prov = self.cur, self.prov
            roles = self._as_before(h, _assign(h, cur, below))
            if "company" not in roles and "title" in roles and prev_company:
                # Another role under the same company heading.
                cur["company"] = prev_company
                self.soft_company = True
                self.copied = True
                if prev_prov:
                    prov["company"] = dict(prev_prov, confidence=0.6)
        before = dict(cur)
        _fill(cur, prov, roles, h, ln)
        if not flushed and cur == before and not h.dates and not h.employment and (cur["company"] or cur["title"]) \
                and len(ln.text.split()) >= 4:
            return False  # it adds nothing to the entry and opens none: description, not lost
        named = [k for k in ("title", "company") if k in roles]
        self.slots[self.slot] = named[0] if len(named) == 1 else ""
        self.slot += 1
        if h.dates and not (cur["start"] or cur["end"]):
            cur["start"], cur["end"] = h.dates.start, h.dates.end
            prov["dates"] = ln.prov(0.85, h.dates.text)
        self.cont_x = None
        return True


def _fill(cur: dict[str, Any], prov: dict[str, dict], roles: dict[str, str], h: Header, ln: Line) -> None:
    """Put a header's fields into the current entry.  A second organisation line under the
    employer before any title ("数据智能实验室（上海）" under "海港货运有限公司") is a unit of it."""
    for k in ("company", "title", "location"):
        if k in roles and not cur[k]:
            cur[k] = tidy_place(roles[k]) if k == "location" else roles[k]
            prov[k] = ln.prov(0.8 if k != "location" else 0.7, roles[k])
        elif k == "company" and k in roles and roles[k] != cur[k] and not cur["title"] and not cur["unit"] \
                and not h.dates and "title" not in roles:
            cur["unit"] = roles[k]
            prov["unit"] = ln.prov(0.6, roles[k])
    if roles.get("unit") and not cur["unit"]:
        cur["unit"] = roles["unit"]
        prov["unit"] = ln.prov(0.7, roles["unit"])
    if h.employment and not cur["employment_type"]:
        cur["employment_type"] = h.employment
        prov["employment_type"] = ln.prov(0.8, h.employment)


def _company_line_below(lines: list[Line], pos: int) -> bool:
    """Is the next line an undated organisation name on its own ("Queen Elizabeth Hospital")?"""
    if pos + 1 >= len(lines):
        return False
    text, bullet = is_bullet(lines[pos + 1])
    if bullet or is_prose(text):
        return False
    h = header_parts(lines[pos + 1])
    if h.dates or len(h.parts) != 1 or is_title(h.parts[0]):
        return False
    # A known organisation, or an undated capitalised name on its own under a dated title line
    # ("Senior Analyst – Pricing  2015 – 2016" / "Marrow & Finch").
    name = h.parts[0]
    return is_company(name) or (header_parts(lines[pos]).dates is not None and len(name.split()) <= 6
                                and name[:1].isupper() and not is_location(name) and not CJK_RE.search(name))


def _note_highlight(prov: dict[str, dict], cur: dict[str, Any], ln: Line) -> None:
    prov[f"highlights.{len(cur['highlights']) - 1}"] = ln.prov(0.7)
