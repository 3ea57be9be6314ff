"""RQ entry point of retention (enqueued by name once a day: candidates.erasure.services.retention_schedule)."""
from __future__ import annotations

from candidates.erasure.services import retention_enforce


def enforce_retention_task() -> int:
    """Erase the candidates due today; re-running it finds nothing more to do."""
    return len(retention_enforce())
