"""Erase the candidates whose retention has run out (also run daily by the e-mail worker)."""
from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from candidates.erasure.selectors import retention_due
from candidates.erasure.services import retention_enforce


class Command(BaseCommand):
    help = (
        "Erases the personal data of every candidate past retention (candidates.erasure: the row stays as an "
        "anonymous shell with its applications' history; résumés, files, notes, e-mail and the rest go). Due: not "
        "erased yet, not merged into another record, no active application, and either a retention date that has "
        f"passed with nothing happening since, or no date and no activity for RETENTION_DAYS ({settings.RETENTION_DAYS}) "
        "days. A retention date today or later always protects. --dry-run lists them and changes nothing. "
        "Idempotent: a second run finds nothing more to do."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List who would be erased, and why; change nothing.")
        parser.add_argument("--today", type=str, default=None, metavar="YYYY-MM-DD",
                            help="Judge as of this day instead of today (to see what a later run would do).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = self._today(options["today"])
        due = retention_due(today=today)
        if options["dry_run"]:
            for item in due:
                candidate = item.candidate
                last = timezone.localtime(candidate.last_activity_at)
                self.stdout.write(f"#{candidate.pk}\tlast activity {last:%Y-%m-%d}\t{item.why}")
            self.stdout.write(f"{len(due)} candidate{'s' if len(due) != 1 else ''} would be erased (dry run: nothing changed).")
            return
        results = retention_enforce(today=today)
        for result in results:
            merged = [f"#{pk}" for pk in result.candidate_ids if pk != result.root_id]
            self.stdout.write(f"erased #{result.root_id}" + (f" (and the records merged into it: {', '.join(merged)})" if merged else ""))
        failed = len(due) - len(results)
        self.stdout.write(f"{len(results)} candidate{'s' if len(results) != 1 else ''} erased"
                          + (f", {failed} could not be (see the log; the next run tries again)." if failed else "."))

    def _today(self, value: str | None) -> date:
        if value is None:
            return timezone.localdate()
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise CommandError(f"--today must be a date like 2027-01-31, not {value!r}.") from None
