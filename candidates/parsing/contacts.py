"""Emails, phone numbers, links and the candidate's location."""

from __future__ import annotations

import re

from .dates import DATE_RE, RANGE_RE
from .gazetteer import CA_PROVINCES, CITIES, CN_CITIES, COUNTRIES, US_STATE_NAMES, US_STATES

EMAIL_RE = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}(?![\w])")

_TLDS = (
    "com|io|dev|me|net|org|ai|co|app|xyz|tech|site|page|cn|uk|de|fr|ca|in|us|info|blog|design|online|"
    "studio|codes|sh|so|cc|tv|eu|nl|se|ch|jp|kr|au|hk|sg|edu|gov"
)
URL_RE = re.compile(
    r"(?:(?:https?://|www\.)[^\s<>\"'|,，；;、)）\]]+"
    rf"|(?<![@\w.\-/])(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+(?:{_TLDS})(?![\w\-@])(?:/[^\s<>\"'|,，；;、)）\]]*)?)"
)
_KNOWN_HOSTS = (
    "github.com", "gitlab.com", "linkedin.com", "bitbucket.org", "stackoverflow.com", "medium.com", "behance.net",
    "dribbble.com", "kaggle.com", "twitter.com", "x.com", "leetcode.com", "leetcode.cn", "zhihu.com", "csdn.net",
    "gitee.com", "juejin.cn", "scholar.google.com", "researchgate.net", "orcid.org", "huggingface.co",
)
PROFILE_HOST_RE = re.compile(r"(?i)(?:^|[/.@])(?:" + "|".join(re.escape(h) for h in _KNOWN_HOSTS) + r")(?:/|$)")
# A bare "something.tld" is only a link when it is clearly a web address, not "Node.js" or "ASP.NET".
_FILE_LIKE = re.compile(r"\.(?:js|ts|py|net|md|txt|pdf|docx?|png|jpg)$", re.I)

PHONE_LABEL = re.compile(r"(?:phone|mobile|mob|cell|tel|telephone|whatsapp|电话|手机|联系电话|手机号|📱|☎|📞)", re.I)
PHONE_RE = re.compile(r"(?<![\w/.])(?:\+|00)?\s?(?:\(\s?\+?\d{1,4}\s?\)[\s\-.]?)?\d[\d\s\-.()–]{5,}\d(?![\w/])")


_SPACED_AT = re.compile(r"(?<=[A-Za-z0-9._%+\-])\s@\s?(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])@\s(?=[A-Za-z0-9])")


def find_emails(text: str) -> list[tuple[str, int, int]]:
    out = []
    if "@" in text and _SPACED_AT.search(text):
        # Loose glyph spacing in some PDFs: "jane.doe @gmail.com".
        text = _SPACED_AT.sub("@", text)
    for m in EMAIL_RE.finditer(text):
        e = m.group(0).rstrip(".")
        out.append((e, m.start(), m.start() + len(e)))
    return out


def normalise_link(url: str) -> str | None:
    u = url.strip().strip(".,;:)]}>\"'").rstrip("/")
    if not u or "@" in u.split("/")[0]:
        return None
    if u.lower().startswith("mailto:") or u.lower().startswith("tel:"):
        return None
    u = re.sub(r"^http://", "https://", u, flags=re.I)
    if not re.match(r"^https://", u, re.I):
        u = "https://" + u
    m = re.match(r"^(https://)([^/]+)(.*)$", u, re.I)
    if not m:
        return None
    host = m.group(2).lower()
    if "." not in host:
        return None
    return "https://" + host + m.group(3)


# A personal site on a newer top-level domain ("quennell.work", "jane-lab.science"): not in the
# list above, so only taken when a label says so or it stands alone on its line.
_LOOSE_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+[a-z]{3,12}(?:/[\w\-./~%]*)?")
_SITE_LABEL = re.compile(r"(?i)(?:portfolio|website|web|site|homepage|home page|blog|url|personal site)\s*[:：]\s*")


_CODE_FILE = re.compile(r"\.(?:yaml|yml|json|html?|xml|toml|conf|cfg|ini|lock|java|scss|less|sql|csv|log|tsx|jsx)$")


