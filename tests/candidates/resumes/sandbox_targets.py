"""Stand-ins for hostile documents, run inside the parser sandbox by tests/candidates/resumes/test_sandbox.py.

They behave the way a malicious or pathological file makes a parser behave, without needing such a file.
"""
from __future__ import annotations

import os
import time


def echo(value: str) -> str:
    return f"parsed {value}"


def eat_memory(megabytes: int) -> int:
    hoard = [bytearray(1024 * 1024) for _ in range(megabytes)]
    return len(hoard)


def hang(seconds: float) -> None:
    time.sleep(seconds)


def die() -> None:
    os._exit(9)


def echo_or_die(value: str) -> str:
    if value == "die":
        die()
    return echo(value)


def report_pid() -> int:
    return os.getpid()


def parse_greedily(data: bytes, **options: object) -> None:
    """A parser that a document drives to allocate without bound."""
    eat_memory(4096)


def echo_slowly(value: str, seconds: float) -> str:
    time.sleep(seconds)
    return echo(value)


def parse_slowly(data: bytes, **options: object) -> object:
    """The real parser, after a pause: long enough to stop a worker in the middle of a parse."""
    from candidates.parsing import parse

    time.sleep(3)
    return parse(data, **options)


def parse_with_nul_on_marker(data: bytes, **options: object) -> object:
    """The real parser, except that a document starting with NUL-IN-PROFILE comes back with a name
    PostgreSQL refuses to store: a stand-in for a parser bug that lets such a value through."""
    from candidates.parsing import parse

    profile = parse(data, **options)
    if data.startswith(b"NUL-IN-PROFILE"):
        profile["name"] = "Nul\x00Name"
    return profile
