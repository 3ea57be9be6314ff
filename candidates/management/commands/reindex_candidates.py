"""Recompute every candidate's full-text search document, in primary-key batches."""
from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Max, Min

from candidates.models import Candidate
from candidates.search.services import candidate_reindex_range


class Command(BaseCommand):
    help = (
        "Recomputes Candidate.search_document (name, headline, titles, skills, companies, schools, "
        "résumé text; CJK as bigrams) for every candidate, in id order, one transaction per batch. "
        "Touches only that column; idempotent, safe to run while people work."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--start-id", type=int, default=None, help="Resume from this candidate id.")

    def handle(self, *args: Any, **options: Any) -> None:
        batch = options["batch_size"]
        if batch < 1:
            raise CommandError(f"--batch-size must be at least 1, not {batch}.")
        bounds = Candidate.objects.aggregate(first=Min("pk"), last=Max("pk"))
        if bounds["first"] is None:
            self.stdout.write("No candidates to reindex.")
            return
        first = max(bounds["first"], options["start_id"] or bounds["first"])
        last = bounds["last"]
        started = time.monotonic()
        done = 0
        for low in range(first, last + 1, batch):
            high = min(low + batch - 1, last)
            with transaction.atomic():
                done += candidate_reindex_range(low, high)
            if options["verbosity"] >= 1:
                percent = 100 * (high - first + 1) / (last - first + 1)
                self.stdout.write(f"\r  ids {low}–{high}: {done} candidates ({percent:.0f}%)", ending="")
                self.stdout.flush()
        if options["verbosity"] >= 1:
            self.stdout.write("")
        self.stdout.write(f"Reindexed {done} candidates in {time.monotonic() - started:.1f}s.")
