"""Writes of webhooks: the outbox event (recorded inside the caller's transaction), subscriptions,
each delivery attempt and its outcome, replays, and the sweep that re-enqueues lost deliveries.

This package imports no app (the apps' services call `event_record`), so it sits beside ats.core.
"""
from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from redis.exceptions import RedisError

from ats.core import queues
from ats.core.access import User
from ats.webhooks import signing, transport
from ats.webhooks.models import EVENT_TYPES, Attempt, Delivery, Event, Subscription

logger = logging.getLogger(__name__)

DELIVER_TASK = "ats.webhooks.tasks.deliver_webhook"
QUEUE = "default"


def delivery_job_id(delivery: Delivery) -> str:
    # One job per attempt: a job re-enqueueing its own next attempt is not collapsed into itself.
    return f"webhook-delivery-{delivery.pk}-{delivery.attempts}"


def _enqueue(delivery: Delivery, *, delay: timedelta | None = None, on_commit: bool = True) -> Any:
    options = {"job_id": delivery_job_id(delivery), "job_timeout": int(settings.WEBHOOK_TIMEOUT_SECONDS) + 30, "delay": delay}
    if on_commit:
        return queues.enqueue_on_commit(QUEUE, DELIVER_TASK, delivery.pk, **options)
    return queues.enqueue(QUEUE, DELIVER_TASK, delivery.pk, **options)


