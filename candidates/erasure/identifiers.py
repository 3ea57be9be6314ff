"""What names a person, and how to take it out of stored data (pure Python: no Django, no I/O).

An erasure collects the person's names, e-mail addresses and phone numbers into `Identifiers`, then
replaces every string in a JSON value that contains one of them with "[erased]" (the whole string:
a cover letter that names them goes, not just the name). Name words match as whole words, case
insensitively ("Ann" never matches "Annual"); phones match on their last nine digits whatever the
formatting ("+44 7700 900123", "07700 900123").
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

ERASED = "[erased]"
MIN_WORD = 3  # shorter name words ("Li", "de") would match too much that is not them
PHONE_DIGITS = 9  # national significant numbers are 9-10 digits; the last nine identify the line


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


@dataclass(frozen=True)
class Identifiers:
    texts: tuple[str, ...]  # lower-cased full names, name words and e-mail addresses
    phones: tuple[str, ...]  # the last PHONE_DIGITS digits of each phone number

    @classmethod
    def of(cls, *, names: Iterable[str], emails: Iterable[str], phones: Iterable[str]) -> "Identifiers":
        texts: set[str] = set()
        for name in names:
            name = " ".join(name.split()).lower()
            if not name:
                continue
            texts.add(name)
            texts.update(word for word in re.split(r"[\s\-'’.,]+", name) if len(word) >= MIN_WORD)
        texts.update(email.strip().lower() for email in emails if email.strip())
        digits = {_digits(phone)[-PHONE_DIGITS:] for phone in phones if len(_digits(phone)) >= PHONE_DIGITS}
        return cls(texts=tuple(sorted(texts)), phones=tuple(sorted(digits)))

    def __bool__(self) -> bool:
        return bool(self.texts or self.phones)

    @cached_property  # built once: it is asked for every string scrubbed and every Redis key scanned
    def pattern(self) -> str:
        """A regular expression matching any text identifier as a whole word: not preceded or
        followed by a letter ("quillon-referral" and "quillon_cv.pdf" match, "Quillons" does not)."""
        return "|".join(rf"(?<![^\W\d_]){re.escape(text)}(?![^\W\d_])" for text in self.texts)

    @property
    def loose_pattern(self) -> str:
        """Any text identifier anywhere (no word boundaries): a superset for a SQL prefilter over
        JSON text, where a newline before a name reads "\\nName"; `matches` then decides."""
        return "|".join(re.escape(text) for text in self.texts)

    @cached_property
    def _compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern)

    def matches(self, value: str) -> bool:
        if self.texts and self._compiled.search(value.lower()):
            return True
        digits = _digits(value)
        return any(phone in digits for phone in self.phones)

    def scrub(self, value: Any) -> Any:
        """`value` (JSON: dicts, lists, strings, numbers) with every string that names them replaced."""
        if isinstance(value, str):
            return ERASED if self.matches(value) else value
        if isinstance(value, dict):
            return {key: self.scrub(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.scrub(item) for item in value]
        return value


# Keys whose values are free text about the person (a cover letter, a reason, a note, edited
# values): in their own history rows these go whatever they say.
FREE_TEXT_KEYS = frozenset({
    "cover_letter", "reason", "note", "body", "comment", "message", "summary", "text", "old", "new",
    "before", "after", "value", "values", "answers", "q", "query", "name", "full_name", "email", "phone",
    "filename", "original_filename", "from_address", "to_address", "subject",
})


def scrub_own(value: Any, identifiers: Identifiers) -> Any:
    """A row about the person (their activity, their audit rows): free-text keys go entirely, and
    anything else that names them."""
    if isinstance(value, dict):
        return {
            key: (ERASED if key in FREE_TEXT_KEYS and item not in (None, "", [], {}) else scrub_own(item, identifiers))
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [scrub_own(item, identifiers) for item in value]
    return identifiers.scrub(value)
