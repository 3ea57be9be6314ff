from __future__ import annotations

import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Listens for inbound SMTP (replies to reply+TOKEN@EMAIL_REPLY_DOMAIN) and attaches each message to "
        "the candidate it answers, or to the unassigned queue; résumé attachments are queued for parsing. "
        "Writes InboundEmail rows, activity entries and résumés. Runs until stopped (SIGTERM or Ctrl-C)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=settings.INBOUND_SMTP_HOST, help="Address to listen on (INBOUND_SMTP_HOST).")
        parser.add_argument("--port", type=int, default=settings.INBOUND_SMTP_PORT, help="Port (INBOUND_SMTP_PORT).")

    def handle(self, *args: Any, host: str, port: int, **options: Any) -> None:
        from aiosmtpd.controller import Controller

        from candidates.emails.listener import MAX_MESSAGE_BYTES, InboundHandler

        controller = Controller(InboundHandler(), hostname=host, port=port, data_size_limit=MAX_MESSAGE_BYTES)
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        controller.start()
        self.stdout.write(f"Receiving mail for @{settings.EMAIL_REPLY_DOMAIN} on {host}:{port}")
        try:
            while not stop.wait(1):
                pass
        except KeyboardInterrupt:
            pass
        finally:
            controller.stop()
        self.stdout.write("Stopped receiving mail.")