def _loose_links(text: str) -> list[tuple[str, int, int]]:
    t = text.strip()
    lab = _SITE_LABEL.search(t)
    cands = []
    if lab:
        m = _LOOSE_DOMAIN.match(t, lab.end())
        if m:
            cands.append(m)
    m = _LOOSE_DOMAIN.fullmatch(t)
    if m:
        cands.append(m)
    out = []
    for m in cands:
        host = m.group(0).split("/")[0]
        if _FILE_LIKE.search(host) or _CODE_FILE.search(host) or len(host.split(".")[-2]) < 3:
            continue
        norm = normalise_link(m.group(0))
        if norm:
            off = text.find(m.group(0))
            out.append((norm, off, off + len(m.group(0))))
    return out


def find_links(text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in URL_RE.finditer(text):
        raw = m.group(0)
        low = raw.lower()
        bare = not low.startswith(("http", "www."))
        if bare:
            host = low.split("/")[0]
            known = any(host == h or host.endswith("." + h) for h in _KNOWN_HOSTS)
            if not known:
                # Personal sites: accept "name.dev", "jane-doe.io/blog"; refuse tech names.
                if _FILE_LIKE.search(host) or raw != low and "/" not in raw:
                    continue
                if host.count(".") > 3:
                    continue
        norm = normalise_link(raw)
        if norm:
            out.append((norm, m.start(), m.end()))
    if not out:
        out = _loose_links(text)
    return out


def find_phones(text: str, labelled: bool = False) -> list[tuple[str, int, int]]:
    """Raw phone strings found in a line (not yet normalised)."""
    out = []
    for m in PHONE_RE.finditer(text):
        raw = m.group(0).strip().rstrip("-.–(").strip()
        if raw.count("(") != raw.count(")"):
            raw = raw.strip("()").strip()
        digits = re.sub(r"\D", "", raw)
        if not 7 <= len(digits) <= 15:
            continue
        # Date ranges ("2019.09 - 2020.12", "2015 - 2019") look like phone numbers.
        if RANGE_RE.search(raw) or re.fullmatch(r"[\d\s.\-/–]*", raw) and DATE_RE.fullmatch(raw.strip()):
            continue
        years = re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", raw)
        if years and len(digits) <= 12 and not raw.startswith("+") and re.search(r"\d{4}\s*[-–.~]\s*\d{2,4}$", raw) and not labelled:
            if len(re.sub(r"[^\d]", "", raw.split("-")[0])) == 4 and not re.search(r"\(\d{3}\)", raw):
                continue
        strong = raw.startswith(("+", "00", "(")) or labelled or len(digits) in (10, 11) or re.search(r"\d{3}[\s\-.]\d{3,4}[\s\-.]\d{4}", raw)
        if not strong:
            continue
        out.append((raw, m.start(), m.start() + len(m.group(0).rstrip())))
    return out


def normalise_phone(raw: str, country: str | None) -> str:
    """E.164 when the country is written or can be inferred, else the number as written."""
    s = raw.strip()
    s = s.replace("(0)", "")
    digits = re.sub(r"\D", "", s)
    if s.startswith("+") or re.match(r"^\(\s*\+", s):
        return "+" + digits if 8 <= len(digits) <= 15 else s
    if s.startswith("00") and len(digits) >= 10:
        return "+" + digits[2:]
    if len(digits) == 11 and re.match(r"1[3-9]", digits) and (country in (None, "CN")) and not re.match(r"^1[\s.\-]", s):
        return "+86" + digits
    if country == "CN" and len(digits) == 11 and digits.startswith("1"):
        return "+86" + digits
    if country in ("US", "CA"):
        if len(digits) == 10 and digits[0] in "23456789":
            return "+1" + digits
        if len(digits) == 11 and digits[0] == "1":
            return "+" + digits
    if country in _TRUNK_ZERO and digits.startswith("0") and not digits.startswith("00"):
        # "0151 496 0123" in Liverpool: the national 0 gives way to the country code.
        code, lengths = _TRUNK_ZERO[country]
        if len(digits) - 1 in lengths:
            return "+" + code + digits[1:]
    return s


# Countries whose national numbers start with a trunk 0 that E.164 drops, with the
# lengths a national number has without it.  Others are left as written.
_TRUNK_ZERO: dict[str, tuple[str, range]] = {
    "GB": ("44", range(9, 11)), "DE": ("49", range(6, 12)), "FR": ("33", range(9, 10)), "NL": ("31", range(9, 10)),
    "AU": ("61", range(9, 10)), "IN": ("91", range(10, 11)), "IE": ("353", range(7, 10)), "NZ": ("64", range(8, 10)),
    "AT": ("43", range(6, 13)), "CH": ("41", range(9, 10)), "BE": ("32", range(8, 10)), "SE": ("46", range(7, 10)),
}
_COUNTRY_ISO: dict[str, str] = {
    "uk": "GB", "u.k.": "GB", "united kingdom": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "great britain": "GB", "germany": "DE", "deutschland": "DE", "france": "FR", "netherlands": "NL",
    "the netherlands": "NL", "nederland": "NL", "australia": "AU", "india": "IN", "ireland": "IE", "éire": "IE",
    "new zealand": "NZ", "austria": "AT", "österreich": "AT", "switzerland": "CH", "schweiz": "CH", "suisse": "CH",
    "belgium": "BE", "belgique": "BE", "belgië": "BE", "sweden": "SE", "sverige": "SE", "canada": "CA",
}


_STATE_RE = re.compile(r"^[A-Z][A-Za-zÀ-ÿ .'\-]{1,30},\s*(?P<st>[A-Z]{2})(?:\s+\d{5}(?:-\d{4})?)?$")
LOCATION_LABEL = re.compile(
    r"^(?:location|address|based in|city|residence|current location|home|地址|所在地|现居住地|现居地|现居|居住地|所在城市|城市|籍贯|住址)\s*[:：]\s*(.+)$",
    re.I,
)


def tidy_place(text: str) -> str:
    """A place as a theme filled its template: "São Paulo, , BR" (no region) → "São Paulo, BR",
    "Rotterdam, (NL)" → "Rotterdam, NL"."""
    if "(" not in text and "（" not in text and not re.search(r",\s*,|,\s*$", text):
        return text.strip()  # the common case, on a hot path (every header part is asked whether it is a place)
    segs = [re.sub(r"^[(（]\s*([^()（）]+?)\s*[)）]$", r"\1", s.strip()) for s in text.split(",")]
    return ", ".join(s for s in segs if s)


def looks_like_location(part: str) -> bool:
    p = tidy_place(part).strip(".").strip()
    if not p or len(p) > 60 or "@" in p or re.search(r"\d{3,}", p.split(",")[0]):
        return False
    low = p.lower()
    if low in CITIES or low in COUNTRIES:
        return True
    if p in CN_CITIES or (len(p) <= 6 and re.fullmatch(r"[\u4e00-\u9fff]+(?:市|省)?", p) and p.rstrip("市省") in CN_CITIES):
        return True
    m = _STATE_RE.match(p)
    if m and (m.group("st") in US_STATES or m.group("st") in CA_PROVINCES):
        return True
    if "," in p:
        segs = [s.strip().lower() for s in p.split(",")]
        if len(segs) <= 3 and all(s and len(s) < 30 for s in segs):
            if segs[-1] in COUNTRIES or segs[-1] in US_STATE_NAMES or segs[0] in CITIES:
                if not re.search(r"\d", segs[0]):
                    return True
            if re.fullmatch(r"[a-z]{2}(?:\s+\d{5})?", segs[-1]) and segs[-1][:2].upper() in US_STATES and segs[0] in CITIES:
                return True
    if re.fullmatch(r"[\u4e00-\u9fff]{2,12}", p) and any(p.startswith(c) for c in CN_CITIES):
        return True
    if re.fullmatch(r"(?:Greater\s+)?[A-Z][A-Za-z .]+?\s(?:Bay\s)?Area", p) or re.fullmatch(r"(?:Remote|Hybrid)(?:\s*[(,–-].*)?", p):
        return True
    return False


def country_hint(location: str | None, language: str, phone_raws: list[str]) -> str | None:
    if location:
        loc = location.strip()
        m = re.search(r",\s*([A-Z]{2})\b", loc)
        low = loc.lower()
        if (m and m.group(1) in US_STATES) or any(k in low for k in ("usa", "united states", "u.s.")) or low in {
            "new york", "san francisco", "seattle", "boston", "chicago", "austin", "los angeles"}:
            return "US"
        for st in US_STATE_NAMES:
            if low.endswith(st):
                return "US"
        if any(c in loc for c in CN_CITIES) or "china" in low or low in {
            "beijing", "shanghai", "shenzhen", "guangzhou", "hangzhou", "chengdu", "nanjing", "wuhan"}:
            return "CN"
        for seg in reversed(re.split(r"\s*[,，(（)）]\s*", low)):
            if seg in _COUNTRY_ISO:
                return _COUNTRY_ISO[seg]
        if m and m.group(1) in CA_PROVINCES:
            return "CA"
    if language == "zh":
        return "CN"
    return None
