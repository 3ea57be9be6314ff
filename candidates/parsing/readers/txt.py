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
        lines.append(Line(text=t.strip(), index=len(lines)))
    return Document(kind="txt", lines=lines)
