"""Résumé parser: bytes in, profile dict out.  Pure Python, no Django.

Public API::

    from candidates.parsing import parse, sniff, ParseError, PARSER_VERSION

    sniff(data) -> "pdf" | "docx" | "txt" | None
    parse(data, *, filename=None, time_budget=20.0, max_pages=30) -> dict
    extract_text_plain(data) -> str   # pdfminer's plain extract_text (benchmark baseline)

Pipeline: a reader (``readers/pdf.py``, ``readers/docx.py``, ``readers/txt.py``)
turns the file into ordered :class:`~.model.Line` objects (PDF lines come from
``layout.py``: glyphs → chunks → columns → lines); ``sections.py`` splits them
under headings; the field extractors (``names``, ``contacts``, ``education``,
``experience``, ``skills``, ``languages``) each read lines and report where a
value came from; ``profile.py`` assembles the dict.

Time: for PDFs, parse time is dominated by pdfminer itself -- its
content-stream interpreter (tokenising page streams) and, for files produced
by Chromium/Word/Canva or with CJK fonts, resolving the many embedded font
objects and parsing their CMaps.  Plain ``extract_text`` pays all of that too,
plus an LTChar object per glyph and its text-box grouping, which we skip: a
lean device records glyph tuples and ``layout.py`` groups them with sorts and
a coverage histogram; field extraction adds a few milliseconds.  A full parse
therefore costs about 0.8-1.0x ``extract_text`` (``manage.py parse_resume
--bench``).  DOCX/TXT parsing takes a few milliseconds (XML parsing of
document.xml and styles.xml dominates DOCX); the skills regex is compiled once
per process.

Provenance bboxes are [x0, y0, x1, y1] in PDF points with pdfminer's
convention: the origin is the BOTTOM-left corner of the page and y grows
upwards.  DOCX and TXT have no geometry: bbox is null and ``line`` gives the
index of the source line in reading order.
"""

from __future__ import annotations

import time
from typing import Any

from .errors import ACCEPTED, ParseError
from .profile import PARSER_VERSION, build_profile
from .readers.pdf import extract_text_plain as _extract_text_plain
from .sniff import describe, sniff, sniff_detail

__all__ = ["parse", "sniff", "ParseError", "PARSER_VERSION", "extract_text_plain", "describe"]

MAX_FILE_BYTES = 50 * 1024 * 1024


def extract_text_plain(data: bytes) -> str:
    """pdfminer.six's plain ``extract_text`` for a PDF (used by the benchmark)."""
    return _extract_text_plain(data)


def parse(data: bytes, *, filename: str | None = None, time_budget: float = 20.0, max_pages: int = 30) -> dict[str, Any]:
    """Parse a résumé (PDF, DOCX or TXT, recognised by content) into a profile dict.

    Raises :class:`ParseError` — and nothing else — with a message a recruiter
    understands when the file cannot be read.  ``filename`` is only used in
    messages; the format is always decided from the bytes.
    """
    started = time.monotonic()
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise ParseError("No file content was received.")
    data = bytes(data)
    if not data.replace(b"\xef\xbb\xbf", b"").replace(b"\xff\xfe", b"").replace(b"\xfe\xff", b"").strip(b" \t\r\n\x00\x0c"):
        raise ParseError("This file is empty. Please upload the résumé again. " + ACCEPTED)
    if len(data) > MAX_FILE_BYTES:
        raise ParseError("This file is too large to be a résumé (over 50 MB). " + ACCEPTED)
    kind, what = sniff_detail(data)
    if kind is None:
        raise ParseError(f"This file is not a PDF, DOCX or plain-text résumé (it looks like {what}). {ACCEPTED}")
    try:
        if kind == "pdf":
            from .readers.pdf import read_pdf

            doc = read_pdf(data, time_budget=time_budget, max_pages=max_pages)
        elif kind == "docx":
            from .readers.docx import read_docx

            doc = read_docx(data)
        else:
            from .readers.txt import read_txt

            doc = read_txt(data)
        if not doc.lines:
            raise ParseError("No text found in this file: it appears to be empty.")
        remaining = time_budget - (time.monotonic() - started)
        if remaining <= 0:
            raise ParseError(f"Reading this file took too long (over {time_budget:g} seconds), so it was stopped.")
        profile = build_profile(doc)
    except ParseError:
        raise
    except RecursionError:
        raise ParseError("This file is damaged (its structure is nested too deeply) and could not be read.") from None
    except MemoryError:
        raise ParseError("This file is too large or complex to read.") from None
    except Exception as exc:  # noqa: BLE001 - the contract is "ParseError only"
        raise ParseError(
            "This file could not be read: it may be damaged. Try exporting it again as PDF or DOCX."
        ) from exc
    profile["text"] = "\n".join(ln.text for ln in doc.lines)
    return profile
