"""Every model's admin pages load for staff, including the RQ dashboard."""
from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from candidates.resumes.models import Resume
from candidates.services import note_add
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
