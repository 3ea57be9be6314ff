"""The RQ worker for e-mail, webhooks and other jobs: the plain forking worker with the webhook
sweep (ats.webhooks.worker) plus the e-mail sweep, the subject export sweep and, once a day, the retention run
(candidates.erasure: manage.py enforce_retention does the same by hand).

Start it with  manage.py rqworker default notifications --with-scheduler
--worker-class candidates.emails.worker.EmailWorker  (the scheduler runs delayed mails and retries).
"""
from __future__ import annotations

import logging

from django.db import close_old_connections

from ats.webhooks.worker import Worker
from candidates.emails.services.outbound import email_sweep
from candidates.erasure.services import retention_schedule
from candidates.privacy.services import subject_exports_recover, subject_exports_sweep

logger = logging.getLogger(__name__)


class EmailWorker(Worker):
    # The webhook worker's maintenance interval (SWEEP_INTERVAL) and sweep, then the e-mail sweep.
    def run_maintenance_tasks(self) -> None:
        super().run_maintenance_tasks()
        try:
            email_sweep()
        except Exception:  # the sweep must never take the worker down; it runs again next time
            logger.exception("e-mail sweep failed")
        try:
            subject_exports_recover()
            subject_exports_sweep()  # expired subject export files, and those of erased people
        except Exception:
            logger.exception("subject export sweep failed")
        try:
            retention_schedule()  # once a day: the first sweep of the day enqueues the retention run
        except Exception:
            logger.exception("could not schedule the retention run; the next sweep tries again")
        finally:
            close_old_connections()
