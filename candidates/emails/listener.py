"""Inbound mail over SMTP: an aiosmtpd handler that takes messages for reply+TOKEN@EMAIL_REPLY_DOMAIN
(or any address of that domain) and hands each to inbound_receive. `manage.py receive_mail` runs it;
put it behind the domain's MX (or a relay) in production."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from django.conf import settings
from django.db import close_old_connections

from candidates.emails.services.inbound import inbound_receive

logger = logging.getLogger(__name__)
MAX_MESSAGE_BYTES = 30 * 1024 * 1024


def _receive(raw: bytes, recipients: list[str]) -> int:
    # A worker thread of the listener: its own database connection, renewed like a request's.
    close_old_connections()
    try:
        return inbound_receive(raw=raw, envelope_recipients=recipients).pk
    finally:
        close_old_connections()


class InboundHandler:
    """aiosmtpd handler: accepts mail for EMAIL_REPLY_DOMAIN only (not an open relay)."""

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]) -> str:
        domain = settings.EMAIL_REPLY_DOMAIN.lower()
        if not address.lower().endswith("@" + domain):
            return "550 5.1.1 Not a mailbox of this server"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content
        if len(raw) > MAX_MESSAGE_BYTES:
            return "552 5.3.4 Message too big"
        try:
            # The ORM is synchronous: run it in a thread, never on the event loop.
            await asyncio.get_running_loop().run_in_executor(None, _receive, raw, list(envelope.rcpt_tos))
        except Exception:
            logger.exception("could not store an inbound message")
            return "451 4.3.0 Could not store the message; try again later"
        return "250 Message accepted"
