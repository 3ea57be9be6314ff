"""How a person is recognised again: e-mails, phones and names in the one form every match compares.

The résumé writer matches a new résumé to a candidate with these, and the duplicate finder and the
merge compare records with them, so all of them see the same person the same way.
"""
from __future__ import annotations

import re

from django.db import connection

from candidates.parsing import phones
from candidates.parsing.gazetteer import CA_PROVINCES, US_STATE_NAMES, US_STATES
from candidates.parsing.textutil import CJK_RE


def normalise_email(email: str) -> str:
    return email.strip().lower()


# One normalisation of phones for the parser, storage, matching and display (candidates.parsing.phones).
phone_key = phones.phone_key


def _name_key(name: str) -> str:
    return " ".join(sorted(re.sub(r"[^\w\s]", " ", name.casefold()).split()))


def names_agree(a: str, b: str) -> bool:
    """Unknown names agree with anything; otherwise the same words in any order."""
    return not a or not b or _name_key(a) == _name_key(b)


# Where a location says a country: its name (or a usual alias), a US state, a Canadian province or
# a Chinese location. Not a geocoder: enough to show a candidate's own phones in national format.
COUNTRY_CODES = {
    "usa": "US", "us": "US", "u.s.": "US", "united states": "US", "america": "US", "canada": "CA", "mexico": "MX",
    "brazil": "BR", "brasil": "BR", "argentina": "AR", "uk": "GB", "u.k.": "GB", "united kingdom": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "london": "GB", "ireland": "IE", "dublin": "IE", "france": "FR", "paris": "FR",
    "germany": "DE", "deutschland": "DE", "berlin": "DE", "munich": "DE", "spain": "ES", "españa": "ES", "madrid": "ES",
    "portugal": "PT", "lisbon": "PT", "italy": "IT", "italia": "IT", "netherlands": "NL", "amsterdam": "NL",
    "belgium": "BE", "switzerland": "CH", "zurich": "CH", "austria": "AT", "sweden": "SE", "norway": "NO",
    "denmark": "DK", "finland": "FI", "poland": "PL", "india": "IN", "bangalore": "IN", "bengaluru": "IN",
    "mumbai": "IN", "china": "CN", "beijing": "CN", "shanghai": "CN", "shenzhen": "CN", "hong kong": "HK",
    "taiwan": "TW", "japan": "JP", "tokyo": "JP", "korea": "KR", "south korea": "KR", "seoul": "KR",
    "singapore": "SG", "australia": "AU", "sydney": "AU", "melbourne": "AU", "new zealand": "NZ", "toronto": "CA",
    "vancouver": "CA", "israel": "IL", "uae": "AE", "dubai": "AE", "nigeria": "NG", "kenya": "KE",
    "south africa": "ZA", "lyon": "FR", "bristol": "GB", "manchester": "GB", "new york": "US", "austin": "US",
    "san francisco": "US", "seattle": "US", "boston": "US", "chicago": "US",
}


def candidate_region(location: str, numbers: list[str], default: str = "") -> str | None:
    """The candidate's country for showing their phones: from the location, else the deployment's
    default (PHONE_REGION), else the country of their first internationally written number."""
    text = location.casefold()
    parts = [p.strip(" .") for p in re.split(r"[,/|·(）)（(]", text) if p.strip(" .")]
    for part in reversed(parts):
        if part in COUNTRY_CODES:
            return COUNTRY_CODES[part]
        if part.upper() in US_STATES or part in US_STATE_NAMES:
            return "US"
        if part.upper() in CA_PROVINCES:
            return "CA"
    if CJK_RE.search(location) or "中国" in location:
        return "CN"
    if default:
        return default.upper()
    return next((region for region in map(phones.region_of, numbers) if region), None)


def identities_lock(keys: list[str]) -> None:
    """Hold transaction-scoped advisory locks on candidate identities ("email:…", "phone:…") until
    commit, so two writers matching or creating the same person (a parsed résumé, the careers
    form) take turns. Sorted, so two transactions lock the same keys in the same order and cannot
    deadlock; one round trip whatever the number of keys."""
    if not keys:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended('candidate-identity:' || k, 0)) "
            "FROM unnest(%s::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n",
            [sorted(set(keys))],
        )
