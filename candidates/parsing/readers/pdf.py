"""PDF reader: one pdfminer interpreter pass with a lean character collector.

Instead of pdfminer's PDFPageAggregator + LAParams (which builds an LTChar
object per glyph and then runs the costly text-box grouping), a custom device
records each glyph as a small tuple (x0, y0, x1, y1, text, size, bold) and
:mod:`..layout` groups them into lines and columns with sorts and a coverage
histogram.  Time is therefore dominated by pdfminer's content-stream
interpreter (tokenising the streams and decoding fonts), which plain
``extract_text`` pays as well; our own grouping is a small fraction of it.

pdfminer's per-token debug-logging calls are switched to no-ops during our
pass (they cost about a fifth of the interpreter time even when filtered).

Coordinates are pdfminer's: points, origin at the bottom-left of the page, y
grows upwards (so a larger y0 means higher on the page).
"""

from __future__ import annotations

import io
import re
import logging
import time
import unicodedata
from typing import Any

from ..errors import ParseError
from ..layout import Char, build_lines
from ..model import Document, Line
from .credits import drop_credits

# pdfminer is chatty about recoverable problems in real-world files.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

from pdfminer.pdfdevice import PDFTextDevice  # noqa: E402
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect  # noqa: E402
from pdfminer.pdffont import PDFUnicodeNotDefined  # noqa: E402
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager  # noqa: E402
from pdfminer.pdfpage import PDFPage  # noqa: E402
from pdfminer.pdfparser import PDFParser  # noqa: E402
from pdfminer.pdftypes import PDFObjRef, dict_value, resolve1, stream_value  # noqa: E402
from pdfminer.psexceptions import PSException  # noqa: E402

import contextvars  # noqa: E402
import zlib  # noqa: E402

import pdfminer.pdfinterp as _pdfinterp  # noqa: E402
import pdfminer.pdftypes as _pdftypes  # noqa: E402

MAX_STREAM_BYTES = 32 * 1024 * 1024
_current_budget: contextvars.ContextVar["_Budget | None"] = contextvars.ContextVar("budget", default=None)



# CJK fonts (Noto Sans CJK SC among them) often map a character's glyph to a radical that looks the
# same: Kangxi radicals and compatibility ideographs (⼯ U+2F2F for 工), which NFKC folds, and the
# CJK Radicals Supplement (⻓ U+2ED3 for 长), which it does not. Unicode's
# EquivalentUnifiedIdeograph.txt gives the characters meant; these are the ones seen in text.
_RADICAL_SUPPLEMENT = {
    "\u2eae": "竹", "\u2ebc": "月", "\u2ec4": "西", "\u2ec5": "见", "\u2ec6": "角", "\u2ec8": "讠",
    "\u2ec9": "贝", "\u2eca": "足", "\u2ecb": "车", "\u2ed0": "钅", "\u2ed3": "长", "\u2ed4": "门",
    "\u2ed7": "雨", "\u2ed8": "青", "\u2eda": "页", "\u2edb": "风", "\u2edc": "飞", "\u2edd": "食",
    "\u2ee0": "饣", "\u2ee2": "马", "\u2ee3": "骨", "\u2ee4": "鬼", "\u2ee5": "鱼", "\u2ee6": "鸟",
    "\u2ee8": "麦", "\u2ee9": "黄", "\u2eec": "齐", "\u2eee": "齿", "\u2ef0": "龙", "\u2ef3": "龟",
}


def fold_cjk_radical(text: str) -> str:
    """The ideograph a radical-looking glyph stands for (unchanged when there is none)."""
    return _RADICAL_SUPPLEMENT.get(text) or unicodedata.normalize("NFKC", text)

class _StreamTooLarge(Exception):
    pass


