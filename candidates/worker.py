"""The RQ worker for résumé parsing: one forked process per job, with a memory cap, plus the sweeper.

Start it with  manage.py rqworker parsing default notifications --worker-class candidates.worker.ParsingWorker
"""
from __future__ import annotations

import logging
import resource
from typing import Any

from django.conf import settings
from django.db import connections
from rq import Worker

logger = logging.getLogger(__name__)


def _tiny_pdf(text: str) -> bytes:
    """A one-page PDF in the standard Helvetica font, built by hand (no PDF library at run time)."""
    stream = f"BT /F1 11 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


WARM_UP_TEXT = "Fictional Person, Software Engineer. Skills: Python, Go, PostgreSQL. Experience 2019 - Present."


def warm_up_parser() -> None:
    """Fill the parser's lazy caches (skill taxonomy, regexes, font metrics) once in the parent.

    Every job runs in a fresh fork; without this each fork would rebuild them, which costs more
    than parsing a typical résumé.
    """
    from candidates.parsing import ParseError, parse

    for document in (WARM_UP_TEXT.replace(". ", ".\n").encode(), _tiny_pdf(WARM_UP_TEXT)):
        try:
            parse(document)
        except ParseError:
            logger.warning("parser warm-up document was rejected; parsing still works, only slower")


# Connection wrappers inherited from the parent. Kept referenced so they are never closed in here.
_inherited_connections: list[Any] = []


def _start_with_fresh_connections() -> None:
    """Give the forked child database connections of its own.

    The parent closes its connections before forking, but only the ones in the store it sees:
    Django keeps a thread-local store and, while an event loop runs in the thread, a context-local
    one, and after a fork the child may see the other. A socket still open in there is shared with
    the parent; using it garbles both sessions and closing it ends the parent's. So park whatever
    came across, unclosed (the child leaves with os._exit), and let Django connect afresh.
    """
    for alias in connections:
        _inherited_connections.append(connections[alias])
        connections[alias] = connections.create_connection(alias)


class ParsingWorker(Worker):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("maintenance_interval", settings.SWEEP_INTERVAL)
        super().__init__(*args, **kwargs)
        warm_up_parser()

    def fork_work_horse(self, job: Any, queue: Any) -> None:
        # A forked child must not share the parent's database socket: close it before forking.
        connections.close_all()
        super().fork_work_horse(job, queue)

    def main_work_horse(self, job: Any, queue: Any) -> None:
        _start_with_fresh_connections()
        # Only the child is capped: a hostile file can kill its own process, never the worker.
        limit = settings.PARSE_MEMORY_LIMIT_MB * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        super().main_work_horse(job, queue)

    def perform_job(self, job: Any, queue: Any, *args: Any, **kwargs: Any) -> bool:
        try:
            return super().perform_job(job, queue, *args, **kwargs)
        finally:
            connections.close_all()

    def run_maintenance_tasks(self) -> None:
        super().run_maintenance_tasks()
        from candidates.ingestion import resume_sweep

        try:
            resume_sweep()
        except Exception:  # the sweep must never take the worker down; it runs again next time
            logger.exception("résumé sweep failed")
        finally:
            connections.close_all()
