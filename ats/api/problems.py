"""Every API error as RFC 9457 problem details (`application/problem+json`): type, title, status,
detail, and for invalid input the fields' messages under `errors`."""
from __future__ import annotations

from typing import Any

from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_BASE = "https://ats.example/problems/"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The resource changed since you read it."
    default_code = "conflict"


class Unprocessable(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "The request cannot be carried out."
    default_code = "unprocessable"


def _title(status_code: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status_code).phrase
    except ValueError:
        return "Error"


def problem(status_code: int, detail: str, *, code: str = "error", extra: dict[str, Any] | None = None,
            headers: dict[str, str] | None = None) -> Response:
    body = {"type": PROBLEM_BASE + code, "title": _title(status_code), "status": status_code, "detail": detail, **(extra or {})}
    return Response(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE, headers=headers)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    headers = {name: value for name, value in response.items() if name in ("Retry-After", "WWW-Authenticate", "Allow")}
    if isinstance(exc, exceptions.ValidationError):
        return problem(response.status_code, "The request has invalid fields.", code="invalid",
                       extra={"errors": response.data}, headers=headers)
    detail = exc.detail if isinstance(exc, exceptions.APIException) else response.data
    code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
    extra = getattr(exc, "extra", None)
    return problem(response.status_code, str(detail), code=code if isinstance(code, str) else "error",
                   extra=extra, headers=headers)
