"""Glyphs → chunks → columns → ordered lines, for one PDF page.

A *chunk* is a run of glyphs on one baseline without a wide horizontal gap
(a word group); a *line* is the chunks of one column sharing a baseline,
joined by a space, or by a tab when the gap is wide (e.g. a right-aligned
date).  Columns are found from vertical gutters in the x-coverage of chunks;
a gutter whose narrow side only holds dates/places sharing baselines with the
other side is a tab stop, not a column.  Each column is read top-to-bottom;
lines spanning all columns (a name banner) split the page into bands.

Coordinates: pdfminer's, points, origin bottom-left, y upwards.
"""

from __future__ import annotations

import re
from statistics import median

from .model import Line

# (x0, y0, x1, y1, text, size, bold)
Char = tuple[float, float, float, float, str, float, bool]

_DATEISH = re.compile(
    r"(?:19|20)\d\d|present|current|now|至今|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.I,
)


class Chunk:
    __slots__ = ("x0", "y0", "x1", "y1", "text", "size", "bold", "n", "chars", "gaps")

    def __init__(self, x0: float, y0: float, x1: float, y1: float, text: str, size: float, bold: bool, n: int,
                 chars: list[Char]) -> None:
        self.x0, self.y0, self.x1, self.y1 = x0, y0, x1, y1
        self.text, self.size, self.bold, self.n = text, size, bold, n
        self.chars = chars
        self.gaps: list[tuple[int, float]] = []  # (offset in text, width in ems) of each word space

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2


# A word space over this many ems, and over 1.6 times the page's usual space, is a gap between
# boxes (skill chips, tags), not a space: boxes set 0.6 em apart in a font whose space is a third
# of an em are chips.
_CHIP_GAP = 0.5
_CHIP_RATIO = 1.6


def _finish(chars: list[Char], spaces: list[bool]) -> Chunk | None:
    """Join glyphs into text, deciding where word spaces go."""
    vis = chars
    if not vis:
        return None
    sizes = [c[5] for c in vis]
    size = median(sizes) if len(sizes) > 2 else max(sizes)
    gaps = [vis[i + 1][0] - vis[i][2] for i in range(len(vis) - 1)]
    thr = 0.12 * size
    implicit = [g for g, sp in zip(gaps, spaces[1:]) if not sp]
    explicit_any = any(spaces[1:])
    if len(implicit) >= 3 and sum(1 for g in implicit if g > thr) >= 0.7 * len(implicit):
        # Letter-spaced text ("E X P E R I E N C E"): only clearly wider gaps are word breaks.
        if explicit_any:
            thr = float("inf")
        else:
            thr = median(implicit) + 0.2 * size
    parts = [vis[0][4]]
    at, spaced = len(vis[0][4]), []
    for i, g in enumerate(gaps):
        if spaces[i + 1] or g > thr:
            parts.append(" ")
            spaced.append((at, g / size))
            at += 1
        parts.append(vis[i + 1][4])
        at += len(vis[i + 1][4])
    text = "".join(parts)
    bold_n = sum(1 for c in vis if c[6])
    chunk = Chunk(
        min(c[0] for c in vis), min(c[1] for c in vis), max(c[2] for c in vis), max(c[3] for c in vis),
        text, size, bold_n >= 0.6 * len(vis), len(vis), vis,
    )
    chunk.gaps = spaced
    return chunk


def make_chunks(chars: list[Char]) -> list[Chunk]:
    chunks: list[Chunk] = []
    cur: list[Char] = []
    spaces: list[bool] = []  # spaces[i]: an explicit space preceded cur[i]
    pending_space = False
    drawn: set[tuple[str, int, int]] = set()
    space_at: Char | None = None
    for c in chars:
        t = c[4]
        if t.isspace():
            pending_space = True
            space_at = c
            continue
        if pending_space and space_at is not None and (
            abs(c[0] - space_at[2]) > 0.5 * max(c[5], 0.1) or abs(c[1] - space_at[1]) > 0.3 * max(c[5], 0.1)
        ):
            # A space drawn elsewhere (out-of-order glyphs) says nothing about this gap.
            pending_space = False
        # "Fake bold" draws the same text two or three times with a tiny offset.
        xb, yb = int(c[0]), int(c[1])
        if (t, xb, yb) in drawn or (t, xb - 1, yb) in drawn or (t, xb + 1, yb) in drawn:
            continue
        drawn.add((t, xb, yb))
        if cur:
            p = cur[-1]
            size = max(p[5], c[5], 0.1)
            gap = c[0] - p[2]
            same_line = abs(c[1] - p[1]) < 0.3 * size or abs(c[3] - p[3]) < 0.3 * size
            if not (same_line and -0.3 * size < gap < 1.5 * size):
                chunks += _finish_runs(cur, spaces)
                cur, spaces = [], []
                pending_space = False
        cur.append(c)
        spaces.append(pending_space)
        pending_space = False
    if cur:
        chunks += _finish_runs(cur, spaces)
    return chunks


