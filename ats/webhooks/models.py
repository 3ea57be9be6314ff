"""Webhooks: subscriptions, the outbox of events (written in the transaction of the change they
announce), one delivery per event and subscription, and the log of every attempt."""
from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

# Every event type, with what its `data` carries (ids only: consumers read the rest through the API).
EVENT_TYPES = {
    "candidate.created": "A candidate was added (by hand, the API, a parsed résumé or the careers site).",
    "candidate.updated": "Fields of a candidate were corrected (`fields` names them).",
    "candidate.merged": "`merged_id` was merged into `candidate_id`.",
    "candidate.erased": "The candidate's personal data was erased (or the record deleted); only ids remain.",
    "resume.parsed": "A résumé was parsed (`resume_id`).",
    "resume.failed": "A résumé could not be parsed (`resume_id`).",
    "application.created": "The candidate was added to a job.",
    "application.stage_changed": "The application moved from `from_stage_id` to `to_stage_id`.",
    "application.rejected": "The application was rejected.",
    "application.withdrawn": "The candidate withdrew.",
    "application.hired": "The candidate was hired.",
    "application.reopened": "A closed application is active again.",
    "review.submitted": "A hiring manager submitted (or changed) a review.",
    "email.received": "A message from the candidate was attached to them (`email_id`; read it through the API).",
}
PAYLOAD_VERSION = 1


def new_secret() -> str:
    import base64
    import secrets

    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


class Subscription(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    url = models.URLField(max_length=500)
    secret = models.CharField(max_length=100, default=new_secret, help_text="whsec_<base64>: the HMAC key, as Standard Webhooks.")
    events = ArrayField(models.CharField(max_length=50), default=list, blank=True, help_text="Empty: every event.")
    description = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    # Since when every delivery has failed (None while the last one succeeded); past
    # WEBHOOK_DISABLE_AFTER_HOURS the subscription is disabled and its owner told.
    failing_since = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.url

    def wants(self, event_type: str) -> bool:
        return not self.events or event_type in self.events


class CandidateSequence(models.Model):
    """The last sequence number given to a candidate's events (no foreign key: it outlives an erasure)."""

    candidate_id = models.BigIntegerField(primary_key=True)
    last = models.PositiveBigIntegerField(default=0)


class Event(models.Model):
    """The outbox: one row per change that matters, in the same transaction as the change."""

    message_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    type = models.CharField(max_length=50)
    candidate_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    sequence = models.PositiveBigIntegerField(null=True, blank=True)
    data = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.type} #{self.pk}"

    @property
    def webhook_id(self) -> str:
        return f"msg_{self.message_id.hex}"

    def body(self) -> dict:
        return {
            "id": self.webhook_id,
            "type": self.type,
            "version": PAYLOAD_VERSION,
            "timestamp": self.created_at.isoformat(),
            "data": {**self.data, "candidate_id": self.candidate_id, "sequence": self.sequence},
        }


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed (gave up)"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # A worker sending it holds it until then; a killed worker's lease runs out and the sweeper sends it again.
    locked_until = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    replay_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replays")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "deliveries"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due")]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription}"


class Attempt(models.Model):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    attempted_at = models.DateTimeField(default=timezone.now)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    latency_ms = models.PositiveIntegerField(default=0)
    response_excerpt = models.CharField(max_length=500, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-attempted_at", "-id"]
