"""Bulk-import a folder of résumés through the same path as uploads."""
from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from candidates.resumes.models import Resume
from candidates.resumes.services.intake import resume_upload
from candidates.resumes.tasks import parse_resume_task
from jobs.models import Job, Stage

SUFFIXES = {".pdf", ".docx", ".txt"}


def progress_bar(done: int, total: int, width: int = 30) -> str:
    filled = int(width * done / total) if total else width
    return f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"


class Command(BaseCommand):
    help = (
        "Imports every PDF, DOCX and TXT file under DIR (recursively) as résumés: each is validated, "
        "stored in private storage and parsed into a candidate, exactly as an upload would be. "
        "Parses in this process by default; --enqueue leaves the parsing to the RQ workers and waits. "
        "Writes résumés, candidates, their parsed rows and activity entries (and applications with --job). "
        "Exits 1 when any file was refused or failed to parse."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument("--job", type=int, help="Job id to add every imported candidate to.")
        parser.add_argument("--stage", help="Stage name in that job (default: its first stage).")
        parser.add_argument("--enqueue", action="store_true", help="Let the RQ workers parse; wait for them.")
        parser.add_argument("--timeout", type=int, default=1800, help="Seconds to wait with --enqueue.")

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a directory.")
        job = stage = None
        if options["job"] is not None:
            job = Job.objects.filter(pk=options["job"]).first()
            if job is None:
                raise CommandError(f"There is no job with id {options['job']}.")
            if options["stage"]:
                stage = Stage.objects.filter(job=job, name__iexact=options["stage"]).first()
                if stage is None:
                    names = ", ".join(job.stages.values_list("name", flat=True))
                    raise CommandError(f"Job {job.pk} has no stage {options['stage']!r} (stages: {names}).")
        files = sorted(p for p in directory.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        if not files:
            raise CommandError(f"No .pdf, .docx or .txt files under {directory}.")

        refused: list[str] = []
        duplicates: list[str] = []
        queued: list[Resume] = []
        for index, path in enumerate(files, 1):
            outcome = resume_upload(actor=None, filename=path.name, data=path.read_bytes(), job=job, stage=stage)
            if outcome.status == "refused":
                refused.append(outcome.message)
            elif outcome.status == "duplicate":
                duplicates.append(outcome.message)
            else:
                queued.append(outcome.resume)
                if not options["enqueue"]:
                    parse_resume_task(outcome.resume.pk)
            self._progress(index, len(files))
        if options["enqueue"]:
            self._wait([r.pk for r in queued], options["timeout"])
        sys.stderr.write("\n")

        states = dict(Resume.objects.filter(pk__in=[r.pk for r in queued]).values_list("pk", "status"))
        failed = [r for r in queued if states.get(r.pk) == Resume.Status.FAILED]
        failures = dict(Resume.objects.filter(pk__in=[r.pk for r in failed]).values_list("pk", "failure_reason"))
        for message in refused:
            self.stdout.write(f"refused: {message}")
        for resume in failed:
            self.stdout.write(f"failed: {resume.original_filename}: {failures[resume.pk]}")
        for message in duplicates:
            self.stdout.write(f"duplicate: {message}")
        parsed = sum(1 for r in queued if states.get(r.pk) == Resume.Status.PARSED)
        pending = len(queued) - parsed - len(failed)
        self.stdout.write(
            f"{len(files)} files: {parsed} parsed, {len(duplicates)} duplicate, "
            f"{len(failed) + len(refused)} failed" + (f", {pending} still waiting" if pending else "")
        )
        if failed or refused or pending:
            sys.exit(1)

    def _progress(self, done: int, total: int) -> None:
        sys.stderr.write("\r" + progress_bar(done, total))
        sys.stderr.flush()

    def _wait(self, ids: list[int], timeout: int) -> None:
        deadline = time.monotonic() + timeout
        waiting = Resume.objects.filter(pk__in=ids, status__in=Resume.IN_PROGRESS)
        while time.monotonic() < deadline:
            left = waiting.count()
            self._progress(len(ids) - left, len(ids))
            if not left:
                return
            time.sleep(0.5)

