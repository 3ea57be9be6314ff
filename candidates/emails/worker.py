"""The RQ worker for e-mail, webhooks and other jobs: the plain forking worker with the webhook
sweep (ats.webhooks.worker) plus the e-mail sweep.

Start it with  manage.py rqworker default notifications --with-scheduler
--worker-class candidates.emails.worker.EmailWorker  (the scheduler runs delayed mails and retries).
"""
from __future__ import annotations

import logging

from django.db import close_old_connections

from ats.webhooks.worker import Worker
from candidates.emails.services.outbound import email_sweep

logger = logging.getLogger(__name__)


class EmailWorker(Worker):
    # The webhook worker's maintenance interval (SWEEP_INTERVAL) and sweep, then the e-mail sweep.
    def run_maintenance_tasks(self) -> None:
        super().run_maintenance_tasks()
        try:
            email_sweep()
        except Exception:  # the sweep must never take the worker down; it runs again next time
            logger.exception("e-mail sweep failed")
        finally:
            close_old_connections()
