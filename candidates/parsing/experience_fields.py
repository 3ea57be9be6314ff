"""Fields of a job entry that are neither employer nor title, and the checks run on the entries
once they are all read.

* Employment type ("Full-time", "Internship", "全职") is a field of its own, not part of the
  company or the title.
* "(as Quill Data)" after an employer is the name the candidate worked under: kept apart.
* A group heading ("Acme  2014 – 2022") above sub-units with their own ranges makes each role
  "Acme", with the sub-unit kept as ``unit``.
* An entry whose company or title is a sentence fragment was made from a wrapped description
  line: it is never an entry; its text goes back to the entry before it.
"""

from __future__ import annotations

import re
from typing import Any

EMPLOYMENT_TYPE = re.compile(
    r"(?i)^(?:full[- ]?time|part[- ]?time|contract|fixed[- ]term(?: contract)?|freelance|internship|temporary|"
    r"permanent|self[- ]employed|seasonal|apprenticeship|casual|全职|兼职|实习|合同工|外包)$")
ALIAS = re.compile(r"\s*[(（]\s*(?:as|trading as|t/a|d/b/a|dba|now|formerly|previously)\s+([^()（）]{2,60})[)）]\s*$",
                    re.IGNORECASE)

# Clause-like endings and verb phrases (the same judgement as the fixture scorer's precision check).
_LEGAL_DOT = re.compile(r"(?:\b[A-Z][A-Za-z]{0,3}|\b(?:[A-Za-z]\.){1,3}[A-Za-z])\.$")
_VERB_PHRASE = re.compile(r"(?i)\b[a-z]{3,}(?:ed|ing)\s+(?:the|a|an|our|their|its|his|her|my|new|over|into)\b"
                          r"|^(?:i|we|they|he|she|it)\s+\w")


def take_employment_type(parts: list[str]) -> tuple[list[str], str | None]:
    """"Harbourline Freight · Internship": the type leaves the parts when another field is beside it
    (a line that only says "Internship" may be the title)."""
    if len(parts) < 2:
        return parts, None
    for p in parts:
        if EMPLOYMENT_TYPE.match(p.strip(" ()（）")):
            return [q for q in parts if q is not p], p.strip(" ()（）")
    return parts, None


def split_alias(company: str) -> tuple[str, str | None]:
    """"Quillfeather Analytics (as Quill Data)" → ("Quillfeather Analytics", "Quill Data")."""
    m = ALIAS.search(company)
    if not m or not company[: m.start()].strip():
        return company, None
    return company[: m.start()].strip(), m.group(1).strip()


def is_fragment(text: str | None) -> bool:
    """A piece of a sentence, not a name or a title: it ends like a clause, starts in lower case,
    runs over eight words or holds a verb phrase."""
    if not text:
        return False
    t = text.strip()
    if re.search(r"[.,;]$", t) and not _LEGAL_DOT.search(t):
        return True
    if t[:1].isascii() and t[:1].isalpha() and t[:1].islower():
        return True
    return len(t.split()) > 8 or bool(_VERB_PHRASE.search(t))


Entry = tuple[dict[str, Any], dict[str, dict]]


def _drop_fragments(entries: list[Entry]) -> list[Entry]:
    out: list[Entry] = []
    for e, p in entries:
        for k in ("company", "title"):
            if is_fragment(e[k]):
                e[k] = None
                p.pop(k, None)
        undated_repeat = bool(out) and not e["title"] and not e["start"] and not e["end"] \
            and e["company"] == out[-1][0]["company"]
        if (not e["company"] and not e["title"] and out) or undated_repeat:
            # A wrapped description line read as a header (its company only copied from the role
            # above): its text belongs to the job before it.
            out[-1][0]["highlights"].extend(e["highlights"])
            continue
        out.append((e, p))
    return out


def range_within(inner: dict[str, Any], outer: dict[str, Any]) -> bool:
    if not (inner["start"] and outer["start"] and outer["end"]):
        return False
    end = inner["end"] or "present"
    lo, hi = outer["start"], outer["end"]
    return inner["start"][:4] >= lo[:4] and (hi == "present" or (end != "present" and end[:4] <= hi[:4]))


def regroup(entries: list[Entry]) -> list[Entry]:
    """Group headings out, sub-units kept, fragments dropped."""
    kept: list[Entry] = []
    for i, (e, p) in enumerate(entries):
        if e["company"]:
            e["company"], alias = split_alias(e["company"])
            e["company_alias"] = e.get("company_alias") or alias
        nxt = entries[i + 1][0] if i + 1 < len(entries) else None
        group = not e["title"] and not e["highlights"] and nxt is not None and nxt["title"]
        if group and nxt["company"] == e["company"]:
            continue  # "Microsoft (2012 – 2017)" above its roles is a group heading, not a role
        if group and e["company"] and range_within(nxt, e):
            # "Acme 2014–2022" / "Data Platform Group 2018–2022" / "Lead": the roles are Acme's.
            for f, q in entries[i + 1:]:
                if not range_within(f, e):
                    break
                if f["company"] and f["company"] != e["company"] and not f.get("unit"):
                    f["unit"] = f["company"]
                f["company"] = e["company"]
                if "company" in p:
                    q["company"] = dict(p["company"], confidence=0.7)
            continue
        kept.append((e, p))
    return _drop_fragments(kept)
