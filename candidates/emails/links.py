"""Signed links and addresses in outgoing mail: the unsubscribe link, the reply address, Message-IDs."""
from __future__ import annotations

import secrets

from django.conf import settings
from django.core import signing
from django.urls import reverse

UNSUBSCRIBE_SALT = "candidates.emails.unsubscribe"


def new_token() -> str:
    """A conversation token: the part after `reply+` in the reply address (lower case, as some
    mail servers fold the local part)."""
    return secrets.token_hex(12)


def reply_address(token: str) -> str:
    return f"reply+{token}@{settings.EMAIL_REPLY_DOMAIN}"


def message_id_for(token: str) -> str:
    return f"<{token}@{settings.EMAIL_REPLY_DOMAIN}>"


def unsubscribe_signed(candidate_id: int) -> str:
    return signing.dumps(candidate_id, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_candidate_id(value: str) -> int | None:
    """The candidate an unsubscribe link was made for; None for a forged or mangled one. The link
    never expires: a person may use an old mail to opt out."""
    try:
        candidate_id = signing.loads(value, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return candidate_id if isinstance(candidate_id, int) else None


def unsubscribe_url(candidate_id: int) -> str:
    return settings.SITE_URL + reverse("unsubscribe", args=[unsubscribe_signed(candidate_id)])
