"""How a person is recognised again: e-mails, phones and names in the one form every match compares.

The résumé writer matches a new résumé to a candidate with these, and the duplicate finder and the
merge compare records with them, so all of them see the same person the same way.
"""
from __future__ import annotations

import re


def normalise_email(email: str) -> str:
    return email.strip().lower()


def phone_key(phone: str) -> str:
    """Digits only, keeping a leading + (the parser gives E.164 where it can): how phones are
    stored and matched."""
    digits = re.sub(r"\D", "", phone)
    return f"+{digits}" if phone.strip().startswith("+") else digits


def _name_key(name: str) -> str:
    return " ".join(sorted(re.sub(r"[^\w\s]", " ", name.casefold()).split()))


def names_agree(a: str, b: str) -> bool:
    """Unknown names agree with anything; otherwise the same words in any order."""
    return not a or not b or _name_key(a) == _name_key(b)
