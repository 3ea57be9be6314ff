"""The public careers pages: what is listed, filters, the job page's JSON-LD, the feeds, the CSP."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobs.services import job_set_status
from tests import factories

pytestmark = pytest.mark.django_db


def _job(**fields):
    fields.setdefault("published", True)
    return factories.make_job(**fields)


def test_only_open_published_jobs_are_listed_and_reachable(client, recruiter, published_job):
    draft = _job(title="Draft Role", status="draft")
    unpublished = _job(title="Quiet Role", published=False)
    closed = _job(title="Closed Role")
    job_set_status(actor=recruiter, job=closed, status="closed")
    held = _job(title="Held Role")
    job_set_status(actor=recruiter, job=held, status="on_hold")
    expired = _job(title="Expired Role", valid_through=date.today() - timedelta(days=1))

    page = client.get(reverse("careers:list"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Platform Engineer" in text
    for hidden in (draft, unpublished, closed, held, expired):
        assert hidden.title not in text
        for name in ("careers:job", "careers:apply", "careers:applied"):
            assert client.get(reverse(name, args=[hidden.pk])).status_code == 404, (hidden.title, name)
    assert client.get(reverse("careers:job", args=[published_job.pk])).status_code == 200


def test_careers_pages_show_no_internal_data(client, recruiter, published_job):
    recruiter.first_name, recruiter.last_name = "Imogen", "Vantreight"
    recruiter.save()
    factories.make_application(job=published_job, candidate=factories.make_candidate(name="Quillon Ashdown"))
    for url in (reverse("careers:list"), reverse("careers:job", args=[published_job.pk]),
                reverse("careers:apply", args=[published_job.pk])):
        text = client.get(url).content.decode()
        assert "Vantreight" not in text and "Quillon" not in text and recruiter.username not in text, url
        assert "applicant" not in text.lower() or url.endswith("apply/")


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"department": "Engineering"}, {"Platform Engineer"}),
        ({"department": "Sales"}, {"Account Lead"}),
        ({"location": "Berlin"}, {"Remote Writer", "Account Lead"}),
        ({"remote_policy": "remote"}, {"Remote Writer"}),
        ({"employment_type": "part_time"}, {"Remote Writer"}),
        ({"location": "Berlin", "department": "Sales"}, {"Account Lead"}),
        ({"remote_policy": "not-a-policy"}, {"Platform Engineer", "Remote Writer", "Account Lead"}),
    ],
)
def test_filters(client, published_job, query, expected):
    _job(title="Remote Writer", department="Content", location="Berlin", remote_policy="remote", employment_type="part_time")
    _job(title="Account Lead", department="Sales", location="Berlin", remote_policy="onsite")
    text = client.get(reverse("careers:list"), query).content.decode()
    shown = {title for title in ("Platform Engineer", "Remote Writer", "Account Lead") if f">{title}</a>" in text}
    assert shown == expected


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("careers:list")).status_code == 200
    return len(ctx.captured_queries)


def test_the_list_takes_the_same_queries_for_few_and_many_jobs(client):
    _job(department="A", location="X")
    few = _list_queries(client)
    for n in range(30):
        _job(department=f"D{n % 4}", location=f"L{n % 5}")
    assert _list_queries(client) == few <= 4


def _json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_job_page_has_a_job_posting_that_parses_and_is_escaped(client, settings, published_job):
    settings.CAREERS_COMPANY_NAME = "Fictional Widgets Ltd"
    html = client.get(reverse("careers:job", args=[published_job.pk])).content.decode()
    data = _json_ld(html)
    assert data["@type"] == "JobPosting" and data["@context"].startswith("https://schema.org")
    assert data["title"] == "Platform Engineer"
    assert "</script> tricks" in data["description"]  # the text survives, escaped in the page
    assert html.count("</script>") == html.count("<script")  # the description closed no element
    assert data["datePosted"] == date.today().isoformat()
    assert data["employmentType"] == "FULL_TIME"
    assert data["hiringOrganization"]["name"] == "Fictional Widgets Ltd"
    assert data["jobLocation"]["address"] == {"@type": "PostalAddress", "addressLocality": "Lisbon"}
    assert "validThrough" not in data and "jobLocationType" not in data


def test_remote_job_posting_says_telecommute_and_valid_through(client):
    job = _job(title="Remote Writer", location="Portugal", remote_policy="remote", employment_type="contract",
               valid_through=date.today() + timedelta(days=30))
    data = _json_ld(client.get(reverse("careers:job", args=[job.pk])).content.decode())
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"]["name"] == "Portugal"
    assert data["employmentType"] == "CONTRACTOR"
    assert data["validThrough"].startswith((date.today() + timedelta(days=30)).isoformat())
    assert "jobLocation" not in data


@pytest.mark.parametrize("kind, expected", [("part_time", "PART_TIME"), ("temporary", "TEMPORARY"), ("internship", "INTERN")])
def test_employment_types_map_to_schema_org(client, kind, expected):
    job = _job(employment_type=kind)
    assert _json_ld(client.get(reverse("careers:job", args=[job.pk])).content.decode())["employmentType"] == expected


def test_atom_feed_is_valid_xml_with_open_published_jobs_only(client, published_job):
    _job(title="Quiet Role", published=False)
    response = client.get(reverse("careers:feed"))
    assert response.status_code == 200 and "atom" in response["Content-Type"]
    root = ET.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [entry.find("a:title", ns).text for entry in root.findall("a:entry", ns)]
    assert titles == ["Platform Engineer"]
    link = root.find("a:entry/a:link", ns).get("href")
    assert link.endswith(reverse("careers:job", args=[published_job.pk]))


def test_job_board_feed_is_valid_xml_in_the_common_format(client, settings, published_job):
    settings.CAREERS_COMPANY_NAME = "Fictional & Widgets"
    _job(title="Draft Role", status="draft")
    response = client.get(reverse("careers:job_board_feed"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == "source"
    jobs = root.findall("job")
    assert len(jobs) == 1
    job = jobs[0]
    assert job.findtext("title") == "Platform Engineer"
    assert job.findtext("referencenumber") == str(published_job.pk)
    assert job.findtext("company") == "Fictional & Widgets"
    assert job.findtext("city") == "Lisbon"
    assert job.findtext("jobtype") == "full-time"
    assert job.findtext("url").endswith(f"/careers/{published_job.pk}/")
    assert "<b>" not in job.findtext("description") and job.findtext("date")


def test_careers_pages_have_their_own_strict_policy(client, published_job):
    for url in (reverse("careers:list"), reverse("careers:job", args=[published_job.pk]),
                reverse("careers:apply", args=[published_job.pk])):
        policy = client.get(url)["Content-Security-Policy"]
        assert "unsafe-inline" not in policy and "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert "http" not in policy  # only this site


def test_the_job_form_publishes_a_job(recruiter_client, recruiter):
    job = factories.make_job(actor=recruiter, title="Data Analyst", status="open")
    response = recruiter_client.post(reverse("jobs:edit", args=[job.pk]), {
        "title": "Data Analyst", "remote_policy": "onsite", "employment_type": "full_time", "status": "open",
        "published": "on", "valid_through": "2030-01-31", "criterion_name": [], "criterion_id": [],
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    job.refresh_from_db()
    assert job.published and job.valid_through == date(2030, 1, 31)
    assert client_sees(job)


def client_sees(job) -> bool:
    from django.test import Client

    return Client().get(reverse("careers:job", args=[job.pk])).status_code == 200
