"""DOCX reader: stdlib zipfile + ElementTree, no python-docx at runtime.

Reads, in order: page headers, the body (paragraphs, tables row by row and
cell by cell, text boxes), then footers.  mc:Fallback branches are skipped
because they duplicate the text boxes of the mc:Choice branch.
"""

from __future__ import annotations

import io
import re
import zipfile
import xml.etree.ElementTree as ET

from ..errors import ParseError
from ..model import Document, Line

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

MAX_MEMBER = 50 * 1024 * 1024
# XML we actually parse: ElementTree needs ~20x the text size in memory.
MAX_XML = 12 * 1024 * 1024
MAX_TOTAL = 50 * 1024 * 1024

from ..contacts import PROFILE_HOST_RE as _PROFILE_HOST  # noqa: E402

_BOMB = (
    "This Word file expands to an unreasonable size when opened "
    "(it looks like a 'zip bomb') and was not read."
)


def _check_bomb(zf: zipfile.ZipFile) -> None:
    total = 0
    for info in zf.infolist():
        total += info.file_size
        if info.file_size > MAX_MEMBER or total > MAX_TOTAL:
            raise ParseError(_BOMB)
    # No compression-ratio test: deeply nested or repetitive XML compresses a thousandfold and is
    # harmless below these caps (and _read never inflates more than MAX_XML of a member).


def _read(zf: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        with zf.open(name) as fh:
            # The central directory can lie about sizes; never read past the cap.
            data = fh.read(MAX_XML + 1)
    except KeyError:
        return None
    if len(data) > MAX_XML:
        if name == "word/document.xml":
            raise ParseError("This Word file holds far more text than a résumé (over 12 MB of text) and was not read.")
        return None  # an oversized style sheet or header is skipped, not fatal
    return data


_STRICT = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships", b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
)


def _xml(data: bytes | None) -> ET.Element | None:
    if data is None:
        return None
    for strict, transitional in _STRICT:
        # ISO 29500 "Strict" documents use other namespace URIs for the same elements.
        if strict in data:
            data = data.replace(strict, transitional)
    try:
        return ET.fromstring(data)
    except ET.ParseError:
        return None


