"""The reports' figures against a small fixture computed by hand (tests/jobs/reports/conftest.py)."""
from __future__ import annotations

import math
import random
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from jobs.reports.selectors import ReportFilters, report_get
from jobs.reviews.models import ReviewRequest
from tests import factories
from tests.jobs.reports.conftest import DAY, _add

def _filters(**kwargs) -> ReportFilters:
    default = ReportFilters.default()
    return ReportFilters(start=default.start, end=default.end, **kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("one_job", [True, False])
def test_funnel_counts_every_stage_reached_and_the_conversions(recruiter, pipeline, job_b, one_job):
    report = report_get(user=recruiter, filters=_filters(job_id=pipeline.pk if one_job else None), key="funnel")
    labels = ["Applied", "Screening", "Shortlisted" if one_job else "Shortlist", "Interview", "Offer", "Hired"]
    assert report.rows == [
        [labels[0], 4, None, 100.0],
        [labels[1], 3, 75.0, 75.0],  # 1, 2, 4
        [labels[2], 2, 66.7, 50.0],  # 4 was there and went back; 1 went past it
        [labels[3], 1, 50.0, 25.0],
        [labels[4], 1, 100.0, 25.0],  # skipped by 1, which still got further
        [labels[5], 1, 100.0, 25.0],
    ]


@pytest.mark.django_db
def test_funnel_date_range_is_on_the_application_date(recruiter, pipeline, t0):
    before = ReportFilters(start=(t0 - 5 * DAY).date(), end=(t0 - DAY).date())
    assert [row[1] for row in report_get(user=recruiter, filters=before, key="funnel").rows] == [0] * 6


@pytest.mark.django_db
def test_time_in_stage_median_and_p90_of_completed_stays(recruiter, pipeline):
    report = report_get(user=recruiter, filters=_filters(job_id=pipeline.pk), key="time-in-stage")
    assert report.rows == [
        ["Applied", 4, 1.5, 3.4],  # 2, 4, 1 (withdrawn), 1 days: p90 = 2 + 0.7 × (4 − 2)
        ["Screening", 3, 2.0, 2.8],  # 3, 2 (rejected), 2; the open stay of 4 is left out
        ["Shortlisted", 1, 1.0, 1.0],
        ["Interview", 1, 5.0, 5.0],
    ]


@pytest.mark.django_db
def test_time_to_hire_per_job_and_per_month(recruiter, pipeline, t0):
    filters = _filters()
    assert report_get(user=recruiter, filters=filters, key="time-to-hire").rows == [[pipeline.title, 1, 10.0, 10.0]]
    month = timezone.localtime(t0 + 10 * DAY).strftime("%Y-%m")
    assert report_get(user=recruiter, filters=filters, key="time-to-hire-monthly").rows == [[month, 1, 10.0, 10.0]]


@pytest.mark.django_db
def test_sources_count_shortlists_interviews_and_hires(recruiter, pipeline):
    rows = report_get(user=recruiter, filters=_filters(), key="sources").rows
    assert rows == [
        ["Careers page", 2, 1, 1, 1, 50.0],
        ["Referral", 1, 0, 0, 0, 0.0],  # no source on the application: the candidate's
        ["Résumé upload", 1, 1, 0, 0, 0.0],
    ]


@pytest.mark.django_db
def test_rejections_and_withdrawals_by_the_stage_they_happened_in(recruiter, pipeline):
    rows = report_get(user=recruiter, filters=_filters(job_id=pipeline.pk), key="rejections").rows
    assert rows == [["Applied", 0, 1, 1, "Took another offer"], ["Screening", 1, 0, 1, "Not enough experience"]]


@pytest.mark.django_db
def test_a_managed_rejection_reason_is_what_the_rejections_report_names(recruiter, pipeline, t0):
    from jobs.applications.models import RejectionReason

    reason = RejectionReason.objects.create(name="Skills do not match")
    for note in ("Wrong stack", "Asked for Go, has Java"):  # the managed reason wins over the note beside it
        _add(pipeline, moves=[("applied", t0), ("screening", t0 + DAY)], outcome=("rejected", t0 + 2 * DAY, note),
             rejection_reason=reason)
    rows = report_get(user=recruiter, filters=_filters(job_id=pipeline.pk), key="rejections").rows
    assert rows == [["Applied", 0, 1, 1, "Took another offer"], ["Screening", 3, 0, 3, "Skills do not match"]]


@pytest.mark.django_db
def test_review_responsiveness_per_reviewer(recruiter, manager_a, job_a):
    now = timezone.now()
    for hours, done in [(10, True), (30, True), (None, False)]:
        application = factories.make_application(job=job_a, kind="shortlist")
        requested = now - timedelta(days=3)
        ReviewRequest.objects.create(
            application=application, reviewer=manager_a, requested_by=recruiter, requested_at=requested,
            due_at=requested + timedelta(days=1), completed_at=requested + timedelta(hours=hours) if done else None,
        )
    rows = report_get(user=recruiter, filters=_filters(), key="reviews").rows
    assert rows == [["Hana Manager", 3, 2, 1, 20.0, 28.0]]  # p90 = 10 + 0.9 × 20


@pytest.mark.django_db
def test_recruiter_activity_counts_moves_notes_review_requests_and_emails_this_week(recruiter, manager_a, job_a):
    from candidates.emails.models import EmailTemplate
    from candidates.emails.services.outbound import email_send
    from candidates.services import note_add
    from jobs.applications.services import application_move
    from jobs.reviews.services import review_request_create

    application = factories.make_application(job=job_a, actor=recruiter)
    application_move(actor=recruiter, application=application, to_stage=factories.stage_of(job_a, "screening"))
    application_move(actor=recruiter, application=application, to_stage=factories.stage_of(job_a, "shortlist"))
    note_add(actor=recruiter, candidate=application.candidate, body="Strong portfolio.")
    review_request_create(actor=recruiter, application=application, reviewer=manager_a, due_in_days=2)
    template = EmailTemplate.objects.create(name="Hello", language="en", subject="Hi {first_name}", body="Hello {first_name}")
    email_send(actor=recruiter, candidate=application.candidate, template=template, idempotency_key="report-1")
    email_send(actor=recruiter, candidate=application.candidate, template=template, idempotency_key="report-1")  # one action
    rows = report_get(user=recruiter, filters=_filters(), key="activity").rows
    week = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    assert rows == [[week.isoformat(), "Rory Recruiter", 2, 1, 1, 1]]


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["funnel", "time-in-stage", "time-to-hire", "time-to-hire-monthly", "sources",
                                 "rejections", "activity", "reviews"])