def _finish_runs(chars: list[Char], spaces: list[bool]) -> list[Chunk]:
    """The chunks of a run of glyphs: one, or one per size where the size jumps across a gap wider
    than a space between letters ("Adaeze Okonkwo  Chartered Accountant" in 31 and 18 pt); a
    superscript, small capitals or a bullet set in another size stay in the run.  Sizes are
    compared per run, not per glyph: most runs hold one size."""
    sizes = [c[5] for c in chars]
    if max(sizes) <= 1.6 * min(sizes):
        ch = _finish(chars, spaces)
        return [ch] if ch else []
    out: list[Chunk] = []
    start = 0
    for i in range(1, len(chars)):
        p, c = chars[i - 1], chars[i]
        if c[0] - p[2] > 0.35 * max(p[5], c[5]) and (c[5] > 1.6 * p[5] or p[5] > 1.6 * c[5]) \
                and c[4].isalnum() and p[4].isalnum():
            ch = _finish(chars[start:i], spaces[start:i])
            if ch:
                out.append(ch)
            start = i
    ch = _finish(chars[start:], [False] + spaces[start + 1:] if start else spaces)
    if ch:
        out.append(ch)
    return out


def _share_baseline(a: list[Chunk], b: list[Chunk]) -> float:
    """Fraction of chunks in ``a`` that sit on the same baseline as some chunk of ``b``."""
    if not a:
        return 0.0
    ys = sorted(c.y0 for c in b)
    import bisect

    hits = 0
    for c in a:
        tol = 0.35 * c.size
        i = bisect.bisect_left(ys, c.y0 - tol)
        if i < len(ys) and ys[i] <= c.y0 + tol:
            hits += 1
    return hits / len(a)


