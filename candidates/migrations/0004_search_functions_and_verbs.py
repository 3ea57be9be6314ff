"""SQL helper for indexing Chinese/Japanese text, and activity verbs for undoing merges and bulk actions.

PostgreSQL's default parser reads a whole run of CJK characters as one token, so "机器学习工程师"
could only be found by typing exactly that. `ats_cjk_bigrams` rewrites every CJK run into
overlapping bigrams ("机器 器学 学习 …"); candidates.search applies the same rewriting to queries
and searches the bigrams as a phrase. Keep the character class in sync with search.CJK_CLASS.
"""
from django.db import migrations, models

CJK = "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"

CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION ats_cjk_bigrams(input text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN input !~ '{CJK}' THEN input ELSE (
    SELECT coalesce(string_agg(
      CASE WHEN r.part[1] ~ '^{CJK}+$' THEN
        ' ' || CASE WHEN length(r.part[1]) = 1 THEN r.part[1] ELSE (
          SELECT string_agg(substr(r.part[1], i, 2), ' ' ORDER BY i)
          FROM generate_series(1, length(r.part[1]) - 1) AS i
        ) END || ' '
      ELSE r.part[1] END, '' ORDER BY r.n), '')
    FROM regexp_matches(input, '{CJK}+|[^\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+', 'g')
      WITH ORDINALITY AS r(part, n)
  ) END
$$;
"""


class Migration(migrations.Migration):

    dependencies = [
        ("candidates", "0003_search_lists_merges_uploads"),
    ]

    operations = [
        migrations.RunSQL(CREATE_FUNCTION, reverse_sql="DROP FUNCTION IF EXISTS ats_cjk_bigrams(text);"),
        migrations.AlterField(
            model_name="activity",
            name="verb",
            field=models.CharField(choices=[('candidate_created', 'created the candidate'), ('candidate_edited', 'edited the profile'), ('candidates_merged', 'merged candidates'), ('merge_undone', 'undid a merge'), ('bulk_undone', 'undid a bulk change'), ('resume_uploaded', 'uploaded a résumé'), ('resume_parsed', 'résumé parsed'), ('resume_failed', 'résumé could not be parsed'), ('resume_reparse', 'asked for a re-parse'), ('job_created', 'created the job'), ('job_edited', 'edited the job'), ('job_status', 'changed the job status'), ('application_created', 'added to a job'), ('stage_moved', 'moved to a stage'), ('outcome_set', 'set the outcome'), ('note_added', 'added a note'), ('tags_changed', 'changed tags'), ('review_submitted', 'submitted a review')], max_length=40),
        ),
    ]
