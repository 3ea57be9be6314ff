"""RQ entry points of the review notifications (queue "notifications"), enqueued by name from
jobs.reviews.notifications. Ids in, the database re-read, no-ops when re-run."""
from __future__ import annotations

from jobs.reviews import notifications, services


def send_shortlist_digest(user_id: int) -> int:
    return services.shortlist_digest_send(user_id)


def send_review_submitted(review_id: int) -> bool:
    return notifications.send_review_submitted_mail(review_id)
