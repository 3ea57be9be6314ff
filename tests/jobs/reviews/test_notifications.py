"""E-mail notifications through a real RQ worker: the shortlist digest and review-submitted mails."""
from __future__ import annotations

import threading

import django_rq
import pytest
from django.core import mail
from django.db import connection
from rq import SimpleWorker
from rq.registry import ScheduledJobRegistry

from jobs.applications.services import application_move
from jobs.reviews import services as review_services
from jobs.reviews import tasks
from jobs.reviews.models import NotificationPreference
from tests import factories


@pytest.fixture(autouse=True)
def notifications_queue(settings):
    settings.SHORTLIST_DIGEST_DELAY_SECONDS = 0
    queue = django_rq.get_queue("notifications")
    registry = ScheduledJobRegistry(queue=queue)

    def clear() -> None:
        # Only this queue's jobs: other engineers' tests share the Redis database.
        queue.empty()
        for job_id in registry.get_job_ids():
            registry.remove(job_id, delete_job=True)

    clear()
    yield queue
    clear()


def run_worker() -> None:
    # SimpleWorker runs jobs in this process (no fork), so they see the test's database
    # transaction and Django's in-memory outbox.
    django_rq.get_worker("notifications", worker_class=SimpleWorker).work(burst=True)


@pytest.fixture
def manager(manager_a):
    manager_a.email = "hana.manager@example.com"
    manager_a.save(update_fields=["email"])
    return manager_a


def shortlist(job, recruiter, name: str):
    application = factories.make_application(job=job, candidate=factories.make_candidate(name=name), actor=recruiter)
    return application_move(actor=recruiter, application=application, to_stage=factories.stage_of(job, "shortlist"))


@pytest.mark.django_db
def test_one_digest_lists_every_candidate_that_arrived_and_the_next_one_only_new_ones(
    manager, job_a, recruiter, django_capture_on_commit_callbacks, notifications_queue
):
    with django_capture_on_commit_callbacks(execute=True):
        for name in ("Avery Calloway", "Jordan Everhart", "Riley Fairbanks"):
            shortlist(job_a, recruiter, name)
        factories.make_application(job=job_a, candidate=factories.make_candidate(name="Still Screening"), kind="screening")
    assert notifications_queue.count == 1  # three arrivals collapsed into one job: digest-<manager id>
    assert notifications_queue.job_ids == [f"digest-{manager.pk}"]
    run_worker()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hana.manager@example.com"]
    assert message.subject == "3 candidates waiting for your review"
    for name in ("Avery Calloway", "Jordan Everhart", "Riley Fairbanks"):
        assert name in message.body and name in message.alternatives[0][0]
    assert "Still Screening" not in message.body
    assert message.alternatives[0][1] == "text/html"
    assert NotificationPreference.objects.get(user=manager).last_digest_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        shortlist(job_a, recruiter, "Morgan Greenvale")
    run_worker()
    assert len(mail.outbox) == 2
    assert "Morgan Greenvale" in mail.outbox[1].body and "Avery Calloway" not in mail.outbox[1].body
    assert mail.outbox[1].subject == "1 candidate waiting for your review"


