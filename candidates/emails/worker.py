"""The RQ worker for e-mail, webhooks and other jobs: the plain forking worker with the webhook
sweep (ats.webhooks.worker) plus the e-mail sweep.

Start it with  manage.py rqworker default notifications --with-scheduler
--worker-class candidates.emails.worker.EmailWorker  (the scheduler runs delayed mails and retries).
"""
from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import close_old_connections

from ats.webhooks.worker import Worker
from candidates.emails.services.outbound import email_sweep

logger = logging.getLogger(__name__)


class EmailWorker(Worker):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("maintenance_interval", settings.SWEEP_INTERVAL)
        super().__init__(*args, **kwargs)

    def run_maintenance_tasks(self) -> None:
        super().run_maintenance_tasks()
        try:
            email_sweep()
        except Exception:  # the sweep must never take the worker down; it runs again next time
            logger.exception("e-mail sweep failed")
        finally:
            close_old_connections()
