"""One phone normalisation for storing, matching and showing numbers (libphonenumber's rules)."""
from __future__ import annotations

import pytest

from candidates.identity import (
    candidate_region,
    names_agree,
    normalise_email,
    phone_key,
)
from candidates.models import Candidate
from candidates.parsing.phones import phone_display, to_e164


@pytest.mark.parametrize(("written", "key"), [
    ("+1 (415) 555-0142", "+14155550142"),
    ("+44 20 7946 0732", "+442079460732"),
    ("+86 139 5712 6048", "+8613957126048"),
    ("020 7946 0732", "02079460732"),  # no country written: digits, as before
    ("ext. none", ""),
])
def test_phone_keys(written, key):
    assert phone_key(written) == key


def test_a_national_number_becomes_e164_with_its_country():
    assert to_e164("020 7946 0732", "GB") == "+442079460732" and to_e164("512-555-0186", "US") == "+15125550186"
    assert phone_key("020 7946 0732", "GB") == phone_key("+44 20 7946 0732")


@pytest.mark.parametrize(("location", "numbers", "region"), [
    ("London, UK", [], "GB"), ("Austin, TX", [], "US"), ("Toronto, ON", [], "CA"), ("上海", [], "CN"),
    ("Lyon, France", [], "FR"), ("", ["+33612345678"], "FR"), ("Somewhere", [], None),
])
def test_the_candidates_country_comes_from_the_location_then_the_numbers(location, numbers, region):
    assert candidate_region(location, numbers) == region


def test_phones_show_national_at_home_and_international_abroad():
    assert phone_display("+14155550142", "US") == "(415) 555-0142"
    assert phone_display("+442079460732", "US") == "+44 20 7946 0732"
    assert phone_display("12345", "US") == "12345"  # not a number: as stored
    candidate = Candidate(location="San Francisco, CA", phones=["+14155550142", "+442079460732"])
    assert candidate.display_phones == [("+14155550142", "(415) 555-0142"), ("+442079460732", "+44 20 7946 0732")]


def test_emails_and_names():
    assert normalise_email("  Ada@Example.COM ") == "ada@example.com"
    assert names_agree("Ada Person", "person ada") and names_agree("", "Anyone") and not names_agree("Ada", "Bob")