def _find_gutter(chunks: list[Chunk]) -> tuple[float, list[Chunk], list[Chunk], list[Chunk]] | None:
    """Best vertical gutter: (x, left, right, spanning) or None.  A page whose first few lines run
    across both columns (the name, a headline, a summary over a sidebar and the body) hides the
    gutter under them: it is looked for again below them, and they become the banner on top."""
    found = _gutter(chunks)
    if found is not None or len(chunks) < 16:
        return found
    by_height = sorted(chunks, key=lambda c: -c.yc)
    for k in range(3, min(12, len(chunks) // 4) + 1, 3):
        below = _gutter(by_height[k:])
        if below is None:
            continue
        gx = below[0]
        span = [c for c in chunks if c.x0 < gx < c.x1]
        if all(any(c is t for t in by_height[:k]) for c in span):
            return gx, [c for c in chunks if c.x1 <= gx], [c for c in chunks if c.x0 >= gx], span
    return None


def _gutter(chunks: list[Chunk]) -> tuple[float, list[Chunk], list[Chunk], list[Chunk]] | None:
    if len(chunks) < 8:
        return None
    lo = int(min(c.x0 for c in chunks))
    hi = int(max(c.x1 for c in chunks)) + 1
    width = hi - lo
    if width < 100 or width > 15000:
        return None
    diff = [0] * (width + 2)
    for c in chunks:
        a = int(c.x0) - lo
        b = int(c.x1) - lo + 1
        diff[a] += 1
        diff[b] -= 1
    cover = []
    run = 0
    for v in diff[:width]:
        run += v
        cover.append(run)
    allowed = 2 + len(chunks) // 25
    gaps: list[tuple[int, int]] = []
    x = int(width * 0.12)
    end = int(width * 0.9)
    while x < end:
        if cover[x] <= allowed:
            start = x
            while x < end and cover[x] <= allowed:
                x += 1
            if x - start >= 6:
                gaps.append((start, x))
        x += 1
    best = None
    # The widest gaps are the likely gutters; a bounded number keeps odd pages cheap.
    for start, stop in sorted(gaps, key=lambda g: g[0] - g[1])[:12]:
        # Cut where coverage is lowest inside the gap.
        mid = min(range(start, stop), key=lambda i: (cover[i], abs(i - (start + stop) / 2)))
        gx = mid + lo
        left = [c for c in chunks if c.x1 <= gx]
        right = [c for c in chunks if c.x0 >= gx]
        span = [c for c in chunks if c.x0 < gx < c.x1]
        nl = sum(c.n for c in left)
        nr = sum(c.n for c in right)
        tot = nl + nr
        if len(left) >= 4 and len(right) >= 4 and (min(nl, nr) >= 0.06 * tot or _sidebar(left, right, nl, nr)) \
                and not _inline(left, right, nl, nr):
            score = min(nl, nr) - 50 * len(span)
            if best is None or score > best[0]:
                best = (score, gx, left, right, span)
    if best is None:
        return None
    return best[1], best[2], best[3], best[4]


def _sidebar(left: list[Chunk], right: list[Chunk], nl: int, nr: int) -> bool:
    """A narrow column of short items beside the body (a skills list of a word or two a line): few
    letters next to the body's, but a column all the same — several lines at normal spacing, no
    dates, and most of them not level with a line of the body (as margin labels would be)."""
    from .sections import heading_key

    small, big = (right, left) if nr <= nl else (left, right)
    items = [c for c in small if not heading_key(c.text)]  # the two columns' titles may well be level
    return len(items) >= 6 and _dense_block(small) and not any(_DATEISH.search(c.text) for c in small) \
        and _share_baseline(items, big) <= 0.5


def _dense_block(chunks: list[Chunk]) -> bool:
    """At least five lines in a row at normal line spacing: a column of text, not sparse tab stops."""
    ys = sorted(chunks, key=lambda c: -c.yc)
    run = 1
    for a, b in zip(ys, ys[1:]):
        if 0 < a.yc - b.yc <= 2.2 * max(a.size, b.size):
            run += 1
            if run >= 5:
                return True
        else:
            run = 1
    return False


def _label_column(left: list[Chunk], right: list[Chunk]) -> bool:
    """A form's label column (the Europass grid: "Dates", "Occupation or position held", "Name and
    address of employer" set flush right against the values): short labels ending at one x, most
    beside a value on their baseline, the same labels repeated down the page. Its rows are read
    across, label then value, or each value would lose the field that names it."""
    if len(left) < 6:
        return False
    edge = median(c.x1 for c in left)
    flush = [c for c in left if abs(c.x1 - edge) <= 2 and len(c.text) <= 40]
    if len(flush) < 0.8 * len(left):
        return False
    from .forms import label_only

    counts: dict[str, int] = {}
    for c in flush:
        counts[c.text.casefold()] = counts.get(c.text.casefold(), 0) + 1
    # Labels repeat once per entry, or are the form's known ones (a career of one job repeats few).
    labels = sum(1 for c in flush if counts[c.text.casefold()] >= 2 or label_only(c.text))
    return labels >= 0.3 * len(flush) and _share_baseline(flush, right) >= 0.5


def _inline(left: list[Chunk], right: list[Chunk], nl: int, nr: int) -> bool:
    """True when the gutter is really a tab stop (dates, places, labels)."""
    from .contacts import looks_like_location

    from .sections import heading_key

    if _label_column(left, right):
        return True
    small, big = (right, left) if nr <= nl else (left, right)
    # Headings in a margin and the short last lines of paragraphs say nothing about the gutter.
    small = [c for c in small if not heading_key(c.text) and not (len(c.text) < 30 and c.text.rstrip().endswith("."))] or small
    share = _share_baseline(small, big)
    # Tab-stop text is short: a DOI or a sentence that happens to hold a year is column text.
    tabby = [c for c in small if len(c.text) <= 30 and (_DATEISH.search(c.text) or looks_like_location(c.text)
                                                         or _DATE_PIECE.match(c.text))]
    tabish = len(tabby) / len(small)
    if len(small) - len(tabby) < 3:
        return True  # too little text besides dates/places to be a column of its own
    if tabish >= 0.5 and share >= 0.3:
        return True
    if sum(1 for c in small if len(c.text) > 30) >= 3 and tabish < 0.5:
        # Lines of running text on the narrow side: two columns whose line pitch happens to agree.
        return False
    if share >= 0.75 and not (_dense_block(small) and tabish < 0.3):
        return True
    return False


# A piece of a date range set on lines of its own: a date, a dash, "Present", a duration ("3 years").
_DATE_PIECE = re.compile(
    r"^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|\d{1,4}|present|current|now|today|至今"
    r"|years?|yrs?|months?|mos?|[-–—~/.,()]|\s)+$", re.I)


def _right_dates(rows: list[list[Chunk]]) -> list[list[Chunk]]:
    """Dates set in a column right of the entries, a range stacked over lines of its own
    ("September 2019" / "—" / "Present" / "7 years") level with the top of the entry's first line,
    not on its baseline: the pieces are joined into one range and put at the end of the row whose
    top they start level with (the entry's header), as if set on its baseline."""
    lo, hi = min(r[0].x0 for r in rows), max(r[-1].x1 for r in rows)
    mid = lo + 0.5 * (hi - lo)
    if not any(c.x0 > mid and _DATE_PIECE.match(c.text) for r in rows for c in r):
        return rows
    # A piece that rows up with a body line it only half overlaps (not on its baseline) is its own.
    split: list[list[Chunk]] = []
    for r in rows:
        k = len(r)
        while k > 1 and r[k - 1].x0 > mid and _DATE_PIECE.match(r[k - 1].text) \
                and r[k - 1].x0 - r[k - 2].x1 > 1.5 * r[k - 1].size and abs(r[k - 1].y0 - r[0].y0) > 0.25 * r[0].size:
            k -= 1
        split += [r[:k], r[k:]] if k < len(r) else [r]
    rows = split
    piece = [len(r) <= 3 and r[0].x0 > mid and all(_DATE_PIECE.match(c.text) for c in r) for r in rows]
    stacks: list[list[int]] = []
    for i, r in enumerate(rows):
        if not piece[i]:
            continue
        last = rows[stacks[-1][-1]] if stacks else None
        if last is not None and last[0].y0 - max(c.y1 for c in r) <= 1.2 * r[0].size \
                and r[0].x0 < last[-1].x1 and last[0].x0 < r[-1].x1:
            stacks[-1].append(i)
        else:
            stacks.append([i])
    gone: set[int] = set()
    for st in stacks:
        chunks = [c for i in st for c in rows[i]]
        if not any(c.text[:1].isdigit() or _DATEISH.search(c.text) for c in chunks):
            continue
        top, size = max(c.y1 for c in rows[st[0]]), rows[st[0]][0].size
        near = [j for j, r in enumerate(rows) if not piece[j] and r[-1].x1 < chunks[0].x0
                and abs(max(c.y1 for c in r) - top) <= 0.75 * size]
        if not near:
            continue
        j = min(near, key=lambda j: abs(max(c.y1 for c in rows[j]) - top))
        words = [f"({c.text})" if re.match(r"^\d+\s*[a-z]", c.text) and c.text[-1:].isalpha() else c.text
                 for c in chunks]
        first = chunks[0]
        rows[j] = rows[j] + [Chunk(min(c.x0 for c in chunks), rows[j][0].y0, max(c.x1 for c in chunks), rows[j][0].y1,
                                   " ".join(words), first.size, first.bold, sum(c.n for c in chunks),
                                   [ch for c in chunks for ch in c.chars])]
        gone.update(st)
    return [r for i, r in enumerate(rows) if i not in gone]


def _group_lines(chunks: list[Chunk]) -> list[list[Chunk]]:
    """Chunks of one column → rows sharing a baseline, top to bottom."""
    rows: list[list[Chunk]] = []
    for c in sorted(chunks, key=lambda c: (-c.yc, c.x0)):
        if rows:
            last = rows[-1]
            ref = last[0]
            overlap = min(ref.y1, c.y1) - max(ref.y0, c.y0)
            if overlap >= 0.5 * min(ref.y1 - ref.y0, c.y1 - c.y0) or abs(ref.yc - c.yc) < 0.25 * max(ref.size, c.size):
                last.append(c)
                continue
        rows.append([c])
    for r in rows:
        r.sort(key=lambda c: c.x0)
    return rows


def _text_edge(rows: list[list[Chunk]]) -> float | None:
    """The left edge most rows of a column start at: where its body text is aligned."""
    starts: dict[int, int] = {}
    for r in rows:
        keys = {round(r[0].x0)}
        # Text after a gap near the row's start also starts at the edge when a narrow first column
        # (dates, labels) holds most rows' first words: "June 2021 –  Staff Engineer, Acme".
        for c in r[:2]:
            if c is not r[0]:
                keys.add(round(c.x0))
            chars = c.chars[:40]
            keys.update(round(chars[j][0]) for j in range(1, len(chars))
                        if chars[j][0] - chars[j - 1][2] > 0.6 * c.size)
        for key in keys:
            starts[key] = starts.get(key, 0) + 1
    if len(rows) < 6:
        return None
    x, n = max(starts.items(), key=lambda kv: (kv[1], -kv[0]))
    return float(x) if n >= 0.3 * len(rows) else None


# Body lines of one column start within a few points of each other (entries, and list items
# indented by a bullet's width).
_EDGE_SLACK = 8.0
_MARGIN_WORDS = re.compile(r"^[^\W\d_]{2,}(?:[ &/\-][^\W\d_]+)*$|^[\u4e00-\u9fff]{2,}")


def _margin_split(row: list[Chunk], edge: float | None) -> int:
    """Index of the chunk where the body text starts when a row begins with a few words set in the
    left margin ("Work   Harrowgate Payments": a two-column grid whose narrow first column holds
    the section titles, on the baseline of the first entry); 0 when it does not."""
    if edge is None or row[0].x0 >= edge - 10:
        return 0
    row[:] = _cut_at_edge(row, edge)
    for i, c in enumerate(row[1:], 1):
        if abs(c.x0 - edge) <= _EDGE_SLACK:
            head = " ".join(k.text for k in row[:i]).strip()
            gap = c.x0 - row[i - 1].x1
            # Words only: dates or numbers in the margin ("2019 – 2021  Acme") belong to the entry.
            if gap > 0.8 * max(c.size, row[i - 1].size) and len(head) <= 40 and _MARGIN_WORDS.match(head):
                return i
            return 0
        if c.x0 > edge + _EDGE_SLACK:
            return 0
    return 0


def _cut_at_edge(row: list[Chunk], edge: float) -> list[Chunk]:
    """A margin title and the entry beside it can be close enough to form one chunk: cut the chunk
    where a glyph starts at the body's edge after a gap."""
    out: list[Chunk] = []
    for k in row:
        cut = next((j for j in range(1, len(k.chars)) if abs(k.chars[j][0] - edge) <= _EDGE_SLACK
                    and k.chars[j][0] - k.chars[j - 1][2] > 0.6 * k.size), 0) if k.x0 < edge - 10 < edge < k.x1 else 0
        if not cut:
            out.append(k)
            continue
        for part in (k.chars[:cut], k.chars[cut:]):
            ch = _finish(part, [False] + [part[j][0] - part[j - 1][2] > 0.25 * k.size for j in range(1, len(part))])
            if ch:
                out.append(ch)
    return out


def _grid_edge(rows: list[list[Chunk]]) -> float | None:
    """The body's left edge when the page is a grid with a narrow margin column on the left: many
    rows start well right of the leftmost text (60 pt or more), a good share of them at one edge."""
    starts = [round(r[0].x0) for r in rows]
    lo = min(starts)
    body = [x for x in starts if x >= lo + 60]
    if len(body) < 0.4 * len(rows):
        return None
    edge = min(body)
    near = sum(1 for x in body if abs(x - edge) <= 3)
    return float(edge) if near >= max(3, 0.2 * len(rows)) else None


def _in_margin(row: list[Chunk], edge: float) -> bool:
    """The whole row lies in the narrow column left of the body's edge."""
    return row[0].x0 < edge - 10 and max(c.x1 for c in row) < edge - 0.5 * row[0].size


def _lift_margin_cells(rows: list[list[Chunk]]) -> list[list[Chunk]]:
    """A grid whose narrow left cells hold the titles (and an entry's dates): the cell's text may
    start a little below the top of the first line beside it (padding, a smaller font), which puts
    it after that line by height, or on one row with the next body line.  A block of margin rows
    stacked at line pitch goes before the body rows that start no more than most of a line above
    its top.  A margin chunk on the body line's own baseline stays on its row (an entry's dates)."""
    edge = _grid_edge(rows) if len(rows) >= 6 else None
    if edge is None:
        return rows
    split: list[list[Chunk]] = []
    for r in rows:
        left = [c for c in r if c.x1 < edge - 0.5 * c.size]
        right = [c for c in r if c.x1 >= edge - 0.5 * c.size]
        if left and right and abs(left[0].y0 - right[0].y0) > 0.25 * max(left[0].size, right[0].size):
            split += [left, right]
        else:
            split.append(r)
    rows = split
    margin = [_in_margin(r, edge) for r in rows]
    if not any(margin):
        return rows
    out: list[list[Chunk]] = []
    placed: set[int] = set()
    for i, row in enumerate(rows):
        if i in placed:
            continue
        if not margin[i] or not out:
            out.append(row)
            continue
        block, last = [i], row
        for j in range(i + 1, len(rows)):
            if margin[j]:
                if last[0].y0 - rows[j][0].y1 > 1.2 * last[0].size:
                    break
                block.append(j)
                last = rows[j]
        top = max(c.y1 for c in row)
        k = len(out)
        while k > 0 and not _in_margin(out[k - 1], edge) and max(c.y1 for c in out[k - 1]) <= top + 0.8 * row[0].size:
            k -= 1
        placed.update(block)
        out[k:k] = [rows[b] for b in block]
    return out


# A margin date that is not finished yet: "Sep 2019 –", "September", "2015 – July".
_OPEN_DATE = re.compile(
    r"(?:[-–—~～至]|\bto|\buntil|\bsince)\s*$|(?:^|\s)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-zé]*\.?\s*$",
    re.I)
_MARGIN_GAP = 0.4  # ems between a margin date's last glyph and the body's edge, at least


def _margin_dates(rows: list[list[Chunk]], edge: float | None) -> list[list[Chunk]]:
    """Dates set in a narrow column left of the entries (moderncv, Word tables, Europass).

    A range wraps there ("Sep 2019 –" / "present") while its pieces share baselines with the
    description lines beside them; read as rows, "present" would open a bullet and the range would
    be cut in two. Each wrapped range is put back together on the row it starts on, the entry's
    header row, and its pieces are taken out of the rows below."""
    if edge is None or all(r[0].x0 >= edge - 10 for r in rows):
        return rows
    out: list[list[Chunk]] = []
    block: list[Chunk] = []  # the margin pieces of the range being read
    head: list[Chunk] | None = None  # the row it started on
    for row in rows:
        if row[0].x0 < edge - 10:
            row = _cut_at_edge(row, edge)
        margin = [c for c in row if c.x1 <= edge - _MARGIN_GAP * c.size]
        text = " ".join(c.text for c in margin)
        if margin and block and _OPEN_DATE.search(" ".join(c.text for c in block)) \
                and block[-1].y0 - margin[0].y1 < 1.2 * margin[0].size and len(text) <= 30:
            block += margin
            row = [c for c in row if c not in margin]
            if not row:
                continue
        elif margin and len(text) <= 30 and _DATEISH.search(text):
            if head is not None:
                _join_margin(head, block)
            block, head = margin, row
        out.append(row)
    if head is not None:
        _join_margin(head, block)
    return out


def _join_margin(row: list[Chunk], block: list[Chunk]) -> None:
    """Replace the first piece of a margin range in its row by the whole range."""
    if len(block) < 2:
        return
    first = block[0]
    text = re.sub(r"\s+", " ", " ".join(c.text for c in block)).strip()
    merged = Chunk(min(c.x0 for c in block), first.y0, max(c.x1 for c in block), first.y1, text, first.size,
                   first.bold, sum(c.n for c in block), [ch for c in block for ch in c.chars])
    row[:] = [merged] + [c for c in row if c not in block]


def _split_heading(row: list[Chunk], edge: float | None = None) -> list[list[Chunk]]:
    """Split a row at wide gaps between text of clearly different sizes (a 28 pt name beside a
    9 pt address block), and put a margin heading sharing a baseline with an entry on its own line."""
    cut = _margin_split(row, edge)
    if cut:
        return [row[:cut]] + _split_heading(row[cut:])
    if len(row) < 2:
        return [row]
    from .sections import heading_key

    out: list[list[Chunk]] = [[row[0]]]
    for a, b in zip(row, row[1:]):
        gap, big = b.x0 - a.x1, max(a.size, b.size)
        wide = gap > 1.5 * big
        if (wide and (big > 1.3 * min(a.size, b.size) or (len(out) == 1 and len(out[0]) == 1 and heading_key(a.text)))) \
                or (gap > 0.35 * big and big > 1.6 * min(a.size, b.size) and a.text[-1:].isalnum() and b.text[:1].isalnum()):
            out.append([b])
        else:
            out[-1].append(b)
    return out


def _untangle(row: list[Chunk]) -> list[Chunk]:
    """Chunks that overlap come from glyphs drawn out of order: rebuild them left to right."""
    overlaps = [(a, b) for a, b in zip(row, row[1:]) if b.x0 < a.x1 - 0.25 * max(a.size, b.size)]
    if not overlaps:
        return row
    if any(abs(a.size - b.size) > 0.08 * max(a.size, b.size) and a.x1 - b.x0 > 2 * max(a.size, b.size)
           for a, b in overlaps):
        # Two texts in different sizes printed over each other (a sidebar's long e-mail running into
        # the body beside it): each stays whole rather than interleaving letter by letter.
        return row
    chars = sorted((c for k in row for c in k.chars), key=lambda c: c[0])
    return sorted(make_chunks(chars), key=lambda k: k.x0)


def _chip_cuts(wide: list[tuple[int, float]]) -> list[int]:
    """Where a line of chips is cut, given its spaces wider than the page's usual one (offset, ems).
    Chips in a font of their own (wider, bold, letter-spaced) can have word spaces over the page's
    threshold too: when those spaces fall in two groups, the wider one at least 1.4 times the other
    and seen at least twice, only the wider group parts chips ("IFRS  UK GAAP  Statutory audit")."""
    ems = sorted(g for _, g in wide)
    if len(ems) >= 3:
        jump = max(range(1, len(ems)), key=lambda i: ems[i] / ems[i - 1])
        if ems[jump] >= 1.4 * ems[jump - 1] and len(ems) - jump >= 2:
            return [k for k, g in wide if g >= ems[jump]]
    return [k for k, _ in wide]


def _row_line(row: list[Chunk], page: int, column: int, chip_em: float = float("inf")) -> Line:
    row = _untangle(row)
    parts = [row[0].text]
    at, wide = len(row[0].text), [(k, g) for k, g in row[0].gaps if g > chip_em]
    spans = [[row[0].x0, row[0].x1]]
    tabs: list[tuple[int, float]] = []  # the gaps set as tabs: (offset, ems)
    for a, b in zip(row, row[1:]):
        gap = b.x0 - a.x1
        size = max(a.size, b.size)
        # Glyphs drawn out of order end up in separate chunks: abutting ones are one word.
        sep = "\t" if gap > 1.5 * size else (" " if gap > 0.12 * size or gap < -0.25 * size else "")
        if sep == "\t":
            spans.append([b.x0, b.x1])
            tabs.append((at, gap / size))
        else:
            spans[-1][1] = b.x1
        if sep == " " and gap > chip_em * size:
            wide.append((at, gap / size))
        at += len(sep)
        wide += [(at + k, g) for k, g in b.gaps if g > chip_em]
        parts += [sep, b.text]
        at += len(b.text)
    if wide and tabs:
        # The gaps set as tabs part chips too, and they tell the chips' own word spaces from the
        # gaps between chips: "S&OP⇥Inbound planning⇥Customs" in a small font whose word spaces pass
        # the page's chip gap is cut at the tabs only; two groups of chips side by side, at both.
        wide = sorted(wide + tabs)
    cuts = _chip_cuts(wide) if wide else []
    n = sum(c.n for c in row)
    # The dominant size by glyph count: a small superscript must not shrink a name.
    size = max(row, key=lambda c: c.n).size if len(row) > 1 else row[0].size
    bold_n = sum(c.n for c in row if c.bold)
    text = "".join(parts)
    bounds = [0] + cuts + [len(text)]
    cells = tuple(text[a:b].strip() for a, b in zip(bounds, bounds[1:])) if cuts else ()
    if cells and re.fullmatch(r"[\W_\ufffc]", cells[0]):
        cells = ()  # "•  Mobile radiography": a bulleted item, one to a line; its bullet's gap parts no chips
    return Line(
        text=text,
        cells=cells,
        spans=tuple((x0, x1) for x0, x1 in spans) if len(spans) > 1 else (),
        page=page,
        bbox=(min(c.x0 for c in row), min(c.y0 for c in row), max(c.x1 for c in row), max(c.y1 for c in row)),
        size=round(size, 2),
        bold=bold_n >= 0.6 * n,
        column=column,
    )


def _order(chunks: list[Chunk], depth: int = 0, x: float | None = None) -> list[tuple[list[Chunk], float]]:
    """Columns → (chunks, left edge of the column they belong to), in reading order.

    The edge is the column's, not the group's: a band of a column that only holds an indented
    bullet still counts as that column, so lines keep one column number down the page."""
    if x is None:
        x = min(c.x0 for c in chunks)
    if depth >= 2:
        return [(chunks, x)]
    g = _find_gutter(chunks)
    if g is None:
        return [(chunks, x)]
    gx, left, right, span = g
    lx, rx = min(c.x0 for c in left), min(c.x0 for c in right)
    if not span:
        return _order(left, depth + 1, lx) + _order(right, depth + 1, rx)
    # Spanning chunks (a banner across both columns) cut the page into bands.
    span.sort(key=lambda c: -c.yc)
    out: list[tuple[list[Chunk], float]] = []
    # Bands with text on one side only, and the spanning lines between them, are one column read
    # as one: a contact block beside the name makes a gutter at the top of the page, and the long
    # lines of the single column below must not cut it into slices of a few rows (each slice would
    # lose the column's text edge and break up what spans rows, such as a wrapped margin date).
    single: list[Chunk] = []

    def flush() -> None:
        if single:
            on_left = sum(c.n for c in single if c.x1 <= gx) >= sum(c.n for c in single if c.x0 >= gx)
            out.extend(_order(list(single), depth + 1, lx if on_left else rx))
            single.clear()

    cuts: list[tuple[float, Chunk | None]] = [(c.yc, c) for c in span]
    block = _header_block(left, right)
    if block is not None:
        cuts.append((block, None))
        cuts.sort(key=lambda cut: -cut[0])
    bounds = [float("inf")] + [y for y, _ in cuts] + [float("-inf")]
    for i in range(len(bounds) - 1):
        top, bottom = bounds[i], bounds[i + 1]
        between = [cuts[i - 1][1]] if i > 0 and cuts[i - 1][1] is not None else []
        l_band = [c for c in left if bottom < c.yc <= top]
        r_band = [c for c in right if bottom < c.yc <= top]
        if l_band and r_band:
            flush()
            if between:
                out.append((between, lx if between[0].x0 < rx else rx))
            out.extend(_order(l_band, depth + 1, lx))
            out.extend(_order(r_band, depth + 1, rx))
        else:
            single += between + l_band + r_band
    flush()
    return out


def _header_block(left: list[Chunk], right: list[Chunk]) -> float | None:
    """Where a short block beside the name ends (contact details set right of it, or left of a
    right-aligned name): the gutter between them is a column gutter only down to there, and the
    page below is one column. None when neither side is such a block."""
    for small, big in ((right, left), (left, right)):
        s_top, s_low = max(c.y1 for c in small), min(c.y0 for c in small)
        b_top, b_low = max(c.y1 for c in big), min(c.y0 for c in big)
        size = median(c.size for c in small)
        if len(small) <= 8 and abs(s_top - b_top) <= 3 * size and s_top - s_low < 0.25 * (b_top - b_low):
            return s_low - 0.5 * size
    return None


def _fix_unmapped(line: Line, stats: dict[str, int] | None) -> None:
    """U+FFFD marks glyphs without a Unicode mapping, U+FFFC glyphs of symbol fonts.
    Either one at the start of a line is a bullet; elsewhere they are dropped (and
    unmapped ones are counted for the "could not be read" warning)."""
    t = line.text
    if "\ufffd" not in t and "\ufffc" not in t:
        return
    m = re.match(r"^[\ufffd\ufffc]{1,2}\s*", t)
    if m and len(t) > m.end():
        t = "• " + t[m.end():]
    lost = t.count("\ufffd")
    if stats is not None:
        stats["lost"] = stats.get("lost", 0) + lost
    # A glyph standing alone between fields ("555 0134 ▪ jane@x.com" in a font whose ▪ or
    # icon has no mapping) was a separator: keep it as one so the fields stay apart.
    t = re.sub(r"(?<=\S)\s+[\ufffd\ufffc]{1,2}\s+(?=\S)", " · ", t)
    line.text = re.sub(r"(?<=\S) {2,}(?=\S)", "  ", t.replace("\ufffd", "").replace("\ufffc", "")).strip()


def _ground_cells(line: Line, row: list[Chunk], grounds: list[tuple[float, float, float, float]]) -> tuple[str, ...]:
    """A line whose every glyph stands on one of several coloured rectangles (chips exported with
    their padding lost, "Dispensing Medication review Immunisation"): the text cut where the
    ground changes."""
    if not line.bbox:
        return ()
    mid = (line.bbox[1] + line.bbox[3]) / 2
    band = [g for g in grounds if g[1] <= mid <= g[3] and g[2] > line.bbox[0] and g[0] < line.bbox[2]]
    if len(band) < 2:
        return ()
    glyphs = sorted((c for k in row for c in k.chars if c[4].strip()), key=lambda c: c[0])
    labels = []
    for c in glyphs:
        cx = (c[0] + c[2]) / 2
        at = next((i for i, g in enumerate(band) if g[0] <= cx <= g[2]), None)
        if at is None:
            return ()  # a glyph on the page's own ground: no chips
        labels += [at] * len(c[4].strip())  # a ligature ("ff") is one glyph of two letters
    text = line.text
    if len(set(labels)) < 2 or sum(1 for ch in text if not ch.isspace()) != len(labels):
        return ()
    cells, start, k = [], 0, 0
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        if k and labels[k] != labels[k - 1]:
            cells.append(text[start:i].strip())
            start = i
        k += 1
    cells.append(text[start:].strip())
    return tuple(c for c in cells if c)


def build_lines(chars: list[Char], page: int, width: float, height: float,
                stats: dict[str, int] | None = None,
                grounds: list[tuple[float, float, float, float]] | None = None) -> list[Line]:
    # Text placed off the page is invisible; damaged files can put it billions of points away,
    # which would also blow up the coverage histogram below.
    w = min(max(width, 1.0), 14400.0)
    h = min(max(height, 1.0), 14400.0)
    chars = [c for c in chars if -36 <= c[0] <= w + 36 and -36 <= c[1] <= h + 36 and c[2] - c[0] < w and c[5] < h]
    chunks = make_chunks(chars)
    if not chunks:
        return []
    groups = _order(chunks)
    lines: list[Line] = []
    spaces = [g for c in chunks for _, g in c.gaps]
    # The usual space: the lower quartile, so a page of chips does not make chips the norm. A page
    # with too few spaces to tell (the last half page of skills) takes the page before's.
    if len(spaces) >= 12:
        chip_em = max(_CHIP_GAP, _CHIP_RATIO * sorted(spaces)[len(spaces) // 4])
        if stats is not None:
            stats["chip_em"] = chip_em
    else:
        chip_em = (stats or {}).get("chip_em", float("inf"))
    # Column index by left edge, so the same sidebar gets the same number on every band.
    lefts = sorted({round(x / 20) for g, x in groups if g})
    for g, x in groups:
        if not g:
            continue
        col = lefts.index(round(x / 20)) if len(groups) > 1 else 0
        rows = _right_dates(_lift_margin_cells(_group_lines(g)))
        edge = _text_edge(rows)
        rows = _margin_dates(rows, edge)
        for full_row in rows:
            for row in _split_heading(full_row, edge):
                ln = _row_line(row, page, col, chip_em)
                _fix_unmapped(ln, stats)
                if grounds and not ln.cells:
                    ln.cells = _ground_cells(ln, row, grounds)
                if ln.text:
                    lines.append(ln)
    return [ln for ln in lines if not _PAGE_NO.match(ln.text.strip())]


_PAGE_NO = re.compile(r"^(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?$|^-\s*\d{1,3}\s*-$|^第\s*\d+\s*页", re.I)
