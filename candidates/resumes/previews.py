"""Page images of PDF résumés: what the profile and review pages show instead of the PDF itself.

The first look at a résumé renders its pages (candidates.resumes.page_renderer, in a process of
its own with a memory cap, a CPU limit and a deadline) and keeps them beside the file in private
storage; later looks serve the stored images. They are personal data like the file: served only
through the permission-checked views and deleted with the résumé.
"""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import connection, transaction

from candidates.resumes.models import Resume

logger = logging.getLogger(__name__)

PAGE_WIDTH_PX = 1100  # sharp on a 550-px-wide panel of a 2x screen; ~150 KB a page
MAX_PAGES = 12
RENDER_MEMORY_MB = 1024
# Well inside gunicorn's 30 s worker timeout: a slow file ends as "could not be drawn", never as a
# killed web worker.
RENDER_CPU_SECONDS = 12
RENDER_DEADLINE_SECONDS = 15
PREVIEW_LOCK = 7_316_001  # pg_advisory_xact_lock namespace: one drawing per résumé at a time


class PreviewUnavailable(Exception):
    """The pages could not be drawn; the message says why, for the recruiter."""


@dataclass(frozen=True)
class Preview:
    page_count: int  # pages in the document
    # The drawn ones (the first MAX_PAGES): {"width", "height"} as drawn, in PDF points, with the
    # page's "rotation" and the CropBox's "offset" from the MediaBox (absent in older drawings).
    pages: list[dict]


def _storage() -> Storage:
    return Resume._meta.get_field("file").storage


def _folder(resume: Resume) -> str:
    return f"previews/{resume.pk}-{resume.sha256[:16]}"


def page_path(resume: Resume, page: int) -> str:
    return f"{_folder(resume)}/page-{page}.png"


def preview_get(resume: Resume) -> Preview:
    """The résumé's page images, drawn now if they are not stored yet.

    One request draws them while others for the same résumé wait for it (an advisory lock), and a
    file that could not be drawn is remembered, so it costs one attempt, not one per view.
    """
    storage = _storage()
    stored = _stored(storage, resume)
    if stored is not None:
        return stored
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [PREVIEW_LOCK, resume.pk])
        return _stored(storage, resume) or _render(resume, storage)


def _stored(storage: Storage, resume: Resume) -> Preview | None:
    folder = _folder(resume)
    if storage.exists(f"{folder}/failed.txt"):
        with storage.open(f"{folder}/failed.txt") as failed:
            raise PreviewUnavailable(failed.read().decode())
    try:
        with storage.open(f"{folder}/pages.json") as meta:
            return Preview(**json.load(meta))
    except (FileNotFoundError, ValueError, TypeError):
        return None


def _render(resume: Resume, storage: Storage) -> Preview:
    try:
        return _draw(resume, storage)
    except PreviewUnavailable as exc:
        _replace(storage, f"{_folder(resume)}/failed.txt", str(exc).encode())
        raise


def _replace(storage: Storage, name: str, data: bytes) -> None:
    if storage.exists(name):
        storage.delete(name)
    storage.save(name, ContentFile(data))


def _draw(resume: Resume, storage: Storage) -> Preview:
    with resume.file.open("rb") as handle:
        data = handle.read()
    with tempfile.TemporaryDirectory(prefix="ats-preview-") as out:
        command = [sys.executable, "-m", "candidates.resumes.page_renderer", out, str(PAGE_WIDTH_PX), str(MAX_PAGES),
                   str(RENDER_MEMORY_MB), str(RENDER_CPU_SECONDS)]
        # Only what Python needs: the process reading a hostile file holds none of the app's secrets.
        env = {key: os.environ[key] for key in ("PATH", "LANG", "LC_ALL") if key in os.environ}
        try:
            done = subprocess.run(command, input=data, capture_output=True, timeout=RENDER_DEADLINE_SECONDS,
                                  cwd=Path(__file__).resolve().parents[2], env=env, check=False)
        except subprocess.TimeoutExpired:
            raise PreviewUnavailable("Drawing this PDF's pages took too long; the text read from it is shown instead.") from None
        meta_file = Path(out, "pages.json")
        if done.returncode != 0 or not meta_file.exists():
            logger.warning("could not draw the pages of résumé %s: %s", resume.pk, done.stderr.decode(errors="replace")[-500:])
            raise PreviewUnavailable("This PDF's pages could not be drawn; the text read from it is shown instead.")
        preview = Preview(**json.loads(meta_file.read_text()))
        for number in range(1, len(preview.pages) + 1):
            _replace(storage, page_path(resume, number), Path(out, f"page-{number}.png").read_bytes())
        _replace(storage, f"{_folder(resume)}/pages.json", meta_file.read_bytes())  # last: says all pages are there
    return preview


def previews_delete(resumes: list[Resume]) -> None:
    """Remove the page images of résumés being deleted (they show the same personal data)."""
    storage = _storage()
    for resume in resumes:
        folder = _folder(resume)
        try:
            _, files = storage.listdir(folder)
        except FileNotFoundError:
            continue
        for name in files:
            storage.delete(f"{folder}/{name}")
        try:  # the folder's name holds part of the file's hash: it goes too
            os.rmdir(storage.path(folder))
        except (NotImplementedError, OSError):
            pass