def test_hiring_manager_sees_only_their_jobs_in_every_report(manager_a, manager_b, recruiter, pipeline, job_b, t0, key):
    # The same story in job B, which manager A does not manage: manager A's figures are job A's alone.
    _add(job_b, source="careers", moves=[("applied", t0), ("screening", t0 + DAY)],
         outcome=("rejected", t0 + 2 * DAY, "Other job"))
    _add(job_b, source="agency", moves=[("applied", t0), ("hired", t0 + 3 * DAY)], outcome=("hired", t0 + 3 * DAY, ""))
    application = factories.make_application(job=job_b, kind="shortlist")
    ReviewRequest.objects.create(application=application, reviewer=manager_b, requested_by=recruiter,
                                 requested_at=timezone.now() - DAY, due_at=timezone.now())
    from jobs.applications.services import application_move
    application_move(actor=recruiter, application=application, to_stage=factories.stage_of(job_b, "interview"))

    mine = report_get(user=manager_a, filters=_filters(), key=key).rows
    only_a = report_get(user=recruiter, filters=_filters(job_id=pipeline.pk), key=key).rows
    if key in ("funnel", "time-in-stage", "rejections"):
        # Across jobs the rows are by stage kind: compare the numbers.
        assert [row[1:] for row in mine] == [row[1:] for row in only_a]
    else:
        assert mine == only_a
    # And asking for job B gets manager A nothing of it.
    assert report_get(user=manager_a, filters=_filters(job_id=job_b.pk), key=key).rows == []


