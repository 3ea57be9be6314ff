"""What a résumé printed stays findable after parsing (issue 12): a bilingual name's other form
(name_alternates) and a skill's printed form beside its canonical name (skill_mentions), from the
parsed profile through the saved candidate to search, against real PostgreSQL.

Every person here is invented.
"""
from __future__ import annotations

import pytest
from django.urls import reverse

from candidates.models import Candidate
from candidates.resumes.services.intake import resume_upload
from candidates.resumes.tasks import parse_resume_task

URL = reverse("candidates:list")

RESUME = """Wei Zhang 张伟
Data Engineer
wei.zhang@example.cn | +86 139 5712 0000

EXPERIENCE
Harbour Ledger Analytics | Data Engineer | 2019 - Present
- Moved the nightly reports to Kubernetes.

SKILLS
Postgres, Google Cloud, Phlebotomy
"""

REFEREE = """Lin Qiao
Analyst
lin.qiao@example.cn

EXPERIENCE
Riverbank Data | Analyst | 2018 - Present
- Worked with a colleague, 张伟, on the reporting jobs.

SKILLS
Excel
"""


def _parsed(recruiter, name: str, text: str) -> Candidate:
    resume = resume_upload(actor=recruiter, filename=name, data=text.encode()).resume
    parse_resume_task(resume.pk)
    resume.refresh_from_db()
    assert resume.status == "parsed", resume.failure_reason
    return resume.candidate


def _names(client, **params) -> list[str]:
    return [c.full_name for c in client.get(URL, params).context["rows"]]


@pytest.mark.django_db(transaction=True)
def test_the_other_form_of_a_name_and_printed_skills_are_kept_and_found(recruiter, recruiter_client):
    wei = _parsed(recruiter, "wei.txt", RESUME)
    _parsed(recruiter, "lin.txt", REFEREE)
    profile = wei.resumes.get().parsed
    assert profile["name"] == "Wei Zhang" and profile["name_alternates"] == ["张伟"]
    assert {"skill": "PostgreSQL", "text": "Postgres"} in profile["skill_mentions"]
    assert {"PostgreSQL", "Phlebotomy"} <= set(wei.skills)
    # The other form of the name finds the person first, before a résumé that merely mentions it.
    assert _names(recruiter_client, q="张伟")[0] == "Wei Zhang"
    # The printed form of a skill finds them, in the free text and in the skills filter.
    assert _names(recruiter_client, q="Postgres") == ["Wei Zhang"]
    assert _names(recruiter_client, skills="Postgres") == ["Wei Zhang"]
    assert _names(recruiter_client, skills="Phlebotomy") == ["Wei Zhang"]
    assert _names(recruiter_client, skills="phlebotomy, postgres") == ["Wei Zhang"]


@pytest.mark.django_db(transaction=True)
def test_the_profile_page_shows_listed_skills_apart_from_those_only_prose_names(recruiter, recruiter_client):
    wei = _parsed(recruiter, "wei.txt", RESUME)
    assert "Kubernetes" in wei.skills and wei.resumes.get().parsed["skills_inferred"] == ["Kubernetes"]
    body = recruiter_client.get(reverse("candidates:detail", args=[wei.pk])).content.decode()
    listed, _, inferred = body.split('id="section-skills"')[1].partition("Mentioned in the text")
    assert "Phlebotomy" in listed and "PostgreSQL" in listed and "Kubernetes" not in listed
    assert "Kubernetes" in inferred.split("<h3>Languages</h3>")[0]


@pytest.mark.django_db(transaction=True)
def test_the_profile_page_shows_the_printed_forms_beside_what_we_made_of_them(recruiter, recruiter_client):
    wei = _parsed(recruiter, "wei.txt", RESUME)
    body = recruiter_client.get(reverse("candidates:detail", args=[wei.pk])).content.decode()
    assert 'Also written <span class="name-alternate">张伟</span>' in body
    skills = body.split('id="section-skills"')[1].split("</section>")[0]
    assert "PostgreSQL <span class=\"tag-printed\">printed “Postgres”</span>" in skills
    assert "Phlebotomy</span>" in skills and "printed “Phlebotomy”" not in skills  # printed as named: nothing to add
