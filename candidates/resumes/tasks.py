"""RQ entry points of the résumé pipeline. They take ids, re-check state in the database and are
no-ops when re-run (enqueued by name: see candidates.resumes.services.claims.PARSE_TASK)."""
from __future__ import annotations

from django.conf import settings

from candidates.resumes import sandbox
from candidates.resumes.batches import ParseBatch
from candidates.resumes.services.claims import resume_claim, resume_claim_fair


def parse_resume_task(resume_id: int) -> str:
    # Only a worker with a parser sandbox takes résumés beyond its own: a command calling this
    # in its own process (import_resumes) must not parse other people's uploads without one.
    in_worker = sandbox.installed()
    resume = resume_claim_fair(resume_id) if in_worker else resume_claim(resume_id)
    if resume is None:
        return "skipped: nothing queued (already parsed, failed or taken by another worker)"
    # The batch belongs to this job's résumé even when it parses another first: that one's own job
    # still waits and parses this one (or the next in turn), and if the parse is interrupted the
    # other résumé is handed back to its own job, as any résumé a batch takes along.
    return ParseBatch(resume_id, size=settings.PARSE_BATCH_SIZE if in_worker else 1).run(resume)
