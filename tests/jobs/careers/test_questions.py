"""The job's apply-form questions, as a recruiter edits them from the board: add, change, remove,
and the apply form asking exactly those."""
from __future__ import annotations

import pytest
from django.urls import reverse

from ats.core.models import Activity
from jobs.careers.models import ApplicationQuestion

pytestmark = pytest.mark.django_db


def _fields(prefix, **values):
    data = {"label": "", "kind": "short_text", "choices": "", "position": "0"}
    data.update(values)
    return {f"{prefix}-{name}": value for name, value in data.items() if value is not None}


def test_a_recruiter_adds_changes_and_removes_a_question_and_the_apply_form_follows(recruiter_client, published_job):
    url = reverse("jobs:questions", args=[published_job.pk])
    page = recruiter_client.get(url)
    assert page.status_code == 200 and "Do you hold a work permit?" in page.content.decode()
    assert reverse("jobs:questions", args=[published_job.pk]) in recruiter_client.get(published_job.get_absolute_url()).content.decode()

    response = recruiter_client.post(url, _fields("new", label="  Earliest start date?  ", required="on", position="5"))
    assert response.status_code == 302
    added = ApplicationQuestion.objects.get(job=published_job, label="Earliest start date?")
    assert added.required and added.position == 5 and added.kind == "short_text"
    assert Activity.objects.filter(job=published_job, verb="job_edited", data__question="Earliest start date?").exists()

    response = recruiter_client.post(
        reverse("jobs:question_update", args=[published_job.pk, added.pk]),
        _fields(f"q{added.pk}", label="When could you start?", kind="choice", choices="At once\n\n1 month\n", position="5"),
    )
    assert response.status_code == 302
    added.refresh_from_db()
    assert (added.label, added.kind, added.options, added.required) == ("When could you start?", "choice", ["At once", "1 month"], False)
    apply_form = recruiter_client.get(reverse("careers:apply", args=[published_job.pk])).content.decode()
    assert "When could you start?" in apply_form and "1 month" in apply_form

    recruiter_client.post(reverse("jobs:question_remove", args=[published_job.pk, added.pk]))
    assert not ApplicationQuestion.objects.filter(pk=added.pk).exists()
    assert "When could you start?" not in recruiter_client.get(reverse("careers:apply", args=[published_job.pk])).content.decode()


def test_a_bad_question_is_refused_with_a_message_and_nothing_saved(recruiter_client, published_job):
    url = reverse("jobs:questions", args=[published_job.pk])
    before = ApplicationQuestion.objects.count()
    response = recruiter_client.post(url, _fields("new", label="Pick one", kind="choice", choices="Only one"))
    assert response.status_code == 400
    assert "needs at least two options" in response.content.decode()
    assert 'value="Pick one"' in response.content.decode()  # what was typed stays
    response = recruiter_client.post(url, _fields("new", label="   "))
    assert response.status_code == 400 and "Write the question applicants will see." in response.content.decode()
    question = published_job.questions.first()
    response = recruiter_client.post(reverse("jobs:question_update", args=[published_job.pk, question.pk]),
                                     _fields(f"q{question.pk}", label="", kind="yes_no"))
    assert response.status_code == 400
    assert ApplicationQuestion.objects.count() == before
    question.refresh_from_db()
    assert question.label == "Do you hold a work permit?"


def test_hiring_managers_cannot_edit_questions(manager_a_client, published_job):
    assert manager_a_client.get(reverse("jobs:questions", args=[published_job.pk])).status_code == 404
