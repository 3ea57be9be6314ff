"""The internal representation shared by every reader and extractor.

Each reader (PDF, DOCX, TXT) turns a document into an ordered list of
:class:`Line` objects in reading order.  Field extractors only ever look at
lines, so they work on all three formats and every extracted value can point
back to the line it came from (provenance).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Line:
    text: str
    page: int = 1
    # [x0, y0, x1, y1] in PDF points, pdfminer coordinates (origin bottom-left,
    # y grows upwards).  None for DOCX/TXT, which have no geometry.
    bbox: tuple[float, float, float, float] | None = None
    size: float | None = None  # font size in points, when known
    bold: bool = False
    column: int = 0  # 0 = main/only column; 1.. = further columns left to right
    index: int = 0  # position in reading order (set by the reader)
    style: str | None = None  # DOCX paragraph style name ("Heading 1", "Title", ...)
    bullet: bool = False  # the reader knows this is a list item (DOCX numbering)
    source: str = "body"  # body | header | footer | table | textbox
    # The text cut where words stand much further apart than a space (boxed chips, tags), or, in a
    # DOCX, at the plain spaces between shaded runs.
    cells: tuple[str, ...] = ()
    # Left and right edge of each tab-separated part of the text (sub-columns of a grid); PDF only.
    spans: tuple[tuple[float, float], ...] = ()

    def prov(self, confidence: float, text: str | None = None) -> dict:
        """Provenance record for a value taken from this line."""
        return {
            "page": self.page,
            "bbox": [round(v, 1) for v in self.bbox] if self.bbox else None,
            "text": self.text if text is None else text,
            "confidence": round(confidence, 2),
        }


@dataclass
class Document:
    """What a reader returns."""

    kind: str  # pdf | docx | txt
    lines: list[Line]
    warnings: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # hyperlink targets (PDF annots, DOCX rels)
    pages: int = 1
    page_sizes: list[tuple[float, float]] = field(default_factory=list)
