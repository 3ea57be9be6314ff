"""Candidate search: the query language, ranking, fuzzy names, Chinese, filters and permissions."""
from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidates.models import Candidate, Education, Experience
from candidates import selectors as candidate_selectors
from candidates.apps import NAME_SIMILARITY
from candidates.search.models import CandidateName, DistinctName
from candidates.services import candidate_delete
from candidates.search.cjk import cjk_bigrams
from candidates.search.query import Term, parse_query
from candidates.search.services import candidate_reindex
from candidates.search.tsquery import tsquery_sql
from tests import factories

URL = reverse("candidates:list")


def tsquery_text(raw: str) -> str:
    sql, params = tsquery_sql(parse_query(raw))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql}::text", params)
        return cursor.fetchone()[0]


# --- Parser ------------------------------------------------------------------------------------

def test_parser_splits_words_into_and_groups():
    assert parse_query("python django").groups == [[Term("python")], [Term("django")]]


def test_parser_keeps_quoted_phrases_together():
    assert parse_query('"machine learning" go').groups == [[Term("machine learning", phrase=True)], [Term("go")]]


def test_parser_or_joins_neighbouring_terms():
    assert parse_query("go OR rust kafka").groups == [[Term("go"), Term("rust")], [Term("kafka")]]


def test_parser_minus_and_not_exclude():
    assert parse_query("python -java NOT php").groups == [
        [Term("python")], [Term("java", negated=True)], [Term("php", negated=True)]
    ]
    assert parse_query('python -"project manager"').groups[1] == [Term("project manager", negated=True, phrase=True)]


def test_parser_only_exclusions_is_no_query():
    assert parse_query("-java NOT php").is_empty


def test_cjk_runs_become_overlapping_bigrams():
    assert cjk_bigrams("机器学习").split() == ["机器", "器学", "学习"]
    assert cjk_bigrams("Python开发").split() == ["Python", "开发"]


@pytest.mark.django_db
def test_tsquery_for_phrases_or_and_not():
    assert tsquery_text('"machine learning" python') == "'machin' <-> 'learn' & 'python'"
    assert tsquery_text("go OR rust") == "'go' | 'rust'"
    assert tsquery_text("python -java") == "'python' & !'java'"


@pytest.mark.django_db
def test_tsquery_for_chinese_is_a_bigram_phrase():
    assert tsquery_text("机器学习") == "'机器' <-> '器学' <-> '学习'"
    assert tsquery_text("王") == "'王':*"


@pytest.mark.django_db
@pytest.mark.parametrize("raw", ["a & | ! ( :*", "'); drop table x; --", "python:* & !", "!!(", "\\", '"unclosed', "OR OR -", "::"])
def test_injection_like_input_never_breaks_the_query(raw, recruiter_client):
    tsquery_text(raw)  # no syntax error
    assert recruiter_client.get(URL, {"q": raw}).status_code == 200


# --- Search results -----------------------------------------------------------------------------

@pytest.fixture
def pool(recruiter):
    def make(name: str, **fields):
        candidate = factories.make_candidate(actor=recruiter, name=name, **fields)
        candidate_reindex([candidate.pk])
        return candidate

    return make


def names(response) -> list[str]:
    return [c.full_name for c in response.context["rows"]]


@pytest.mark.django_db
def test_ranking_puts_name_and_title_matches_before_resume_mentions(recruiter_client, pool):
    mention = pool("Avery Underhill", headline="Accountant", summary="Once met a kubernetes person")
    title = pool("Rowan Greenvale", headline="Kubernetes platform engineer", skills=["Kubernetes"])
    response = recruiter_client.get(URL, {"q": "kubernetes"})
    assert names(response) == [title.full_name, mention.full_name]


@pytest.mark.django_db
def test_experience_companies_and_schools_are_searchable(recruiter_client, pool):
    candidate = pool("Freya Northcott")
    Experience.objects.create(candidate=candidate, company="Kestrel Aerospace", title="Flight software lead")
    Education.objects.create(candidate=candidate, institution="Harbour City University")
    candidate_reindex([candidate.pk])
    assert names(recruiter_client.get(URL, {"q": "kestrel"})) == ["Freya Northcott"]
    assert names(recruiter_client.get(URL, {"q": '"harbour city"'})) == ["Freya Northcott"]
    assert names(recruiter_client.get(URL, {"q": "flight -kestrel"})) == []


@pytest.mark.django_db
def test_misspelled_name_still_matches(recruiter_client, pool):
    pool("Jordan Merriweather")
    pool("Casey Thistlewood")
    assert names(recruiter_client.get(URL, {"q": "Jordan Meriwether"})) == ["Jordan Merriweather"]


@pytest.mark.django_db
def test_a_typo_in_a_short_name_word_still_matches_and_namesakes_do_not_crowd_it_out(recruiter_client, pool):
    pool("Oskar Thistlewood")
    pool("Oskar Brandvold")  # shares only the first name: not offered for a two-word name
    assert names(recruiter_client.get(URL, {"q": "Oscar Thistlewod"})) == ["Oskar Thistlewood"]
    assert names(recruiter_client.get(URL, {"q": "Thistlewod"})) == ["Oskar Thistlewood"]


