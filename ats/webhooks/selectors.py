"""Reads of webhooks: admins only (subscriptions carry secrets, deliveries what was sent where)."""
from __future__ import annotations

from django.db.models import QuerySet

from ats.core.access import User
from ats.webhooks.models import Delivery, Subscription


def subscriptions_for(user: User) -> QuerySet[Subscription]:
    if not (user.is_authenticated and user.is_active and user.is_superuser):
        return Subscription.objects.none()
    return Subscription.objects.all()


def deliveries_for(user: User) -> QuerySet[Delivery]:
    if not (user.is_authenticated and user.is_active and user.is_superuser):
        return Delivery.objects.none()
    return Delivery.objects.select_related("event").prefetch_related("attempt_log")
