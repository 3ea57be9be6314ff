"""The plain worker (default and notifications queues) with the webhook sweep in its maintenance.

Start it with  manage.py rqworker default notifications --with-scheduler --worker-class ats.webhooks.worker.Worker
"""
from __future__ import annotations

import logging
from typing import Any

from django.conf import settings

from ats.core.workers import Worker as CoreWorker
from ats.webhooks.services import deliveries_sweep

logger = logging.getLogger(__name__)


class Worker(CoreWorker):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("maintenance_interval", settings.SWEEP_INTERVAL)
        super().__init__(*args, **kwargs)

    def run_maintenance_tasks(self) -> None:
        super().run_maintenance_tasks()
        try:
            deliveries_sweep()
        except Exception:  # the sweep must never take the worker down; it runs again next time
            logger.exception("webhook sweep failed")
