"""Draw a PDF's pages as PNG images, in a process of its own: `python -m candidates.resumes.page_renderer`.

Recruiters look at an uploaded PDF through these images, never through the file itself: a PDF
shown in the browser's viewer runs the JavaScript, actions and forms it carries, and the page's
Content-Security-Policy does not reach into that viewer. PDFium as packaged by pypdfium2 has no
JavaScript engine, and without form initialisation it runs no actions; it only paints.

This module imports neither Django nor the project: it reads the PDF on stdin, writes
`page-N.png` and `pages.json` into the directory it is given, and exits. A hostile file can make
PDFium slow or crash it; the caller (candidates.resumes.previews) runs it with a memory cap, a
CPU limit and a deadline, so that costs this process only.
"""
from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

import pypdfium2 as pdfium


def render(data: bytes, out: Path, *, width_px: int, max_pages: int) -> dict:
    pdf = pdfium.PdfDocument(data)
    try:
        pages = []
        for index in range(min(len(pdf), max_pages)):
            page = pdf[index]
            try:
                width, height = page.get_size()
                scale = width_px / width if width else 1.0
                image = page.render(scale=scale, may_draw_forms=False).to_pil()
                image.save(out / f"page-{index + 1}.png", format="PNG")
                # The parser's boxes are in points from the MediaBox's corner, unrotated; PDFium draws
                # the CropBox, rotated: the page tells the browser how to place a box on the image.
                media, crop = page.get_mediabox(), page.get_cropbox()
                pages.append({
                    "width": round(width, 2), "height": round(height, 2), "rotation": page.get_rotation(),
                    "offset": [round(crop[0] - media[0], 2), round(crop[1] - media[1], 2)],
                })
            finally:
                page.close()
        return {"page_count": len(pdf), "pages": pages}
    finally:
        pdf.close()


def main(argv: list[str]) -> int:
    out, width_px, max_pages, memory_mb, cpu_seconds = Path(argv[0]), *map(int, argv[1:5])
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024,) * 2)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    meta = render(sys.stdin.buffer.read(), out, width_px=width_px, max_pages=max_pages)
    (out / "pages.json").write_text(json.dumps(meta))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
