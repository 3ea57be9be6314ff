"""RQ entry points of the privacy work: building a subject access export."""
from __future__ import annotations

from candidates.privacy.services import subject_export_build


def build_subject_export(export_id: int) -> bool:
    """Build one export (ids only; a no-op when it is no longer queued or the person is gone)."""
    return subject_export_build(export_id=export_id)
