"""Standard Webhooks signatures: `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`,
keyed with the subscription's secret (`whsec_<base64 key>`).

How a receiver checks one (Python, standard library only; README "Webhooks" has the same):

    import base64, hashlib, hmac, time

    def verify(secret: str, headers: dict, body: bytes, tolerance: int = 300) -> bool:
        key = base64.b64decode(secret.removeprefix("whsec_"))
        msg_id, timestamp = headers["webhook-id"], headers["webhook-timestamp"]
        if abs(time.time() - int(timestamp)) > tolerance:
            return False  # too old or from the future: a replayed request
        signed = f"{msg_id}.{timestamp}.".encode() + body
        expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        return any(hmac.compare_digest(expected, sig.removeprefix("v1,"))
                   for sig in headers["webhook-signature"].split() if sig.startswith("v1,"))
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import time


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix("whsec_"))


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(_key(secret), signed, hashlib.sha256).digest()).decode()


def headers_for(secret: str, msg_id: str, body: bytes, *, now: float | None = None) -> dict[str, str]:
    timestamp = int(now if now is not None else time.time())
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, msg_id, timestamp, body),
        "Content-Type": "application/json",
    }


def verify(secret: str, headers: dict[str, str], body: bytes, *, tolerance: int = 300, now: float | None = None) -> bool:
    """The receiver's check (also what the tests use on the requests they receive)."""
    lowered = {name.lower(): value for name, value in headers.items()}
    try:
        msg_id, timestamp = lowered["webhook-id"], int(lowered["webhook-timestamp"])
    except (KeyError, ValueError):
        return False
    if abs((now if now is not None else time.time()) - timestamp) > tolerance:
        return False
    expected = sign(secret, msg_id, timestamp, body).removeprefix("v1,")
    return any(
        hmac.compare_digest(expected, candidate.removeprefix("v1,"))
        for candidate in lowered.get("webhook-signature", "").split()
        if candidate.startswith("v1,")
    )