@pytest.mark.django_db
def test_the_name_table_follows_every_insert_rename_and_delete(recruiter):
    first = factories.make_candidate(actor=recruiter, name="Ilse Vandermolen")
    second = factories.make_candidate(actor=recruiter, name="Tomasz Quillfeather")
    names_now = lambda: dict(CandidateName.objects.values_list("candidate_id", "full_name"))  # noqa: E731
    assert names_now() == {first.pk: "Ilse Vandermolen", second.pk: "Tomasz Quillfeather"}
    Candidate.objects.filter(pk=first.pk).update(full_name="Ilse van der Molen")
    Candidate.objects.filter(pk=second.pk).update(headline="Welder")  # no rename: the copy stays
    assert names_now() == {first.pk: "Ilse van der Molen", second.pk: "Tomasz Quillfeather"}
    candidate_delete(actor=recruiter, candidate=second)
    assert names_now() == {first.pk: "Ilse van der Molen"}


@pytest.mark.django_db
def test_each_spelling_is_kept_once_with_its_holders_and_goes_with_the_last(recruiter):
    spellings = lambda: dict(DistinctName.objects.values_list("full_name", "holders"))  # noqa: E731
    first, second = (factories.make_candidate(actor=recruiter, name="Harper Kingsley") for _ in range(2))
    third = factories.make_candidate(actor=recruiter, name="Harper Kingsly")
    assert spellings() == {"Harper Kingsley": 2, "Harper Kingsly": 1}
    Candidate.objects.filter(pk__in=[second.pk, third.pk]).update(full_name="Harper Kingsley-Moss")
    assert spellings() == {"Harper Kingsley": 1, "Harper Kingsley-Moss": 2}
    Candidate.objects.filter(pk=first.pk).update(headline="Welder")  # no rename: nothing moves
    candidate_delete(actor=recruiter, candidate=first)
    candidate_delete(actor=recruiter, candidate=second)
    assert spellings() == {"Harper Kingsley-Moss": 1}


@pytest.mark.django_db
def test_a_name_held_by_many_gives_its_newest_holders_closest_spelling_first(recruiter, monkeypatch):
    """Spellings are ranked, then each one's holders are read newest first, up to NAME_MATCHES
    (and a quarter of it for the longest word alone): the bound holds however many share a name."""
    monkeypatch.setattr(candidate_selectors, "NAME_MATCHES", 8)
    namesakes = [factories.make_candidate(actor=recruiter, name="Harper Kingsley").pk for _ in range(10)]
    typo = factories.make_candidate(actor=recruiter, name="Harper Kingsly").pk
    factories.make_candidate(actor=recruiter, name="Rowan Kingsley")  # shares only the surname
    factories.make_candidate(actor=recruiter, name="Tomasz Quillfeather")

    def ids(name: str, **kwargs) -> list[int]:
        sql, params = candidate_selectors.candidate_ids_named_like(name, **kwargs)
        if not sql:
            return []
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [candidate_id for (candidate_id,) in cursor.fetchall()]

    # Duplicate suggestions' similarity: the eight closest, in order: the namesakes, newest first.
    assert ids("Harper Kingsley", above=NAME_SIMILARITY) == sorted(namesakes, reverse=True)[:8]
    # A search: the closest eight, plus up to two by the longest word alone (any spelling like it).
    found = ids("Harper Kingsley")
    assert set(sorted(namesakes, reverse=True)[:8]) <= set(found) and len(found) <= 10
    assert ids("Harper Kingsli", above=NAME_SIMILARITY)[0] == typo  # the closest spelling first
    assert typo in ids("Harper Kingsly")
    assert ids("Quentin Zebulon", above=NAME_SIMILARITY) == [] and ids("   ") == []


@pytest.mark.django_db
def test_chinese_text_is_searchable_by_part_of_a_sentence(recruiter_client, pool):
    pool("王子涵", headline="资深机器学习工程师", summary="负责推荐系统和数据平台")
    pool("李浩然", headline="前端开发工程师")
    assert names(recruiter_client.get(URL, {"q": "机器学习"})) == ["王子涵"]
    assert names(recruiter_client.get(URL, {"q": "推荐系统"})) == ["王子涵"]
    assert sorted(names(recruiter_client.get(URL, {"q": "工程师"}))) == ["李浩然", "王子涵"]
    assert names(recruiter_client.get(URL, {"q": "王"})) == ["王子涵"]
    response = recruiter_client.get(URL, {"q": "推荐系统"})
    assert "<mark>推荐系统</mark>" in response.content.decode()


@pytest.mark.django_db
def test_snippets_highlight_matches_and_escape_html(recruiter_client, pool):
    pool("Priya Ravensworth", summary="Built <script>alert(1)</script> pipelines with Kafka streams")
    body = recruiter_client.get(URL, {"q": "kafka"}).content.decode()
    assert "<mark>Kafka</mark>" in body
    assert "<script>alert(1)" not in body


