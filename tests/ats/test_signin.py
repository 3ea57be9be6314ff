"""Password guessing is stopped: failed sign-ins lock the account and the address for a cool-off,
unknown accounts get the same answer, and an admin can unlock. Sessions end when idle or old."""
from __future__ import annotations

import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def _sign_in(client: Client, username: str, password: str, address: str = "203.0.113.7"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_twenty_wrong_passwords_then_the_right_one_does_not_sign_in(settings):
    factories.make_recruiter("rita")
    client = Client()
    answers = [_sign_in(client, "rita", f"guess-{n}").status_code for n in range(20)]
    assert answers[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert set(answers[settings.AXES_FAILURE_LIMIT :]) == {429}
    response = _sign_in(client, "rita", "test-pass-123")
    assert response.status_code == 429 and "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Per account: another address does not get around it. Per address: another account neither.
    assert _sign_in(Client(), "rita", "test-pass-123", address="198.51.100.9").status_code == 429
    factories.make_recruiter("other")
    assert _sign_in(Client(), "other", "test-pass-123").status_code == 429


def test_an_unknown_account_gets_the_same_answer(settings):
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "nobody-here", f"guess-{n}", address="192.0.2.1")
    assert _sign_in(client, "nobody-here", "x", address="192.0.2.1").status_code == 429


def test_the_lock_ends_after_the_cool_off_and_an_admin_can_lift_it(settings):
    settings.AXES_COOLOFF_TIME = timedelta(seconds=1)
    factories.make_recruiter("rita")
    for n in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(Client(), "rita", f"guess-{n}")
    assert _sign_in(Client(), "rita", "test-pass-123").status_code == 429
    time.sleep(1.2)
    assert _sign_in(Client(), "rita", "test-pass-123").status_code == 302
    settings.AXES_COOLOFF_TIME = timedelta(hours=1)
    for n in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(Client(), "rita", f"guess-{n}")
    assert _sign_in(Client(), "rita", "test-pass-123").status_code == 429
    AccessAttempt.objects.filter(username="rita").delete()  # what the admin's delete does
    assert _sign_in(Client(), "rita", "test-pass-123").status_code == 302


def test_the_admin_lists_attempts(admin_client_):
    _sign_in(Client(), "rita", "wrong")
    page = admin_client_.get(reverse("admin:axes_accessattempt_changelist"))
    assert page.status_code == 200 and "rita" in page.content.decode()


def test_pages_with_personal_data_are_not_cached(recruiter_client, recruiter):
    candidate = factories.make_candidate(actor=recruiter)
    for url in (reverse("dashboard"), reverse("candidates:list"), candidate.get_absolute_url()):
        assert recruiter_client.get(url)["Cache-Control"] == "private, no-store", url


def test_a_session_ends_when_idle_and_when_old(recruiter_client, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600  # idle: the cookie's expiry, pushed forward as they work
    assert recruiter_client.get(reverse("dashboard")).status_code == 200
    session = recruiter_client.session
    session["signed_in_at"] = int(time.time()) - settings.SESSION_MAX_AGE - 1
    session.save()
    response = recruiter_client.get(reverse("dashboard"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert "_auth_user_id" not in recruiter_client.session
