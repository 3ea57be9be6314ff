"""Parsing in a long-lived child process with its own memory cap and a deadline.

A hostile document may exhaust memory or hang inside pdfminer; that must cost one child process,
never the worker, its database connection or the job bookkeeping. Forking a fresh process per
résumé gives that isolation too, but each fork starts with cold caches, a new database connection
and RQ's per-process set-up, which cost about as much as parsing a two-page résumé. So the worker
keeps one warm child, sends it bytes and gets a profile back, and replaces it only when it dies,
overruns its deadline or reports running out of memory.

The child never touches the database or Redis: it only runs the parser.
"""
from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import resource
import signal
import time
import weakref
from multiprocessing.connection import Connection
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from ats.core.workers import die_with_parent
from candidates.parsing import ParseError, parse

logger = logging.getLogger(__name__)

DEFAULT_TARGET = "candidates.parsing.parse"
PARENT_CHECK_SECONDS = 2


class SandboxFailure(Exception):
    """The child could not finish: the message says why, in words a recruiter understands."""


class SandboxTimeout(SandboxFailure):
    pass


class SandboxOutOfMemory(SandboxFailure):
    pass


class SandboxCrashed(SandboxFailure):
    pass


def _serve(requests: Connection, parent_end: Connection, memory_limit: int, target_path: str) -> None:
    """The child's loop: one request in, one reply out, until the parent goes away."""
    parent_end.close()  # else the child holds the parent's end open and never sees EOF
    # Only the worker ends this process: it kills it, or the process leaves when orphaned. Ctrl+C and
    # a service manager stopping the worker (systemd's default control-group mode, dumb-init, `kill
    # -TERM -PGID`) signal the whole process group; the worker then finishes the résumé in hand (a
    # warm shutdown), which needs this process alive, not dead with the file blamed for it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    # The pid recorded at the fork, not getppid() now: the worker may already be gone.
    worker_pid = multiprocessing.parent_process().pid
    # Killed with the worker even in the middle of a parse (the loop below notices being orphaned
    # only between requests, and a hostile file may never return).
    die_with_parent(signal.SIGKILL)
    if os.getppid() != worker_pid:
        os._exit(0)
    if memory_limit:
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    _yield_the_cpu(settings.PARSE_NICENESS)
    target = import_string(target_path)
    while True:
        try:
            # Other children of the worker (RQ's scheduler) inherit its end of the pipe, so EOF
            # alone may never come when the worker dies: also notice being orphaned.
            while not requests.poll(PARENT_CHECK_SECONDS):
                if os.getppid() != worker_pid:
                    os._exit(0)
            args, kwargs = requests.recv()
        except (EOFError, OSError):
            os._exit(0)  # the worker is gone: so are we
        started = time.perf_counter()
        try:
            value = target(*args, **kwargs)
            reply: tuple[str, Any] = ("ok", (value, time.perf_counter() - started))
        except ParseError as exc:
            reply = ("parse_error", str(exc))
        except MemoryError:
            reply = ("memory", None)
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, which logs it
            reply = ("crash", f"{type(exc).__name__}: {exc}")
        try:
            requests.send(reply)
        except MemoryError:
            os._exit(3)
        if reply[0] == "memory":
            os._exit(0)  # a process that ran out of memory may be in any state: start afresh


def _yield_the_cpu(niceness: int) -> None:
    """Parsing is background work: on the cores the web tier shares, requests come first. A higher
    niceness gives this process a small share of a busy CPU and SCHED_BATCH keeps it from
    preempting interactive work; an idle CPU is still all the parser's, so a backlog finishes as
    fast as before when nobody is using the app."""
    current = os.getpriority(os.PRIO_PROCESS, 0)
    if niceness > current:
        os.setpriority(os.PRIO_PROCESS, 0, niceness)
    try:
        os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))
    except (AttributeError, OSError):  # not Linux, or a container that forbids it: niceness alone
        pass
    _nice_own_autogroup(niceness)


AUTOGROUP = "/proc/self/autogroup"


def _nice_own_autogroup(niceness: int) -> None:
    """With the kernel's autogroup scheduling (on by default in most distributions) CPU time is shared
    between sessions first, and niceness orders only the processes inside one: each PostgreSQL
    backend, and a worker started as its own service, is a session of its own, so a niced parser
    still took a full share against them and the web's requests waited (p95 seconds at 40
    requests/s during a backlog). A session of its own whose autogroup is niced yields across
    sessions too. Signals to the worker's process group are ignored here anyway, and the process
    still dies with the worker (die_with_parent)."""
    if not os.path.exists(AUTOGROUP):
        return  # no autogroups (kernel option off or another OS): per-process niceness is what counts
    try:
        os.setsid()
        with open(AUTOGROUP, "w") as autogroup:
            autogroup.write(str(niceness))
    except OSError:  # already a session leader, or a container that forbids it: niceness alone
        pass


