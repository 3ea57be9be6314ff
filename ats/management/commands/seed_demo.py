"""Fill the database with fictional demo data and make sure the demo logins exist."""
from __future__ import annotations

import random
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from ats.demo import data
from ats.demo.services import (
    DEMO_USERS,
    demo_applications_create,
    demo_candidates_create,
    demo_email_setup_ensure,
    demo_jobs_create,
    demo_password,
    demo_users_ensure,
)
from candidates.models import Candidate


class Command(BaseCommand):
    help = (
        "Creates the demo logins (admin, recruiter, recruiter2, manager, manager2; password demo-<name>, "
        "reset on every run) and, when the database has no candidates yet (or with --add), fictional jobs "
        "with the default pipeline and their status history, candidates with experience and education "
        "(indexed for search), applications and their stage and outcome history, written with bulk inserts. "
        "Touches users, groups, jobs, stages, criteria, candidates, experience, education, applications and "
        "their histories; deletes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--candidates", type=int, default=150)
        parser.add_argument("--jobs", type=int, default=len(data.JOBS))
        parser.add_argument("--applications", type=int, default=400)
        parser.add_argument("--add", action="store_true", help="Add rows even if candidates already exist.")
        parser.add_argument("--seed", type=int, default=7, help="Random seed, for repeatable data.")

    def handle(self, *args: Any, **options: Any) -> None:
        for name in ("candidates", "jobs", "applications"):
            if options[name] < 0:
                raise CommandError(f"--{name} must be zero or more, not {options[name]}.")
        if options["applications"] > options["candidates"] * max(options["jobs"], 1):
            raise CommandError("--applications cannot exceed --candidates × --jobs (one application per pair).")
        started = time.monotonic()
        users = demo_users_ensure()
        demo_email_setup_ensure(users["recruiter"])
        if Candidate.objects.exists() and not options["add"]:
            self.stdout.write("Demo data already present: kept as is (use --add for more).")
        else:
            rng = random.Random(options["seed"])
            with transaction.atomic():
                jobs = demo_jobs_create(rng, options["jobs"], users)
                candidate_ids = demo_candidates_create(rng, options["candidates"], users["recruiter"])
                count = demo_applications_create(rng, jobs, candidate_ids, options["applications"], users)
            self.stdout.write(
                f"Created {len(jobs)} jobs, {len(candidate_ids)} candidates and {count} applications "
                f"in {time.monotonic() - started:.1f}s."
            )
        self.stdout.write("Demo logins (username / password):")
        for username, (_, _, role) in DEMO_USERS.items():
            self.stdout.write(f"  {username:<11} / {demo_password(username):<16} ({role})")
