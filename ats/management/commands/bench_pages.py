"""Benchmark the busiest pages at a realistic size, through the real URL stack.

Which database: the one DATABASE_URL points to. Use a database of its own, e.g.
    createdb -h 127.0.0.1 ats_bench && DATABASE_URL=postgres://127.0.0.1/ats_bench manage.py migrate
    DATABASE_URL=postgres://127.0.0.1/ats_bench manage.py bench_pages
The first run fills it (bulk inserts, about two minutes); later runs find the rows (marked by the
job titled BIG_JOB_TITLE) and only measure. A database with more candidates than a demo holds and
no benchmark rows is refused unless --force, so a real database is never padded with fake people.
"""
from __future__ import annotations

import random
import statistics
import time
from typing import Any

from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ats.demo.services import (
    DEMO_USERS,
    demo_applications_create,
    demo_big_job_create,
    demo_candidates_create,
    demo_jobs_create,
    demo_users_ensure,
)
from candidates.models import Candidate
from jobs.applications.models import Application
from jobs.models import Job

BIG_JOB_TITLE = "Benchmark: platform engineer (5,000 applicants)"
DEMO_MAX_CANDIDATES = 1_000
TARGET_MS = 150
TARGET_QUERIES = 15
# The reports page aggregates every application and its history in the period (issue 15): its own target.
PAGE_TARGETS_MS = {"reports (all jobs, last 90 days)": 300, "reports (one job)": 300}
# Small tables of totals that statement triggers rewrite on every write (jobs 0011 and 0013, candidates 0013).
TRIGGER_TOTALS = ("jobs_reportreachhour", "jobs_reportclosureday", "jobs_reportactivityhour", "jobs_reportstayday",
                  "candidates_distinctname")