class _BoundedDecompressor:
    """zlib decompressobj that refuses to inflate past MAX_STREAM_BYTES and honours the deadline
    (pdfminer's recovery path feeds corrupted streams to it one byte at a time)."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self._total = 0
        self._calls = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        self._calls += 1
        budget = _current_budget.get()
        if budget is not None and self._calls & 1023 == 0:
            budget.check()
        out = self._inner.decompress(data, MAX_STREAM_BYTES + 1 - self._total)
        self._total += len(out)
        if budget is not None:
            budget.inflate(len(out))
        if self._total > MAX_STREAM_BYTES or self._inner.unconsumed_tail:
            raise _StreamTooLarge()
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _BoundedZlib:
    """Stand-in for the ``zlib`` module inside pdfminer.pdftypes: inflating a
    content stream is the one place where a small PDF can demand gigabytes."""

    error = zlib.error

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def decompressobj(*args: Any, **kwargs: Any) -> _BoundedDecompressor:
        return _BoundedDecompressor(zlib.decompressobj(*args, **kwargs))

    @staticmethod
    def decompress(data: bytes, *args: Any, **kwargs: Any) -> bytes:
        d = zlib.decompressobj()
        out = d.decompress(data, MAX_STREAM_BYTES + 1)
        if len(out) > MAX_STREAM_BYTES or d.unconsumed_tail:
            raise _StreamTooLarge()
        out += d.flush()
        budget = _current_budget.get()
        if budget is not None:
            budget.inflate(len(out))
        if not d.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out


_pdftypes.zlib = _BoundedZlib()  # type: ignore[attr-defined]

import threading  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from collections.abc import Iterator  # noqa: E402

# pdfminer calls log.debug() for every token and operator; even when the level
# filters the record out, the calls cost ~20% of a parse.  They are replaced by
# a no-op while our pass runs (pdfminer's own extract_text is left alone).
_CHATTY = [logging.getLogger(f"pdfminer.{m}") for m in (
    "psparser", "pdfinterp", "pdfdocument", "pdfpage", "pdfparser", "pdftypes", "pdffont", "cmapdb",
    "encodingdb", "pdfdevice", "converter", "layout", "lzw")]
_quiet_lock = threading.Lock()
_quiet_depth = 0


def _no_log(*args: Any, **kwargs: Any) -> None:
    return None


@contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    global _quiet_depth
    with _quiet_lock:
        _quiet_depth += 1
        if _quiet_depth == 1:
            for lg in _CHATTY:
                lg.debug = _no_log  # type: ignore[method-assign]
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_depth -= 1
            if _quiet_depth == 0:
                for lg in _CHATTY:
                    lg.__dict__.pop("debug", None)


MAX_CHARS_PER_PAGE = 60_000
MAX_CHARS_TOTAL = 400_000

_BULLET_PUA = {"\uf0b7", "\uf0a7", "\uf076", "\uf0d8", "\uf0fc", "\uf0a8", "\uf0b2", "\uf06e", "\uf075"}
# Font Awesome's phone and mobile icons: kept as "☎", the label a number beside them carries
# (RenderCV prints national numbers, "8123 4567", with no other sign that they are phones).
_PHONE_PUA = {"\uf095", "\uf098", "\uf10b", "\uf3cd", "\uf879", "\uf2a0"}


def icon_text(text: str, symbolic: bool) -> str:
    """What an icon glyph stands for in a line: a bullet, a phone label, or a placeholder that
    becomes a bullet at the start of a line and a separator between fields."""
    if text in _PHONE_PUA:
        return "☎"
    return "•" if not symbolic and text in _BULLET_PUA else "\ufffc"
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}


class _TooSlow(Exception):
    pass


class _TooMuchWork(Exception):
    """The file asks for more work than any résumé needs; ``what`` says which bound it passed."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


# What reading one PDF may cost, besides time. The largest page of the development set and of our
# fixtures holds 87 KB of content and 15,000 tokens (operators and operands) in the whole document;
# the bounds leave a 10- to 20-fold margin and stop a hostile file within a few seconds of work
# (pdfminer interprets 50,000 to 100,000 tokens a second here).
MAX_TOKENS_PER_PAGE = 150_000
MAX_TOKENS = 300_000
MAX_CONTENT_BYTES_PER_PAGE = 4 * 1024 * 1024
MAX_INFLATED_BYTES = 96 * 1024 * 1024


