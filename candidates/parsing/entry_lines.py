"""Put an entry's header back together before the entry parsers read it.

Date ranges anchor entries.  Two-column entry layouts (the title on the left, the place and the
dates right-aligned on a tab stop) break the header apart in ways the reading order cannot see:

* the dates are set beside the first description line, not beside the header ("Acme, Engineer
  <tab> Berlin" / "Built the billing API … <tab> Jan 2020 – present");
* a long header wraps before the tab stop ("Acme 阿克米, Senior Research Associate 高" / "级研究员
  <tab> May 2021 – present").

Both are undone here, from the line geometry (same column, same left edge, same size) and from
what each piece is (a bare date range, a fragment that cannot start a line of its own).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .dates import find_dates, find_range
from .entries import ends_sentence, is_company, is_title
from .model import Line
from .textutil import CJK_RE, strip_bullet


def _copy(ln: Line, text: str) -> Line:
    return Line(text=text, page=ln.page, bbox=ln.bbox, size=ln.size, bold=ln.bold, column=ln.column,
                index=ln.index, style=ln.style, bullet=ln.bullet, source=ln.source)


def date_only(part: str) -> bool:
    """A tab-stop field that holds a date range and nothing else."""
    span = find_dates(part)
    if span is None or not (span.start or span.end):
        return False
    rest = (part[: span.begin] + part[span.stop:]).strip(" ,;:|·•()（）-–—")
    return not re.search(r"[A-Za-z\u4e00-\u9fff]{2,}", rest)


def _is_body(text: str) -> bool:
    from .entries import is_prose

    body, bullet = strip_bullet(text)
    return bullet or is_prose(body) or len(body.split()) > 8


def _headerish(ln: Line) -> bool:
    from .entries import is_prose

    text, bullet = strip_bullet(ln.text)
    return bool(text) and not bullet and not ln.bullet and not is_prose(text.split("\t")[0])


def _same_block(a: Line, b: Line) -> bool:
    if a.page != b.page or a.column != b.column:
        return False
    if a.bbox and b.bbox:
        return abs(a.bbox[0] - b.bbox[0]) <= 1.5 and abs((a.size or 0) - (b.size or 0)) < 0.3
    return False  # without geometry a wrap cannot be told from a new line


def _tight_alike(prev: Line, ln: Line) -> bool:
    """Set in the same weight, at the line spacing of one paragraph: a field wrapped in a narrow
    sidebar ("Bachelor of Medical" / "Radiation Science in"), not the next field under it."""
    size = prev.size or 0
    return bool(prev.bbox and ln.bbox and size) and prev.bold == ln.bold \
        and 0 < prev.bbox[1] - ln.bbox[1] <= 1.35 * size


def _continues(prev: Line, ln: Line, right: float | None = None, widest: float | None = None) -> bool:
    """Is ``ln``'s first field the wrapped end of ``prev``'s first field?  ``right``: the right
    edge of the lines of that page and column, where two lines show it; ``widest``: the furthest
    any line reaches, the edge to go by for lines set alike and close (a ragged sidebar)."""
    head = prev.text.split("\t")[0].rstrip()
    first = ln.text.split("\t")[0].strip()
    if not first or not head or not _same_block(prev, ln) or not _headerish(prev):
        return False
    if right is None and widest is not None and _tight_alike(prev, ln):
        right = widest
    if _DANGLING.search(head) and len(first.split()) <= 3 and "\t" not in ln.text and not find_dates(first) \
            and prev.bold == ln.bold:
        return True  # "Institut Polytechnique de" / "Valmoraine": a name cannot end on "de"
    if "\t" not in ln.text and not find_dates(ln.text) and not find_dates(head) and len(first.split()) <= 6 \
            and re.match(r"(?:at|in|of|and|for|with|de|du|des)\s+[A-ZÀ-Þ]", first):
        return True  # "Bachelor of Science in Mathematics" / "at Lakeshore University": no line starts on "at"
    if right is not None and prev.bbox and ln.bbox and "\t" not in prev.text and "\t" not in ln.text \
            and len(first.split()) <= 3 and not re.search(r"[.;:,。；：，]$", head) and not find_dates(ln.text) \
            and not find_dates(head):
        # A narrow column: the next line's first word would not have fitted after this line.
        if right - prev.bbox[2] < first_word_width(ln):
            return True
    # A wrapped line ran to the right margin: it is long (a Chinese character is about two Latin ones).
    if find_dates(head) or re.search(r"[.;:,。；：，]$", head) or len(head) + len(CJK_RE.findall(head)) < 40:
        return False
    short = len(first) <= 12 if CJK_RE.match(first) else len(first.split()) <= 3
    # A line of its own would not start with a lower-case word or in the middle of a Chinese word
    # whose other half ends the line above.
    starts_inside = first[:1].islower() or (bool(CJK_RE.match(first)) and bool(CJK_RE.search(head[-1:])))
    return short and starts_inside


# Words a name cannot end on ("Institut Polytechnique de" / "Valmoraine").
NAME_CANNOT_END_ON = "de|du|des|la|le|of|in|and|for|the|di|del|della|für|und|&"
_DANGLING = re.compile(rf"(?i)\s(?:{NAME_CANNOT_END_ON})$")


def first_word_width(ln: Line) -> float:
    """The width ``ln``'s first word and a space take, guessed from the line's average glyph: how
    much room a line above needed to have held it (so it was wrapped, not set apart)."""
    assert ln.bbox is not None
    words = ln.text.split()
    per_char = (ln.bbox[2] - ln.bbox[0]) / max(len(ln.text), 1)
    return per_char * (len(words[0]) + 1) if words else 0.0


def _join(prev: Line, ln: Line) -> Line:
    a, *a_rest = prev.text.split("\t")
    b, *b_rest = ln.text.split("\t")
    glue = "" if CJK_RE.search(a[-1:]) and CJK_RE.match(b.strip()) else " "
    text = "\t".join([a.rstrip() + glue + b.strip(), *a_rest, *b_rest])
    out = _copy(prev, text)
    if prev.bbox and ln.bbox:
        out.bbox = (min(prev.bbox[0], ln.bbox[0]), min(prev.bbox[1], ln.bbox[1]),
                    max(prev.bbox[2], ln.bbox[2]), max(prev.bbox[3], ln.bbox[3]))
    return out


def _lift_side_date(out: list[Line], ln: Line) -> Line:
    """Move a date range set beside a description line onto the undated header one or two
    lines above it; return what is left of the description line."""
    parts = ln.text.split("\t")
    if len(parts) < 2 or not date_only(parts[-1]) or not _is_body("\t".join(parts[:-1])):
        return ln
    for back in (1, 2):
        if len(out) < back:
            break
        cand = out[-back]
        if cand.page != ln.page or cand.column != ln.column:
            break
        if _headerish(cand) and not find_dates(cand.text):
            out[-back] = _copy(cand, cand.text.rstrip() + "\t" + parts[-1].strip())
            return _copy(ln, "\t".join(parts[:-1]).rstrip())
        if not _headerish(cand):
            break
    return ln


_LEADING_DATE = re.compile(r"^\s*(?P<date>[^\t·•|]{2,20}?)\s*(?:\t|\s[·•|]\s)\s*(?P<rest>\S.*)$")


def _present(text: str) -> bool:
    from .dates import PRESENT

    return bool(re.fullmatch(rf"\s*(?:{PRESENT})\s*", text, re.IGNORECASE))


def _stacked(prev: Line, ln: Line) -> tuple[Line, Line] | None:
    """"2011 <tab> Lone Mesa University" / "2015 · Bachelor of Science": the start year beside the
    school and the end year under it, in a narrow date column.  Both become one range on the
    first line."""
    a = _LEADING_DATE.match(prev.text)
    b = _LEADING_DATE.match(ln.text)
    if not a or not b or prev.page != ln.page or prev.column != ln.column:
        return None
    if prev.bbox and ln.bbox and abs(prev.bbox[0] - ln.bbox[0]) > 1.5:
        return None
    first, second = a.group("date").strip(), b.group("date").strip()
    span = find_dates(first)
    # A single date parses as an end ("2011" → end 2011); a range would have a start.
    if span is None or span.start is not None or not span.end or span.text.strip() != first \
            or not (_present(second) or (find_dates(second) and find_dates(second).text.strip() == second)):
        return None
    top = _copy(prev, f"{a.group('rest').strip()}\t{first} – {second}")
    return top, _copy(ln, b.group("rest").strip())


_NAME_WORDS = r"[A-ZÀ-Þ][\w'’.&\-]*(?:\s+(?:[A-ZÀ-Þ&][\w'’.&\-]*|of|de|do|da|du|la|le|y))*"


def _unbullet_header(ln: Line, nxt: Line | None) -> Line:
    """An icon set before an entry header ("◆ Engineer, Company" over its date range) is no bullet:
    the line has a range of its own below it, at or right of the line's own left edge, and reads as
    a header (short, no full stop) — a bullet point's text is indented past the header it serves."""
    text, bullet = strip_bullet(ln.text)
    if not bullet or nxt is None or not ln.bbox or not nxt.bbox or nxt.page != ln.page:
        return ln
    rng = find_range(nxt.text)
    if rng is None or len(nxt.text.strip()) - len(rng.text) > 25 or nxt.bbox[0] < ln.bbox[0] - 2:
        return ln
    if ends_sentence(text) or text.rstrip().endswith(";") or len(text.split()) > 10 or find_range(text):
        return ln
    pieces = [p.strip() for p in re.split(r",\s+|\s+(?:at|@|[|–—-])\s+", text) if p.strip()]
    named = [p for p in pieces if is_company(p) or (not is_title(p) and re.fullmatch(_NAME_WORDS, p))]
    if len(pieces) < 2 or not any(is_title(p) for p in pieces) or not named:
        return ln  # a header names a role and an employer
    return Line(text=text, page=ln.page, bbox=ln.bbox, size=ln.size, bold=ln.bold, column=ln.column,
                index=ln.index, style=ln.style, bullet=False, source=ln.source, cells=ln.cells)


