from __future__ import annotations

import imaplib
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from candidates.emails.services.inbound import inbound_receive


class Command(BaseCommand):
    help = (
        "Reads unseen messages from the IMAP mailbox (IMAP_HOST, IMAP_USER, IMAP_FOLDER), attaches each to "
        "the candidate it answers or to the unassigned queue, and marks it seen. Writes InboundEmail rows, "
        "activity entries and résumés; a message read twice (same Message-ID) is stored once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=500, help="Read at most this many messages per run.")

    def handle(self, *args: Any, limit: int, **options: Any) -> None:
        if not settings.IMAP_HOST:
            raise CommandError("IMAP_HOST is not set: there is no mailbox to read.")
        client_class = imaplib.IMAP4_SSL if settings.IMAP_USE_SSL else imaplib.IMAP4
        try:
            client = client_class(settings.IMAP_HOST, settings.IMAP_PORT, timeout=30)
            client.login(settings.IMAP_USER, settings.IMAP_PASSWORD)
        except (OSError, imaplib.IMAP4.error) as error:
            raise CommandError(f"Could not sign in to {settings.IMAP_HOST}:{settings.IMAP_PORT}: {error}") from error
        stored = assigned = 0
        try:
            client.select(settings.IMAP_FOLDER)
            _, data = client.uid("search", None, "UNSEEN")
            for uid in (data[0] or b"").split()[:limit]:
                _, parts = client.uid("fetch", uid, "(BODY.PEEK[])")
                raw = next((part[1] for part in parts if isinstance(part, tuple)), None)
                if raw is None:
                    continue
                inbound = inbound_receive(raw=raw)
                client.uid("store", uid, "+FLAGS", "(\\Seen)")  # only once it is stored
                stored += 1
                assigned += inbound.candidate_id is not None
        finally:
            try:
                client.logout()
            except (OSError, imaplib.IMAP4.error):
                pass
        self.stdout.write(f"{stored} message(s) read: {assigned} attached to candidates, {stored - assigned} unassigned.")
