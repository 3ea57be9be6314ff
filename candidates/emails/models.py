"""E-mail with candidates: recruiter-editable templates, every message sent (the outbound log, also
the delivery queue: the row is the source of truth, Redis only carries the work) and every message
received (replies threaded onto a candidate, or waiting in the unassigned queue)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class EmailTemplate(models.Model):
    """Subject and body with {placeholders} (candidates.emails.placeholders), one row per language."""

    class Kind(models.TextChoices):
        GENERAL = "general", "General"
        STAGE = "stage", "Stage entry (automatic)"
        REJECTION = "rejection", "Rejection"

    class Language(models.TextChoices):
        ENGLISH = "en", "English"
        CHINESE = "zh", "Chinese"

    name = models.CharField(max_length=100)
    language = models.CharField(max_length=5, choices=Language.choices, default=Language.ENGLISH)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.GENERAL)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    active = models.BooleanField(default=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "language"]
        constraints = [
            models.UniqueConstraint(fields=["name", "language"], name="emailtemplate_name_language_unique"),
            models.CheckConstraint(condition=~Q(name="") & ~Q(subject="") & ~Q(body=""), name="emailtemplate_not_blank"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_language_display()})"


class OutboundEmail(models.Model):
    """One message to one candidate: exactly the text sent, and where its delivery stands.

    `idempotency_key` is unique, so the same user action (a form's nonce, a stage change, a
    rejection) can never queue a second message. A worker claims the row with a conditional UPDATE
    (queued → sending) before talking to the SMTP server, so two jobs for one row send it once.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    class Purpose(models.TextChoices):
        MANUAL = "manual", "From the profile"
        BULK = "bulk", "Bulk"
        STAGE = "stage", "Stage entry"
        REJECTION = "rejection", "Rejection"
        CAREERS = "careers", "Careers confirmation"

    candidate = models.ForeignKey("candidates.Candidate", on_delete=models.CASCADE, related_name="outbound_emails")
    application = models.ForeignKey("jobs.Application", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The stage whose entry queued it (automatic mails): leaving the stage before it goes cancels it.
    stage = models.ForeignKey("jobs.Stage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    template = models.ForeignKey(EmailTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    template_name = models.CharField(max_length=120, blank=True)  # kept when the template is deleted
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    purpose = models.CharField(max_length=10, choices=Purpose.choices, default=Purpose.MANUAL)
    to_address = models.EmailField(max_length=254)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    html_body = models.TextField(blank=True)
    # Bulk mail carries a List-Unsubscribe header and link.
    unsubscribe_link = models.BooleanField(default=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    failure_reason = models.CharField(max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    idempotency_key = models.CharField(max_length=200, unique=True)
    send_after = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=100, blank=True)
    message_id = models.CharField(max_length=250, unique=True)
    # The per-conversation reply address is reply+<token>@REPLY_DOMAIN.
    token = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    state_changed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["candidate", "-created_at"], name="outbound_candidate_recent"),
            models.Index(fields=["state", "send_after"], condition=Q(state__in=["queued", "sending"]), name="outbound_pending"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(state="sent") | Q(sent_at__isnull=False), name="outbound_sent_has_date"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to_address} ({self.state})"


class InboundEmail(models.Model):
    """A message that came in: threaded onto a candidate (by reply token, Message-ID or sender), or
    in the unassigned queue (candidate empty) until a recruiter assigns it. The raw message is kept
    in the database only, never served."""

    candidate = models.ForeignKey(
        "candidates.Candidate", null=True, blank=True, on_delete=models.CASCADE, related_name="inbound_emails"
    )
    in_reply_to = models.ForeignKey(OutboundEmail, null=True, blank=True, on_delete=models.SET_NULL, related_name="replies")
    from_address = models.CharField(max_length=254)
    from_name = models.CharField(max_length=200, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    message_id = models.CharField(max_length=250, null=True, blank=True, unique=True)
    matched_by = models.CharField(max_length=20, blank=True)  # token, message-id, sender, recruiter
    attachment_names = models.JSONField(default=list, blank=True)
    resume_ids = models.JSONField(default=list, blank=True)
    raw = models.BinaryField(editable=False)
    received_at = models.DateTimeField(default=timezone.now)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["candidate", "-received_at"], name="inbound_candidate_recent"),
            models.Index(fields=["-received_at"], condition=Q(candidate__isnull=True), name="inbound_unassigned"),
        ]

    def __str__(self) -> str:
        return f"{self.from_address}: {self.subject}"