# A legal form alone never stands as a line: it is the end of the employer above, wrapped under a
# header whose right-aligned dates took the room ("… Presidio Search  2019.02 – 2021.05" / "Inc.").
_LEGAL_FORM_ONLY = re.compile(
    r"(?i)^(?:inc|llc|llp|ltd|limited|corp|co|plc|gmbh|ag|s\.?a|s\.?a\.?s|ab|bv|b\.v|nv|n\.v|oy|pty|pvt|srl|spa)\.{0,2}$")


def _ran_into_dates(prev: Line, ln: Line, nxt: Line | None, right: float | None) -> bool:
    """"Charge Nurse, Emergency Department, Willamette  2020.04 – present" / "Crest Hospital.": a
    header whose text ran up to its right-aligned dates (no tab stop left between them, the line as
    wide as the widest of its column, ``right``) wraps its last words onto a short line in the
    header's own size, before the entry's body (set smaller, or as bullets)."""
    span = find_dates(prev.text)
    if span is None or "\t" in prev.text or prev.text[span.stop:].strip() or right is None \
            or not prev.bbox or not ln.bbox or prev.bbox[2] < right - 2 or not _same_block(prev, ln):
        return False
    text = ln.text.strip()
    if len(text.split()) > 4 or find_dates(text) or ln.bullet or strip_bullet(text)[1] \
            or abs(ln.bbox[0] - prev.bbox[0]) > 3 or not prev.size or abs((ln.size or 0) - prev.size) > 0.3:
        return False
    return nxt is None or nxt.bullet or strip_bullet(nxt.text)[1] or abs((nxt.size or 0) - prev.size) > 0.3


