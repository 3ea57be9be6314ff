from __future__ import annotations

import pytest
from django.test import Client

from ats.api.services import api_token_create


class TokenClient(Client):
    """A client that sends `Authorization: Bearer <token>` and no session cookie."""

    def __init__(self, token: str | None, **kwargs):
        super().__init__(**kwargs)
        self.token = token

    def request(self, **request):
        if self.token:
            request.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.token}")
        return super().request(**request)


@pytest.fixture
def token_client():
    def make(user=None, **kwargs) -> TokenClient:
        raw = api_token_create(user=user, name="test")[1] if user is not None else None
        return TokenClient(raw, **kwargs)

    return make


@pytest.fixture(autouse=True)
def api_redis(settings):
    """The rate-limit counters start at zero (Redis DB of the test run)."""
    from ats.core.queues import redis_connection

    client = redis_connection("default")
    for key in client.scan_iter("ats:api:rate:*"):
        client.delete(key)
