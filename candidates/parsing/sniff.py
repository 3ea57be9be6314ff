"""Recognise a file by its content (magic bytes, zip members, decodability).

The file name is never trusted: the upload view calls :func:`sniff` to refuse
files before storing them, and :func:`describe` to tell the recruiter what the
file looks like instead.
"""

from __future__ import annotations

import io
import zipfile

from .readers.txt import decode_text

# (magic prefix, offset, human description)
_MAGIC: list[tuple[bytes, int, str]] = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "an old Word .doc file (Microsoft Office 97-2003 format)"),
    (b"{\\rtf", 0, "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", 0, "a PNG image"),
    (b"\xff\xd8\xff", 0, "a JPEG image"),
    (b"GIF87a", 0, "a GIF image"),
    (b"GIF89a", 0, "a GIF image"),
    (b"II*\x00", 0, "a TIFF image"),
    (b"MM\x00*", 0, "a TIFF image"),
    (b"\x7fELF", 0, "a program (Linux executable)"),
    (b"\xcf\xfa\xed\xfe", 0, "a program (macOS executable)"),
    (b"\xfe\xed\xfa\xcf", 0, "a program (macOS executable)"),
    (b"\x1f\x8b", 0, "a compressed .gz archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive"),
    (b"Rar!\x1a\x07", 0, "a RAR archive"),
    (b"%!PS", 0, "a PostScript file"),
    (b"\x00\x00\x01\x00", 0, "an icon image"),
    (b"OggS", 0, "an audio file"),
    (b"ID3", 0, "an MP3 audio file"),
]


def _zip_kind(data: bytes) -> tuple[str | None, str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None, "a damaged ZIP archive"
    if "word/document.xml" in names:
        # Macros run in Word when someone opens the file again: never store or serve one.
        if "word/vbaProject.bin" in names or any(n.lower().endswith("vbaproject.bin") for n in names):
            return None, "a Word document with macros (.docm)"
        return "docx", "a Word document"
    if "xl/workbook.xml" in names:
        return None, "an Excel spreadsheet"
    if "ppt/presentation.xml" in names:
        return None, "a PowerPoint presentation"
    if "mimetype" in names or "content.xml" in names:
        return None, "an OpenDocument (LibreOffice) file"
    if any(n.startswith("Index/") and n.endswith(".iwa") for n in names):
        return None, "an Apple Pages document"
    return None, "a ZIP archive"


def _looks_html(head: bytes) -> bool:
    h = head.lstrip()[:200].lower()
    return h.startswith(b"<!doctype html") or h.startswith(b"<html") or (
        h.startswith(b"<?xml") and b"<html" in head[:1000].lower()
    )


def sniff_detail(data: bytes) -> tuple[str | None, str]:
    """Return (format or None, human description of what the bytes look like)."""
    if not data or not data.strip():
        return None, "an empty file"
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf", "a PDF document"
    if data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06":
        return _zip_kind(data)
    for magic, off, desc in _MAGIC:
        if data[off : off + len(magic)] == magic:
            return None, desc
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return None, "a WebP image"
    if data[4:8] == b"ftyp":
        return None, "a photo or video file (HEIC/MP4)"
    if data[:2] == b"MZ" and b"\x00" in data[:512]:
        return None, "a program (Windows executable)"
    if data[:2] == b"BM" and b"\x00" in data[:64]:
        return None, "a BMP image"
    if _looks_html(head):
        return None, "a web page (HTML)"
    h = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if h.startswith(b"<?xml") or h.startswith(b"<w:wordDocument") or h.startswith(b"<pkg:package"):
        if b"wordDocument" in data[:4096] or b"pkg:package" in data[:4096]:
            return None, "a Word XML document (save it as .docx instead)"
        return None, "an XML file"
    if decode_text(data) is not None:
        return "txt", "a plain-text document"
    return None, "a binary file of an unknown type"


def sniff(data: bytes) -> str | None:
    """"pdf" | "docx" | "txt" | None, decided by content only."""
    return sniff_detail(data)[0]


def describe(data: bytes) -> str:
    return sniff_detail(data)[1]