def _before_dates(prev: Line, tail: str) -> Line:
    """``prev`` with ``tail`` joined to the text before its date range (a word hyphenated at the
    wrap whole again: "Heat-" / "ing.")."""
    span = find_dates(prev.text)
    cut = span.begin if span is not None else len(prev.text)
    head = prev.text[:cut].rstrip(" \t")
    glue = "" if head.endswith("-") and tail[:1].islower() else " "
    head = head[:-1] if not glue else head
    return _copy(prev, f"{head}{glue}{tail}\t{prev.text[cut:].lstrip()}".rstrip())


def mend_headers(lines: list[Line]) -> list[Line]:
    """Lines of an entry section with wrapped headers joined, stacked years paired and side
    dates lifted."""
    out: list[Line] = []
    # The right edge of each page's column: the furthest edge that two lines of different widths
    # reach (right-aligned or justified).  The widest line alone is no boundary a wrap was forced
    # by, nor are left-aligned lines of one format ("2019-07 to 2021-02") that end together.
    ends: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for ln in lines:
        if ln.bbox:
            ends.setdefault((ln.page, ln.column), []).append((ln.bbox[2], ln.bbox[0]))
    right: dict[tuple[int, int], float] = {}
    widest = {key: max(x for x, _ in xs) for key, xs in ends.items()}
    for key, xs in ends.items():
        xs.sort(reverse=True)
        edge = next((a[0] for a, b in zip(xs, xs[1:]) if a[0] - b[0] <= 2 and abs(a[1] - b[1]) > 3), None)
        if edge is not None:
            right[key] = edge
    for pos, ln in enumerate(lines):
        ln = _unbullet_header(ln, lines[pos + 1] if pos + 1 < len(lines) else None)
        if out and (_LEGAL_FORM_ONLY.match(ln.text.strip()) and _same_block(out[-1], ln)
                    or _ran_into_dates(out[-1], ln, lines[pos + 1] if pos + 1 < len(lines) else None,
                                       widest.get((ln.page, ln.column), 0.0))):
            out[-1] = _before_dates(out[-1], ln.text.strip())
            continue
        if out and _continues(out[-1], ln, right.get((ln.page, ln.column)), widest.get((ln.page, ln.column))):
            out[-1] = _join(out[-1], ln)
            continue
        pair = _stacked(out[-1], ln) if out else None
        if pair:
            out[-1], ln = pair
            if _continues(out[-1], ln, right.get((ln.page, ln.column)), widest.get((ln.page, ln.column))):
                out[-1] = _join(out[-1], ln)
                continue
        out.append(_lift_side_date(out, ln))
    return out


