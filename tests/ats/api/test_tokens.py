"""Personal API tokens: made on the tokens page or by create_api_token, stored hashed, shown once,
revocable, expiring, with their last use recorded."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from ats.api.models import ApiToken, token_hash
from ats.api.services import api_token_create, api_token_revoke, api_token_touch, idempotent_answer_store, idempotent_answers_expire
from ats.api.models import IdempotentRequest
from tests.ats.api.conftest import TokenClient

pytestmark = pytest.mark.django_db


def test_a_token_is_stored_only_as_its_hash_and_acts_as_its_user(recruiter):
    token, raw = api_token_create(user=recruiter, name="HRIS sync", expires_in_days=30)
    assert raw.startswith(f"ats_{token.prefix}_") and raw not in str(ApiToken.objects.values().get())
    assert token.hashed == token_hash(raw)
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    response = TokenClient(raw).get(reverse("api:jobs"))
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_revoked_expired_and_unknown_tokens_get_401(recruiter, manager_a):
    token, raw = api_token_create(user=recruiter, name="old")
    with pytest.raises(PermissionError):
        api_token_revoke(actor=manager_a, token=token)
    api_token_revoke(actor=recruiter, token=token)
    expired, expired_raw = api_token_create(user=recruiter, name="short", expires_in_days=1)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    for secret in (raw, expired_raw, raw[:-2] + "xx", "nonsense"):
        response = TokenClient(secret).get(reverse("api:jobs"))
        assert response.status_code == 401, secret
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == 401


def test_last_use_is_written_at_most_once_a_minute(recruiter, django_assert_num_queries):
    token, _ = api_token_create(user=recruiter, name="busy")
    api_token_touch(token=token)
    with django_assert_num_queries(0):
        api_token_touch(token=token)


def test_the_tokens_page_shows_a_new_secret_once_and_revokes(recruiter_client, recruiter):
    response = recruiter_client.post(reverse("api:tokens"), {"name": "Laptop script", "expires_in_days": "7"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=recruiter)
    secret = response.context["created"]
    assert secret.startswith(f"ats_{token.prefix}_") and secret in response.content.decode()
    again = recruiter_client.get(reverse("api:tokens"))
    assert secret not in again.content.decode() and "Laptop script" in again.content.decode()
    assert recruiter_client.get(reverse("api:token_revoke", args=[token.pk])).status_code == 405
    assert recruiter_client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert TokenClient(secret).get(reverse("api:jobs")).status_code == 401


def test_someone_elses_token_cannot_be_revoked_from_the_page(manager_a_client, recruiter):
    token, _ = api_token_create(user=recruiter, name="mine")
    assert manager_a_client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_create_api_token_prints_the_token_as_the_last_word(recruiter, capsys):
    call_command("create_api_token", recruiter.username, "--expires-in", "3")
    raw = capsys.readouterr().out.split()[-1]
    token = ApiToken.objects.get(user=recruiter)
    assert token.hashed == token_hash(raw) and token.expires_at is not None
    assert TokenClient(raw).get(reverse("api:jobs")).status_code == 200
    with pytest.raises(CommandError, match="No user"):
        call_command("create_api_token", "nobody-here")
    with pytest.raises(CommandError, match="at least 1"):
        call_command("create_api_token", recruiter.username, "--expires-in", "0")


def test_stored_idempotent_answers_expire(recruiter, settings):
    kept = idempotent_answer_store(user=recruiter, key="a", fingerprint="f", status_code=201, body={"id": 1})
    old = idempotent_answer_store(user=recruiter, key="b", fingerprint="f", status_code=201, body={"id": 2})
    IdempotentRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=settings.API_IDEMPOTENCY_HOURS + 1))
    assert idempotent_answers_expire() == 1
    assert list(IdempotentRequest.objects.values_list("pk", flat=True)) == [kept.pk]