class _Budget:
    """The wall-clock deadline and the work counters of one read: every content-stream token,
    every byte inflated, the content of the page being read."""

    __slots__ = ("at", "budget", "tokens", "page_tokens", "page_content", "inflated")

    def __init__(self, budget: float) -> None:
        self.budget = budget
        self.at = time.monotonic() + budget
        self.tokens = 0
        self.page_tokens = 0
        self.page_content = 0
        self.inflated = 0

    def check(self) -> None:
        if time.monotonic() > self.at:
            raise _TooSlow()

    def token(self, count: int = 1) -> None:
        self.tokens += count
        self.page_tokens += count
        if self.page_tokens > MAX_TOKENS_PER_PAGE:
            raise _TooMuchWork(f"over {MAX_TOKENS_PER_PAGE:,} drawing instructions on one page")
        if self.tokens > MAX_TOKENS:
            raise _TooMuchWork(f"over {MAX_TOKENS:,} drawing instructions in all")
        if self.tokens & 4095 == 0:
            self.check()

    def new_page(self) -> None:
        self.page_tokens = 0
        self.page_content = 0

    def content(self, size: int) -> None:
        self.page_content += size
        if self.page_content > MAX_CONTENT_BYTES_PER_PAGE:
            raise _TooMuchWork(f"over {MAX_CONTENT_BYTES_PER_PAGE // 2**20} MB of content on one page")

    def inflate(self, size: int) -> None:
        self.inflated += size
        if self.inflated > MAX_INFLATED_BYTES:
            raise _TooMuchWork(f"over {MAX_INFLATED_BYTES // 2**20} MB of compressed content")


MAX_GROUNDS = 2000  # rectangles kept per page; a page of vector art has no chips to find


def _white(color: Any) -> bool:
    """Is a fill colour white (gray 1, RGB 1,1,1 or CMYK 0,0,0,0)?  Unknown kinds count as coloured."""
    if isinstance(color, (int, float)):
        return color >= 0.99
    if isinstance(color, (list, tuple)) and color and all(isinstance(v, (int, float)) for v in color):
        return all(v >= 0.99 for v in color) if len(color) == 3 else (len(color) == 4 and all(v <= 0.01 for v in color))
    return False


