"""Load the web tier at a fixed rate while a résumé backlog is parsed on the same cores.

    createdb -h 127.0.0.1 ats_bench && DATABASE_URL=postgres://127.0.0.1/ats_bench manage.py migrate
    DATABASE_URL=postgres://127.0.0.1/ats_bench manage.py bench_load

Production-like: gunicorn with DEBUG off on loopback (as scripts/run starts it), real PostgreSQL,
Redis and ParsingWorker processes. The load is open-loop: request i is due at start + i / rate,
and its latency is counted from that moment, so a server that falls behind shows it in the figures
(a closed loop that waits for each answer before sending the next would hide it). The data is
bench_pages' (filled on the first run); the backlog's résumés are deleted afterwards.
"""
from __future__ import annotations

import http.client
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test import Client, override_settings
from django.urls import reverse

from ats.management.commands.bench_pages import BIG_JOB_TITLE
from ats.management.commands.bench_pages import Command as PagesBenchmark
from candidates.management.commands.bench_ingest import Command as IngestBenchmark
from candidates.management.commands.bench_ingest import _database_url, _percentile
from candidates.resumes.models import Resume
from jobs.models import Job

ROOT = Path(settings.BASE_DIR)
TARGET_P95_MS = 300


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Command(BaseCommand):
    help = (
        "Starts gunicorn (DEBUG off, --web-workers processes) on loopback and requests the candidate list, a "
        "full-text search and a 5,000-application board at --rate requests/s, first for --quiet-seconds with "
        "nothing else running, then for --seconds while --workers ParsingWorkers parse a backlog of --backlog "
        "fictional résumés. Prints p50/p95/p99 latency (from each request's scheduled start) and errors per "
        "page and phase, and how long the backlog took. Uses bench_pages' data (fills it on the first run)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rate", type=float, default=40.0, help="Requests per second, spread over the pages.")
        parser.add_argument("--seconds", type=float, default=60.0, help="Length of the phase with the backlog.")
        parser.add_argument("--quiet-seconds", type=float, default=20.0, help="Length of the phase without it.")
        parser.add_argument("--backlog", type=int, default=300, help="Résumés waiting when the loaded phase starts (0: no such phase).")
        parser.add_argument("--workers", type=int, default=1, help="ParsingWorker processes (scripts/run: 1).")
        parser.add_argument("--web-workers", type=int, default=2, help="gunicorn worker processes (scripts/run: 2).")
        parser.add_argument("--candidates", type=int, default=50_000, help="Data size, as bench_pages.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rate"] <= 0 or options["seconds"] <= 0:
            raise CommandError("--rate and --seconds must be positive.")
        PagesBenchmark(stdout=self.stdout).fill({
            "candidates": options["candidates"], "jobs": 200, "applications": 2 * options["candidates"],
            "big_job": 5_000, "force": False,
        })
        pages = self._pages()
        # The server's key signs the session: sign the load's session with it too.
        self.secret_key = os.environ.get("SECRET_KEY") or secrets.token_urlsafe(40)
        with override_settings(SECRET_KEY=self.secret_key):
            cookie = self._session_cookie()
        port = _free_port()
        ingest = IngestBenchmark(stdout=self.stdout)
        backlog: list[int] = []
        with self._gunicorn(port, options["web_workers"]):
            load = _Load(port, cookie, pages, rate=options["rate"])
            load.warm_up()
            if options["quiet_seconds"] > 0:
                self._report("no backlog", load.run(options["quiet_seconds"]), options["rate"])
            if options["backlog"] < 1:
                return
            try:
                backlog = ingest._upload(ingest._documents(options["backlog"], seed=int(time.time()), pages=2))
                with ingest._workers(options["workers"], "candidates.resumes.worker.ParsingWorker"):
                    started = time.monotonic()
                    results = load.run(options["seconds"])
                    parsed_during = Resume.objects.filter(pk__in=backlog, status=Resume.Status.PARSED).count()
                    ingest._wait_parsed(backlog, poll=0.5)
                    drained = time.monotonic() - started
                self._report(f"{options['backlog']}-résumé backlog, {options['workers']} parsing workers", results, options["rate"])
                failed = Resume.objects.filter(pk__in=backlog).exclude(status=Resume.Status.PARSED).count()
                self.stdout.write(
                    f"backlog: {parsed_during} of {len(backlog)} parsed during the load; all done {drained:.0f}s after it "
                    f"started ({failed} failed)"
                )
            finally:
                if backlog:
                    ingest._cleanup(backlog)

    def _pages(self) -> dict[str, str]:
        board = Job.objects.filter(title=BIG_JOB_TITLE).values_list("pk", flat=True).first()
        if board is None:
            raise CommandError("No benchmark job: the fill did not run.")
        return {
            "candidate list": reverse("candidates:list"),
            "search": reverse("candidates:list") + "?q=senior+engineer&skills=Python",
            "board (5,000 applications)": reverse("jobs:detail", args=[board]),
        }

    def _session_cookie(self) -> str:
        client = Client()
        client.force_login(User.objects.get(username="recruiter"))
        return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"

    def _gunicorn(self, port: int, workers: int):
        command = self

        class Server:
            def __enter__(self) -> None:
                env = {
                    **os.environ, "DEBUG": "0", "SECRET_KEY": command.secret_key, "ALLOWED_HOSTS": "127.0.0.1",
                    "SECURE_SSL_REDIRECT": "0", "DATABASE_URL": _database_url(), "REDIS_URL": settings.REDIS_URL,
                    "LOG_LEVEL": "WARNING",
                }
                subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "ats.wsgi:application", "--bind", f"127.0.0.1:{port}",
                     "--workers", str(workers), "--graceful-timeout", "5"],
                    cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                )
                deadline = time.monotonic() + 30
                while True:
                    try:
                        socket.create_connection(("127.0.0.1", port), timeout=1).close()
                        return
                    except OSError:
                        if time.monotonic() > deadline or self.process.poll() is not None:
                            raise CommandError("gunicorn did not start within 30 s.") from None
                        time.sleep(0.1)

            def __exit__(self, *exc: Any) -> None:
                self.process.send_signal(signal.SIGTERM)
                try:
                    self.process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                command.stdout.flush()

        return Server()

    def _report(self, phase: str, results: dict[str, list[tuple[float, int]]], rate: float) -> None:
        self.stdout.write(f"\n{phase}, {rate:g} requests/s:")
        self.stdout.write(f"{'page':<30} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
        worst = 0.0
        for name, samples in results.items():
            latencies = [ms for ms, _ in samples]
            errors = sum(1 for _, status in samples if status != 200)
            p95 = _percentile(latencies, 0.95)
            worst = max(worst, p95)
            self.stdout.write(
                f"{name:<30} {len(samples):>8} {statistics.median(latencies):>8.0f} {p95:>8.0f} "
                f"{_percentile(latencies, 0.99):>8.0f} {errors:>7}"
            )
        total_errors = sum(1 for samples in results.values() for _, status in samples if status != 200)
        verdict = "ok" if worst < TARGET_P95_MS and not total_errors else "MISSED"
        self.stdout.write(f"worst p95={worst:.0f}ms errors={total_errors} (target: p95 < {TARGET_P95_MS} ms, 0 errors): {verdict}")


class _Load:
    """An open-loop load generator: a request is due at its scheduled time whether or not the ones
    before it have been answered, and its latency counts from then."""

    def __init__(self, port: int, cookie: str, pages: dict[str, str], *, rate: float) -> None:
        self.port, self.cookie, self.pages, self.rate = port, cookie, list(pages.items()), rate
        self.local = threading.local()

    def _get(self, path: str) -> int:
        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = self.local.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path, headers={"Cookie": self.cookie, "Host": "127.0.0.1"})
            response = connection.getresponse()
            response.read()
            return response.status
        except (OSError, http.client.HTTPException):
            connection.close()
            self.local.connection = None
            return 0

    def warm_up(self) -> None:
        for _ in range(3):
            for name, path in self.pages:
                if (status := self._get(path)) != 200:
                    raise CommandError(f"{name} ({path}) answered {status} before the load started.")

    def run(self, seconds: float) -> dict[str, list[tuple[float, int]]]:
        results: dict[str, list[tuple[float, int]]] = defaultdict(list)
        lock = threading.Lock()

        def one(name: str, path: str, due: float) -> None:
            status = self._get(path)
            with lock:
                results[name].append(((time.monotonic() - due) * 1000, status))

        count = int(seconds * self.rate)
        start = time.monotonic() + 0.2
        with ThreadPoolExecutor(max_workers=64) as pool:
            for i in range(count):
                due = start + i / self.rate
                time.sleep(max(0.0, due - time.monotonic()))
                name, path = self.pages[i % len(self.pages)]
                pool.submit(one, name, path, due)
        return {name: results[name] for name, _ in self.pages}
