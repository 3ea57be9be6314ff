"""RQ entry points of webhooks (ids only; the services re-check the row and are no-ops when re-run)."""
from __future__ import annotations

from ats.webhooks.services import delivery_send


def deliver_webhook(delivery_id: int) -> str:
    return delivery_send(delivery_id)