class _CharCollector(PDFTextDevice):
    """Records glyph positions; no LTChar objects, no layout analysis."""

    def __init__(self, rsrcmgr: PDFResourceManager, budget: _Budget) -> None:
        super().__init__(rsrcmgr)
        self.budget = budget
        self.chars: list[Char] = []
        self.unmapped = 0
        self.mapped = 0
        self.rotated = 0
        self.images = 0
        self.truncated = False
        self._fonts: dict[int, tuple[float, bool, bool, bool]] = {}
        self._tick = 0
        self.grounds: list[tuple[float, float, float, float]] = []  # filled rectangles a line high

    def reset(self) -> None:
        self.chars = []
        self.grounds = []

    def paint_path(self, graphicstate: Any, stroke: bool, fill: bool, evenodd: bool, path: Any) -> None:
        """Keep the coloured rectangles text may stand on (a chip's ground): they tell chips apart
        where an export left only a plain space between them."""
        if not fill or len(path) != 5 or len(self.grounds) >= MAX_GROUNDS or _white(graphicstate.ncolor):
            return
        try:
            pts = [self.ctm[0] * seg[1] + self.ctm[2] * seg[2] + self.ctm[4] for seg in path[:4]], \
                  [self.ctm[1] * seg[1] + self.ctm[3] * seg[2] + self.ctm[5] for seg in path[:4]]
        except (IndexError, TypeError):
            return
        xs, ys = pts
        if len({round(x, 1) for x in xs}) != 2 or len({round(y, 1) for y in ys}) != 2:
            return  # not an upright rectangle
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        if 4 <= y1 - y0 <= 40 and 4 <= x1 - x0 <= 400:
            self.grounds.append((x0, y0, x1, y1))

    def render_image(self, name: str, stream: Any) -> None:
        self.images += 1

    def _font(self, font: Any) -> tuple[float, bool, bool, bool]:
        info = self._fonts.get(id(font))
        if info is None:
            name = str(getattr(font, "fontname", "") or "")
            low = name.lower()
            bold = any(k in low for k in ("bold", "black", "heavy", "semibold", "demi", ",bd", "-bd", "extrab"))
            # Word draws bullets with Symbol/Wingdings glyphs that decode to "·", "§", "Ø", "ü"...
            symbolic = any(k in low for k in ("symbol", "wingding", "webding", "dingbat", "fontawesome", "icon"))
            # Keep the font object alive so id() stays unique for this run.
            info = (font.get_descent(), bold, font.is_vertical(), symbolic)
            self._fonts[id(font)] = info
            self._fonts.setdefault(-id(font), font)  # type: ignore[arg-type]
        return info

    def render_char(self, matrix: Any, font: Any, fontsize: float, scaling: float, rise: float,
                    cid: int, ncs: Any, graphicstate: Any) -> float:
        self._tick += 1
        if self._tick & 255 == 0:
            self.budget.check()
        try:
            text = font.to_unichr(cid)
            self.mapped += 1
        except PDFUnicodeNotDefined:
            # Placeholder: a lone unmapped glyph before a line is usually a bullet
            # from a symbol font; layout.py decides, the rest is dropped.
            text = "\ufffd"
            self.unmapped += 1
        except Exception:  # broken CMaps in the wild raise anything
            text = "\ufffd"
            self.unmapped += 1
        adv = font.char_width(cid) * fontsize * scaling
        if len(self.chars) >= MAX_CHARS_PER_PAGE:
            self.truncated = True
            return adv
        descent, bold, vertical, symbolic = self._font(font)
        a, b, c, d, e, f = matrix
        if vertical or b or c or a <= 0 or d <= 0:
            # Rotated or mirrored text (vertical banners, watermarks) is rare in
            # résumés and would break line grouping; skip it.
            self.rotated += 1
            return adv
        if text and symbolic and not text.isspace():
            # a symbol glyph: a bullet if it starts a line, otherwise dropped (not a font problem)
            text = icon_text(text, True)
        elif text and len(text) == 1:
            o = ord(text)
            if 0xE000 <= o <= 0xF8FF:
                text = icon_text(text, False)  # icon fonts
            elif text in _LIGATURES:
                text = _LIGATURES[text]
            elif 0x2E80 <= o <= 0x2FDF or 0xF900 <= o <= 0xFAFF:
                text = fold_cjk_radical(text)
            elif o < 32:
                if o in (9, 10, 13):
                    text = " "
                else:
                    text = "\ufffd"  # fonts that map every glyph to U+0000 are as unreadable as (cid:N)
                    self.unmapped += 1
                    self.mapped -= 1
        elif text and text.startswith("(cid:"):
            text = "\ufffd"
        if text:
            lo = descent * fontsize + rise
            y0 = f + d * lo
            y1 = f + d * (lo + fontsize)
            self.chars.append((e, y0, e + a * adv, y1, text, y1 - y0, bold))
        return adv


    def render_string_horizontal(self, seq: Any, matrix: Any, pos: Any, font: Any, fontsize: float, scaling: float,
                                 charspace: float, wordspace: float, rise: float, dxscale: float, ncs: Any,
                                 graphicstate: Any) -> Any:
        """pdfminer's loop with render_char inlined: this is the per-glyph hot path.

        Same arithmetic as PDFTextDevice.render_string_horizontal + render_char, without
        building a translated matrix and an LTChar per glyph.
        """
        (x, y) = pos
        a, b, c, d, e, f = matrix
        descent, bold, vertical, symbolic = self._font(font)
        upright = not (vertical or b or c or a <= 0 or d <= 0)
        lo = descent * fontsize + rise
        y_lo = lo
        y_hi = lo + fontsize
        chars = self.chars
        to_unichr = font.to_unichr
        char_width = font.char_width
        width_scale = fontsize * scaling
        needcharspace = False
        for obj in seq:
            if isinstance(obj, (int, float)):
                x -= obj * dxscale
                needcharspace = True
                continue
            if not isinstance(obj, bytes):
                continue
            for cid in font.decode(obj):
                if needcharspace:
                    x += charspace
                self._tick += 1
                if self._tick & 255 == 0:
                    self.budget.check()
                try:
                    text = to_unichr(cid)
                    self.mapped += 1
                except PDFUnicodeNotDefined:
                    text = "\ufffd"
                    self.unmapped += 1
                except Exception:  # broken CMaps in the wild raise anything
                    text = "\ufffd"
                    self.unmapped += 1
                adv = char_width(cid) * width_scale
                if not upright:
                    self.rotated += 1
                elif len(chars) >= MAX_CHARS_PER_PAGE:
                    self.truncated = True
                else:
                    if symbolic and not text.isspace():
                        text = icon_text(text, True)
                    elif len(text) == 1:
                        o = ord(text)
                        if o < 32 or o >= 0x2E80:
                            text = self._odd_glyph(text, o)
                    elif text.startswith("(cid:"):
                        text = "\ufffd"
                    if text:
                        ex = x * a + e
                        fy = y * d + f
                        y0 = fy + d * y_lo
                        y1 = fy + d * y_hi
                        chars.append((ex, y0, ex + a * adv, y1, text, y1 - y0, bold))
                x += adv
                if cid == 32 and wordspace:
                    x += wordspace
                needcharspace = True
        return (x, y)

    def _odd_glyph(self, text: str, o: int) -> str:
        if 0xE000 <= o <= 0xF8FF:
            return icon_text(text, False)  # icon fonts
        if text in _LIGATURES:
            return _LIGATURES[text]
        if 0x2E80 <= o <= 0x2FDF or 0xF900 <= o <= 0xFAFF:
            return fold_cjk_radical(text)
        if o < 32:
            if o in (9, 10, 13):
                return " "
            # Fonts that map every glyph to U+0000 are as unreadable as (cid:N).
            self.unmapped += 1
            self.mapped -= 1
            return "\ufffd"
        return text


