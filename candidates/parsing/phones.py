"""Phone numbers, read and written by Google's libphonenumber rules (the `phonenumbers` package):
the one normalisation behind how phones are stored, matched between résumés, and shown."""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat


def parse_phone(raw: str, region: str | None = None) -> phonenumbers.PhoneNumber | None:
    """The number `raw` writes, with `region` (ISO 3166 code) for one written without its country
    code; None when it is not a possible phone number."""
    try:
        number = phonenumbers.parse(raw, (region or "").upper() or None)
    except NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


def to_e164(raw: str, region: str | None = None) -> str | None:
    number = parse_phone(raw, region)
    return phonenumbers.format_number(number, PhoneNumberFormat.E164) if number is not None else None


def phone_key(raw: str, region: str | None = None) -> str:
    """How a phone is stored and matched: E.164 when the number can be read, else its digits (with
    a leading + kept), so two spellings of one number are one key."""
    e164 = to_e164(raw, region)
    if e164:
        return e164
    digits = re.sub(r"\D", "", raw)
    return f"+{digits}" if raw.strip().startswith("+") else digits


def phone_display(stored: str, region: str | None = None) -> str:
    """A stored phone as people read it: national format when it is a number of `region` (the
    candidate's country), international otherwise; as stored when it cannot be read."""
    number = parse_phone(stored, region)
    if number is None:
        return stored
    same_country = region and phonenumbers.region_code_for_number(number) == region.upper()
    return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL if same_country else PhoneNumberFormat.INTERNATIONAL)


def region_of(stored: str) -> str | None:
    """The ISO country code of a stored number, when it says (E.164 does)."""
    number = parse_phone(stored)
    return phonenumbers.region_code_for_number(number) if number is not None else None