@pytest.mark.django_db
def test_skill_filter_all_and_any(recruiter_client, pool):
    pool("Both Skills", skills=["Go", "Kubernetes"])
    pool("Only Go", skills=["Go"])
    assert names(recruiter_client.get(URL, {"skills": "go, kubernetes"})) == ["Both Skills"]
    got = names(recruiter_client.get(URL, {"skills": "Go, Kubernetes", "skills_mode": "any"}))
    assert sorted(got) == ["Both Skills", "Only Go"]


@pytest.mark.django_db
def test_filters_by_job_stage_tag_source_location_and_activity(recruiter, recruiter_client, pool, job_a):
    in_job = pool("In Job", location="Berlin", source="referral")
    shortlisted = pool("Short Listed", location="London")
    factories.make_application(job=job_a, candidate=in_job, actor=recruiter)
    factories.make_application(job=job_a, candidate=shortlisted, actor=recruiter, kind="shortlist")
    from candidates.services import candidate_tag_add

    candidate_tag_add(actor=recruiter, candidate=shortlisted, name="golang")
    shortlist = factories.stage_of(job_a, "shortlist")
    assert sorted(names(recruiter_client.get(URL, {"job": job_a.pk}))) == ["In Job", "Short Listed"]
    assert names(recruiter_client.get(URL, {"job": job_a.pk, "stage": shortlist.pk})) == ["Short Listed"]
    assert names(recruiter_client.get(URL, {"tag": "golang"})) == ["Short Listed"]
    assert names(recruiter_client.get(URL, {"source": "referral"})) == ["In Job"]
    assert names(recruiter_client.get(URL, {"location": "berl"})) == ["In Job"]
    assert len(names(recruiter_client.get(URL, {"active_within": "7"}))) == 2


@pytest.mark.django_db
def test_query_and_filters_are_kept_in_the_url_and_the_form(recruiter_client, pool):
    pool("Kofi Fairbanks", skills=["Rust"])
    body = recruiter_client.get(URL, {"q": "kofi", "skills": "Rust"}).content.decode()
    assert 'value="kofi"' in body and 'value="Rust"' in body
    assert "q=kofi&amp;skills=Rust" in body  # the save-search form keeps the query string


@pytest.mark.django_db
def test_hiring_manager_gets_404_on_search(manager_a_client):
    assert manager_a_client.get(URL).status_code == 404


@pytest.mark.django_db
def test_merged_candidates_are_hidden_from_search(recruiter_client, pool):
    kept, merged = pool("Nadia Whitlock"), pool("Nadia Whitlock")
    merged.merged_into = kept
    merged.save()
    assert len(names(recruiter_client.get(URL, {"q": "whitlock"}))) == 1


@pytest.mark.django_db
def test_search_query_count_is_the_same_at_10_and_1000_rows_and_counts_are_capped(recruiter, recruiter_client):
    from django.core.management import call_command

    searches = [{}, {"q": "engineer"}, {"q": "Jordan Merriwether"}, {"skills": "Python", "sort": "recent"}]
    factories.make_candidate(actor=recruiter, name="Jordan Merriweather", headline="Engineer", skills=["Python"])
    call_command("seed_demo", candidates=10, jobs=3, applications=10, add=True, verbosity=0)
    call_command("reindex_candidates", verbosity=0)
    small = []
    for params in searches:
        with CaptureQueriesContext(connection) as captured:
            assert recruiter_client.get(URL, params).status_code == 200
        small.append(len(captured))
    call_command("seed_demo", candidates=1000, jobs=3, applications=500, add=True, seed=9, verbosity=0)
    call_command("reindex_candidates", verbosity=0)
    large = []
    for params in searches:
        with CaptureQueriesContext(connection) as captured:
            response = recruiter_client.get(URL, params)
        large.append(len(captured))
    # "engineer" has fewer than FUZZY_BELOW hits among 11 candidates, so there it also looks for a
    # misspelled name: one query more, whatever the number of rows.
    assert small == [large[0], large[1] + 1, large[2], large[3]] and max(small) < 15
    # 1,011 candidates: the count stops at the cap and the page says so.
    response = recruiter_client.get(URL)
    assert response.context["page"].paginator.is_capped
    assert "More than 1000 candidates" in response.content.decode()


@pytest.mark.django_db
def test_reindexing_an_id_range_recomputes_those_documents_only(recruiter):
    from candidates.search.services import candidate_reindex_range

    first, second = factories.make_candidate(actor=recruiter), factories.make_candidate(actor=recruiter)
    Candidate.objects.filter(pk__in=[first.pk, second.pk]).update(search_document=None)
    assert candidate_reindex_range(first.pk, first.pk) == 1
    assert Candidate.objects.get(pk=first.pk).search_document and Candidate.objects.get(pk=second.pk).search_document is None