class _LazyFonts(dict):  # type: ignore[type-arg]
    """Font map that builds a PDFFont the first time a page uses it."""

    def __init__(self, rsrcmgr: PDFResourceManager, specs: dict[Any, Any]) -> None:
        super().__init__()
        self._rsrcmgr = rsrcmgr
        self._specs = specs

    def __missing__(self, fontid: Any) -> Any:
        spec = self._specs[fontid]  # KeyError for undefined fonts, as pdfminer expects
        objid = spec.objid if isinstance(spec, PDFObjRef) else None
        font = self._rsrcmgr.get_font(objid, dict_value(spec))
        self[fontid] = font
        return font


class _CountingContentParser(_pdfinterp.PDFContentParser):
    """pdfminer's content-stream parser, charging every token (operator or operand) to the budget
    of the read in progress, so a stream of millions of cheap operators is bounded too. An array
    comes out whole, so its items are charged with it (a `[…] TJ` of a million kerned glyphs)."""

    def nextobject(self) -> Any:
        obj = super().nextobject()
        budget = _current_budget.get()
        if budget is not None:
            _, value = obj
            budget.token(1 + len(value) if isinstance(value, list) else 1)
        return obj


# The interpreter looks the parser up in its module on each page; ours counts only while a budget is set.
_pdfinterp.PDFContentParser = _CountingContentParser  # type: ignore[misc]


class _BoundedInterpreter(PDFPageInterpreter):
    """Charges each page's content streams (form XObjects included) to the read's budget before
    interpreting them.

    The budget lives on the device so pdfminer's ``dup()``/``subinterp()`` (used for form
    XObjects) keep working with the stock constructor.
    """

    def execute(self, streams: Any) -> None:
        budget = self.device.budget  # type: ignore[attr-defined]
        for obj in streams:
            try:
                data = stream_value(obj).get_data()
            except _pdftypes.PDFTypeError:
                continue  # pdfminer skips what is not a stream
            budget.content(len(data or b""))
        super().execute(streams)

    def init_resources(self, resources: dict[object, object]) -> None:
        """As pdfminer's, but fonts are loaded when a Tf operator first selects them.

        Producers such as Chromium, Word and Canva list dozens of font subsets in
        every page's resources; loading them eagerly (font dicts, widths, CMaps)
        was most of the time spent on such files.
        """
        res = dict_value(resources) if resources else {}
        fonts = res.get("Font")
        super().init_resources({k: v for k, v in res.items() if k != "Font"} if fonts is not None else resources)
        self.resources = resources
        if fonts is not None:
            try:
                specs = dict_value(fonts)
            except Exception:
                specs = {}
            self.fontmap = _LazyFonts(self.rsrcmgr, specs)


from ..contacts import PROFILE_HOST_RE as _PROFILE_HOST  # noqa: E402


