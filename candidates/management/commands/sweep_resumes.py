from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from candidates.resumes.services.claims import resume_sweep


class Command(BaseCommand):
    help = (
        "Finds résumés stuck in 'queued' or 'parsing' for longer than --stuck-after seconds (work lost by a "
        "Redis restart or a killed worker) and enqueues them again; marks as failed those that already used "
        "PARSE_MAX_ATTEMPTS. Updates résumé states and the parsing queue only. Workers run this every "
        "SWEEP_INTERVAL seconds by themselves."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--stuck-after", type=int, default=settings.RESUME_STUCK_AFTER,
                            help="Seconds a résumé may wait before it counts as lost (default: RESUME_STUCK_AFTER).")

    def handle(self, *args: Any, stuck_after: int, **options: Any) -> None:
        result = resume_sweep(stuck_after=timedelta(seconds=stuck_after))
        self.stdout.write(
            f"{result['enqueued']} résumé(s) enqueued ({result['interrupted']} interrupted mid-parse), "
            f"{result['gave_up']} given up after too many attempts."
            + (" Redis did not answer: the rest stay queued for the next sweep." if result["redis_down"] else "")
        )
