"""Every model's admin pages load for staff, including the RQ dashboard; the admin writes only through
the services, and histories are neither changed nor deleted there."""
from __future__ import annotations

import html.parser

import pytest
from django.contrib import admin
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from ats.core.models import Activity
from candidates.resumes.models import Resume
from candidates.services import note_add
from jobs.applications.models import StageChange
from jobs.models import Job, JobStatusChange
from tests import factories


@pytest.mark.django_db
def test_every_admin_page_loads(admin_client_, recruiter, job_a):
    application = factories.make_application(job=job_a, actor=recruiter)
    note_add(actor=recruiter, candidate=application.candidate, body="Strong Postgres background.")
    Resume.objects.create(candidate=application.candidate, original_filename="cv.pdf", size=3, content_type="application/pdf",
                          sha256="d" * 64, file="aa/bb.pdf")
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert admin_client_.get(changelist).status_code == 200, changelist
        if model_admin.has_add_permission(_request_for(admin_client_)):
            add = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
            assert admin_client_.get(add).status_code == 200, add
        obj = model._default_manager.first() if meta.app_label in ("candidates", "jobs") else None
        if obj is not None:
            change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
            assert admin_client_.get(change).status_code == 200, change


def _request_for(client):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    from django.contrib.auth.models import User

    request.user = User.objects.get(pk=client.session["_auth_user_id"])
    return request


@pytest.mark.django_db
def test_rq_dashboard_is_reachable_for_staff_only(admin_client_, recruiter_client):
    url = reverse("admin:django_rq_dashboard_changelist")
    assert admin_client_.get(url).status_code == 200
    assert recruiter_client.get(url).status_code == 302