def _page_links(page: PDFPage, pageno: int, height: float) -> list[tuple[str, tuple[float, float, float, float] | None]]:
    """Hyperlink targets; away from the contact block (top of page 1) only profile links
    and mailto: count -- a linked company name in an entry is not the candidate's site."""
    out: list[tuple[str, tuple[float, float, float, float] | None]] = []
    try:
        annots = resolve1(page.annots)
        if not isinstance(annots, list):
            return out
        for a in annots[:200]:
            a = resolve1(a)
            if not isinstance(a, dict):
                continue
            action = resolve1(a.get("A"))
            if isinstance(action, dict):
                uri = resolve1(action.get("URI"))
                if isinstance(uri, bytes):
                    uri = uri.decode("latin-1", "ignore")
                if isinstance(uri, str) and uri.strip():
                    box = _rect(resolve1(a.get("Rect")))
                    top = box is not None and pageno == 1 and max(box[1], box[3]) > 0.6 * height
                    if top or _PROFILE_HOST.search(uri) or uri.lower().startswith("mailto:"):
                        out.append((uri.strip(), box))
    except Exception:
        pass
    return out


def _rect(rect: Any) -> tuple[float, float, float, float] | None:
    if not isinstance(rect, list) or len(rect) != 4:
        return None
    try:
        x0, y0, x1, y1 = (float(resolve1(v)) for v in rect)
    except (TypeError, ValueError):
        return None
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _page_count(doc: PDFDocument) -> int | None:
    try:
        pages = resolve1(doc.catalog.get("Pages"))
        count = resolve1(pages.get("Count")) if isinstance(pages, dict) else None
        return int(count) if isinstance(count, (int, float)) else None
    except Exception:
        return None


def read_pdf(data: bytes, *, time_budget: float = 20.0, max_pages: int = 30) -> Document:
    budget = _Budget(time_budget)
    token = _current_budget.set(budget)
    try:
        with _quiet_pdfminer():
            return _read(data, budget, max_pages)
    except ParseError:
        raise
    except _StreamTooLarge:
        raise ParseError(
            "This PDF contains a compressed block that expands to an unreasonable size "
            "(it may be damaged or malicious), so it was not read."
        ) from None
    except _TooMuchWork as exc:
        raise ParseError(
            f"This PDF asks for far more work than a résumé needs ({exc.what}), so it was not read. "
            "It may be damaged or made to slow readers down; try exporting it again as PDF or DOCX."
        ) from None
    except _TooSlow:
        raise ParseError(
            f"Reading this PDF took too long (over {time_budget:g} seconds), so it was stopped. "
            "The file may be damaged or unusually complex; try exporting it again as PDF or DOCX."
        ) from None
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ParseError(
            "This PDF is password-protected (or encrypted) and cannot be read. "
            "Please upload a version without a password."
        ) from exc
    except RecursionError:
        raise ParseError("This PDF is damaged (its internal structure loops or is nested too deeply) "
                         "and could not be read.") from None
    except MemoryError:
        raise ParseError("This PDF is too large or complex to read.") from None
    except (PSException, KeyError, TypeError, ValueError, AssertionError, AttributeError, IndexError,
            OverflowError, ZeroDivisionError, EOFError, OSError, UnicodeError, NotImplementedError,
            LookupError, ArithmeticError, RuntimeError) as exc:
        raise ParseError(
            "This PDF is damaged or incomplete and could not be read. "
            "Try exporting it again from the original document."
        ) from exc
    finally:
        _current_budget.reset(token)


