"""Who is calling: a personal token in `Authorization: Bearer <token>` (or the browser's session,
for the docs page), the same roles and selectors as the pages, and a per-token rate limit in Redis."""
from __future__ import annotations

import logging
import time
from typing import Any

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from redis.exceptions import RedisError
from rest_framework import authentication, exceptions, permissions, throttling
from rest_framework.request import Request

from ats.api.selectors import api_token_for_secret
from ats.api.services import api_token_touch
from ats.core.access import is_recruiter
from ats.core.queues import redis_connection

logger = logging.getLogger(__name__)


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("The Authorization header is `Bearer <token>`.")
        token = api_token_for_secret(header[1])
        if token is None:
            raise exceptions.AuthenticationFailed("This token is unknown, revoked or expired.")
        api_token_touch(token=token)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class SignedIn(permissions.BasePermission):
    """Any active user; what they then reach is the selectors' business (404 outside it)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.is_active)


class RecruitersWrite(SignedIn):
    """Reads for every signed-in user (narrowed by the selectors); writes for recruiters only, and a
    write by anyone else is 404, as the pages answer."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not super().has_permission(request, view):
            return False
        if request.method not in permissions.SAFE_METHODS and not is_recruiter(request.user):
            raise exceptions.NotFound()
        return True


class RecruitersOnly(SignedIn):
    def has_permission(self, request: Request, view: Any) -> bool:
        if not super().has_permission(request, view):
            return False
        if not is_recruiter(request.user):
            raise exceptions.NotFound()
        return True


class AdminsOnly(SignedIn):
    def has_permission(self, request: Request, view: Any) -> bool:
        if not super().has_permission(request, view):
            return False
        if not request.user.is_superuser:
            raise exceptions.NotFound()
        return True


class TokenRateThrottle(throttling.BaseThrottle):
    """API_RATE_LIMIT requests per API_RATE_WINDOW_SECONDS per token (per user for a session), in a
    fixed window counted by Redis. When Redis does not answer, requests pass (the limit protects the
    service; it is not a security boundary)."""

    def allow_request(self, request: Request, view: Any) -> bool:
        if not request.user or not request.user.is_authenticated:
            return True
        window = settings.API_RATE_WINDOW_SECONDS
        now = time.time()
        start = int(now // window) * window
        who = f"token:{request.auth.pk}" if getattr(request.auth, "pk", None) else f"user:{request.user.pk}"
        key = f"ats:api:rate:{who}:{start}"
        try:
            client = redis_connection("default")
            pipe = client.pipeline()
            pipe.incr(key)
            pipe.expire(key, window + 1)
            count = pipe.execute()[0]
        except RedisError as exc:
            logger.warning("API rate limit not checked, Redis did not answer (%s)", exc)
            return True
        self._wait = start + window - now
        return count <= settings.API_RATE_LIMIT

    def wait(self) -> float | None:
        return max(1.0, getattr(self, "_wait", 1.0))


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """How the schema describes BearerTokenAuthentication (drf-spectacular finds it by subclassing)."""

    target_class = "ats.api.auth.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "A personal API token (Settings → API tokens)."}