_PLACE_FIELD = re.compile(r"[A-ZÀ-Ý][\w'’.\-]+(?:[ ,]+[A-ZÀ-Ý(][\w'’.\-)]+){0,3}")


_UNIT_WORD = re.compile(r"(?i)\b(?:team|group|unit|department|division|squad|lab)$")


def side_places(lines: list[Line]) -> set[int]:
    """Positions of header lines whose right-aligned last field is a place: a short capitalised
    name on a tab stop, with the dates on the same tab stop (or on their own line) just below
    ("Ottery Lane Books <tab> Exeter" / "Sept 2014 – June 2016").  Known or not, the position
    says what it is."""
    from .entries import ends_sentence, is_company, is_title

    found: set[int] = set()
    titled = False  # a role known by its words stands in that place in some entry: it is the role's place
    for i, ln in enumerate(lines[:-1]):
        fields = [f.strip() for f in ln.text.split("\t")]
        last = fields[-1]
        if len(fields) >= 2 and _headerish(ln) and not find_dates(ln.text) and is_title(last) \
                and any(date_only(nxt.text.split("\t")[-1]) for nxt in lines[i + 1: i + 3]):
            titled = True
        if len(fields) < 2 or not _headerish(ln) or find_dates(ln.text) or not _PLACE_FIELD.fullmatch(last) \
                or is_title(last) or is_company(last) or _UNIT_WORD.search(last):
            continue
        for nxt in lines[i + 1: i + 3]:
            if nxt.page != ln.page or nxt.column != ln.column:
                break
            tail = nxt.text.split("\t")[-1]
            if date_only(tail):
                found.add(i)
                break
            if not _headerish(nxt):
                break
    return set() if titled else found


