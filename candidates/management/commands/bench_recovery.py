"""Measure how long the résumé pipeline takes to recover from the faults it is built to survive.

Three faults, each with real ParsingWorker processes, PostgreSQL and Redis:
- a worker killed with SIGKILL in the middle of a parse (and started again, as a service manager does);
- Redis flushed (FLUSHDB) while résumés wait in the queue;
- Redis unreachable while résumés are uploaded, then back.
Redis is reached through a TCP relay in this process, so an outage can be made (and ended) without
touching the Redis server others use. The recovery time runs from the end of the fault to the last
résumé parsed; the target is 2 × SWEEP_INTERVAL. The résumés are deleted afterwards.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import django_rq
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test import override_settings
from rq import Worker

from ats.core import queues
from ats.demo import fake_resumes
from candidates.management.commands.bench_ingest import _database_url
from candidates.resumes.models import Resume
from candidates.resumes.services.claims import PARSE_QUEUE
from candidates.resumes.services.intake import resume_upload, resumes_delete

ROOT = Path(settings.BASE_DIR)


class _Relay:
    """A TCP relay to Redis that can be cut (connections reset, new ones refused) and restored."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = 0
        self.listener: socket.socket | None = None
        self.sockets: set[socket.socket] = set()
        self.lock = threading.Lock()

    def open(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        listener, self.listener = self.listener, None
        if listener is not None:
            listener.close()
        with self.lock:
            for sock in self.sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
            self.sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self.lock:
                self.sockets |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for sock in (source, sink):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class Command(BaseCommand):
    help = (
        "Times the résumé pipeline's recovery after a worker killed mid-parse, a FLUSHDB and a Redis outage, "
        "with real ParsingWorkers (sweeping every --sweep-interval seconds, default SWEEP_INTERVAL). Prints "
        "the seconds from the end of each fault to the last of its résumés parsed, against the 2 × interval "
        "target. Creates résumés in the configured database and deletes them afterwards; flushes the Redis "
        "database of REDIS_URL (give it one of its own)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sweep-interval", type=int, default=settings.SWEEP_INTERVAL)
        parser.add_argument("--files", type=int, default=5, help="Résumés caught by each fault.")
        parser.add_argument("--outage-seconds", type=float, default=10.0)

    def handle(self, *args: Any, **options: Any) -> None:
        if Worker.all(queue=django_rq.get_queue(PARSE_QUEUE)):
            raise CommandError(f"Other workers serve the '{PARSE_QUEUE}' queue: stop them first.")
        real = urlsplit(settings.REDIS_URL)
        self.relay = _Relay(real.hostname or "127.0.0.1", real.port or 6379)
        self.relay.open()
        self.redis_url = urlunsplit(real._replace(netloc=f"127.0.0.1:{self.relay.port}"))
        self.interval = options["sweep_interval"]
        self.files, self.created, self.seed = options["files"], [], int(time.time())
        self.log = Path(tempfile.gettempdir()) / f"bench-recovery-workers-{self.seed}.log"
        self.stdout.write(f"worker logs: {self.log}")
        relayed = {name: {**config, "URL": self.redis_url} for name, config in settings.RQ_QUEUES.items()}
        results = []
        try:
            with override_settings(RQ_QUEUES=relayed, REDIS_URL=self.redis_url):
                results.append(("worker killed (SIGKILL) mid-parse, then restarted", self.killed_worker()))
                results.append(("FLUSHDB with résumés queued", self.flushed()))
                results.append((f"Redis unreachable for {options['outage_seconds']:g} s during uploads", self.outage(options["outage_seconds"])))
        finally:
            resumes_delete(actor=None, resume_ids=self.created)
            self.relay.cut()
        target = 2 * self.interval
        self.stdout.write(f"\nsweep interval {self.interval}s; target: recovered within {target}s of the fault's end")
        for name, seconds in results:
            self.stdout.write(f"{name:<58} recovered in {seconds:6.1f}s  {'ok' if seconds < target else 'MISSED'}")

    # --- Faults ------------------------------------------------------------------------------------

    def killed_worker(self) -> float:
        worker = self._start_worker()
        slow = self._upload(1, pages=60)[0]
        others = self._upload(self.files - 1)
        self._wait(lambda: Resume.objects.filter(pk=slow, status=Resume.Status.PARSING).exists(), "the slow résumé to be parsing")
        os.kill(worker.pid, signal.SIGKILL)  # the worker only: its sandbox and scheduler must die with it
        worker.wait()
        ended = time.monotonic()
        restarted = self._start_worker()
        try:
            return self._recovered([slow, *others], ended)
        finally:
            self._stop(restarted)

    def flushed(self) -> float:
        ids = self._upload(self.files)  # no worker running: their jobs wait in Redis
        queues.redis_connection(PARSE_QUEUE).flushdb()
        ended = time.monotonic()
        worker = self._start_worker()
        try:
            return self._recovered(ids, ended)
        finally:
            self._stop(worker)

    def outage(self, seconds: float) -> float:
        worker = self._start_worker()
        # Past its start-up (scheduler, pub/sub): a worker that loses Redis in those first moments
        # exits instead of retrying, and coming back is then its service manager's job, not measured here.
        time.sleep(3)
        try:
            self.relay.cut()
            outage_started = time.monotonic()
            ids = self._upload(self.files)  # stored; their jobs cannot be queued
            time.sleep(max(0.0, seconds - (time.monotonic() - outage_started)))
            self.relay.open()
            return self._recovered(ids, time.monotonic())
        finally:
            self._stop(worker)

    # --- Helpers -----------------------------------------------------------------------------------

    def _upload(self, count: int, *, pages: int = 2) -> list[int]:
        ids = []
        for _ in range(count):
            self.seed += 1
            data = fake_resumes.resume_pdf(fake_resumes.fake_person(self.seed % 1000, seed=self.seed), pages=pages)
            ids.append(resume_upload(actor=None, filename=f"recovery-{self.seed}.pdf", data=data).resume.pk)
        self.created += ids
        return ids

    def _start_worker(self) -> subprocess.Popen:
        env = {**os.environ, "DATABASE_URL": _database_url(), "REDIS_URL": self.redis_url,
               "SWEEP_INTERVAL": str(self.interval), "LOG_LEVEL": "WARNING"}
        with open(self.log, "ab") as log:
            process = subprocess.Popen(
                [sys.executable, "manage.py", "rqworker", PARSE_QUEUE, "--with-scheduler",
                 "--worker-class", "candidates.resumes.worker.ParsingWorker"],
                cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True,
            )
        self._wait(lambda: any(w.pid == process.pid for w in Worker.all(queue=django_rq.get_queue(PARSE_QUEUE))),
                   "the worker to start", timeout=60)
        return process

    def _stop(self, process: subprocess.Popen) -> None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def _recovered(self, ids: list[int], ended: float) -> float:
        pending = Resume.objects.filter(pk__in=ids).exclude(status__in=[Resume.Status.PARSED, Resume.Status.FAILED])
        self._wait(lambda: not pending.exists(), f"{len(ids)} résumés to be parsed", timeout=max(300, 4 * self.interval))
        return time.monotonic() - ended

    def _wait(self, done: Any, what: str, *, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            if time.monotonic() > deadline:
                raise CommandError(f"Gave up waiting for {what} after {timeout:.0f}s.")
            time.sleep(0.1)
