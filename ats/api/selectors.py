"""Reads of the API's own rows."""
from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from ats.api.models import TOKEN_PREFIX, ApiToken, IdempotentRequest, token_hash
from ats.core.access import User


def api_tokens_for(user: User) -> QuerySet[ApiToken]:
    """A user's own tokens (an admin sees and revokes others' in the Django admin)."""
    if not user.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user_id=user.pk)


def api_token_get(user: User, token_id: int) -> ApiToken:
    return get_object_or_404(api_tokens_for(user), pk=token_id)


def api_token_for_secret(raw: str) -> ApiToken | None:
    """The usable token whose secret this is, with its user; None for anything else."""
    parts = raw.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1], hashed=token_hash(raw)).first()
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    return token


def idempotent_answer(user: User, key: str) -> IdempotentRequest | None:
    return IdempotentRequest.objects.filter(user_id=user.pk, key=key).first()
