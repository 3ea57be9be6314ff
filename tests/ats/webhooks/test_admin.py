"""The webhooks admin: subscriptions saved through the services, the delivery log with its Replay button."""
from __future__ import annotations

import pytest
from django.urls import reverse

from ats.webhooks import services
from ats.webhooks.models import Delivery, Subscription

pytestmark = pytest.mark.django_db


def test_an_admin_adds_a_subscription_and_replays_a_delivery(admin_client_, admin_user, default_queue):
    response = admin_client_.post(reverse("admin:webhooks_subscription_add"),
                                  {"url": "https://hooks.example.com/ats", "events": "candidate.created", "description": "CRM",
                                   "is_active": "on"})
    assert response.status_code == 302, response.content[:500]
    subscription = Subscription.objects.get()
    assert subscription.owner == admin_user and subscription.events == ["candidate.created"]
    assert subscription.secret.startswith("whsec_")
    services.event_record("candidate.created", candidate_id=7, payload={"source": "sourced"})
    delivery = Delivery.objects.get()
    page = admin_client_.get(reverse("admin:webhooks_delivery_change", args=[delivery.pk]))
    assert page.status_code == 200 and b"Replay" in page.content
    replay_url = reverse("admin:webhooks_delivery_replay", args=[delivery.pk])
    assert admin_client_.get(replay_url).status_code == 405
    assert admin_client_.post(replay_url).status_code == 302
    assert Delivery.objects.filter(replay_of=delivery).count() == 1
