"""Keeping the search document current: every edit, merge and parse reindexes its candidates."""
from __future__ import annotations

from django.db import connection

from candidates.search.tsquery import CONFIG

RESUME_TEXT_LIMIT = 100_000  # characters of each résumé indexed (to_tsvector caps at 1 MB anyway)

# What the résumés printed beside what the profile keeps: the other written forms of the name
# ("张伟" beside "Wei Zhang") weigh as the name, and the printed forms of skills ("Postgres" for
# PostgreSQL) as the skills, unless a recruiter has corrected the skills.
_NAME_ALTERNATES = """(SELECT string_agg(a, ' ') FROM candidates_resume r,
            jsonb_array_elements_text(CASE WHEN jsonb_typeof(r.parsed->'name_alternates') = 'array'
                                           THEN r.parsed->'name_alternates' ELSE '[]' END) a
        WHERE r.candidate_id = c.id)"""
_PRINTED_SKILLS = """(SELECT string_agg(m->>'text', ' ') FROM candidates_resume r,
            jsonb_array_elements(CASE WHEN jsonb_typeof(r.parsed->'skill_mentions') = 'array'
                                      THEN r.parsed->'skill_mentions' ELSE '[]' END) m
        WHERE r.candidate_id = c.id AND NOT 'skills' = ANY(c.corrected_fields))"""

_DOCUMENT_SQL = f"""
UPDATE candidates_candidate AS c SET search_document =
    setweight(to_tsvector('{CONFIG}', ats_cjk_bigrams(concat_ws(' ', c.full_name, array_to_string(c.emails, ' '),
        {_NAME_ALTERNATES}))), 'A')
 || setweight(to_tsvector('{CONFIG}', ats_cjk_bigrams(concat_ws(' ', c.headline, array_to_string(c.skills, ' '),
        {_PRINTED_SKILLS},
        (SELECT string_agg(e.title, ' ') FROM candidates_experience e WHERE e.candidate_id = c.id)))), 'B')
 || setweight(to_tsvector('{CONFIG}', ats_cjk_bigrams(concat_ws(' ', c.location, array_to_string(c.languages, ' '),
        (SELECT string_agg(e.company, ' ') FROM candidates_experience e WHERE e.candidate_id = c.id),
        (SELECT string_agg(concat_ws(' ', ed.institution, ed.degree, ed.field), ' ')
           FROM candidates_education ed WHERE ed.candidate_id = c.id)))), 'C')
 || setweight(to_tsvector('{CONFIG}', ats_cjk_bigrams(concat_ws(' ', c.summary,
        (SELECT string_agg(array_to_string(e.highlights, ' '), ' ') FROM candidates_experience e WHERE e.candidate_id = c.id),
        (SELECT string_agg(left(r.text, {RESUME_TEXT_LIMIT}), ' ') FROM candidates_resume r WHERE r.candidate_id = c.id)))), 'D')
"""


def candidate_reindex(candidate_ids: list[int]) -> None:
    """Recompute the search document of these candidates (name and its other written forms A;
    headline, titles, skills and their printed forms B; companies, schools, location C; summary and
    résumé text D). Idempotent, one UPDATE."""
    ids = [int(i) for i in candidate_ids]
    if not ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(_DOCUMENT_SQL + " WHERE c.id = ANY(%s)", [ids])


def candidate_reindex_range(first_id: int, last_id: int) -> int:
    """Reindex every candidate with first_id <= id <= last_id; returns rows updated (for batches)."""
    with connection.cursor() as cursor:
        cursor.execute(_DOCUMENT_SQL + " WHERE c.id BETWEEN %s AND %s", [first_id, last_id])
        return cursor.rowcount

