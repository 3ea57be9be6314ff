"""The API's HTTP plumbing: cursor pages, `updated_since`, ETags on GET, Idempotency-Key on POST."""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, filters
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from ats.api.problems import Conflict, Unprocessable
from ats.api.selectors import idempotent_answer
from ats.api.services import idempotent_answer_store


class Cursor(CursorPagination):
    """Opaque cursors (stable under inserts, unlike page numbers); `?page_size=` up to 200."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-id"


class Ordering(filters.OrderingFilter):
    """`?ordering=updated_at` (or `-updated_at`, `id`...) among the view's `ordering_fields`."""


UPDATED_SINCE = OpenApiParameter(
    "updated_since", OpenApiTypes.DATETIME, description="Only rows changed at or after this time (ISO 8601), for sync."
)


def updated_since(request: Any, queryset: QuerySet, field: str = "updated_at") -> QuerySet:
    raw = request.query_params.get("updated_since")
    if not raw:
        return queryset
    try:
        when = parse_datetime(raw)
    except ValueError:
        when = None
    if when is None or when.tzinfo is None:
        raise exceptions.ValidationError({"updated_since": ["An ISO 8601 date-time with a time zone, e.g. 2026-01-31T09:00:00Z."]})
    return queryset.filter(**{f"{field}__gte": when})


def with_etag(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A strong ETag (hash of the body) on every successful GET; If-None-Match that matches is 304."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.streaming:
            return response
        if hasattr(response, "render"):
            response.render()
        if not response.has_header("ETag"):
            set_response_etag(response)
        conditional = get_conditional_response(request, etag=response["ETag"], response=response)
        response["Cache-Control"] = "private, no-cache"
        return conditional

    return wrapper


def _fingerprint(request: Any) -> str:
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    digest.update(request._request.body)
    return digest.hexdigest()


def idempotent(handler: Callable[..., Response]) -> Callable[..., Response]:
    """A POST with `Idempotency-Key: <key>` runs once per user and key: a retry gets the first answer
    (with `Idempotent-Replayed: true`); the same key with another request is 422, and a twin still
    running is 409. Only successful answers are kept, so a refused request may be sent again."""

    @wraps(handler)
    def wrapper(self: Any, request: Any, *args: Any, **kwargs: Any) -> Response:
        key = request.headers.get("Idempotency-Key", "").strip()
        if not key:
            return handler(self, request, *args, **kwargs)
        if len(key) > 255:
            raise exceptions.ValidationError({"Idempotency-Key": ["At most 255 characters."]})
        fingerprint = _fingerprint(request)
        with transaction.atomic():
            stored = idempotent_answer(request.user, key)
            if stored is not None:
                if stored.fingerprint != fingerprint:
                    raise Unprocessable("This Idempotency-Key was used for a different request.")
                return Response(stored.body, status=stored.status_code, headers={"Idempotent-Replayed": "true"})
            response = handler(self, request, *args, **kwargs)
            if 200 <= response.status_code < 300:
                try:
                    with transaction.atomic():
                        idempotent_answer_store(user=request.user, key=key, fingerprint=fingerprint,
                                                status_code=response.status_code, body=response.data)
                except IntegrityError:
                    raise Conflict("A request with this Idempotency-Key is being processed; retry later.") from None
            return response

    return wrapper