class Command(BaseCommand):
    help = (
        "Fills the current database (DATABASE_URL; use a separate one) up to --candidates candidates, "
        "--jobs jobs and --applications applications, one job holding --big-job applications, with search "
        "documents, using seed_demo's bulk inserts; then requests the dashboard, the big job's board, a skill "
        "search, a full-text search, a candidate profile and the reports page --runs times each as the demo recruiter and "
        "prints median/p95 server time and query counts. Adds rows only; deletes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--candidates", type=int, default=50_000)
        parser.add_argument("--jobs", type=int, default=200)
        parser.add_argument("--applications", type=int, default=100_000)
        parser.add_argument("--big-job", type=int, default=5_000, help="Applications in the one big job.")
        parser.add_argument("--runs", type=int, default=30, help="Requests per page (after 3 warm-up requests).")
        parser.add_argument("--force", action="store_true", help="Fill a database that holds non-benchmark data.")
        parser.add_argument("--skip-fill", action="store_true", help="Only measure.")
        parser.add_argument(
            "--pages", default="",
            help="Only the pages whose name contains one of these comma-separated words (e.g. reports,board).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["runs"] < 1:
            raise CommandError("--runs must be at least 1.")
        if not options["skip_fill"]:
            self.fill(options)
        self.measure(options["runs"], [word.strip().lower() for word in options["pages"].split(",") if word.strip()])

    # --- Data ------------------------------------------------------------------------------------

    def fill(self, options: dict[str, Any]) -> None:
        have_bench = Job.objects.filter(title=BIG_JOB_TITLE).exists()
        existing = Candidate.objects.count()
        if not have_bench and existing > DEMO_MAX_CANDIDATES and not options["force"]:
            raise CommandError(
                f"This database already holds {existing} candidates and no benchmark rows. Point DATABASE_URL at "
                "a database of its own (createdb ats_bench) or pass --force to add benchmark rows to it."
            )
        started = time.monotonic()
        missing_candidates = max(0, options["candidates"] - existing)
        missing_jobs = max(0, options["jobs"] - Job.objects.count() - (0 if have_bench else 1))
        missing_apps = max(0, options["applications"] - Application.objects.count() - (0 if have_bench else options["big_job"]))
        if missing_candidates or missing_jobs or missing_apps:
            self.stdout.write(
                f"Adding {missing_candidates} candidates, {missing_jobs} jobs, {missing_apps} applications …"
            )
            self.add_rows(missing_candidates, missing_jobs, missing_apps)
        call_command("seed_demo", verbosity=0)  # the demo logins (data exists now: nothing else)
        if not have_bench:
            self.create_big_job(options["big_job"])
        with connection.cursor() as cursor:
            if missing_candidates or missing_jobs or missing_apps:
                # The totals the triggers keep (a few thousand rows) were rewritten by every batch of
                # the fill's one transaction, which no vacuum could prune while it ran: the hourly
                # funnel totals held 8,640 rows in 67 MB at a million candidates, and the funnel read
                # all of it. A database that grew over months has them pruned as it goes (HOT).
                cursor.execute(f"VACUUM FULL {', '.join(TRIGGER_TOTALS)}")
            # VACUUM too: it empties the GIN indexes' pending lists, as autovacuum would by then.
            cursor.execute("VACUUM ANALYZE")
        self.stdout.write(
            f"Data ready in {time.monotonic() - started:.0f}s: {Candidate.objects.count()} candidates, "
            f"{Job.objects.count()} jobs, {Application.objects.count()} applications."
        )

    @transaction.atomic
    def add_rows(self, candidates: int, jobs: int, applications: int) -> None:
        """The missing rows; a top-up (500,000 → 1,000,000) spreads the new candidates' applications
        over the jobs already there too, as new people apply to the same openings."""
        rng = random.Random(int(time.time()))
        users = demo_users_ensure()
        demo_jobs_create(rng, jobs, users)
        candidate_ids = demo_candidates_create(rng, candidates, users["recruiter"])
        targets = list(Job.objects.exclude(title=BIG_JOB_TITLE).order_by("pk"))
        if applications > len(candidate_ids) * len(targets):
            raise CommandError("More applications than new candidates × jobs: add candidates or jobs with them.")
        count = demo_applications_create(rng, targets, candidate_ids, applications, users)
        self.stdout.write(f"Added {jobs} jobs, {len(candidate_ids)} candidates and {count} applications.")

    def create_big_job(self, count: int) -> None:
        users = {u.username: u for u in User.objects.filter(username__in=DEMO_USERS)}
        demo_big_job_create(random.Random(11), title=BIG_JOB_TITLE, applications=count, users=users)

    # --- Measurements ----------------------------------------------------------------------------

    def measure(self, runs: int, only: list[str]) -> None:
        big_job = Job.objects.filter(title=BIG_JOB_TITLE).first()
        if big_job is None:
            raise CommandError("No benchmark data: run without --skip-fill first.")
        recruiter = User.objects.get(username="recruiter")
        client = Client(HTTP_HOST="localhost")  # in ALLOWED_HOSTS when DEBUG is on
        client.force_login(recruiter)
        profile_id = (
            Application.objects.filter(job=big_job).order_by("pk").values_list("candidate_id", flat=True).first()
        )
        pages = [
            ("dashboard", reverse("dashboard")),
            ("job list (all jobs)", reverse("jobs:list")),
            ("job board (5,000 applications)", reverse("jobs:detail", args=[big_job.pk])),
            ("search by skill", reverse("candidates:list") + "?skills=Python"),
            ("search by skill + sort by recency", reverse("candidates:list") + "?skills=Python,Django&skills_mode=any&sort=recent"),
            ("full-text search", reverse("candidates:list") + "?q=senior+engineer"),
            ("full-text phrase + exclusion", reverse("candidates:list") + '?q=%22software+engineer%22+-java'),
            ("misspelled name", reverse("candidates:list") + "?q=Jordan+Merriwether"),
            ("candidate profile", reverse("candidates:detail", args=[profile_id])),
            ("reports (all jobs, last 90 days)", reverse("reports:page")),
            ("reports (one job)", reverse("reports:page") + f"?job={big_job.pk}"),
        ]
        if only:
            pages = [(name, url) for name, url in pages if any(word in name.lower() for word in only)]
            if not pages:
                raise CommandError(f"No page's name contains any of: {', '.join(only)}.")
        self.stdout.write(f"\n{'page':<36} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'cpu ms':>7}  verdict")
        failures = 0
        for name, url in pages:
            for _ in range(3):
                client.get(url)
            timings, cpu, queries = [], [], 0
            for _ in range(runs):
                backend = _backend_cpu_ns()
                own = time.process_time_ns()
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - started) * 1000)
                if backend is not None:
                    cpu.append((time.process_time_ns() - own + backend[1].cpu_ns() - backend[0]) / 1e6)
                if response.status_code != 200:
                    raise CommandError(f"{url} answered {response.status_code}")
                queries = max(queries, len(captured))
            timings.sort()
            p95 = timings[min(len(timings) - 1, int(round(0.95 * (len(timings) - 1))))]
            ok = p95 < PAGE_TARGETS_MS.get(name, TARGET_MS) and queries < TARGET_QUERIES
            failures += not ok
            self.stdout.write(
                f"{name:<36} {statistics.median(timings):>10.1f} {p95:>8.1f} {queries:>8} "
                f"{statistics.median(cpu) if cpu else float('nan'):>7.1f}  {'ok' if ok else 'SLOW'}"
            )
        self.stdout.write(
            "\ncpu ms: median CPU time per request of this process and its PostgreSQL backend (from /proc, when the "
            "server is on this machine): unlike the wall-clock figures, it does not grow when other work takes the cores."
        )
        self.stdout.write(
            f"\nTargets: p95 < {TARGET_MS} ms (reports: 300 ms) and < {TARGET_QUERIES} queries per page. "
            f"{len(pages) - failures}/{len(pages)} pages meet them ({runs} runs each, in-process, as 'recruiter')."
        )


class _Backend:
    """The PostgreSQL backend process of this connection, when it runs on this machine."""

    def __init__(self, pid: int) -> None:
        self.path = f"/proc/{pid}/schedstat"

    def cpu_ns(self) -> int:
        with open(self.path) as stats:  # the first field: nanoseconds spent on a CPU
            return int(stats.read().split()[0])


def _backend_cpu_ns() -> tuple[int, _Backend] | None:
    """(CPU time so far, the backend) of the connection's PostgreSQL process, or None when its
    /proc entry cannot be read (a server on another host). Asked before each request, untimed."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    backend = _Backend(pid)
    try:
        return backend.cpu_ns(), backend
    except OSError:
        return None
