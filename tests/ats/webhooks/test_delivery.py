"""Webhooks end to end: the outbox row written with the change, delivered by a real worker to a
real HTTP server, signed; retried, replayed, never sent for a rolled-back change, never lost."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ats.webhooks import services
from ats.webhooks.models import Delivery, Event, Subscription
from candidates.services import candidate_create, candidate_delete, candidate_update_fields
from tests.ats.api.conftest import TokenClient
from tests.candidates.resumes.services.test_claims import ROOT, _database_url

pytestmark = pytest.mark.django_db(transaction=True)


def _verify(secret: str, headers: dict, body: bytes) -> bool:
    """The receiver's check, written from the Standard Webhooks spec (not with our signing module)."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(f"v1,{expected}", part) for part in headers["webhook-signature"].split())


def test_a_committed_change_is_delivered_signed_to_the_receiver(receiver, run_worker, admin_user, recruiter):
    subscription = services.subscription_create(actor=admin_user, url=receiver.url, events=["candidate.created", "candidate.updated"])
    candidate = candidate_create(actor=recruiter, full_name="Fictional Ada", emails=["ada@example.com"])
    candidate_update_fields(actor=recruiter, candidate=candidate, changes={"headline": "Engineer"})
    run_worker()
    assert len(receiver.requests) == 2
    first, second = receiver.requests
    assert first["path"] == "/hooks/ats"
    assert _verify(subscription.secret, first["headers"], first["body"])
    assert abs(int(first["headers"]["webhook-timestamp"]) - time.time()) < 60
    created, updated = json.loads(first["body"]), json.loads(second["body"])
    assert created["type"] == "candidate.created" and created["version"] == 1
    assert created["id"] == first["headers"]["webhook-id"]
    assert created["data"]["candidate_id"] == candidate.pk and created["data"]["sequence"] == 1
    assert updated["data"] == {"fields": ["headline"], "candidate_id": candidate.pk, "sequence": 2}
    assert b"Ada" not in second["body"] and b"ada@example.com" not in first["body"]  # ids, no personal data
    delivery = Delivery.objects.get(event__type="candidate.created")
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 1, 200)
    attempt = delivery.attempt_log.get()
    assert attempt.status_code == 200 and attempt.response_excerpt == '{"ok": true}' and attempt.latency_ms >= 0


def test_a_500_is_retried_with_the_same_webhook_id(receiver, run_worker, admin_user, recruiter, settings):
    settings.WEBHOOK_RETRY_DELAYS = [0, 0]  # retries at once: the schedule itself is tested below
    services.subscription_create(actor=admin_user, url=receiver.url)
    receiver.statuses = [500, 503]
    candidate_create(actor=recruiter, full_name="Fictional Bea")
    run_worker()
    assert len(receiver.requests) == 3
    assert len({r["headers"]["webhook-id"] for r in receiver.requests}) == 1
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("delivered", 3)
    assert [a.status_code for a in delivery.attempt_log.order_by("id")] == [500, 503, 200]
    assert delivery.attempt_log.order_by("id").first().response_excerpt == "upstream exploded"
    assert Subscription.objects.get().failing_since is None  # a success forgets the failures


def test_the_retry_schedule_lasts_more_than_a_day_then_gives_up(receiver, run_worker, admin_user, recruiter, settings):
    total = sum((services.retry_delay(n) for n in range(1, len(settings.WEBHOOK_RETRY_DELAYS) + 1)), timedelta())
    assert total >= timedelta(hours=24)
    assert services.retry_delay(len(settings.WEBHOOK_RETRY_DELAYS) + 1) is None
    settings.WEBHOOK_RETRY_DELAYS = [0]
    services.subscription_create(actor=admin_user, url=receiver.url)
    receiver.statuses = [500, 500]
    candidate_create(actor=recruiter, full_name="Fictional Cleo")
    run_worker()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, len(receiver.requests)) == ("failed", 2, 2)


def test_a_replay_sends_the_event_again(receiver, run_worker, admin_user, recruiter):
    services.subscription_create(actor=admin_user, url=receiver.url)
    candidate_create(actor=recruiter, full_name="Fictional Dora")
    run_worker()
    original = Delivery.objects.get()
    response = TokenClient(_token(admin_user)).post(reverse("api:webhook_delivery_replay", args=[original.pk]))
    assert response.status_code == 201
    run_worker()
    assert len(receiver.requests) == 2
    assert receiver.requests[0]["body"] == receiver.requests[1]["body"]
    replay = Delivery.objects.get(replay_of=original)
    assert (replay.status, replay.attempts) == ("delivered", 1)
    assert services.delivery_replay(actor=admin_user, delivery=original).replay_of == original


def _token(user) -> str:
    from ats.api.services import api_token_create

    return api_token_create(user=user, name="test")[1]


def test_a_rolled_back_transaction_sends_nothing(receiver, run_worker, admin_user, recruiter):
    services.subscription_create(actor=admin_user, url=receiver.url)
    with pytest.raises(RuntimeError), transaction.atomic():
        candidate_create(actor=recruiter, full_name="Fictional Eve")
        raise RuntimeError("the rest of the request failed")
    run_worker()
    assert Event.objects.count() == 0 and Delivery.objects.count() == 0
    assert receiver.requests == []


def test_erasing_a_candidate_sends_an_erased_event_without_personal_data(receiver, run_worker, admin_user, recruiter):
    candidate = candidate_create(actor=recruiter, full_name="Fictional Fay", emails=["fay@example.com"])
    services.subscription_create(actor=admin_user, url=receiver.url, events=["candidate.erased"])
    candidate_delete(actor=recruiter, candidate=candidate)
    run_worker()
    (request,) = receiver.requests
    body = json.loads(request["body"])
    assert body["type"] == "candidate.erased"
    assert body["data"] == {"candidate_id": candidate.pk, "sequence": 2}