def with_side_column(main: list[Line], untitled: list[list[Line]]) -> list[Line]:
    """Entries whose role and range stand in a column of their own to the right ("Huangpu
    Clinical Research" on the left, "Senior Clinical Data / Manager / Aug 2020 - Present" beside
    it): such a column has no title of its own, so the section reader never sees it.  An untitled
    run of lines right of the section's column, on the same page, within its height and holding a
    date range, is cut into blocks (lines close below each other); each block joins the section's
    line level with its top, as tab-separated fields: its wrapped text, then its range."""
    if not main or not untitled:
        return main
    out = list(main)
    for side in untitled:
        if not side or any(ln.bbox is None for ln in side) or len({(ln.page, ln.column) for ln in side}) != 1:
            continue
        page, col = side[0].page, side[0].column
        here = [ln for ln in out if ln.page == page and ln.bbox]
        if not here or any(ln.column >= col for ln in here):
            continue
        top = max(ln.bbox[3] for ln in here)
        bottom = min(ln.bbox[1] for ln in here)
        size = max(ln.size or 10.0 for ln in here)
        # (the column may go on above or below the section: a headline at the top of the page)
        side = [ln for ln in side if ln.bbox[3] <= top + size and ln.bbox[1] >= bottom - 2 * size]
        if not any(find_range(ln.text) for ln in side) or min(ln.bbox[0] for ln in side) <= max(ln.bbox[0] for ln in here):
            continue
        blocks: list[list[Line]] = []
        for ln in sorted(side, key=lambda s: -s.bbox[1]):
            if blocks and blocks[-1][-1].bbox[1] - ln.bbox[3] <= 1.2 * (ln.size or 10.0):
                blocks[-1].append(ln)
            else:
                blocks.append([ln])
        for block in blocks:
            y = block[0].bbox[1]
            target = min(here, key=lambda m: abs(m.bbox[1] - y))
            if abs(target.bbox[1] - y) > size:
                break
            words = " ".join(ln.text.strip() for ln in block if not date_only(ln.text))
            dates = [ln.text.strip() for ln in block if date_only(ln.text)]
            fields = [target.text.rstrip(), *([words] if words else []), *dates]
            i = out.index(target)
            out[i] = _copy(target, "\t".join(fields))
            here[here.index(target)] = out[i]
    return out


def unfold_side_by_side(lines: list[Line]) -> list[Line]:
    """Two entries set side by side ("Erasmus School of Logistics ⇥ Hogeschool Zuidwal" / "Master
    of Science ⇥ Bachelor of Business Administration" / "2013 – 2014 ⇥ 2009 – 2013"): consecutive
    lines cut into the same sub-columns, one of them holding a date range in two of them, are read
    one sub-column at a time, top to bottom."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        run = [ln]
        if len(ln.spans) >= 2 and ln.bbox and len(ln.text.split("\t")) == len(ln.spans):
            for nxt in lines[i + 1:]:
                if (nxt.page, nxt.column) != (ln.page, ln.column) or len(nxt.spans) != len(ln.spans) or not nxt.bbox \
                        or len(nxt.text.split("\t")) != len(nxt.spans) \
                        or any(abs(a[0] - b[0]) > 4 for a, b in zip(nxt.spans, ln.spans)):
                    break
                run.append(nxt)
        if len(run) >= 2 and any(sum(1 for part in r.text.split("\t") if find_range(part)) >= 2 for r in run):
            for k in range(len(ln.spans)):
                for r in run:
                    assert r.bbox is not None
                    part = r.text.split("\t")[k].strip()
                    if part:
                        x0, x1 = r.spans[k]
                        out.append(replace(r, text=part, bbox=(x0, r.bbox[1], x1, r.bbox[3]), spans=(), cells=()))
            i += len(run)
            continue
        out.append(ln)
        i += 1
    return out
