from __future__ import annotations

import pytest
from rq import SimpleWorker

from candidates.resumes.sandbox import ParseSandbox
from candidates.resumes.worker import ParsingWorker


@pytest.fixture
def run_worker(redis_queue):
    """Drain the parsing queue with the real worker (jobs in-process, the parser in its sandbox), as
    production does; `simple=True` runs the parser in this process instead."""

    def run(*, simple: bool = False) -> None:
        worker_class = SimpleWorker if simple else ParsingWorker
        worker_class([redis_queue], connection=redis_queue.connection).work(burst=True, with_scheduler=False)

    return run


@pytest.fixture
def sandbox_for():
    """Parser sandboxes running a stand-in target (tests/candidates/resumes/sandbox_targets.py), stopped afterwards."""
    started: list[ParseSandbox] = []

    def make(target: str, *, memory_limit_mb: int = 1024, timeout: float = 10) -> ParseSandbox:
        sandbox = ParseSandbox(memory_limit_mb=memory_limit_mb, timeout=timeout, target=target)
        started.append(sandbox)
        return sandbox

    yield make
    for sandbox in started:
        sandbox.stop()
