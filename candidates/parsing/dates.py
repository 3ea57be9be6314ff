"""Dates and date ranges as résumés write them, normalised to YYYY-MM / YYYY / present."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .textutil import strip_accents

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    # Spanish, Portuguese, French, German, Italian, Dutch spellings seen in European CVs
    "ene": 1, "enero": 1, "febrero": 2, "marzo": 3, "abr": 4, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "ago": 8, "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "dic": 12,
    "diciembre": 12, "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9,
    "set": 9, "outubro": 10, "out": 10, "novembro": 11, "dezembro": 12, "dez": 12, "janv": 1, "janvier": 1,
    "févr": 2, "février": 2, "mars": 3, "avr": 4, "avril": 4, "mai": 5, "juin": 6, "juil": 7, "juillet": 7,
    "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "januar": 1, "februar": 2,
    "märz": 3, "juni": 6, "juli": 7, "okt": 10, "oktober": 10, "dezember": 12, "gennaio": 1, "febbraio": 2,
    "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9, "ottobre": 10, "dicembre": 12,
    "mei": 5, "maart": 3, "augustus": 8,
}
# The same months without their accents ("fevr", "aout", "decembre", "marz"), as capitals are often set.
MONTHS.update({strip_accents(k): v for k, v in list(MONTHS.items())})
MONTHS.update({"déc": 12, "dec": 12, "maerz": 3, "gen": 1, "giu": 6, "lug": 7, "sett": 9})  # abbreviations
# Short words that are also ordinary words ("set", "out", "gen") stay in the table but are not
# looked for: "Sold out 2019" is no October.
_NOT_SEARCHED = {"set", "out", "gen"}
# The alternation is built from MONTHS itself, longest first, so that a name the table knows is
# never missed by a hand-kept pattern ("Mars 2022" once read as "Mar" and a stray "s").
_MON = "(?:" + "|".join(sorted((re.escape(k) for k in MONTHS if k not in _NOT_SEARCHED), key=len, reverse=True)) + ")"
MONTH_NAME = _MON  # a month's name or abbreviation, in any language the table holds
_Y = r"(?:19[5-9]\d|20[0-4]\d)"
DATE = (
    rf"(?:\b{_MON}\.?,?\s*(?:{_Y}|'\d\d)(?!\d)"
    # "2022-Apr", "2019 Sep": the year first, the month's name after (never across a spaced dash:
    # "2019 - May 2021" is a range)
    rf"|(?<!\d){_Y}(?:[-/.]|\s+){_MON}\b\.?"
    rf"|(?<!\d){_Y}\s*年\s*\d{{1,2}}\s*月?"
    rf"|(?<!\d){_Y}\s*[./\-]\s*(?:0?[1-9]|1[0-2])(?!\d)"
    rf"|(?<![\d.])(?:0?[1-9]|1[0-2])\s*[./\-]\s*{_Y}(?!\d)"
    rf"|\b(?:spring|summer|fall|autumn|winter)\s+{_Y}(?!\d)"
    rf"|\b(?:Q[1-4]|H[12])\s*{_Y}(?!\d)"  # "Q3 2020", "H1 2019": the year is what we can keep
    rf"|(?<!\d){_Y}(?:\s*年)?(?![\d.])"
    rf")"
)
PRESENT = (
    r"(?:present|now|current(?:ly)?|today|ongoing|till\s+date|to\s+date|date|actualidad|actual|presente|hoy|atual|"
    r"atualmente|heute|aktuell|jetzt|présent|aujourd['’ ]?hui|en\s+cours|oggi|attuale|heden|至今|现在|目前|今|"
    # "à ce jour", "bis heute", "la actualidad", "ad oggi", "tot heden": the open end in the other languages
    r"(?:à|a)\s+ce\s+jour|actuellement|maintenant|derzeit|ahora|hoje|em\s+curso|in\s+corso|tuttora)"
)
# Between two dates any arrow ("2022-04 → Present", "2019 -> 2022") or the word of the language
# ("2019 bis 2022", "de 2019 à 2022", "desde 2018 hasta 2021") separates a range.
SEP = (r"\s*(?:-{2,3}>?|–|—|->?|‐|‑|−|~|～|〜|=>|[→⟶➔➝➞➜⇒⇨⟹]|\bto\b|\buntil\b|\btill\b|\bbis\b|\bà\b|\bau\b"
       r"|\bhasta\b|\baté\b|\btot\b|\bal\b|至|－|―)\s*")
# An arrow right after a date is the range's separator, not an icon: callers that strip icons
# (arrows among them) keep it as a dash first.
_RANGE_ARROW = re.compile(r"(?<=[\d.])\s*(?:->|=>|[→⟶➔➝➞➜⇒⇨⟹])\s*")


def keep_range_arrows(text: str) -> str:
    return _RANGE_ARROW.sub(" – ", text)


# "from 2019 to 2022", "de 2019 à 2022", "von 2019 bis 2022": the word before a range is part of it.
_FROM = r"(?:\b(?:from|de|du|von|vom|desde|dal|van)\s+)?"
# The units of a duration ("4 ans 8 mois", "2 Jahre", "3 años", "1 yr 2 mos") that some themes print
# under a range: a length of time, never a field of the entry.
YEAR_UNIT = r"(?:yrs?|years?|ans?|années?|jahre?n?|años?|anos?|anni|anno|jaar|jaren)"
MONTH_UNIT = r"(?:mos?|months?|mois|monate?n?|monat|meses|mes|mesi|mese|maand(?:en)?)"
# "'15 – '19": a bare two-digit year is only trusted as one end of a range (alone it may be anything).
_SHORT_YEAR = r"(?<![\w'’])['’]\d\d(?![\w'’])"
RANGE_RE = re.compile(
    rf"{_FROM}(?P<start>{DATE}|{_SHORT_YEAR}){SEP}(?P<end>{DATE}|{_SHORT_YEAR}|{PRESENT}\b|{PRESENT})", re.I)
DATE_RE = re.compile(DATE, re.I)
_PRESENT_RE = re.compile(rf"^{PRESENT}$", re.I)


def parse_date(s: str) -> str | None:
    """One date → "YYYY-MM", "YYYY", "present" or None."""
    s = s.strip().strip(".,()")
    if not s:
        return None
    if _PRESENT_RE.match(s):
        return "present"
    low = s.lower()
    m = re.match(rf"({_MON})\.?,?\s*({_Y}|'\d\d)", low)
    if m:
        word = m.group(1)
        mon = MONTHS.get(word) or MONTHS.get(word[:4].rstrip(".")) or MONTHS.get(word[:3])
        y = m.group(2)
        year = int("20" + y[1:]) if y.startswith("'") else int(y)
        if y.startswith("'") and year > 2040:
            year -= 100
        return f"{year:04d}-{mon:02d}" if mon else f"{year:04d}"
    m = re.match(rf"({_Y})(?:[-/.]|\s+)({_MON})\b", low)
    if m:
        word = m.group(2)
        mon = MONTHS.get(word) or MONTHS.get(word[:4]) or MONTHS.get(word[:3])
        return f"{m.group(1)}-{mon:02d}" if mon else m.group(1)
    m = re.fullmatch(r"['’](\d\d)", s)
    if m:
        year = 2000 + int(m.group(1))
        return str(year - 100 if year > 2040 else year)
    m = re.match(rf"({_Y})\s*年\s*(\d{{1,2}})", s)
    if m:
        mon = int(m.group(2))
        return f"{m.group(1)}-{mon:02d}" if 1 <= mon <= 12 else m.group(1)
    m = re.match(rf"({_Y})\s*[./\-]\s*(\d{{1,2}})$", s)
    if m:
        mon = int(m.group(2))
        return f"{m.group(1)}-{mon:02d}" if 1 <= mon <= 12 else m.group(1)
    m = re.match(rf"(\d{{1,2}})\s*[./\-]\s*({_Y})$", s)
    if m:
        mon = int(m.group(1))
        return f"{m.group(2)}-{mon:02d}" if 1 <= mon <= 12 else m.group(2)
    m = re.search(rf"{_Y}", s)
    if m:
        return m.group(0)
    return None


@dataclass
class DateSpan:
    start: str | None
    end: str | None
    begin: int  # character offsets of the matched text in the line
    stop: int
    text: str


def find_range(text: str) -> DateSpan | None:
    """The first date range in ``text``, else a lone date (taken as the end)."""
    m = RANGE_RE.search(text)
    if m:
        start = parse_date(m.group("start"))
        end = parse_date(m.group("end"))
        if start and end:
            return DateSpan(start, end, m.start(), m.end(), m.group(0))
    return None


def find_single(text: str) -> DateSpan | None:
    # "Since 2021", "from March 2019": an open period, not its end.  Checked before the lone date,
    # which would otherwise read the same year as the end.
    m = re.search(rf"\b(?:since|from|seit|depuis|desde|sinds|vanaf)\s+({DATE})", text, re.I)
    if m:
        return DateSpan(parse_date(m.group(1)), "present", m.start(), m.end(), m.group(0))
    m = DATE_RE.search(text)
    if m:
        d = parse_date(m.group(0))
        # "2022-01 —" with nothing after the dash: a range left open, as "since" says.
        open_end = re.match(r"\s*[-–—~～]\s*(?=$|\t)", text[m.end():])
        if d and open_end:
            return DateSpan(d, "present", m.start(), m.end() + open_end.end(), text[m.start(): m.end() + open_end.end()])
        if d:
            # "Expected May 2024", "Graduated 2019": a lone date is the end of the period.
            return DateSpan(None, d, m.start(), m.end(), m.group(0))
    return None


def _bare_pair(text: str) -> DateSpan | None:
    """"2018-02 2021-08" alone in a field (a dash the renderer dropped): two dates side by side are
    a range."""
    offset = 0
    for fld in text.split("\t"):
        m = re.fullmatch(rf"\s*({DATE})\s+({DATE}|{PRESENT})\s*", fld, re.I)
        if m:
            start, end = parse_date(m.group(1)), parse_date(m.group(2)) or "present"
            if start and end and (end == "present" or end >= start):
                return DateSpan(start, end, offset + m.start(1), offset + m.end(2), m.group(0).strip())
        offset += len(fld) + 1
    return None


def find_dates(text: str) -> DateSpan | None:
    return find_range(text) or ("\t" in text and _bare_pair(text)) or find_single(text)
