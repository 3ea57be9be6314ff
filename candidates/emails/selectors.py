"""Reads of candidate e-mail, narrowed to what the user may see: recruiters only (hiring managers
neither read nor send candidate mail)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from ats.core.access import User, is_recruiter
from candidates.emails.models import EmailTemplate, InboundEmail, OutboundEmail
from candidates.models import Candidate
from candidates.selectors import merge_family


def email_templates_for(user: User) -> QuerySet[EmailTemplate]:
    return EmailTemplate.objects.all() if is_recruiter(user) else EmailTemplate.objects.none()


def email_templates_usable(user: User, *, kind: str | None = None) -> QuerySet[EmailTemplate]:
    """Active templates, for the send forms."""
    templates = email_templates_for(user).filter(active=True)
    return templates.filter(kind=kind) if kind else templates


def outbound_for(user: User) -> QuerySet[OutboundEmail]:
    return OutboundEmail.objects.select_related("candidate") if is_recruiter(user) else OutboundEmail.objects.none()


def inbound_for(user: User) -> QuerySet[InboundEmail]:
    return InboundEmail.objects.defer("raw") if is_recruiter(user) else InboundEmail.objects.none()


def inbound_unassigned(user: User, *, limit: int = 100) -> list[InboundEmail]:
    """The queue of messages from unknown senders, newest first (one query)."""
    return list(inbound_for(user).filter(candidate__isnull=True).order_by("-received_at", "-id")[:limit])


@dataclass
class MailItem:
    """One message on the candidate's mail timeline, sent or received."""

    direction: str  # "out" or "in"
    at: datetime
    message: Any


def candidate_mail(*, candidate: Candidate, limit: int = 50) -> list[MailItem]:
    """The candidate's sent and received mail, newest first: three queries whatever the count."""
    # With the records merged into this candidate: their mail happened to the same person.
    family = merge_family(candidate)
    sent = OutboundEmail.objects.filter(candidate_id__in=family).select_related("sender", "application__job").order_by("-created_at", "-id")[:limit]
    received = InboundEmail.objects.filter(candidate_id__in=family).defer("raw").select_related("in_reply_to").order_by("-received_at", "-id")[:limit]
    items = [MailItem("out", email.sent_at or email.created_at, email) for email in sent]
    items += [MailItem("in", email.received_at, email) for email in received]
    return sorted(items, key=lambda item: item.at, reverse=True)[:limit]