@pytest.mark.django_db
def test_recruiters_unfiltered_reports_cover_every_job(recruiter, pipeline, job_b, t0):
    _add(job_b, source="agency", moves=[("applied", t0), ("screening", t0 + 3 * DAY)],
         outcome=("rejected", t0 + 5 * DAY, "Other job"))
    everything = _filters()
    assert report_get(user=recruiter, filters=everything, key="funnel").rows[1][1] == 4  # screening: 3 of A + 1 of B
    stays = {row[0]: row[1:] for row in report_get(user=recruiter, filters=everything, key="time-in-stage").rows}
    assert stays["Applied"] == [5, 2.0, 3.6] and stays["Screening"][0] == 4
    closures = {row[0]: row[1:4] for row in report_get(user=recruiter, filters=everything, key="rejections").rows}
    assert closures == {"Applied": [0, 1, 1], "Screening": [2, 0, 2]}
    assert ["Agency", 1, 0, 0, 0, 0.0] in report_get(user=recruiter, filters=everything, key="sources").rows


def _percentile_cont(values: list[float], fraction: float) -> float:
    """PostgreSQL's percentile_cont: between the two values on either side of fraction × (n − 1)."""
    ordered = sorted(values)
    at = fraction * (len(ordered) - 1)
    below, above = math.floor(at), math.ceil(at)
    return ordered[below] + (ordered[above] - ordered[below]) * (at - below)


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ["UTC", "Asia/Kolkata", "America/New_York"])
def test_time_in_stage_across_jobs_is_percentile_cont_of_every_completed_stay(recruiter, manager_a, job_a, zone):
    """Across every job the median and p90 come from the day totals per length bucket and one
    bucket's stays (jobs 0013): they must be exactly percentile_cont of the period's completed
    stays, with ties, lengths on bucket edges, stays under a minute and stays entered a minute
    either side of the period's first and last local midnight (part days, read from the facts)."""
    rng = random.Random(17)
    kinds = ["applied", "screening", "shortlist", "interview", "offer"]
    # Lengths: whole minutes and hours (ties), bucket edges and a second either side, seconds, weeks.
    lengths = [30, 59.5, 60, 61, 65, 66, 67, 3600, 3600, 7200, 86400, 86400, 86400.25, 5 * 86400, 21 * 86400, 0]
    with timezone.override(ZoneInfo(zone)):
        filters = ReportFilters.default()
        expected: dict[str, list[float]] = {}
        for application in range(12):
            when = filters.since + timedelta(minutes=rng.choice([-2, -1, 0, 1])) if application < 4 else (
                filters.until - timedelta(minutes=rng.choice([1, 2, 3])) if application < 7
                else filters.since + timedelta(days=rng.randint(0, 80), seconds=rng.randint(0, 86399)))
            moves = []
            for _ in range(rng.randint(2, 12)):
                moves.append((rng.choice([k for k in kinds if not moves or k != moves[-1][0]]), when))
                when += timedelta(seconds=rng.choice(lengths) if rng.random() < 0.6 else rng.uniform(1, 40 * 86400))
            # Closed at `when`: the last stay ends there too (else it stays open and is left out).
            closed = application % 3 != 0
            _add(job_a, moves=moves, outcome=("rejected", when, "No") if closed else None)
            ends = [entered for _, entered in moves[1:]] + ([when] if closed else [])
            for (kind, entered), left in zip(moves, ends):
                if filters.since <= entered < filters.until:
                    expected.setdefault(kind, []).append((left - entered).total_seconds())
        labels = dict(zip(kinds, ["Applied", "Screening", "Shortlist", "Interview", "Offer"]))
        want = [
            [labels[kind], len(values), round(_percentile_cont(values, 0.5) / 86400, 1),
             round(_percentile_cont(values, 0.9) / 86400, 1)]
            for kind, values in sorted(expected.items(), key=lambda item: kinds.index(item[0]))
        ]
        assert sum(len(values) for values in expected.values()) > 40
        assert report_get(user=recruiter, filters=filters, key="time-in-stage").rows == want
        # A hiring manager of the same (only) job reads the stays themselves: the same figures.
        assert report_get(user=manager_a, filters=filters, key="time-in-stage").rows == want
