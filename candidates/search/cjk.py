"""Chinese and Japanese in full-text search: runs of CJK characters indexed and queried as bigrams.

PostgreSQL's default parser reads a whole run of CJK characters as one token, so "机器学习工程师"
could only be found by typing exactly that. The search document is built with the SQL function
`ats_cjk_bigrams`, which rewrites every CJK run into overlapping bigrams ("机器 器学 学习 …"), and
queries get the same rewriting in Python (`cjk_bigrams`) and are searched as a phrase.

Both are made from one character class, the parser's (`candidates.parsing.textutil.CJK_CLASS`):
the SQL function is generated here and (re)created by a migration, and a test feeds the same texts
to both and checks they agree.
"""
from __future__ import annotations

import re

from candidates.parsing.textutil import CJK_CLASS

CJK_RUN_RE = re.compile(f"[{CJK_CLASS}]+")


def cjk_bigrams(text: str) -> str:
    """Rewrite every CJK run into space-separated overlapping bigrams (as ats_cjk_bigrams does)."""

    def bigrams(match: re.Match[str]) -> str:
        run = match.group(0)
        if len(run) == 1:
            return f" {run} "
        return " " + " ".join(run[i : i + 2] for i in range(len(run) - 1)) + " "

    return CJK_RUN_RE.sub(bigrams, text)


def bigrams_function_sql() -> str:
    """CREATE OR REPLACE of `ats_cjk_bigrams(text)`, the SQL twin of cjk_bigrams()."""
    cjk = f"[{CJK_CLASS}]"
    return f"""
CREATE OR REPLACE FUNCTION ats_cjk_bigrams(input text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN input !~ '{cjk}' THEN input ELSE (
    SELECT coalesce(string_agg(
      CASE WHEN r.part[1] ~ '^{cjk}+$' THEN
        ' ' || CASE WHEN length(r.part[1]) = 1 THEN r.part[1] ELSE (
          SELECT string_agg(substr(r.part[1], i, 2), ' ' ORDER BY i)
          FROM generate_series(1, length(r.part[1]) - 1) AS i
        ) END || ' '
      ELSE r.part[1] END, '' ORDER BY r.n), '')
    FROM regexp_matches(input, '{cjk}+|[^{CJK_CLASS}]+', 'g')
      WITH ORDINALITY AS r(part, n)
  ) END
$$;
"""
