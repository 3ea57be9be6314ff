"""A ParsingWorker whose parses take seconds, so a test can stop it in the middle of one."""
from __future__ import annotations

from candidates.resumes.worker import ParsingWorker


class SlowParsingWorker(ParsingWorker):
    sandbox_target = "tests.candidates.resumes.sandbox_targets.parse_slowly"
