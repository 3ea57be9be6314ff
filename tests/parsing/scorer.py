"""Compare parser output with fixtures/expected.json and report per-field accuracy.

    .venv/bin/python tests/parsing/scorer.py            # table for the committed fixtures
    .venv/bin/python tests/parsing/scorer.py -v         # plus every mismatch
    .venv/bin/python tests/parsing/scorer.py DIR        # another folder holding expected.json

Scalar fields score 1/0 per document (case- and space-insensitive); list fields
(emails, phones, links, languages) score the fraction of expected items found;
skills report precision and recall; education/experience entries are matched
in order and each sub-field scores 1/0.  ``experience.precision`` and
``education.precision`` are the share of predicted entries that are not invented
from a wrapped description line: an entry whose company, title or institution is
a sentence fragment (see :func:`is_fragment`) counts as an error, so inventing an
entry costs as much as missing one.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from candidates.parsing import ParseError, parse  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def norm(v: Any) -> str:
    if v is None:
        return ""
    s = unicodedata.normalize("NFKC", str(v)).casefold()
    s = re.sub(r"^https?://(www\.)?", "", s).rstrip("/")
    return re.sub(r"[\s.,·]+", " ", s).strip()


def _list_recall(exp: list[Any], got: list[Any]) -> float:
    if not exp:
        return 1.0 if not got else 0.0
    g = {norm(x) for x in got}
    return sum(1 for x in exp if norm(x) in g) / len(exp)


# "Acme Inc.", "Lombarda S.p.A.", "Tejo Digital, Lda.": an abbreviated legal form, not a full stop.
_LEGAL_DOT = re.compile(r"(?:\b[A-Z][A-Za-z]{0,3}|\b(?:[A-Za-z]\.){1,3}[A-Za-z])\.$")
_VERB_PHRASE = re.compile(r"(?i)\b[a-z]{3,}(?:ed|ing)\s+(?:the|a|an|our|their|its|his|her|my|new|over|into)\b"
                          r"|^(?:i|we|they|he|she|it)\s+\w")


def is_fragment(text: Any) -> bool:
    """Is this entry field a piece of a sentence (a wrapped description line) rather than a name or
    a title?  It ends like a clause (". ," but not "Inc."), starts in lower case, runs over eight
    words, or holds a verb phrase ("reduced the", "leading a")."""
    if not text:
        return False
    t = unicodedata.normalize("NFKC", str(text)).strip()
    if re.search(r"[.,;]$", t) and not _LEGAL_DOT.search(t):
        return True
    if t[:1].isalpha() and t[:1].islower() and t[:1].isascii():
        return True
    return len(t.split()) > 8 or bool(_VERB_PHRASE.search(t))


def _precision(entries: list[dict[str, Any]], fields: tuple[str, ...]) -> tuple[float, list[Any]]:
    bad = [e for e in entries if any(is_fragment(e.get(f)) for f in fields)]
    return (1.0 - len(bad) / len(entries) if entries else 1.0), [[e.get(f) for f in fields] for e in bad]


class Tally:
    def __init__(self) -> None:
        self.scores: dict[str, list[float]] = {}
        self.misses: list[str] = []

    def add(self, field: str, score: float, doc: str, exp: Any = None, got: Any = None) -> None:
        self.scores.setdefault(field, []).append(score)
        if score < 1.0:
            self.misses.append(f"{doc}: {field}: expected {exp!r}, got {got!r}")

    def mean(self, field: str) -> float | None:
        s = self.scores.get(field)
        return sum(s) / len(s) if s else None


ENTRY_FIELDS = {
    "education": ["institution", "degree", "field", "start", "end", "gpa"],
    "experience": ["company", "title", "start", "end"],
}


def score_document(name: str, exp: dict[str, Any], got: dict[str, Any], t: Tally) -> None:
    for f in ("name", "headline", "location", "language"):
        if f in exp:
            ok = norm(exp[f]) == norm(got.get(f))
            t.add(f, 1.0 if ok else 0.0, name, exp[f], got.get(f))
    for f in ("emails", "phones", "links", "languages"):
        if f in exp:
            t.add(f, _list_recall(exp[f], got.get(f) or []), name, exp[f], got.get(f))
    if "skills" in exp:
        e = {norm(x) for x in exp["skills"]}
        g = [norm(x) for x in got.get("skills") or []]
        hit = sum(1 for x in g if x in e)
        recall = len(e & set(g)) / len(e) if e else 1.0
        precision = hit / len(g) if g else (1.0 if not e else 0.0)
        t.add("skills.recall", recall, name, sorted(e - set(g)), None)
        t.add("skills.precision", precision, name, None, [x for x in g if x not in e])
    for section, fields in ENTRY_FIELDS.items():
        if section not in exp:
            continue
        exp_entries = exp[section]
        got_entries = got.get(section) or []
        fields_checked = ("company", "title") if section == "experience" else ("institution",)
        prec, bad = _precision(got_entries, fields_checked)
        t.add(f"{section}.precision", prec, name, "no sentence fragments", bad)
        t.add(f"{section}.count", 1.0 if len(exp_entries) == len(got_entries) else 0.0, name,
              len(exp_entries), len(got_entries))
        for i, ee in enumerate(exp_entries):
            ge = got_entries[i] if i < len(got_entries) else {}
            for f in fields:
                if f not in ee:
                    continue
                key = f"{section}.{'dates' if f in ('start', 'end') else f}"
                ok = norm(ee[f]) == norm(ge.get(f))
                t.add(key, 1.0 if ok else 0.0, f"{name}#{i}", ee[f], ge.get(f))


def run(folder: Path = FIXTURES) -> Tally:
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    t = Tally()
    for name, exp in expected.get("documents", {}).items():
        data = (folder / name).read_bytes()
        try:
            got = parse(data, filename=name)
        except ParseError as e:
            got = {}
            t.add("parsed", 0.0, name, "profile", str(e))
        else:
            t.add("parsed", 1.0, name)
        score_document(name, exp, got, t)
    for name, needle in expected.get("bad", {}).items():
        data = (folder / name).read_bytes()
        try:
            parse(data, filename=name)
        except ParseError as e:
            t.add("bad_input_message", 1.0 if needle.lower() in str(e).lower() else 0.0, name, needle, str(e))
        else:
            t.add("bad_input_message", 0.0, name, needle, "no error")
    return t


def table(t: Tally) -> str:
    order = ["parsed", "name", "headline", "emails", "phones", "location", "links", "language",
             "education.count", "education.institution", "education.degree", "education.field", "education.dates",
             "education.gpa", "education.precision", "experience.count", "experience.company", "experience.title",
             "experience.dates", "experience.precision",
             "skills.precision", "skills.recall", "languages", "bad_input_message"]
    rows = [f"{'field':24s} {'score':>6s} {'n':>4s}", "-" * 36]
    for f in order + sorted(set(t.scores) - set(order)):
        m = t.mean(f)
        if m is not None:
            rows.append(f"{f:24s} {m:6.2f} {len(t.scores[f]):4d}")
    return "\n".join(rows)


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("-")]
    folder = Path(args[0]) if args else FIXTURES
    t = run(folder)
    print(table(t))
    if "-v" in argv:
        print("\nMismatches:")
        for m in t.misses:
            print("  " + m)


if __name__ == "__main__":
    main(sys.argv[1:])
