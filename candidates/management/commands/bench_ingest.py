"""Push fictional résumés through the real ingestion path and report throughput and latency."""
from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import django_rq
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone
from rq import Worker

from ats.core.models import Activity
from ats.demo import fake_resumes
from candidates.resumes.models import Resume
from candidates.resumes.services.claims import PARSE_QUEUE
from candidates.resumes.services.intake import resume_upload, resumes_delete

ROOT = Path(settings.BASE_DIR)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _database_url() -> str:
    s = connection.settings_dict
    user = s.get("USER") or ""
    auth = f"{user}:{s['PASSWORD']}@" if user and s.get("PASSWORD") else (f"{user}@" if user else "")
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgres://{auth}{s.get('HOST') or ''}{port}/{s['NAME']}"


class Command(BaseCommand):
    help = (
        "Uploads N distinct fictional résumés (PDF, --pages each) through the real path (validation, private "
        "storage, the database, the 'parsing' queue) with no worker running, then starts W ParsingWorker "
        "processes and times them through the backlog, once per worker count. Prints the upload time, the "
        "drain wall time, résumés per second, p50/p95 of workers-ready-to-parsed, the idle-queue latency of "
        "single uploads (upload to parsed), and last `ingest_efficiency` = (summed in-process parse time / "
        "workers) / drain wall time for the largest worker count. Creates résumés and candidates in the "
        "configured database and deletes them (and their files) afterwards unless --keep. Refuses to run "
        "while other workers serve the queue."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--files", type=int, default=200)
        parser.add_argument("--workers", default="1,2", help="Comma-separated worker counts, e.g. 1,2")
        parser.add_argument("--pages", type=int, default=2, help="Pages per résumé.")
        parser.add_argument("--idle-samples", type=int, default=20, help="Single uploads timed on an idle queue.")
        parser.add_argument("--keep", action="store_true", help="Keep the résumés and candidates created.")
        parser.add_argument("--worker-class", default="candidates.resumes.worker.ParsingWorker")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = sorted({int(n) for n in options["workers"].split(",") if n.strip()})
        except ValueError as exc:
            raise CommandError(f"--workers must be numbers like 1,2, not {options['workers']!r}") from exc
        if not counts or counts[0] < 1 or options["files"] < 1:
            raise CommandError("Need at least one file and one worker.")
        queue = django_rq.get_queue(PARSE_QUEUE)
        busy = [w.name for w in Worker.all(queue=queue)]
        if busy:
            raise CommandError(f"Other workers serve the '{PARSE_QUEUE}' queue ({', '.join(busy)}): stop them first.")
        run_id = int(time.time())
        created: list[int] = []
        efficiency = 0.0
        try:
            for index, workers in enumerate(counts):
                documents = self._documents(options["files"], seed=run_id * 10 + index, pages=options["pages"])
                upload_started = time.monotonic()
                ids = self._upload(documents)
                created += ids
                upload_wall = time.monotonic() - upload_started
                with self._workers(workers, options["worker_class"]) as workers_ready:
                    stats = self._drain(ids, workers, workers_ready)
                efficiency = stats["efficiency"]
                self.stdout.write(
                    f"workers={workers} files={len(documents)} upload={upload_wall:.2f}s wall={stats['wall']:.2f}s "
                    f"rate={len(documents) / stats['wall']:.1f}/s p50={stats['p50'] * 1000:.0f}ms "
                    f"p95={stats['p95'] * 1000:.0f}ms parse_sum={stats['parse_sum']:.2f}s "
                    f"parse_median={stats['parse_median'] * 1000:.0f}ms efficiency={stats['efficiency']:.3f}"
                )
            if options["idle_samples"]:
                documents = self._documents(options["idle_samples"], seed=run_id * 10 + 9, pages=options["pages"])
                with self._workers(1, options["worker_class"]):
                    latencies, ids = self._idle(documents)
                created += ids
                self.stdout.write(
                    f"idle queue, 1 worker, {len(latencies)} single {options['pages']}-page uploads: "
                    f"p50={statistics.median(latencies) * 1000:.0f}ms p95={_percentile(latencies, 0.95) * 1000:.0f}ms"
                )
        finally:
            if not options["keep"]:
                self._cleanup(created)
        self.stdout.write(f"ingest_efficiency={efficiency:.3f}")

    def _documents(self, count: int, *, seed: int, pages: int) -> list[tuple[str, bytes]]:
        return [
            (f"bench-{seed}-{n}.pdf", fake_resumes.resume_pdf(fake_resumes.fake_person(n, seed=seed), pages=pages))
            for n in range(count)
        ]

    def _workers(self, count: int, worker_class: str):
        command = self

        class Workers:
            def __enter__(self) -> datetime:
                env = {**os.environ, "DATABASE_URL": _database_url(), "REDIS_URL": settings.REDIS_URL,
                       "LOG_LEVEL": "WARNING", "SWEEP_INTERVAL": "3600"}
                self.processes = [
                    subprocess.Popen(
                        [sys.executable, "manage.py", "rqworker", PARSE_QUEUE, "--worker-class", worker_class],
                        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                    )
                    for _ in range(count)
                ]
                queue = django_rq.get_queue(PARSE_QUEUE)
                deadline = time.monotonic() + 60
                while len(Worker.all(queue=queue)) < count:
                    if time.monotonic() > deadline:
                        raise CommandError("The benchmark workers did not start within 60 s.")
                    time.sleep(0.005)
                return timezone.now()

            def __exit__(self, *exc: Any) -> None:
                for process in self.processes:
                    process.send_signal(signal.SIGTERM)
                for process in self.processes:
                    try:
                        process.wait(timeout=20)
                    except subprocess.TimeoutExpired:
                        process.kill()
                command.stdout.flush()

        return Workers()

    def _wait_parsed(self, ids: list[int], *, poll: float, timeout: float = 1800) -> None:
        """Wait until none of these résumés is in progress.

        The drain's figures come from the rows' own timestamps, so its poll can be slow: polling a
        backlog's ids 50 times a second took a tenth of the two cores the workers are measured on.
        """
        deadline = time.monotonic() + timeout
        pending = Resume.objects.filter(pk__in=ids, status__in=Resume.IN_PROGRESS)
        while pending.exists():
            if time.monotonic() > deadline:
                raise CommandError(f"{pending.count()} résumés were still not parsed after {timeout:.0f}s.")
            time.sleep(poll)

    def _upload(self, documents: list[tuple[str, bytes]]) -> list[int]:
        ids = []
        for name, data in documents:
            outcome = resume_upload(actor=None, filename=name, data=data)
            if outcome.resume is None:
                raise CommandError(outcome.message)
            ids.append(outcome.resume.pk)
        return ids

    def _drain(self, ids: list[int], workers: int, started: datetime) -> dict[str, float]:
        """Time the workers through a backlog: from the moment they are all ready to the last parse.

        The uploads happen before, with no worker running, so their cost (hashing, storage, the
        request's transaction) is not counted against the workers on a machine with few cores.
        """
        self._wait_parsed(ids, poll=0.25)
        rows = list(Resume.objects.filter(pk__in=ids).values_list("status", "parsed_at"))
        failed = sum(1 for status, _ in rows if status != Resume.Status.PARSED)
        if failed:
            raise CommandError(f"{failed} benchmark résumés failed to parse.")
        # Latency here is from the workers' start (every file was already waiting) to each parse.
        latencies = [(parsed - started).total_seconds() for _, parsed in rows]
        wall = max(latencies)
        parse_ms = [
            a["parse_ms"]
            for a in Activity.objects.filter(verb=Activity.Verb.RESUME_PARSED, data__resume_id__in=ids).values_list("data", flat=True)
        ]
        parse_sum = sum(parse_ms) / 1000
        return {
            "wall": wall,
            "p50": statistics.median(latencies),
            "p95": _percentile(latencies, 0.95),
            "parse_sum": parse_sum,
            "parse_median": statistics.median(parse_ms) / 1000,
            "efficiency": (parse_sum / workers) / wall,
        }

    def _idle(self, documents: list[tuple[str, bytes]]) -> tuple[list[float], list[int]]:
        latencies, ids = [], []
        for name, data in documents:
            started = time.perf_counter()
            resume = resume_upload(actor=None, filename=name, data=data).resume
            self._wait_parsed([resume.pk], poll=0.005, timeout=60)
            latencies.append(time.perf_counter() - started)
            ids.append(resume.pk)
        return latencies, ids

    def _cleanup(self, ids: list[int]) -> None:
        resumes_delete(actor=None, resume_ids=ids)