def test_a_killed_worker_loses_no_event(receiver, default_queue, run_worker, admin_user, recruiter):
    receiver.delay = 30  # the receiver holds the first request: the worker is killed while it waits
    services.subscription_create(actor=admin_user, url=receiver.url)
    candidate_create(actor=recruiter, full_name="Fictional Gia")
    env = {**os.environ, "DATABASE_URL": _database_url(), "REDIS_URL": django_settings.REDIS_URL, "DEBUG": "1",
           "WEBHOOK_ALLOW_PRIVATE_TARGETS": "1"}
    worker = subprocess.Popen([sys.executable, "manage.py", "rqworker", "default", "--burst"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while not receiver.requests:
            assert time.monotonic() < deadline, "the worker never sent the delivery"
            time.sleep(0.05)
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
    default_queue.connection.flushdb()  # and Redis lost its jobs too
    receiver.delay = 0
    delivery = Delivery.objects.get()
    assert delivery.status == "pending" and delivery.locked_until is not None
    assert services.deliveries_sweep()["enqueued"] == 0  # still leased to the dead worker, and not due long enough
    later = delivery.locked_until + timedelta(seconds=1)
    assert services.deliveries_sweep(now=later, stuck_after=timedelta(0))["enqueued"] == 1
    # The lease has run out by then; here the clock is moved instead of waiting for it.
    Delivery.objects.filter(pk=delivery.pk).update(locked_until=timezone.now() - timedelta(seconds=1))
    run_worker()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 1)
    assert len(receiver.requests) == 2


def test_a_subscription_failing_too_long_is_disabled_and_its_owner_told(receiver, run_worker, admin_user, recruiter, settings):
    settings.WEBHOOK_RETRY_DELAYS = [3600]
    admin_user.email = "root@example.com"
    admin_user.save()
    subscription = services.subscription_create(actor=admin_user, url=receiver.url)
    Subscription.objects.filter(pk=subscription.pk).update(failing_since=timezone.now() - timedelta(hours=settings.WEBHOOK_DISABLE_AFTER_HOURS + 1))
    receiver.statuses = [500]
    candidate_create(actor=recruiter, full_name="Fictional Hana")
    run_worker()
    subscription.refresh_from_db()
    assert not subscription.is_active and "failed" in subscription.disabled_reason
    assert [m.to for m in mail.outbox] == [["root@example.com"]] and receiver.url in mail.outbox[0].body
    services.subscription_update(actor=admin_user, subscription=subscription, changes={"is_active": True})
    subscription.refresh_from_db()
    assert subscription.is_active and subscription.failing_since is None


def test_private_addresses_are_refused_unless_allowed(receiver, run_worker, admin_user, recruiter, settings):
    services.subscription_create(actor=admin_user, url=receiver.url)
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    settings.WEBHOOK_RETRY_DELAYS = [3600]
    candidate_create(actor=recruiter, full_name="Fictional Ines")
    run_worker()
    assert receiver.requests == []
    attempt = Delivery.objects.get().attempt_log.get()
    assert attempt.status_code is None and "private" in attempt.error
    with pytest.raises(Exception, match="http"):
        services.subscription_create(actor=admin_user, url="file:///etc/passwd")


def test_a_deleted_subscription_takes_its_deliveries(admin_user):
    subscription = services.subscription_create(actor=admin_user, url="https://hooks.example.com/x")
    services.event_record("resume.parsed", candidate_id=1, payload={"resume_id": 1})
    services.subscription_delete(actor=admin_user, subscription=subscription)
    assert Delivery.objects.count() == 0 and Event.objects.count() == 1
    assert services.delivery_job_id(Delivery(pk=5, attempts=2)) == "webhook-delivery-5-2"
    assert services.delivery_send(12345) == "skipped"


def test_a_redirect_is_not_followed_but_counted_as_a_failure(receiver, run_worker, admin_user, recruiter, settings):
    settings.WEBHOOK_RETRY_DELAYS = [3600]
    services.subscription_create(actor=admin_user, url=receiver.url)
    receiver.statuses = [302]
    candidate_create(actor=recruiter, full_name="Fictional Jo")
    run_worker()
    assert len(receiver.requests) == 1
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.last_status_code) == ("pending", 302)
    assert delivery.next_attempt_at > timezone.now() + timedelta(minutes=59)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "169.254.169.254", "10.1.2.3", "192.168.0.10", "[::1]", "[::ffff:127.0.0.1]"])
def test_the_ssrf_guard_refuses_internal_addresses(host, settings):
    from ats.webhooks import transport

    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    with pytest.raises(transport.TargetRefused):
        transport.post(f"http://{host}:9/hook", b"{}", {})
    with pytest.raises(transport.TargetRefused):
        transport.post("ftp://files.example.com/hook", b"{}", {})


def test_sweep_webhooks_enqueues_a_delivery_whose_job_redis_lost(default_queue, admin_user, recruiter, capsys):
    from django.core.management import call_command

    services.subscription_create(actor=admin_user, url="https://hooks.example.com/ats")
    candidate_create(actor=recruiter, full_name="Fictional Kim")
    default_queue.connection.flushdb()
    call_command("sweep_webhooks", "--stuck-after", "0")
    assert capsys.readouterr().out.startswith("1 webhook delivery(ies) enqueued again.")
    assert default_queue.fetch_job(services.delivery_job_id(Delivery.objects.get())) is not None
    call_command("sweep_webhooks", "--stuck-after", "0")
    assert capsys.readouterr().out.startswith("0 ")  # its job is waiting: not twice
