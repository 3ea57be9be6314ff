"""RQ entry points of candidate e-mail: deliver one message (ids only; the row decides)."""
from __future__ import annotations

from candidates.emails.services.outbound import email_deliver


def deliver_email(email_id: int) -> str:
    """Send the queued message once; a no-op when it is gone, not due, sent or cancelled. A
    temporary SMTP failure raises, and the job's Retry tries again with back-off."""
    return email_deliver(email_id)