def _next_sequence(candidate_id: int) -> int:
    """The candidate's next event number; the row lock orders concurrent events of one candidate."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO webhooks_candidatesequence (candidate_id, last) VALUES (%s, 1) "
            "ON CONFLICT (candidate_id) DO UPDATE SET last = webhooks_candidatesequence.last + 1 RETURNING last",
            [candidate_id],
        )
        return cursor.fetchone()[0]


@transaction.atomic
def event_record(event_type: str, *, candidate_id: int | None = None, payload: dict[str, Any] | None = None) -> Event:
    """Write the outbox row for a change, in the caller's transaction (a rollback takes it away, a
    commit keeps it), with a delivery for each active subscription that wants it, sent after commit.

    `payload` holds ids and codes only, never personal data: consumers read through the API."""
    if event_type not in EVENT_TYPES:
        raise ValueError(f"Unknown webhook event {event_type!r}.")
    sequence = _next_sequence(candidate_id) if candidate_id is not None else None
    event = Event.objects.create(type=event_type, candidate_id=candidate_id, sequence=sequence, data=payload or {})
    wanted = [s for s in Subscription.objects.filter(is_active=True) if s.wants(event_type)]
    for delivery in Delivery.objects.bulk_create(Delivery(event=event, subscription=s, next_attempt_at=event.created_at)
                                                for s in wanted):
        _enqueue(delivery)
    return event


# --- Subscriptions -------------------------------------------------------------------------------


def _clean_events(events: list[str] | None) -> list[str]:
    unknown = sorted(set(events or []) - set(EVENT_TYPES))
    if unknown:
        raise ValueError(f"Unknown event types: {', '.join(unknown)}.")
    return sorted(set(events or []))


@transaction.atomic
def subscription_create(*, actor: User, url: str, events: list[str] | None = None, description: str = "",
                        secret: str | None = None) -> Subscription:
    transport.check_url(url)
    fields: dict[str, Any] = {"secret": secret} if secret else {}
    return Subscription.objects.create(owner_id=actor.pk, url=url, events=_clean_events(events), description=description, **fields)


@transaction.atomic
def subscription_update(*, actor: User, subscription: Subscription, changes: dict[str, Any]) -> Subscription:
    """Change url, events, description or is_active; turning it on again forgets the failures."""
    if "url" in changes:
        transport.check_url(changes["url"])
    if "events" in changes:
        changes["events"] = _clean_events(changes["events"])
    for name, value in changes.items():
        setattr(subscription, name, value)
    fields = [*changes, "updated_at"]
    if changes.get("is_active"):
        subscription.failing_since, subscription.disabled_reason = None, ""
        fields += ["failing_since", "disabled_reason"]
    subscription.save(update_fields=fields)
    return subscription


@transaction.atomic
def subscription_delete(*, actor: User, subscription: Subscription) -> None:
    subscription.delete()


# --- Delivery ------------------------------------------------------------------------------------


def _claim(delivery_id: int, now: datetime) -> Delivery | None:
    lease = now + timedelta(seconds=settings.WEBHOOK_TIMEOUT_SECONDS + 30)
    claimed = Delivery.objects.filter(
        Q(locked_until__isnull=True) | Q(locked_until__lt=now),
        pk=delivery_id, status=Delivery.Status.PENDING, subscription__is_active=True,
        next_attempt_at__lte=now + timedelta(seconds=5),
    ).update(locked_until=lease)
    if not claimed:
        return None
    return Delivery.objects.select_related("event", "subscription__owner").get(pk=delivery_id)


def retry_delay(attempts: int) -> timedelta | None:
    """How long after the `attempts`-th failed attempt the next one is made; None: give up."""
    delays = settings.WEBHOOK_RETRY_DELAYS
    return timedelta(seconds=delays[attempts - 1]) if attempts <= len(delays) else None


def delivery_send(delivery_id: int) -> str:
    """Make one attempt at a delivery (the RQ job): claim it, POST it signed (outside any
    transaction), then record the attempt and what comes next. Returns what happened."""
    delivery = _claim(delivery_id, timezone.now())
    if delivery is None:
        return "skipped"
    body = json.dumps(delivery.event.body(), separators=(",", ":")).encode()
    headers = signing.headers_for(delivery.subscription.secret, delivery.event.webhook_id, body)
    try:
        result = transport.post(delivery.subscription.url, body, headers)
    except transport.TargetRefused as refused:
        result = transport.Result(None, 0, error=str(refused))
    return _record_attempt(delivery, result)


@transaction.atomic
def _record_attempt(delivery: Delivery, result: transport.Result) -> str:
    now = timezone.now()
    Attempt.objects.create(delivery=delivery, attempted_at=now, status_code=result.status_code, latency_ms=result.latency_ms,
                           response_excerpt=result.excerpt, error=result.error)
    delivery.attempts += 1
    delivery.last_status_code = result.status_code
    delivery.locked_until = None
    subscription = Subscription.objects.select_for_update().get(pk=delivery.subscription_id)
    if result.ok:
        delivery.status, delivery.delivered_at = Delivery.Status.DELIVERED, now
        if subscription.failing_since is not None:
            subscription.failing_since = None
            subscription.save(update_fields=["failing_since", "updated_at"])
        outcome = "delivered"
    else:
        delay = retry_delay(delivery.attempts)
        if delay is None:
            delivery.status, outcome = Delivery.Status.FAILED, "failed"
        else:
            delivery.next_attempt_at, outcome = now + delay, "retrying"
            _enqueue(delivery, delay=delay or None)
        _note_failure(subscription, now)
    delivery.save(update_fields=["attempts", "last_status_code", "locked_until", "status", "delivered_at", "next_attempt_at"])
    return outcome


def _note_failure(subscription: Subscription, now: datetime) -> None:
    if subscription.failing_since is None:
        subscription.failing_since = now
        subscription.save(update_fields=["failing_since", "updated_at"])
        return
    threshold = timedelta(hours=settings.WEBHOOK_DISABLE_AFTER_HOURS)
    if subscription.is_active and now - subscription.failing_since > threshold:
        subscription.is_active = False
        subscription.disabled_reason = f"Every delivery failed for more than {settings.WEBHOOK_DISABLE_AFTER_HOURS} hours."
        subscription.save(update_fields=["is_active", "disabled_reason", "updated_at"])
        if subscription.owner is not None and subscription.owner.email:
            queues.after_commit(_tell_owner, subscription.owner.email, subscription.url, subscription.disabled_reason,
                                what="e-mail the owner of a disabled webhook subscription")


def _tell_owner(email: str, url: str, reason: str) -> None:
    send_mail(
        "Webhook subscription disabled",
        f"The webhook subscription to {url} was disabled. {reason}\n\n"
        "Fix the receiving end, then turn the subscription on again in the admin (Webhooks → Subscriptions) "
        "or through the API; deliveries that were still pending are then sent again.",
        None,
        [email],
    )


@transaction.atomic
def delivery_replay(*, actor: User, delivery: Delivery) -> Delivery:
    """Send a delivery's event again to its subscription, as a new delivery (same webhook-id, so a
    receiver that already processed it can tell)."""
    replay = Delivery.objects.create(event_id=delivery.event_id, subscription_id=delivery.subscription_id, replay_of=delivery)
    _enqueue(replay)
    return replay


def deliveries_sweep(*, stuck_after: timedelta | None = None, now: datetime | None = None) -> dict[str, int]:
    """Enqueue again every pending delivery that is due and has neither a lease nor a waiting job:
    jobs Redis lost, or held by a worker that was killed (its lease ran out)."""
    now = now or timezone.now()
    stuck_after = stuck_after if stuck_after is not None else timedelta(seconds=settings.WEBHOOK_STUCK_AFTER)
    due = Delivery.objects.filter(
        Q(locked_until__isnull=True) | Q(locked_until__lt=now),
        status=Delivery.Status.PENDING, subscription__is_active=True, next_attempt_at__lte=now - stuck_after,
    ).order_by("pk")[:1000]
    enqueued = 0
    redis_down = False
    for delivery in due:
        try:
            if _enqueue(delivery, on_commit=False) is not None:
                enqueued += 1
        except RedisError as exc:
            logger.warning("webhook sweep: Redis did not answer (%s); the next sweep tries again", exc)
            redis_down = True
            break
    return {"enqueued": enqueued, "redis_down": int(redis_down)}
