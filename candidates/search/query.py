"""What a recruiter typed, as terms. Pure Python: no SQL, no Django.

The query language is what people type into search boxes elsewhere:
    python django          both words (AND)
    "machine learning"     a phrase
    go OR rust             either (OR binds two neighbouring terms, like websearch_to_tsquery)
    -java  NOT java        exclusion
    机器学习                 Chinese: matched as overlapping bigrams (机器 <-> 器学 <-> 学习)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_TERMS = 16  # a query longer than this is almost certainly pasted text: keep it cheap


@dataclass(frozen=True)
class Term:
    text: str
    negated: bool = False
    phrase: bool = False


@dataclass
class ParsedQuery:
    """AND of groups; each group is an OR of terms."""

    groups: list[list[Term]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def is_plain(self) -> bool:
        """Plain words only (no phrase, OR or NOT): worth a fuzzy name match as well."""
        return all(len(g) == 1 and not g[0].negated and not g[0].phrase for g in self.groups)

    @property
    def positive_texts(self) -> list[str]:
        return [t.text for g in self.groups for t in g if not t.negated]


_TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')


# Characters that mean nothing to us but would be operators in tsquery syntax or noise.
_STRIP_RE = re.compile(r"[&|!():*<>\\'\"]+")


def parse_query(raw: str) -> ParsedQuery:
    """Turn what the recruiter typed into groups of terms; never raises."""
    query = ParsedQuery()
    pending_or = False
    negate_next = False
    count = 0
    for match in _TOKEN_RE.finditer(raw or ""):
        if count >= MAX_TERMS:
            break
        minus, quoted, word = match.groups()
        if quoted is not None:
            text, phrase, negated = _STRIP_RE.sub(" ", quoted).strip(), True, bool(minus)
        else:
            if word in ("OR", "|"):
                pending_or = bool(query.groups)
                continue
            if word in ("NOT", "AND", "&"):
                negate_next = word == "NOT"
                continue
            negated = word.startswith("-") and len(word) > 1
            text, phrase = _STRIP_RE.sub(" ", word.lstrip("-") if negated else word).strip(), False
            text = text.strip("-")
        negated = negated or negate_next
        negate_next = False
        if not text:
            pending_or = False
            continue
        term = Term(text=" ".join(text.split()), negated=negated, phrase=phrase)
        count += 1
        if pending_or:
            query.groups[-1].append(term)
        else:
            query.groups.append([term])
        pending_or = False
    # A query made only of exclusions matches nothing useful; treat it as no query.
    if query.groups and all(t.negated for g in query.groups for t in g):
        return ParsedQuery()
    return query