class _FormFields(html.parser.HTMLParser):
    """The values a browser would submit for the first <form> of an admin change page."""

    def __init__(self) -> None:
        super().__init__()
        self.values: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.values.append((a["name"], a.get("value") or ("on" if a.get("type") == "checkbox" else "")))
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.values.append((self._select, a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._text = a["name"], ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.values.append((self._textarea, self._text.lstrip("\n")))
            self._textarea = None


def admin_post(client, url: str, **overrides: str):
    page = client.get(url)
    assert page.status_code == 200, url
    parser = _FormFields()
    parser.feed(page.content.decode())
    data: dict[str, list[str]] = {}
    for name, value in parser.values:
        data.setdefault(name, []).append(value)
    for name, value in overrides.items():
        data[name] = [value]
    data.setdefault("_save", ["Save"])
    return client.post(url, data)


@pytest.mark.django_db
def test_admin_cannot_move_an_application_past_its_stage_history(admin_client_, recruiter, job_a):
    """The admin used to save Application.stage directly: no StageChange, no activity, no digest."""
    application = factories.make_application(job=job_a, actor=recruiter)
    screening = factories.stage_of(job_a, "screening")
    url = reverse("admin:jobs_application_change", args=[application.pk])
    response = admin_post(admin_client_, url, stage=str(screening.pk))
    assert response.status_code == 403  # view-only: applications move on the board, through the service
    application.refresh_from_db()
    assert application.stage.kind == "applied"
    assert StageChange.objects.filter(application=application).count() == 1


@pytest.mark.django_db
def test_admin_outcome_without_a_date_is_not_a_server_error(admin_client_, recruiter, job_a):
    """It was a 500 (application_outcome_has_date); now the outcome is not editable in the admin."""
    application = factories.make_application(job=job_a, actor=recruiter)
    url = reverse("admin:jobs_application_change", args=[application.pk])
    response = admin_post(admin_client_, url, outcome="rejected", outcome_reason="Not a fit")
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.outcome == "active"


@pytest.mark.django_db
def test_admin_job_status_change_goes_through_the_service(admin_client_, admin_user, recruiter, job_a):
    """It was refused ("Constraint job_closed_has_date is violated") or, for other statuses, saved
    with no history; now it is the service's change, with its history row and activity."""
    url = reverse("admin:jobs_job_change", args=[job_a.pk])
    response = admin_post(admin_client_, url, status="closed")
    assert response.status_code == 302
    job_a.refresh_from_db()
    assert job_a.status == Job.Status.CLOSED and job_a.closed_at is not None
    assert JobStatusChange.objects.filter(job=job_a, from_status="open", to_status="closed", changed_by=admin_user).exists()
    assert Activity.objects.filter(job=job_a, verb=Activity.Verb.JOB_STATUS, actor=admin_user).exists()
    # A closed job can be reopened, never sent back to draft: the admin does not offer it.
    response = admin_post(admin_client_, url, status="draft")
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    job_a.refresh_from_db()
    assert job_a.status == Job.Status.CLOSED


@pytest.mark.django_db
def test_history_rows_cannot_be_deleted_in_the_admin_or_the_database(admin_client_, recruiter, job_a):
    application = factories.make_application(job=job_a, actor=recruiter)
    change = StageChange.objects.get(application=application)
    activity = Activity.objects.filter(application=application).first()
    assert admin_client_.post(reverse("admin:jobs_stagechange_delete", args=[change.pk]), {"post": "yes"}).status_code == 403
    assert admin_client_.post(reverse("admin:core_activity_delete", args=[activity.pk]), {"post": "yes"}).status_code == 403
    assert StageChange.objects.filter(pk=change.pk).exists()
    assert Activity.objects.filter(pk=activity.pk).exists()
    for table, pk in (("jobs_stagechange", change.pk), ("candidates_activity", activity.pk)):
        with pytest.raises(IntegrityError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE id = %s", [pk])


# Each django-rq admin page with arguments that name nothing: a queue index past the last queue,
# a job or worker that expired or left (issue 13.13: these were 500s).
_MISSING = {"queue_index": 99, "scheduler_index": 99, "connection_index": 99}
_GONE = {"job_id": "parse-resume-0", "result_id": "0-0", "key": "rq:worker:gone", "scheduler_name": "gone",
         "cron_job_name": "gone"}


@pytest.mark.django_db
def test_rq_pages_for_a_queue_job_or_worker_that_is_not_there_are_404(admin_client_, redis_queue):
    from django_rq.urls import get_admin_urlpatterns

    admin_client_.raise_request_exception = False
    answers = {}
    for pattern in get_admin_urlpatterns():
        keys = pattern.pattern.converters.keys()
        if not keys:
            continue
        for kwargs in ({k: _MISSING.get(k, _GONE.get(k)) for k in keys}, {k: 0 if k in _MISSING else _GONE[k] for k in keys}):
            if kwargs == {k: 0 for k in keys}:
                continue  # queue 0 exists: nothing missing to ask for
            url = reverse(f"admin:django_rq_{pattern.name}", kwargs=kwargs)
            for method in ("get", "post"):
                answers[f"{method} {url}"] = getattr(admin_client_, method)(url).status_code
    assert len(answers) > 40
    assert {url: code for url, code in answers.items() if code >= 500} == {}
    assert {code for code in answers.values()} <= {302, 404, 405}


@pytest.mark.django_db
def test_rq_pages_tell_non_staff_nothing_about_what_exists(recruiter_client, redis_queue):
    for kwargs in ({"queue_index": 0}, {"queue_index": 99}):
        response = recruiter_client.get(reverse("admin:django_rq_jobs", kwargs=kwargs))
        assert response.status_code == 302 and "/admin/login/" in response.url
    gone = recruiter_client.get(reverse("admin:django_rq_worker_details", kwargs={"queue_index": 0, "key": "rq:worker:gone"}))
    assert gone.status_code == 302


@pytest.mark.django_db
def test_empty_posts_to_admin_forms_are_never_a_server_error(admin_client_, recruiter, job_a):
    application = factories.make_application(job=job_a, actor=recruiter)
    Resume.objects.create(candidate=application.candidate, original_filename="cv.pdf", size=3, content_type="application/pdf",
                          sha256="e" * 64, file="aa/cc.pdf")
    admin_client_.raise_request_exception = False
    answers = {}
    for model in admin.site._registry:
        meta = model._meta
        obj = model._default_manager.first() if meta.app_label in ("candidates", "jobs", "core") else None
        urls = [reverse(f"admin:{meta.app_label}_{meta.model_name}_add")]
        if obj is not None:
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk]))
        for url in urls:
            answers[url] = admin_client_.post(url, {}).status_code
    assert {url: code for url, code in answers.items() if code >= 500} == {}
