"""The undo offered once, right after a bulk change, on the page where it was made.

One session entry for both the search page and the boards: a bulk change made on one page is not
offered for undo on another (a board offers only its own job's changes).
"""
from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from jobs.bulk.models import BulkAction

SESSION_KEY = "bulk_undo"


def offer_undo(request: HttpRequest, action: BulkAction, *, message: str) -> None:
    payload = action.payload
    page = payload.get("page", "search")
    if page == "board":
        url = reverse("jobs:bulk_undo", args=[payload["job_id"], action.pk])
    else:
        url = reverse("candidates:bulk_undo", args=[action.pk])
    request.session[SESSION_KEY] = {
        "action": action.pk, "page": page, "job": payload.get("job_id"),
        "summary": payload.get("summary", ""), "message": message, "url": url,
    }


def pop_undo_offer(request: HttpRequest, *, page: str, job_id: int | None = None) -> dict[str, Any] | None:
    """The pending offer if it belongs on this page (and job), taken out of the session; no query."""
    pending = request.session.get(SESSION_KEY)
    if not pending or pending.get("page") != page or (page == "board" and pending.get("job") != job_id):
        return None
    del request.session[SESSION_KEY]
    return pending
