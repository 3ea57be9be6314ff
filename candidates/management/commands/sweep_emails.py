from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from candidates.emails.services.outbound import email_sweep


class Command(BaseCommand):
    help = (
        "Finds candidate e-mails whose delivery was lost: 'sending' with a dead worker or for longer than "
        "--stuck-after seconds goes back to 'queued' (or 'failed' after EMAIL_MAX_ATTEMPTS), and due queued "
        "messages without a job in Redis are enqueued again. Touches OutboundEmail states and the "
        "notifications queue only. The e-mail worker runs this every SWEEP_INTERVAL seconds by itself."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--stuck-after", type=int, default=settings.EMAIL_STUCK_AFTER,
                            help="Seconds a message may be 'sending' before it counts as lost (default: EMAIL_STUCK_AFTER).")

    def handle(self, *args: Any, stuck_after: int, **options: Any) -> None:
        result = email_sweep(stuck_after=timedelta(seconds=stuck_after))
        self.stdout.write(
            f"{result['enqueued']} e-mail(s) enqueued ({result['interrupted']} interrupted mid-send), "
            f"{result['gave_up']} given up after too many attempts."
            + (" Redis did not answer: the rest stay queued for the next sweep." if result["redis_down"] else "")
        )