@pytest.mark.django_db
def test_running_the_digest_again_sends_nothing_new(manager, job_a, recruiter):
    shortlist(job_a, recruiter, "Quinn Holloway")
    assert tasks.send_shortlist_digest(manager.pk) == 1
    assert tasks.send_shortlist_digest(manager.pk) == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_digest_runs_send_one_mail(job_a, recruiter, manager_a, settings):
    settings.SHORTLIST_DIGEST_DELAY_SECONDS = 0
    manager_a.email = "hana.manager@example.com"
    manager_a.save(update_fields=["email"])
    shortlist(job_a, recruiter, "Harper Ironwood")
    barrier = threading.Barrier(2)
    results: list[int] = []

    def run() -> None:
        try:
            barrier.wait()
            results.append(tasks.send_shortlist_digest(manager_a.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 1]
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_digest_waits_a_few_minutes_and_collapses_into_one_scheduled_job(
    manager, job_a, recruiter, settings, django_capture_on_commit_callbacks, notifications_queue
):
    settings.SHORTLIST_DIGEST_DELAY_SECONDS = 300
    with django_capture_on_commit_callbacks(execute=True):
        shortlist(job_a, recruiter, "Rowan Jasperson")
        shortlist(job_a, recruiter, "Elliot Kingsley")
    assert notifications_queue.count == 0
    assert ScheduledJobRegistry(queue=notifications_queue).get_job_ids() == [f"digest-{manager.pk}"]


@pytest.mark.django_db
def test_anonymised_jobs_digest_does_not_name_the_candidate(manager, job_a, recruiter):
    job_a.anonymised_review = True
    job_a.save(update_fields=["anonymised_review"])
    application = shortlist(job_a, recruiter, "Skyler Larkspur")
    tasks.send_shortlist_digest(manager.pk)
    assert "Skyler Larkspur" not in mail.outbox[0].body + mail.outbox[0].alternatives[0][0]
    assert f"Candidate #{application.pk}" in mail.outbox[0].body


@pytest.mark.django_db
def test_digest_can_be_turned_off(manager, job_a, recruiter, django_capture_on_commit_callbacks, notifications_queue):
    NotificationPreference.objects.create(user=manager, shortlist_digest=False)
    with django_capture_on_commit_callbacks(execute=True):
        shortlist(job_a, recruiter, "Amara Merriweather")
    assert notifications_queue.count == 0
    assert tasks.send_shortlist_digest(manager.pk) == 0
    assert mail.outbox == []


def _review(manager, application, job):
    return review_services.review_submit(
        actor=manager, application=application, recommendation="strong_yes", comment="Great systems thinking.",
        ratings={c.pk: (4, "") for c in job.criteria.all()},
    )


@pytest.mark.django_db
def test_recruiter_is_mailed_when_a_review_is_submitted(manager, job_a, recruiter, django_capture_on_commit_callbacks):
    recruiter.email = "rory.recruiter@example.com"
    recruiter.save(update_fields=["email"])
    application = shortlist(job_a, recruiter, "Dario Northcott")
    with django_capture_on_commit_callbacks(execute=True):
        _review(manager, application, job_a)
    run_worker()
    messages = [m for m in mail.outbox if m.to == ["rory.recruiter@example.com"]]
    assert len(messages) == 1
    assert messages[0].subject == "Hana Manager reviewed Dario Northcott (Backend Engineer): Strong yes"
    assert "Great systems thinking." in messages[0].body and "Distributed systems: 4/4" in messages[0].body
    # Editing the review does not mail again.
    with django_capture_on_commit_callbacks(execute=True):
        _review(manager, application, job_a)
    run_worker()
    assert len([m for m in mail.outbox if m.to == ["rory.recruiter@example.com"]]) == 1


@pytest.mark.django_db
def test_review_submitted_mail_can_be_turned_off(manager, job_a, recruiter, django_capture_on_commit_callbacks):
    recruiter.email = "rory.recruiter@example.com"
    recruiter.save(update_fields=["email"])
    NotificationPreference.objects.create(user=recruiter, review_submitted=False)
    application = shortlist(job_a, recruiter, "Ingrid Okonkwo")
    with django_capture_on_commit_callbacks(execute=True):
        _review(manager, application, job_a)
    run_worker()
    assert [m for m in mail.outbox if m.to == ["rory.recruiter@example.com"]] == []


@pytest.mark.django_db
def test_removing_a_stage_into_a_review_stage_schedules_the_digest(
    manager, job_a, recruiter, django_capture_on_commit_callbacks, notifications_queue
):
    from jobs.services import stage_remove

    factories.make_application(job=job_a, candidate=factories.make_candidate(name="Casey Pemberton"), kind="interview")
    with django_capture_on_commit_callbacks(execute=True):
        stage_remove(actor=recruiter, stage=factories.stage_of(job_a, "interview"), move_to=factories.stage_of(job_a, "shortlist"))
    run_worker()
    assert len(mail.outbox) == 1 and "Casey Pemberton" in mail.outbox[0].body


@pytest.mark.django_db
def test_the_digest_service_moves_the_managers_mark_even_when_nothing_is_sent(manager, job_a, recruiter):
    assert review_services.shortlist_digest_send(manager.pk) == 0
    assert NotificationPreference.objects.get(user=manager).last_digest_at is not None
    assert review_services.shortlist_digest_send(10**9) == 0  # nobody: nothing, no error
    assert len(mail.outbox) == 0
