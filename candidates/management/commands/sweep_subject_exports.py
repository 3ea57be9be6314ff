from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from candidates.privacy.models import SubjectExport
from candidates.privacy.services import subject_exports_sweep


class Command(BaseCommand):
    help = (
        "Deletes the zip files of subject access exports past their expiry (SUBJECT_EXPORT_DAYS) and of "
        "exports whose person was erased; their rows stay, marked expired. Touches SubjectExport rows and "
        "their files in private storage only. Run it daily (cron)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Say how many files would go; delete nothing.")

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        if dry_run:
            due = SubjectExport.objects.filter(state=SubjectExport.State.DONE, expires_at__lt=timezone.now()).count()
            self.stdout.write(f"{due} expired export file(s) would be deleted (plus any of erased people).")
            return
        self.stdout.write(f"{subject_exports_sweep()} export file(s) deleted.")
