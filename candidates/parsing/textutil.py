"""Small text helpers shared by the extractors."""

from __future__ import annotations

import re
import unicodedata

# The one definition of "CJK text" in the product: the parser detects Chinese/Japanese with it and
# search indexes its runs as bigrams (candidates.search, and the SQL function generated from it).
# Kana, CJK Extension A, the Unified Ideographs and the Compatibility Ideographs.
CJK_CLASS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK_CLASS}]")
BULLET_CHARS = "•●○◦▪▫■□◆◇►▶▸▹➢➤✓✔✗❖❥➔→⁃∙·*-–—"
BULLET_RE = re.compile(r"^\s*(?:[•●○◦▪▫■□◆◇►▶▸▹➢➤✓✔❖❥➔→⁃∙·*]|[-–—](?=\s)|\d{1,2}[.)、](?=\s*\S)(?!\d))\s*")
# Emoji and pictographs used as icons in front of contact lines and headings.
ICON_RE = re.compile(
    "[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200d\u2190-\u21FF\u25A0-\u25FF\u2300-\u23FF\uE000-\uF8FF]"
)
SEPARATORS_RE = re.compile(r"\s*(?:\t+|\s[|｜]\s?|[|｜]|\s·\s|\s•\s|\s◆\s|\s⋅\s|\s{3,}|\s[–—]\s|\s-\s)\s*")


def clean(text: str) -> str:
    return re.sub(r"[ \u00a0\u3000]+", " ", text).strip()


def strip_icons(text: str) -> str:
    return clean(ICON_RE.sub(" ", text))


def collapse_letterspacing(text: str) -> str:
    """"E X P E R I E N C E" → "EXPERIENCE"; "J A N E   D O E" → "JANE DOE"."""
    t = text.strip()
    tokens = t.split(" ")
    singles = [tok for tok in tokens if tok]
    if len(singles) >= 4 and sum(1 for tok in singles if len(tok) == 1) >= 0.8 * len(singles):
        words = re.split(r"\s{2,}", t)
        if len(words) > 1:
            return " ".join(w.replace(" ", "") for w in words)
        return t.replace(" ", "")
    return t


def is_cjk(text: str) -> bool:
    return bool(CJK_RE.search(text))


def cjk_ratio(text: str) -> float:
    cjk = len(CJK_RE.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return cjk / max(cjk + latin / 4, 1)


def strip_bullet(text: str) -> tuple[str, bool]:
    m = BULLET_RE.match(text)
    if m and m.end() < len(text):
        return text[m.end():].strip(), True
    return text, False


def split_parts(text: str) -> list[str]:
    """Split a header line on the separators résumés use between fields."""
    parts = [p.strip(" ,;|·•–—-\t") for p in SEPARATORS_RE.split(text)]
    return [p for p in parts if p]


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def strip_accents(text: str) -> str:
    """"EXPÉRIENCES" → "EXPERIENCES", "März" → "Marz": European résumés set capitals without their
    accents ("COMPETENCES") as often as with, so vocabularies compare without them.  Only the Latin
    diacritics (U+0300–U+036F) go: the kana voicing marks are letters of their own."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not "\u0300" <= c <= "\u036f"))


def word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][\w'’.+#-]*", text)) + len(CJK_RE.findall(text)) // 2
