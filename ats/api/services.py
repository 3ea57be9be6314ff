"""Writes of the API's own rows: personal tokens (create, revoke, last used) and idempotent answers."""
from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ats.api.models import TOKEN_PREFIX, ApiToken, IdempotentRequest, token_hash
from ats.core.access import User

# last_used_at is written at most this often per token: a busy script is not a write per request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@transaction.atomic
def api_token_create(*, user: User, name: str, expires_in_days: int | None = None) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the secret, which is stored only as its hash."""
    if expires_in_days is not None and expires_in_days < 1:
        raise ValueError("A token expires at least one day after it is created.")
    prefix = secrets.token_hex(4)
    raw = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=(name or "API token").strip()[:100],
        prefix=prefix,
        hashed=token_hash(raw),
        created_at=now,
        expires_at=now + timedelta(days=expires_in_days) if expires_in_days else None,
    )
    return token, raw


def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke a token (its owner or an admin); revoking twice keeps the first time."""
    if token.user_id != actor.pk and not actor.is_superuser:
        raise PermissionError("Only the token's owner or an admin may revoke it.")
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db(fields=["revoked_at"])
    return token


def api_token_touch(*, token: ApiToken) -> None:
    """Record that the token was used now (at most once per LAST_USED_RESOLUTION)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def idempotent_answer_store(*, user: User, key: str, fingerprint: str, status_code: int, body: Any) -> IdempotentRequest:
    """Keep the answer to the first request with this key (inside the request's transaction: a
    concurrent twin hits the unique constraint and its whole transaction rolls back)."""
    return IdempotentRequest.objects.create(
        user_id=user.pk, key=key, fingerprint=fingerprint, status_code=status_code, body=body
    )


def idempotent_answers_expire() -> int:
    """Forget stored answers older than API_IDEMPOTENCY_HOURS; returns how many."""
    cutoff = timezone.now() - timedelta(hours=settings.API_IDEMPOTENCY_HOURS)
    return IdempotentRequest.objects.filter(created_at__lt=cutoff).delete()[0]
