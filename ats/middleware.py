"""Response policies: a strict Content-Security-Policy (all scripts and styles come from our own
static files), and pages with personal data kept out of caches, behind sessions that end."""
from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from ats.core.access import client_ip, request_ip

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # The admin (and django-rq's dashboard inside it) uses inline scripts; it is staff-only.
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", POLICY)
        return response


class PrivatePagesMiddleware:
    """For a signed-in user: every page says `Cache-Control: private, no-store` (they hold personal
    data; a shared computer's back button or a proxy must not keep them), the session ends after
    SESSION_COOKIE_AGE without a request (its expiry is pushed forward at most every few minutes, so
    a page view is not a database write) and SESSION_MAX_AGE after sign-in however active."""

    REFRESH_EVERY = 300  # seconds between pushes of the idle expiry

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            signed_in_at = request.session.setdefault("signed_in_at", now)
            if now - signed_in_at > settings.SESSION_MAX_AGE:
                logout(request)
                return redirect_to_login(request.get_full_path())
            if now - request.session.get("seen_at", 0) > self.REFRESH_EVERY:
                request.session["seen_at"] = now  # saved: the cookie and its expiry move forward
        response = self.get_response(request)
        if user is not None and user.is_authenticated and "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "private, no-store"
        return response


def mark_signed_in(sender: object, request: HttpRequest, user: object, **kwargs: object) -> None:
    """On sign-in (django.contrib.auth's user_logged_in): when the absolute limit starts counting,
    and the idle expiry's first push, so the first page after signing in writes no session."""
    if hasattr(request, "session"):
        now = int(time.time())
        request.session["signed_in_at"] = request.session["seen_at"] = now


class AuditOriginMiddleware:
    """Makes the request's address known to the audit trail's writer for the length of the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = request_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            request_ip.reset(token)