class _Walker:
    def __init__(self, styles: dict[str, tuple[str, bool, float | None]], rels: dict[str, str]) -> None:
        self.styles = styles
        self.rels = rels
        self.lines: list[Line] = []
        self.links: list[str] = []
        self.column = 0  # cell index while reading a multi-cell layout row

    def emit(self, text: str, *, style: str | None, bold: bool, size: float | None, bullet: bool, source: str,
             cells: tuple[str, ...] = ()) -> None:
        for part in text.split("\n"):
            t = part.replace("\u00a0", " ").strip()
            if t:
                self.lines.append(
                    Line(text=t, style=style, bold=bold, size=size, bullet=bullet, source=source,
                         index=len(self.lines), column=self.column, cells=cells if "\n" not in text else ())
                )

    def paragraph(self, p: ET.Element, source: str) -> None:
        ppr = p.find(W + "pPr")
        style_id = None
        bullet = False
        if ppr is not None:
            ps = ppr.find(W + "pStyle")
            if ps is not None:
                style_id = ps.get(W + "val")
            bullet = ppr.find(W + "numPr") is not None
        style_name, style_bold, style_size = self.styles.get(style_id or "", (style_id, False, None))
        if style_name and "list" in style_name.lower():
            bullet = True
        parts: list[str] = []
        bold_chars = 0
        chars = 0
        sizes: list[float] = []
        boxes: list[ET.Element] = []
        runs: list[tuple[bool, str]] = []  # (shaded, text) of each run, to find chips

        def walk(el: ET.Element, in_bold: bool | None = None) -> None:
            nonlocal bold_chars, chars
            for child in el:
                tag = child.tag
                if tag == MC + "Fallback":
                    continue
                if tag == W + "txbxContent":
                    boxes.append(child)
                    continue
                if tag == W + "r":
                    rpr = child.find(W + "rPr")
                    rb = style_bold
                    shaded = rpr is not None and _shaded(rpr)
                    if rpr is not None:
                        rs = rpr.find(W + "rStyle")  # a character style ("Strong", as LibreOffice writes <strong>)
                        if rs is not None and self.styles.get(rs.get(W + "val") or "", ("", False, None))[1]:
                            rb = True
                        b = rpr.find(W + "b")
                        if b is not None:
                            rb = b.get(W + "val", "true") not in ("0", "false", "off")
                        sz = rpr.find(W + "sz")
                        if sz is not None:
                            try:
                                sizes.append(int(sz.get(W + "val", "0")) / 2)
                            except ValueError:
                                pass
                    for sub in child:
                        st = sub.tag
                        if st == W + "t":
                            txt = sub.text or ""
                            parts.append(txt)
                            runs.append((shaded, txt))
                            chars += len(txt.strip())
                            if rb:
                                bold_chars += len(txt.strip())
                        elif st == W + "tab":
                            parts.append("\t")
                        elif st in (W + "br", W + "cr"):
                            parts.append("\n")
                        elif st == W + "sym":
                            parts.append("•")
                        elif st in (W + "drawing", W + "pict", MC + "AlternateContent", W + "object"):
                            walk(sub)
                    continue
                if tag == W + "hyperlink":
                    rid = child.get(R + "id")
                    if rid and rid in self.rels:
                        target = self.rels[rid]
                        # Contact block links (top of the document, page header) and profile sites;
                        # a linked employer further down is not the candidate's own site.
                        if len(self.lines) < 15 or source == "header" or _PROFILE_HOST.search(target) \
                                or target.lower().startswith("mailto:"):
                            self.links.append(target)
                walk(child)

        walk(p)
        text = "".join(parts)
        size = max(sizes) if sizes else style_size
        self.emit(
            text,
            style=style_name,
            bold=chars > 0 and bold_chars >= 0.6 * chars,
            size=size,
            bullet=bullet,
            source=source,
            cells=_chips(runs),
        )
        for box in boxes:
            self.container(box, "textbox")

    def table(self, tbl: ET.Element, source: str) -> None:
        for tr in tbl.iter(W + "tr"):
            cells = [tc for tc in tr if tc.tag == W + "tc"]
            # Rows used for one-line layouts ("Company | Dates") read best joined;
            # rows holding whole columns (sidebar | main) read cell after cell.
            simple = all(
                len([p for p in tc if p.tag == W + "p" and "".join(t.text or "" for t in p.iter(W + "t")).strip()]) <= 1
                and tc.find(W + "tbl") is None
                for tc in cells
            )
            if simple and len(cells) > 1:
                texts = ["".join(t.text or "" for t in tc.iter(W + "t")).strip() for tc in cells]
                texts = [t for t in texts if t]
                if texts:
                    bold = all(
                        any(b.get(W + "val", "true") not in ("0", "false") for b in tc.iter(W + "b"))
                        for tc in cells
                        if "".join(t.text or "" for t in tc.iter(W + "t")).strip()
                    )
                    self.emit("\t".join(texts), style=None, bold=bold, size=None, bullet=False, source="table")
                continue
            outer = self.column
            for i, tc in enumerate(cells):
                # Cells of a layout row are columns (sidebar | main): sections do not flow across them.
                self.column = outer * 10 + i if len(cells) > 1 else outer
                self.container(tc, "table")
            self.column = outer

    def container(self, el: ET.Element, source: str) -> None:
        for child in el:
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child, source)
            elif tag == W + "tbl":
                self.table(child, source)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.container(content, source)
            elif tag == MC + "AlternateContent":
                choice = child.find(MC + "Choice")
                if choice is not None:
                    self.container(choice, source)
            elif tag in (W + "customXml", W + "ins", W + "smartTag"):
                self.container(child, source)


def _shaded(rpr: ET.Element) -> bool:
    """A run on a coloured ground (shading or highlighter): how a chip looks once exported."""
    shd = rpr.find(W + "shd")
    if shd is not None and (shd.get(W + "fill") or "auto").upper() not in ("AUTO", "FFFFFF"):
        return True
    hl = rpr.find(W + "highlight")
    return hl is not None and hl.get(W + "val", "none") != "none"