class ParseSandbox:
    """Runs `target(*args, **kwargs)` (the parser by default) in a reusable child process."""

    def __init__(self, *, memory_limit_mb: int, timeout: float, target: str = DEFAULT_TARGET) -> None:
        self.memory_limit = memory_limit_mb * 1024 * 1024
        self.timeout = timeout
        self.target = target
        self._process: Any = None
        self._conn: Connection | None = None
        _live.add(self)  # stopped at exit (see _stop_at_exit)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None and self._process.is_alive() else None

    def start(self) -> None:
        if self.pid is not None:
            return
        self.stop()
        # fork: the child inherits the imported parser and its warmed caches for free. The parent's
        # database and Redis sockets are inherited too but never used, and the child only ever
        # leaves through os._exit, which closes nothing on the server's side.
        context = multiprocessing.get_context("fork")
        parent_end, child_end = context.Pipe(duplex=True)
        process = context.Process(
            target=_serve, args=(child_end, parent_end, self.memory_limit, self.target),
            name="parse-sandbox", daemon=True,
        )
        process.start()
        child_end.close()
        self._process, self._conn = process, parent_end

    def stop(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join(timeout=5)
        self._process = self._conn = None

    def run(self, *args: Any, **kwargs: Any) -> tuple[Any, float]:
        """The target's result and the seconds it took in the child; ParseError as the target
        raised it; SandboxFailure when the child could not finish."""
        self.start()
        assert self._conn is not None
        try:
            self._conn.send((args, kwargs))
            ready = self._conn.poll(self.timeout)
            reply = self._conn.recv() if ready else None
        except (EOFError, ConnectionError):  # the child died under us: end of file, broken pipe
            raise self._died() from None
        except BaseException:
            # Interrupted while the child works (RQ's job timeout, a signal): its reply would answer
            # the next request, so this child cannot be trusted with another one.
            self.stop()
            raise
        if reply is None:
            self.stop()
            raise SandboxTimeout(f"Reading this file took too long (over {self.timeout:g} seconds), so it was stopped.")
        status, value = reply
        if status == "ok":
            return value
        if status == "parse_error":
            raise ParseError(value)
        if status == "memory":
            self.stop()
            raise SandboxOutOfMemory("This file needs more memory to read than a résumé ever should; it was not parsed.")
        logger.error("parser crashed in the sandbox: %s", value)
        raise SandboxCrashed(f"The parser hit an unexpected problem with this file ({value}).")

    def _died(self) -> SandboxFailure:
        exitcode = None
        if self._process is not None:
            self._process.join(timeout=2)
            exitcode = self._process.exitcode
        self.stop()
        if exitcode == -signal.SIGKILL:  # the kernel's OOM killer, or an operator
            return SandboxOutOfMemory("The parser ran out of memory on this file and was stopped.")
        return SandboxCrashed(f"The parser stopped unexpectedly on this file (exit code {exitcode}).")


_sandbox: ParseSandbox | None = None


_live: "weakref.WeakSet[ParseSandbox]" = weakref.WeakSet()


@atexit.register
def _stop_at_exit() -> None:
    """The child ignores SIGTERM, so multiprocessing's own exit handler (SIGTERM, then wait) would
    hang a worker that leaves without its teardown (a crash, Redis lost at start-up) for good, and
    a service manager waiting for it to exit would never restart it. Registered after
    multiprocessing's handler (imported first), this one runs before it."""
    for sandbox in list(_live):
        sandbox.stop()


def install(sandbox: ParseSandbox | None) -> None:
    """Make `parse_document` use this sandbox (the worker installs one; tests and commands don't)."""
    global _sandbox
    if _sandbox is not None and _sandbox is not sandbox:
        _sandbox.stop()
    _sandbox = sandbox


def installed() -> bool:
    return _sandbox is not None


def deadline() -> float | None:
    """The seconds one parse may take in the installed sandbox; None when parsing runs in-process."""
    return _sandbox.timeout if _sandbox is not None else None


def parse_document(data: bytes, **options: Any) -> tuple[dict[str, Any], float]:
    """The profile and the seconds the parser took, in the installed sandbox or, when there is
    none, in this process. The time excludes the trip to the sandbox: it is the parser's own."""
    if _sandbox is None:
        started = time.perf_counter()
        return parse(data, **options), time.perf_counter() - started
    return _sandbox.run(data, **options)
