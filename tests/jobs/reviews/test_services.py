"""Writes of reviews: review requests audited, notification settings, refusals."""
from __future__ import annotations

import pytest

from ats.core.models import Activity
from jobs.reviews import services
from jobs.reviews.models import NotificationPreference, ReviewRequest
from jobs.reviews.selectors import notification_preference_for
from tests import factories


@pytest.mark.django_db
def test_a_review_request_is_recorded_in_the_activity_log(recruiter, manager_a, job_a):
    application = factories.make_application(job=job_a, actor=recruiter, kind="shortlist")
    request = services.review_request_create(actor=recruiter, application=application, reviewer=manager_a, due_in_days=3)
    assert ReviewRequest.objects.get() == request
    assert Activity.objects.filter(verb="review_requested", application=application, actor=recruiter,
                                   data__reviewer_id=manager_a.pk).exists()


@pytest.mark.django_db
def test_a_review_request_outside_a_review_stage_or_to_someone_else_is_refused(recruiter, manager_a, manager_b, job_a):
    application = factories.make_application(job=job_a, actor=recruiter)
    with pytest.raises(services.ReviewError, match="move them to a review stage"):
        services.review_request_create(actor=recruiter, application=application, reviewer=manager_a, due_in_days=3)
    with pytest.raises(services.ReviewError, match="Only a hiring manager of this job"):
        services.review_request_create(actor=recruiter, application=application, reviewer=manager_b, due_in_days=3)
    assert not ReviewRequest.objects.exists() and not Activity.objects.filter(verb="review_requested").exists()


@pytest.mark.django_db
def test_notification_settings_change_only_what_changed(manager_a):
    assert notification_preference_for(manager_a).pk is None  # defaults, nothing stored yet
    services.notification_preference_update(actor=manager_a, shortlist_digest=False, review_submitted=True)
    services.notification_preference_update(actor=manager_a, shortlist_digest=False, review_submitted=True)
    preference = NotificationPreference.objects.get(user=manager_a)
    assert (preference.shortlist_digest, preference.review_submitted) == (False, True)
    assert list(Activity.objects.filter(verb="notifications_changed").values_list("data", flat=True)) == [
        {"shortlist_digest": False}]


@pytest.mark.django_db
def test_a_review_must_rate_every_criterion(recruiter, manager_a, job_a):
    application = factories.make_application(job=job_a, actor=recruiter, kind="shortlist")
    with pytest.raises(services.ReviewError, match="Rate every criterion"):
        services.review_submit(actor=manager_a, application=application, recommendation="yes", ratings={})
    assert not Activity.objects.filter(verb="review_submitted").exists()