def _chips(runs: list[tuple[bool, str]]) -> tuple[str, ...]:
    """The chips of a paragraph that is nothing but shaded runs parted by plain spaces ("Dispensing",
    " ", "Medication review", ...): the spaces between chips are as wide as a chip's own word spaces,
    so only the shading tells where one ends."""
    chips: list[str] = []
    joined = False  # is the last chip still open (no plain space since)?
    for shaded, txt in runs:
        if shaded:
            if joined:
                chips[-1] += txt
            else:
                chips.append(txt)
            joined = True
        elif txt.strip():
            return ()  # plain words beside the shaded ones: emphasis, not chips
        else:
            joined = False
    chips = [c.strip() for c in chips if c.strip()]
    return tuple(chips) if len(chips) >= 2 else ()


def _styles(root: ET.Element | None) -> dict[str, tuple[str, bool, float | None]]:
    out: dict[str, tuple[str, bool, float | None]] = {}
    if root is None:
        return out
    for st in root.iter(W + "style"):
        sid = st.get(W + "styleId")
        name_el = st.find(W + "name")
        name = name_el.get(W + "val") if name_el is not None else sid
        rpr = st.find(W + "rPr")
        bold = False
        size = None
        if rpr is not None:
            b = rpr.find(W + "b")
            bold = b is not None and b.get(W + "val", "true") not in ("0", "false")
            sz = rpr.find(W + "sz")
            if sz is not None:
                try:
                    size = int(sz.get(W + "val", "0")) / 2
                except ValueError:
                    size = None
        if sid:
            out[sid] = (name or sid, bold, size)
    return out


def _rels(root: ET.Element | None) -> dict[str, str]:
    out: dict[str, str] = {}
    if root is None:
        return out
    for rel in root.iter(PKG_REL + "Relationship"):
        if rel.get("TargetMode") == "External" and rel.get("Id") and rel.get("Target"):
            out[rel.get("Id")] = rel.get("Target")  # type: ignore[index]
    return out


def _natural(name: str) -> tuple[str, int]:
    m = re.search(r"(\d+)", name)
    return (re.sub(r"\d+", "", name), int(m.group(1)) if m else 0)


def read_docx(data: bytes) -> Document:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ParseError("This Word file is damaged and could not be opened.") from exc
    with zf:
        _check_bomb(zf)
        try:
            doc_root = _xml(_read(zf, "word/document.xml"))
            styles = _styles(_xml(_read(zf, "word/styles.xml")))
            rels = _rels(_xml(_read(zf, "word/_rels/document.xml.rels")))
            names = zf.namelist()
            headers = sorted((n for n in names if re.fullmatch(r"word/header\d*\.xml", n)), key=_natural)
            footers = sorted((n for n in names if re.fullmatch(r"word/footer\d*\.xml", n)), key=_natural)
            hdr_roots = [_xml(_read(zf, n)) for n in headers]
            ftr_roots = [_xml(_read(zf, n)) for n in footers]
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise ParseError("This Word file is damaged and could not be read.") from exc
    if doc_root is None:
        raise ParseError("This Word file is damaged: its main text could not be read.")
    walker = _Walker(styles, rels)
    seen: set[str] = set()
    for root in hdr_roots:
        if root is not None:
            before = len(walker.lines)
            walker.container(root, "header")
            # First-page/even-page headers often repeat the default one.
            kept = []
            for ln in walker.lines[before:]:
                if ln.text not in seen:
                    seen.add(ln.text)
                    kept.append(ln)
            walker.lines[before:] = kept
    body = doc_root.find(W + "body")
    if body is not None:
        walker.container(body, "body")
    body_texts = {ln.text for ln in walker.lines}
    for root in ftr_roots:
        if root is not None:
            before = len(walker.lines)
            walker.container(root, "footer")
            kept = [ln for ln in walker.lines[before:] if ln.text not in body_texts and ln.text not in seen]
            for ln in kept:
                seen.add(ln.text)
            walker.lines[before:] = kept
    for i, ln in enumerate(walker.lines):
        ln.index = i
    return Document(kind="docx", lines=walker.lines, links=walker.links)