def _read(data: bytes, budget: _Budget, max_pages: int) -> Document:
    parser = PDFParser(io.BytesIO(data))
    doc = PDFDocument(parser, caching=True)
    total = _page_count(doc)
    rsrcmgr = PDFResourceManager(caching=True)
    device = _CharCollector(rsrcmgr, budget)
    interp = _BoundedInterpreter(rsrcmgr, device)
    lines: list[Line] = []
    links: list[str] = []
    sizes: list[tuple[float, float]] = []
    read = 0
    total_chars = 0
    warnings: list[str] = []
    stopped_for_size = False
    stats = {"lost": 0}
    for page in PDFPage.create_pages(doc):
        if read >= max_pages:
            break
        budget.check()
        budget.new_page()
        read += 1
        device.reset()
        # Read rotated (landscape) pages as authored; our geometry does not need the rotation.
        page.rotate = 0
        interp.process_page(page)
        x0, y0, x1, y1 = page.mediabox
        width, height = abs(x1 - x0), abs(y1 - y0)
        sizes.append((width, height))
        chars = device.chars
        total_chars += len(chars)
        page_lines, page_links = drop_credits(build_lines(chars, read, width, height, stats, device.grounds),
                                              _page_links(page, read, height), height)
        lines.extend(page_lines)
        links.extend(page_links)
        if total_chars > MAX_CHARS_TOTAL:
            stopped_for_size = True
            break
    if read == 0:
        raise ParseError("This PDF has no pages.")
    pages = total if total and total >= read else read
    if read < pages:
        warnings.append(f"Only the first {read} of {pages} pages were read.")
    elif stopped_for_size:
        warnings.append(f"Only the first {read} pages were read because the document holds an unusual amount of text.")
    if device.truncated:
        warnings.append("Some pages hold an unusual amount of text; only part of it was read.")
    visible = sum(1 for ln in lines for ch in ln.text if not ch.isspace())
    if device.unmapped and device.unmapped > 0.5 * (device.unmapped + device.mapped) and visible < 200:
        raise ParseError(
            "The text of this PDF cannot be read: it uses fonts without a Unicode map, so the characters "
            "cannot be recognised. Please export it again (e.g. 'Save as PDF' with standard fonts) or upload a DOCX."
        )
    if stats["lost"] > 20 and stats["lost"] > 0.02 * (device.unmapped + device.mapped):
        warnings.append("Some text uses fonts without a Unicode map and could not be read.")
    if visible == 0:
        if device.images:
            raise ParseError(
                "This résumé cannot be read: no text found: the document looks scanned (it contains only images). "
                "Please upload a text-based PDF or a DOCX version of the résumé."
            )
        raise ParseError("No text found in this PDF: it appears to be empty.")
    lines = _drop_page_footers(_drop_running_heads(lines, sizes), sizes)
    for i, ln in enumerate(lines):
        ln.index = i
    return Document(kind="pdf", lines=lines, warnings=warnings, links=links, pages=pages, page_sizes=sizes)


def _drop_running_heads(lines: list[Line], sizes: list[tuple[float, float]]) -> list[Line]:
    """Remove page headers/footers repeated on several pages (keeping the first page's header,
    which is usually the candidate's name)."""
    if len(sizes) < 2:
        return lines

    # A running head recurs in the same band at the same height: an entry cut by the page break
    # (a school at the foot of page 1, again at the top of page 2) is content.
    seen: dict[tuple, set[int]] = {}
    keyed: list[tuple[Line, tuple | None]] = []
    for ln in lines:
        key = None
        if ln.bbox:
            h = sizes[ln.page - 1][1] if ln.page - 1 < len(sizes) else 792
            if ln.bbox[3] > h * 0.9 or ln.bbox[1] < h * 0.08:
                band = ("top", round(ln.bbox[3] / 5)) if ln.bbox[3] > h * 0.9 else ("foot", round(ln.bbox[1] / 5))
                key = (band, re.sub(r"\d+", "#", ln.text.strip().lower()))
                seen.setdefault(key, set()).add(ln.page)
        keyed.append((ln, key))
    out = []
    for ln, key in keyed:
        if key is not None and len(seen[key]) >= 2:
            top = ln.bbox is not None and ln.bbox[1] > (sizes[ln.page - 1][1] if ln.page - 1 < len(sizes) else 792) * 0.5
            if not (ln.page == 1 and top):
                continue
        out.append(ln)
    return out


_PAGE_LABEL = re.compile(r"^(?:page|seite|página|pagina|pag\.|p\.|第)\s*\d+\b", re.I)


def _drop_page_footers(lines: list[Line], sizes: list[tuple[float, float]]) -> list[Line]:
    """A footer that numbers the page ("Page 1 - Curriculum vitae of" / "Kwabena Asante-Mensah") is
    not content, on a one-page document too: the lines of its block at the foot of the page go."""
    feet = [ln for ln in lines if ln.bbox and _PAGE_LABEL.match(ln.text.strip())
            and ln.bbox[1] < 0.08 * (sizes[ln.page - 1][1] if ln.page - 1 < len(sizes) else 792)]
    if not feet:
        return lines

    def in_footer(ln: Line) -> bool:
        if not ln.bbox:
            return False
        return any(f.page == ln.page and f.column == ln.column and abs(f.bbox[1] - ln.bbox[1]) <= 2.5 * (f.size or 8)
                   and (ln.size or 0) <= (f.size or 0) + 0.5 for f in feet if f.bbox)

    return [ln for ln in lines if not in_footer(ln)]


def extract_text_plain(data: bytes) -> str:
    """pdfminer.six's own ``extract_text`` (default LAParams); the benchmark baseline."""
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))
