"""Consent as a per-candidate, append-only record: the careers form's row, rows a recruiter
records, withdrawals as rows of their own, the profile's privacy panel, and the refusals."""
from __future__ import annotations

import zoneinfo
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ats.core.models import Activity, AuditEvent
from candidates.privacy import selectors
from candidates.privacy.services import PrivacyRefused, consent_record, consent_withdraw
from jobs.careers.models import Consent
from tests import factories

pytestmark = pytest.mark.django_db


def _record(recruiter, candidate, **overrides):
    fields = {"source": "phone", "notice_version": "2026-12", "given_at": timezone.now() - timedelta(days=2), "note": "Called on Tuesday"}
    return consent_record(actor=recruiter, candidate=candidate, **{**fields, **overrides})


def test_a_recruiter_records_consent_and_it_becomes_the_current_state(recruiter):
    candidate = factories.make_candidate(actor=recruiter)
    assert selectors.consent_current(selectors.consent_history(candidate)) is None
    consent = _record(recruiter, candidate, lawful_basis="consent")
    assert (consent.kind, consent.source, consent.recorded_by, consent.note) == ("given", "phone", recruiter, "Called on Tuesday")
    assert selectors.consent_current(selectors.consent_history(candidate)) == consent
    activity = Activity.objects.get(candidate=candidate, verb=Activity.Verb.CONSENT_RECORDED)
    assert activity.actor == recruiter and activity.data["consent"] == consent.pk
    assert AuditEvent.objects.filter(candidate=candidate, action="consent_recorded", actor=recruiter).count() == 1


def test_withdrawal_is_a_new_row_and_withdrawing_twice_adds_nothing(recruiter):
    candidate = factories.make_candidate(actor=recruiter)
    given = _record(recruiter, candidate)
    withdrawn, created = consent_withdraw(actor=recruiter, candidate=candidate, source="email", note="Asked by mail")
    assert created and withdrawn.kind == "withdrawn" and withdrawn.pk != given.pk
    assert withdrawn.notice_version == given.notice_version
    again, created_again = consent_withdraw(actor=recruiter, candidate=candidate, source="email")
    assert not created_again and again == withdrawn
    assert [row.kind for row in selectors.consent_history(candidate)] == ["withdrawn", "given"]
    assert Activity.objects.filter(candidate=candidate, verb=Activity.Verb.CONSENT_WITHDRAWN).count() == 1
    # Consent given again later is a third row, and the state follows it.
    _record(recruiter, candidate, given_at=timezone.now())
    assert selectors.consent_current(selectors.consent_history(candidate)).kind == "given"


@pytest.mark.parametrize(("overrides", "message"), [
    ({"source": "self_service"}, "how the consent was given"),
    ({"source": "telepathy"}, "how the consent was given"),
    ({"lawful_basis": "whim"}, "lawful basis"),
    ({"notice_version": "  "}, "version of the privacy notice"),
    ({"given_at": timezone.now() + timedelta(days=3)}, "cannot be in the future"),
])
def test_bad_consent_is_refused_with_a_reason_and_nothing_written(recruiter, overrides, message):
    candidate = factories.make_candidate(actor=recruiter)
    with pytest.raises(PrivacyRefused, match=message):
        _record(recruiter, candidate, **overrides)
    assert not Consent.objects.filter(candidate=candidate).exists()


def test_consent_rows_are_append_only_in_the_database(recruiter):
    consent = _record(recruiter, factories.make_candidate(actor=recruiter))
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        Consent.objects.filter(pk=consent.pk).update(note="rewritten")
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        Consent.objects.filter(pk=consent.pk).delete()
    # What a deleted recruiter cascades into (SET NULL) is allowed.
    Consent.objects.filter(pk=consent.pk).update(recorded_by=None)


