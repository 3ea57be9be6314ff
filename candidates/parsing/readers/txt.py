"""Plain-text résumés in the encodings people actually send."""

from __future__ import annotations

import codecs
import re

from ..errors import ParseError
from ..model import Document, Line

_CJK = re.compile(r"[\u3400-\u9fff]")
# C0 controls other than tab/newline/carriage return/form feed are a sign of binary data.
_CTRL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _plausible(text: str) -> bool:
    if not text.strip():
        return False
    sample = text[:20000]
    ctrl = len(_CTRL.findall(sample))
    return "\x00" not in sample and ctrl <= max(2, len(sample) // 200)


def decode_text(data: bytes) -> str | None:
    """Decode résumé text, or None when the bytes do not look like text.

    Order matters: BOMs are unambiguous; strict UTF-8 rarely succeeds by
    accident; GB18030 decodes almost anything, so it is only accepted when it
    produces CJK; cp1252 is the last resort for Western legacy files.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            text = data[3:].decode("utf-8")
            return text if _plausible(text) else None
        except UnicodeDecodeError:
            pass
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                text = data[2:].decode(enc)
            except UnicodeDecodeError:
                return None
            return text if _plausible(text) else None
    if b"\x00" in data[:4096]:
        return None
    try:
        text = data.decode("utf-8")
        return text if _plausible(text) else None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        cjk = len(_CJK.findall(text[:20000]))
        if cjk >= 2 and _plausible(text):
            return text
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text if _plausible(text) else None


# Markdown résumés (README-style, exported from Notion or GitHub): the markup is not text.
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_LINK = re.compile(r"\[([^\]\n]{1,200})\]\(\s*([^)\s]{1,500})\s*\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")


def _md_link(m: re.Match[str]) -> str:
    label, url = m.group(1).strip(), m.group(2)
    if url.lower().startswith(("mailto:", "tel:")) or re.sub(r"^https?://(?:www\.)?", "", url).rstrip("/").lower() \
            == re.sub(r"^https?://(?:www\.)?", "", label).rstrip("/").lower():
        return label  # "[jane@x.com](mailto:jane@x.com)", "[github.com/jane](https://github.com/jane)"
    return f"{label} ({url})"


def unmark(text: str) -> tuple[str, bool]:
    """Text without Markdown markup, and whether the line was a heading or wholly bold."""
    heading = bool(_MD_HEADING.match(text))
    t = _MD_HEADING.sub("", text) if heading else text
    if "](" in t:
        t = _MD_LINK.sub(_md_link, t)
    if "**" in t or "__" in t:
        whole = _MD_STRONG.fullmatch(t.strip(" -*•"))
        heading = heading or bool(whole and whole.group(0) == t.strip())
        t = _MD_STRONG.sub(r"\2", t)
    if "*" in t:
        t = _MD_EM.sub(r"\1", t)
    return t, heading


def read_txt(data: bytes) -> Document:
    text = decode_text(data)
    if text is None:
        raise ParseError("This file is not readable text.")
    lines: list[Line] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n"):
        t = raw.replace("\u00a0", " ").rstrip()
        if not t.strip():
            continue
        # Leading indentation hints at continuation/bullets; keep the text trimmed.
        t, bold = unmark(t.strip())
        if t.strip():
            lines.append(Line(text=t.strip(), index=len(lines), bold=bold))
    return Document(kind="txt", lines=lines)
