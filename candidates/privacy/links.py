"""The candidate's self-service privacy link: signed (django.core.signing, its own salt), carrying
the candidate id and a random nonce, valid SELF_SERVICE_LINK_DAYS. Each mail gets a fresh one.

Unguessable without the SECRET_KEY, so ids cannot be enumerated; a forged, mangled or expired link
reads as no link at all (the page then says so, without saying whether the person exists)."""
from __future__ import annotations

import secrets

from django.conf import settings
from django.core import signing
from django.urls import reverse

SELF_SERVICE_SALT = "candidates.privacy.self_service"


def self_service_signed(candidate_id: int) -> str:
    return signing.dumps({"c": candidate_id, "n": secrets.token_urlsafe(6)}, salt=SELF_SERVICE_SALT, compress=True)


def self_service_candidate_id(value: str) -> int | None:
    """The candidate a link was made for, None when forged, mangled or older than the link's lifetime."""
    try:
        payload = signing.loads(value, salt=SELF_SERVICE_SALT, max_age=settings.SELF_SERVICE_LINK_DAYS * 86400)
    except signing.BadSignature:  # SignatureExpired is one
        return None
    candidate_id = payload.get("c") if isinstance(payload, dict) else None
    return candidate_id if isinstance(candidate_id, int) else None


def self_service_url(candidate_id: int) -> str:
    return settings.SITE_URL + reverse("privacy:self_service", args=[self_service_signed(candidate_id)])