def test_the_profile_loads_the_privacy_panel_with_state_and_history(recruiter_client, recruiter):
    candidate = factories.make_candidate(actor=recruiter)
    _record(recruiter, candidate, notice_version="2026-09")
    profile = recruiter_client.get(candidate.get_absolute_url()).content.decode()
    assert reverse("privacy:panel", args=[candidate.pk]) in profile
    response = recruiter_client.get(reverse("privacy:panel", args=[candidate.pk]), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and 'data-consent-state="given"' in html
    assert "2026-09" in html and "Told by phone" in html and "Called on Tuesday" in html
    assert "<html" not in html and "HX-Request" in response["Vary"]


def test_recording_consent_through_the_panel(recruiter_client, recruiter):
    candidate = factories.make_candidate(actor=recruiter)
    day = (timezone.localdate() - timedelta(days=10)).isoformat()
    response = recruiter_client.post(
        reverse("privacy:consent_add", args=[candidate.pk]),
        {"source": "sourced", "lawful_basis": "legitimate_interest", "notice_version": "2026-12", "given_on": day, "note": "LinkedIn"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200 and "Consent recorded." in response.content.decode()
    consent = Consent.objects.get(candidate=candidate)
    assert (consent.source, consent.lawful_basis, consent.given_at.date().isoformat()) == ("sourced", "legitimate_interest", day)


def _a_zone_where_it_is_morning():
    # Zones span UTC-11 to UTC+14, so one of these always has the local clock before 11:00.
    for name in ("Pacific/Pago_Pago", "America/New_York", "UTC", "Asia/Kolkata", "Asia/Tokyo", "Pacific/Kiritimati"):
        zone = zoneinfo.ZoneInfo(name)
        if timezone.now().astimezone(zone).hour < 11:
            return zone
    raise AssertionError("no zone in the list has a morning now")


def test_consent_given_this_morning_is_recorded_with_today_as_its_date(recruiter_client, recruiter):
    # The form stamps a typed date at noon; before noon that moment is still ahead, and it was refused as future.
    candidate = factories.make_candidate(actor=recruiter)
    with timezone.override(_a_zone_where_it_is_morning()):
        today = timezone.localdate()
        response = recruiter_client.post(
            reverse("privacy:consent_add", args=[candidate.pk]),
            {"source": "phone", "lawful_basis": "consent", "notice_version": "2026-12", "given_on": today.isoformat()},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200 and "Consent recorded." in response.content.decode()
        consent = Consent.objects.get(candidate=candidate)
        assert timezone.localtime(consent.given_at).date() == today and consent.given_at <= timezone.now()


def test_bad_panel_input_is_explained_and_what_was_typed_kept(recruiter_client, recruiter):
    candidate = factories.make_candidate(actor=recruiter)
    future = (timezone.localdate() + timedelta(days=5)).isoformat()
    response = recruiter_client.post(
        reverse("privacy:consent_add", args=[candidate.pk]),
        {"source": "sourced", "lawful_basis": "consent", "notice_version": "", "given_on": future, "note": "Keep this note"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "cannot be in the future" in html and "This field is required" in html
    assert "Keep this note" in html
    assert not Consent.objects.filter(candidate=candidate).exists()
    legitimate = recruiter_client.post(
        reverse("privacy:consent_add", args=[candidate.pk]),
        {"source": "sourced", "lawful_basis": "consent", "notice_version": "2026-12", "given_on": timezone.localdate().isoformat()},
    )
    assert legitimate.status_code == 422 and "legitimate interest" in legitimate.content.decode()


def test_withdrawing_through_the_panel(recruiter_client, recruiter):
    candidate = factories.make_candidate(actor=recruiter)
    _record(recruiter, candidate)
    url = reverse("privacy:consent_withdraw", args=[candidate.pk])
    response = recruiter_client.post(url, {"source": "phone", "note": "Rang to say no"})
    assert response.status_code == 200 and "Consent withdrawn." in response.content.decode()
    assert recruiter_client.post(url, {"source": "careers_form"}).status_code == 422
    assert Consent.objects.filter(candidate=candidate, kind="withdrawn").count() == 1


def test_hiring_managers_and_anonymous_visitors_reach_no_privacy_panel(manager_a_client, client, recruiter):
    candidate = factories.make_candidate(actor=recruiter)
    for http in (manager_a_client, client):
        assert http.get(reverse("privacy:panel", args=[candidate.pk])).status_code in (302, 404)
        http.post(reverse("privacy:consent_add", args=[candidate.pk]), {"source": "phone"})
    assert not Consent.objects.exists()
