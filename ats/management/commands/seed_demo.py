"""Fill the database with fictional demo data and make sure the demo logins exist."""
from __future__ import annotations

import random
import time
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from ats import demo_data
from ats.roles import HIRING_MANAGER_GROUP, RECRUITER_GROUP
from candidates.models import Candidate, Education, Experience
from jobs.models import Application, Job, ReviewCriterion, Stage, StageChange

# username -> (first name, last name, role); passwords are "demo-<username>".
DEMO_USERS = {
    "admin": ("Ada", "Admin", "admin"),
    "recruiter": ("Robin", "Recruiter", RECRUITER_GROUP),
    "recruiter2": ("Sam", "Sourcer", RECRUITER_GROUP),
    "manager": ("Mina", "Manager", HIRING_MANAGER_GROUP),
    "manager2": ("Theo", "Lead", HIRING_MANAGER_GROUP),
}
BATCH = 5000


def demo_password(username: str) -> str:
    return f"demo-{username}"


class Command(BaseCommand):
    help = (
        "Creates the demo logins (admin, recruiter, recruiter2, manager, manager2; password demo-<name>, "
        "reset on every run) and, when the database has no candidates yet (or with --add), fictional jobs "
        "with the default pipeline, candidates with experience and education, applications and their "
        "stage history, written with bulk inserts. Touches users, groups, jobs, stages, criteria, "
        "candidates, experience, education, applications and stage history; deletes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--candidates", type=int, default=150)
        parser.add_argument("--jobs", type=int, default=len(demo_data.JOBS))
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
        users = self.ensure_users()
        if Candidate.objects.exists() and not options["add"]:
            self.stdout.write("Demo data already present: kept as is (use --add for more).")
        else:
            rng = random.Random(options["seed"])
            with transaction.atomic():
                jobs = self.create_jobs(rng, options["jobs"], users)
                candidate_ids = self.create_candidates(rng, options["candidates"], users["recruiter"])
                count = self.create_applications(rng, jobs, candidate_ids, options["applications"], users)
            self.stdout.write(
                f"Created {len(jobs)} jobs, {len(candidate_ids)} candidates and {count} applications "
                f"in {time.monotonic() - started:.1f}s."
            )
        self.stdout.write("Demo logins (username / password):")
        for username, (_, _, role) in DEMO_USERS.items():
            self.stdout.write(f"  {username:<11} / {demo_password(username):<16} ({role})")

    def ensure_users(self) -> dict[str, User]:
        users = {}
        for username, (first, last, role) in DEMO_USERS.items():
            user, _ = User.objects.get_or_create(username=username)
            user.first_name, user.last_name = first, last
            user.email = f"{username}@example.com"
            user.is_staff = user.is_superuser = role == "admin"
            user.set_password(demo_password(username))
            user.save()
            if role != "admin":
                user.groups.add(Group.objects.get_or_create(name=role)[0])
            users[username] = user
        return users

    def create_jobs(self, rng: random.Random, count: int, users: dict[str, User]) -> list[Job]:
        now = timezone.now()
        templates = demo_data.JOBS
        jobs = []
        for index in range(count):
            title, department, location, remote, _ = templates[index % len(templates)]
            if index >= len(templates):
                title = f"{title} #{index // len(templates) + 1}"
            status = rng.choices(["open", "open", "open", "on_hold", "draft", "closed"])[0]
            opened = now - timedelta(days=rng.randint(5, 120))
            jobs.append(
                Job(
                    title=title,
                    department=department,
                    location=location,
                    remote_policy=remote,
                    status=status,
                    description=f"We are hiring a {title} to join our {department} team in {location}.",
                    recruiter=users["recruiter"] if index % 3 else users["recruiter2"],
                    opened_at=None if status == "draft" else opened,
                    closed_at=now if status == "closed" else None,
                )
            )
        jobs = Job.objects.bulk_create(jobs, batch_size=BATCH)
        stages, criteria, managers = [], [], []
        for index, job in enumerate(jobs):
            for position, (name, kind) in enumerate(Stage.DEFAULT_PIPELINE):
                stages.append(Stage(job=job, name=name, kind=kind, position=position, needs_review=kind == "shortlist"))
            for position, name in enumerate(templates[index % len(templates)][4]):
                criteria.append(ReviewCriterion(job=job, name=name, position=position))
            manager = users["manager"] if index % 2 == 0 else users["manager2"]
            managers.append(Job.hiring_managers.through(job_id=job.pk, user_id=manager.pk))
        Stage.objects.bulk_create(stages, batch_size=BATCH)
        ReviewCriterion.objects.bulk_create(criteria, batch_size=BATCH)
        Job.hiring_managers.through.objects.bulk_create(managers, batch_size=BATCH)
        return jobs

    def create_candidates(self, rng: random.Random, count: int, owner: User) -> list[int]:
        now = timezone.now()
        ids: list[int] = []
        for start in range(0, count, BATCH):
            batch, profiles = [], []
            for n in range(start, min(start + BATCH, count)):
                if rng.random() < 0.15:
                    name = rng.choice(demo_data.CHINESE_SURNAMES) + rng.choice(demo_data.CHINESE_GIVEN)
                    email = f"candidate{n}@example.cn"
                    phone = f"+86 155 0000 {n % 10000:04d}"
                else:
                    first, last = rng.choice(demo_data.FIRST_NAMES), rng.choice(demo_data.LAST_NAMES)
                    name = f"{first} {last}"
                    email = f"{first}.{last}.{n}@example.com".lower()
                    phone = f"+1 555 01{n % 100:02d} {n % 10000:04d}"
                title = rng.choice(demo_data.TITLES)
                company = rng.choice(demo_data.COMPANIES)
                created = now - timedelta(days=rng.randint(0, 365), minutes=rng.randint(0, 1440))
                batch.append(
                    Candidate(
                        full_name=name,
                        headline=f"{title} at {company}",
                        location=rng.choice(demo_data.CITIES),
                        emails=[email],
                        phones=[phone],
                        skills=rng.sample(demo_data.SKILLS, rng.randint(3, 8)),
                        source=rng.choice(["upload", "referral", "sourced", "careers", "agency"]),
                        owner=owner,
                        created_at=created,
                        last_activity_at=created,
                    )
                )
                profiles.append((title, company, rng))
            created_rows = Candidate.objects.bulk_create(batch, batch_size=BATCH)
            experience, education = [], []
            for candidate, (title, company, _) in zip(created_rows, profiles):
                start_year = rng.randint(2008, 2020)
                experience.append(
                    Experience(candidate=candidate, position=0, company=company, title=title,
                               start=f"{start_year + 3}-{rng.randint(1, 12):02d}", end="present",
                               highlights=["Led a cross-team project end to end", "Mentored two junior colleagues"])
                )
                experience.append(
                    Experience(candidate=candidate, position=1, company=rng.choice(demo_data.COMPANIES),
                               title=rng.choice(demo_data.TITLES), start=str(start_year), end=str(start_year + 3))
                )
                degree = rng.choice(demo_data.DEGREES)
                education.append(
                    Education(candidate=candidate, position=0, institution=rng.choice(demo_data.SCHOOLS),
                              degree=degree.split(" ", 1)[0], field=degree.split(" ", 1)[-1],
                              start=str(start_year - 4), end=str(start_year))
                )
            Experience.objects.bulk_create(experience, batch_size=BATCH)
            Education.objects.bulk_create(education, batch_size=BATCH)
            ids.extend(c.pk for c in created_rows)
        return ids

    def create_applications(
        self, rng: random.Random, jobs: list[Job], candidate_ids: list[int], count: int, users: dict[str, User]
    ) -> int:
        if not jobs or not candidate_ids or count == 0:
            return 0
        stages_by_job: dict[int, list[Stage]] = {}
        for stage in Stage.objects.filter(job__in=jobs).order_by("position"):
            stages_by_job.setdefault(stage.job_id, []).append(stage)
        now = timezone.now()
        # Spread the applications over the jobs, each job drawing distinct candidates.
        per_job = [count // len(jobs) + (1 if i < count % len(jobs) else 0) for i in range(len(jobs))]
        created = 0
        pending: list[Application] = []
        for job, wanted in zip(jobs, per_job):
            stages = stages_by_job[job.pk]
            for candidate_id in rng.sample(candidate_ids, min(wanted, len(candidate_ids))):
                # Earlier stages hold more people, as in a real funnel.
                stage = stages[min(int(rng.expovariate(0.9)), len(stages) - 1)]
                applied = now - timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 23))
                outcome, reason, outcome_at = "active", "", None
                if rng.random() < 0.12:
                    outcome, reason, outcome_at = "rejected", rng.choice(demo_data.REJECTION_REASONS), now
                pending.append(
                    Application(
                        candidate_id=candidate_id, job=job, stage=stage, outcome=outcome, outcome_reason=reason,
                        outcome_at=outcome_at, source="demo", created_by=users["recruiter"], applied_at=applied,
                        stage_entered_at=applied + timedelta(days=rng.randint(0, 10)),
                    )
                )
            if len(pending) >= BATCH:
                created += self.flush_applications(pending, users["recruiter"])
                pending = []
        created += self.flush_applications(pending, users["recruiter"])
        return created

    def flush_applications(self, applications: list[Application], actor: User) -> int:
        rows = Application.objects.bulk_create(applications, batch_size=BATCH)
        StageChange.objects.bulk_create(
            (
                StageChange(application=a, to_stage=a.stage, to_stage_name=a.stage.name, changed_by=actor,
                            changed_at=a.stage_entered_at)
                for a in rows
            ),
            batch_size=BATCH,
        )
        return len(rows)
