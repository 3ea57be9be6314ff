from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from ats.webhooks.services import deliveries_sweep


class Command(BaseCommand):
    help = (
        "Finds webhook deliveries due for longer than --stuck-after seconds with no worker holding them (jobs "
        "Redis lost, workers killed mid-send) and enqueues them again. Touches the default queue only. "
        "Workers started with --worker-class ats.webhooks.worker.Worker run this every SWEEP_INTERVAL seconds."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--stuck-after", type=int, default=settings.WEBHOOK_STUCK_AFTER,
                            help="Seconds a due delivery may wait before it counts as lost (default: WEBHOOK_STUCK_AFTER).")

    def handle(self, *args: Any, stuck_after: int, **options: Any) -> None:
        result = deliveries_sweep(stuck_after=timedelta(seconds=stuck_after))
        self.stdout.write(f"{result['enqueued']} webhook delivery(ies) enqueued again."
                          + (" Redis did not answer: the rest wait for the next sweep." if result["redis_down"] else ""))
