"""Per-field accuracy on the committed fixtures must stay above these floors."""

from __future__ import annotations

import sys
from pathlib import Path

# Self-sufficient even with --noconftest: make the project and this folder importable.
_HERE = Path(__file__).resolve().parent
for _p in (str(_HERE.parents[1]), str(_HERE)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

import pytest  # noqa: E402


@pytest.fixture(scope="module")
def fixtures_dir() -> Path:
    return _HERE / "fixtures"

import pytest
import scorer

FLOORS = {
    "parsed": 1.0,
    "name": 0.9,
    "headline": 0.8,
    "emails": 1.0,
    "phones": 0.9,
    "location": 0.8,
    "links": 0.9,
    "language": 1.0,
    "education.institution": 0.85,
    "education.degree": 0.8,
    "education.dates": 0.85,
    "experience.count": 0.8,
    "experience.company": 0.8,
    "experience.title": 0.8,
    "experience.dates": 0.85,
    # Entries invented from wrapped description lines cost as much as missing ones.
    "experience.precision": 0.95,
    "education.precision": 0.95,
    "skills.precision": 0.8,
    "skills.recall": 0.8,
    "languages": 0.8,
    "bad_input_message": 1.0,
}


@pytest.fixture(scope="module")
def tally() -> scorer.Tally:
    return scorer.run()


@pytest.mark.parametrize("field,floor", sorted(FLOORS.items()))
def test_field_accuracy(tally: scorer.Tally, field: str, floor: float) -> None:
    score = tally.mean(field)
    assert score is not None, f"no data for {field}"
    misses = [m for m in tally.misses if f": {field}" in m or field.split(".")[0] in m]
    assert score >= floor, f"{field}: {score:.2f} < {floor}\n" + "\n".join(misses[:10])


def test_name_is_never_invented(fixtures_dir) -> None:
    from candidates.parsing import parse

    profile = parse((fixtures_dir / "en_no_name.pdf").read_bytes())
    assert profile["name"] is None


def test_sentence_fragments_are_caught_by_the_precision_check() -> None:
    assert scorer.is_fragment("and reduced the backlog by half.")
    assert scorer.is_fragment("Reduced the nightly batch time for forty clients")
    assert scorer.is_fragment("supporting teams,")
    assert not scorer.is_fragment("Lombarda Macchine S.p.A.")
    assert not scorer.is_fragment("Quillfeather Analytics Inc.")
    assert not scorer.is_fragment("Senior Marketing and Sales Manager")
