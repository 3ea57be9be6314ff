"""Fictional demo data, written in bulk (tens of thousands of rows in seconds) with the same
shape the app's own services leave: stage, outcome and job-status history, search documents,
nothing dated in the future. For `seed_demo` and the benchmarks only: no real person is named.
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.contrib.auth.models import Group, Permission, User
from django.db import connection, transaction
from django.utils import timezone

from ats.core.access import HIRING_MANAGER_GROUP, RECRUITER_GROUP
from ats.demo import data
from ats.demo.copy import copy_insert
from candidates.emails.models import EmailTemplate
from candidates.emails.services.templates import email_template_save
from candidates.models import Candidate, Education, Experience
from candidates.search.services import candidate_reindex
from jobs.applications.models import Application, OutcomeChange, RejectionReason, StageChange
from jobs.applications.services import rejection_reason_save
from jobs.careers.models import ApplicationQuestion
from jobs.models import Job, JobStatusChange, ReviewCriterion, Stage

# username -> (first name, last name, role); passwords are "demo-<username>".
# The demo's lead recruiter may also erase personal data (a permission recruiters get one by one),
# so the privacy tools can be tried; recruiter2 shows how the pages look without it.
DEMO_ERASERS = {"recruiter"}
DEMO_USERS = {
    "admin": ("Ada", "Admin", "admin"),
    "recruiter": ("Robin", "Recruiter", RECRUITER_GROUP),
    "recruiter2": ("Sam", "Sourcer", RECRUITER_GROUP),
    "manager": ("Mina", "Manager", HIRING_MANAGER_GROUP),
    "manager2": ("Theo", "Lead", HIRING_MANAGER_GROUP),
}
BATCH = 5000


def _analyze_as_it_grows(batch: int, tables: tuple[str, ...]) -> None:
    """ANALYZE the tables a fill writes after its 1st, 2nd, 4th, 8th… batch. A fill is one
    transaction, which autovacuum cannot see into: without this the planner keeps the sizes the
    tables had when it began (empty), and the rollups' triggers (jobs 0011) keep the plans they made
    for empty tables (a sequential scan of every candidate and application per batch), so each
    batch cost more than the last (a million candidates: 600 applications a second and falling)."""
    if batch & (batch - 1) == 0:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(tables)}")


_CANDIDATE_TABLES = ("candidates_candidate", "candidates_candidatename", "candidates_experience", "candidates_education")
_APPLICATION_TABLES = (
    "candidates_candidate", "jobs_stage", "jobs_application", "jobs_stagechange", "jobs_outcomechange",
    "jobs_reportapplication", "jobs_reportstay", "jobs_reportclosure",
)


def demo_password(username: str) -> str:
    return f"demo-{username}"


def demo_users_ensure() -> dict[str, User]:
    """The demo logins, with their passwords reset to demo-<username>."""
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
        if username in DEMO_ERASERS:
            user.user_permissions.add(Permission.objects.get(content_type__app_label="candidates", codename="erase_candidate"))
        users[username] = user
    return users


def demo_jobs_create(rng: random.Random, count: int, users: dict[str, User], *, status: str | None = None) -> list[Job]:
    """Jobs with the default pipeline, criteria, a hiring manager and their status history."""
    now = timezone.now()
    templates = data.JOBS
    jobs = []
    for index in range(count):
        title, department, location, remote, _ = templates[index % len(templates)]
        if index >= len(templates):
            title = f"{title} #{index // len(templates) + 1}"
        job_status = status or rng.choices(["open", "open", "open", "on_hold", "draft", "closed"])[0]
        opened = now - timedelta(days=rng.randint(5, 120))
        jobs.append(
            Job(
                created_at=opened - timedelta(days=rng.randint(0, 5)),
                title=title,
                department=department,
                location=location,
                remote_policy=remote,
                status=job_status,
                description=f"We are hiring a {title} to join our {department} team in {location}.",
                recruiter=users["recruiter"] if index % 3 else users["recruiter2"],
                opened_at=None if job_status == "draft" else opened,
                closed_at=now if job_status == "closed" else None,
                # Every other open job is advertised on the careers site (/careers/).
                published=job_status == "open" and index % 2 == 0,
            )
        )
    jobs = Job.objects.bulk_create(jobs, batch_size=BATCH)
    ApplicationQuestion.objects.bulk_create(
        (question for job in jobs if job.published for question in _demo_questions(job)), batch_size=BATCH
    )
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
    JobStatusChange.objects.bulk_create(
        (change for job in jobs for change in _status_history(rng, job, users["recruiter"], now)), batch_size=BATCH
    )
    return jobs


@transaction.atomic
def demo_big_job_create(rng: random.Random, *, title: str, applications: int, users: dict[str, User]) -> Job:
    """One open job holding `applications` applications of existing candidates (benchmarks)."""
    (job,) = demo_jobs_create(rng, 1, users, status=Job.Status.OPEN)
    job.title, job.recruiter = title, users["recruiter"]
    job.save(update_fields=["title", "recruiter"])
    ids = list(Candidate.objects.values_list("pk", flat=True).order_by("?")[: applications * 2])
    demo_applications_create(rng, [job], ids, min(applications, len(ids)), users)
    return job


def _demo_questions(job: Job) -> list[ApplicationQuestion]:
    return [
        ApplicationQuestion(job=job, label="Are you allowed to work in the country of this job?", kind="yes_no",
                            required=True, position=0),
        ApplicationQuestion(job=job, label="Notice period", kind="choice", choices="None\n1 month\n2 months\n3 months or more",
                            position=1),
    ]


def _status_history(rng: random.Random, job: Job, actor: User, now: datetime) -> list[JobStatusChange]:
    """Created as a draft, then opened (and put on hold or closed since), all in the past."""
    changes = [JobStatusChange(job=job, to_status=Job.Status.DRAFT, changed_by=actor, changed_at=job.created_at)]
    if job.status == Job.Status.DRAFT:
        return changes
    changes.append(JobStatusChange(job=job, from_status=Job.Status.DRAFT, to_status=Job.Status.OPEN,
                                   changed_by=actor, changed_at=job.opened_at))
    if job.status != Job.Status.OPEN:
        when = job.closed_at or job.opened_at + (now - job.opened_at) * rng.uniform(0.3, 0.9)
        changes.append(JobStatusChange(job=job, from_status=Job.Status.OPEN, to_status=job.status,
                                       changed_by=actor, changed_at=when))
    return changes


def demo_candidates_create(rng: random.Random, count: int, owner: User) -> list[int]:
    """Candidates with experience and education, indexed for search; returns their ids."""
    now = timezone.now()
    ids: list[int] = []
    for start in range(0, count, BATCH):
        batch, profiles = [], []
        for n in range(start, min(start + BATCH, count)):
            if rng.random() < 0.15:
                name = rng.choice(data.CHINESE_SURNAMES) + rng.choice(data.CHINESE_GIVEN)
                email = f"candidate{n}@example.cn"
                phone = f"+86 155 0000 {n % 10000:04d}"
            else:
                first, last = rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES)
                name = f"{first} {last}"
                email = f"{first}.{last}.{n}@example.com".lower()
                phone = f"+1 555 01{n % 100:02d} {n % 10000:04d}"
            title = rng.choice(data.TITLES)
            company = rng.choice(data.COMPANIES)
            created = now - timedelta(days=rng.randint(0, 365), minutes=rng.randint(0, 1440))
            batch.append(
                Candidate(
                    full_name=name,
                    headline=f"{title} at {company}",
                    location=rng.choice(data.CITIES),
                    emails=[email],
                    phones=[phone],
                    skills=rng.sample(data.SKILLS, rng.randint(3, 8)),
                    source=rng.choice(["upload", "referral", "sourced", "careers", "agency"]),
                    owner=owner,
                    created_at=created,
                    last_activity_at=created,
                )
            )
            profiles.append((title, company, rng))
        created_rows = copy_insert(batch)
        experience, education = [], []
        for candidate, (title, company, _) in zip(created_rows, profiles):
            start_year = rng.randint(2008, 2020)
            experience.append(
                Experience(candidate=candidate, position=0, company=company, title=title,
                           start=f"{start_year + 3}-{rng.randint(1, 12):02d}", end="present",
                           highlights=["Led a cross-team project end to end", "Mentored two junior colleagues"])
            )
            experience.append(
                Experience(candidate=candidate, position=1, company=rng.choice(data.COMPANIES),
                           title=rng.choice(data.TITLES), start=str(start_year), end=str(start_year + 3))
            )
            degree = rng.choice(data.DEGREES)
            education.append(
                Education(candidate=candidate, position=0, institution=rng.choice(data.SCHOOLS),
                          degree=degree.split(" ", 1)[0], field=degree.split(" ", 1)[-1],
                          start=str(start_year - 4), end=str(start_year))
            )
        copy_insert(experience)
        copy_insert(education)
        # Searchable at once, like every candidate the app creates (one UPDATE per batch).
        candidate_reindex([c.pk for c in created_rows])
        ids.extend(c.pk for c in created_rows)
        _analyze_as_it_grows(start // BATCH + 1, _CANDIDATE_TABLES)
    return ids


def demo_applications_create(
    rng: random.Random, jobs: list[Job], candidate_ids: list[int], count: int, users: dict[str, User]
) -> int:
    """Applications spread over the jobs (a funnel: earlier stages hold more), with stage and
    outcome history; nothing in the future."""
    if not jobs or not candidate_ids or count == 0:
        return 0
    stages_by_job: dict[int, list[Stage]] = {}
    for stage in Stage.objects.filter(job__in=jobs).order_by("position"):
        stages_by_job.setdefault(stage.job_id, []).append(stage)
    now = timezone.now()
    # Spread the applications over the jobs, each job drawing distinct candidates.
    per_job = [count // len(jobs) + (1 if i < count % len(jobs) else 0) for i in range(len(jobs))]
    created, batches = 0, 0
    pending: list[Application] = []
    for job, wanted in zip(jobs, per_job):
        stages = stages_by_job[job.pk]
        for candidate_id in rng.sample(candidate_ids, min(wanted, len(candidate_ids))):
            # Earlier stages hold more people, as in a real funnel.
            stage = stages[min(int(rng.expovariate(0.9)), len(stages) - 1)]
            applied = now - timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 23))
            entered = min(applied + timedelta(days=rng.randint(0, 10)), now - timedelta(minutes=rng.randint(1, 600)))
            outcome, reason, outcome_at = "active", "", None
            if rng.random() < 0.12:
                outcome, reason = "rejected", rng.choice(data.REJECTION_REASONS)
                outcome_at = entered + (now - entered) * rng.uniform(0.1, 0.9)
            pending.append(
                Application(
                    candidate_id=candidate_id, job=job, stage=stage, outcome=outcome, outcome_reason=reason,
                    outcome_at=outcome_at, source="demo", created_by=users["recruiter"], applied_at=applied,
                    stage_entered_at=entered,
                )
            )
        if len(pending) >= BATCH:
            created += _flush_applications(pending, users["recruiter"])
            pending, batches = [], batches + 1
            _analyze_as_it_grows(batches, _APPLICATION_TABLES)
    created += _flush_applications(pending, users["recruiter"])
    return created


def _flush_applications(applications: list[Application], actor: User) -> int:
    rows = copy_insert(applications)
    copy_insert([
        StageChange(application=a, to_stage=a.stage, to_stage_name=a.stage.name, changed_by=actor,
                    changed_at=a.stage_entered_at)
        for a in rows
    ])
    copy_insert([
        OutcomeChange(application=a, from_outcome="active", to_outcome=a.outcome, reason=a.outcome_reason,
                      changed_by=actor, changed_at=a.outcome_at)
        for a in rows
        if a.outcome != "active"
    ])
    return len(rows)


# (name, language, kind, subject, body): the demo's e-mail templates, in English and Chinese.
DEMO_TEMPLATES = [
    ("Invite to a call", "en", "general", "{job_title} at {company}: a first call",
     "Hello {first_name},\n\nThank you for applying for {job_title}. We would like to talk.\n{scheduling_line}\n\n"
     "Best regards,\n{recruiter_name}, {company}"),
    ("Invite to a call", "zh", "general", "{company}：{job_title} 初次沟通",
     "{first_name}，您好！\n\n感谢您申请{job_title}职位，我们希望与您进一步沟通。\n{scheduling_line}\n\n{recruiter_name}，{company}"),
    ("Screening started", "en", "stage", "Your application for {job_title}",
     "Hello {first_name},\n\nWe are reviewing your application for {job_title} and will be in touch soon.\n\n{recruiter_name}"),
    ("Not this time", "en", "rejection", "Your application for {job_title}",
     "Dear {first_name},\n\nThank you for your interest in {job_title} at {company}. We have decided not to move "
     "forward with your application this time.\n\nKind regards,\n{recruiter_name}"),
    ("Not this time", "zh", "rejection", "关于您申请的{job_title}职位",
     "{first_name}，您好：\n\n感谢您对{company}{job_title}职位的关注。经过慎重考虑，我们这次无法推进您的申请。\n\n{recruiter_name}"),
]
DEMO_REJECTION_REASONS = ["Not enough experience", "Skills do not match", "Salary expectations", "Role filled",
                          "No response from the candidate"]


@transaction.atomic
def demo_email_setup_ensure(actor: User) -> int:
    """The demo's e-mail templates and rejection reasons, each created once (through the services);
    returns how many rows were added. Stages keep sending nothing: automatic mail is opt-in."""
    added = 0
    existing = set(EmailTemplate.objects.values_list("name", "language"))
    for name, language, kind, subject, body in DEMO_TEMPLATES:
        if (name, language) not in existing:
            email_template_save(actor=actor, template=EmailTemplate(name=name, language=language, kind=kind,
                                                                    subject=subject, body=body))
            added += 1
    rejection = EmailTemplate.objects.filter(name="Not this time", language="en").first()
    known = set(RejectionReason.objects.values_list("name", flat=True))
    for position, name in enumerate(DEMO_REJECTION_REASONS):
        if name not in known:
            rejection_reason_save(actor=actor, reason=RejectionReason(name=name, template=rejection, position=position))
            added += 1
    return added
