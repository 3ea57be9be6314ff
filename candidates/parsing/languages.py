"""Spoken languages with levels: "English (CET-6)", "Mandarin (Native)"."""

from __future__ import annotations

import re

from .model import Line

LANGS: dict[str, str] = {
    "english": "English", "mandarin": "Mandarin", "chinese": "Chinese", "cantonese": "Cantonese",
    "spanish": "Spanish", "french": "French", "german": "German", "japanese": "Japanese", "korean": "Korean",
    "italian": "Italian", "portuguese": "Portuguese", "russian": "Russian", "arabic": "Arabic", "hindi": "Hindi",
    "dutch": "Dutch", "swedish": "Swedish", "norwegian": "Norwegian", "danish": "Danish", "finnish": "Finnish",
    "polish": "Polish", "turkish": "Turkish", "greek": "Greek", "hebrew": "Hebrew", "vietnamese": "Vietnamese",
    "thai": "Thai", "indonesian": "Indonesian", "malay": "Malay", "tagalog": "Tagalog", "filipino": "Filipino",
    "urdu": "Urdu", "bengali": "Bengali", "punjabi": "Punjabi", "tamil": "Tamil", "telugu": "Telugu",
    "marathi": "Marathi", "gujarati": "Gujarati", "persian": "Persian", "farsi": "Persian", "ukrainian": "Ukrainian",
    "czech": "Czech", "hungarian": "Hungarian", "romanian": "Romanian", "swahili": "Swahili", "catalan": "Catalan",
    "serbian": "Serbian", "twi": "Twi", "yoruba": "Yoruba", "igbo": "Igbo", "hausa": "Hausa",
    "zulu": "Zulu", "afrikaans": "Afrikaans", "amharic": "Amharic", "somali": "Somali", "nepali": "Nepali",
    "sinhala": "Sinhala", "burmese": "Burmese", "khmer": "Khmer", "lao": "Lao", "mongolian": "Mongolian",
    "kazakh": "Kazakh", "uzbek": "Uzbek", "georgian": "Georgian", "armenian": "Armenian", "azerbaijani": "Azerbaijani",
    "lithuanian": "Lithuanian", "latvian": "Latvian", "estonian": "Estonian", "slovenian": "Slovenian",
    "icelandic": "Icelandic", "irish": "Irish", "welsh": "Welsh", "basque": "Basque", "galician": "Galician",
    "taiwanese": "Taiwanese", "hokkien": "Hokkien", "shanghainese": "Shanghainese", "sign language": "Sign Language",
    "asl": "ASL", "latin": "Latin", "croatian": "Croatian", "bulgarian": "Bulgarian", "slovak": "Slovak",
    "英语": "English", "英文": "English", "普通话": "Mandarin", "国语": "Mandarin", "汉语": "Chinese", "中文": "Chinese",
    "粤语": "Cantonese", "广东话": "Cantonese", "日语": "Japanese", "日文": "Japanese", "韩语": "Korean", "韩文": "Korean",
    "法语": "French", "德语": "German", "西班牙语": "Spanish", "俄语": "Russian", "意大利语": "Italian",
    "葡萄牙语": "Portuguese", "阿拉伯语": "Arabic",
}
LEVELS: dict[str, str] = {
    "native": "Native", "native speaker": "Native", "mother tongue": "Native", "bilingual": "Bilingual",
    "fluent": "Fluent", "fluency": "Fluent", "proficient": "Proficient", "advanced": "Advanced",
    "upper intermediate": "Upper Intermediate", "intermediate": "Intermediate", "basic": "Basic",
    "elementary": "Elementary", "beginner": "Beginner", "conversational": "Conversational",
    "business": "Business", "business fluent": "Business Fluent", "working proficiency": "Professional Working Proficiency",
    "professional working proficiency": "Professional Working Proficiency",
    "full professional proficiency": "Full Professional Proficiency",
    "limited working proficiency": "Limited Working Proficiency",
    "native or bilingual proficiency": "Native or Bilingual Proficiency", "elementary proficiency": "Elementary Proficiency",
    "good": "Good", "excellent": "Excellent",
    "native or bilingual": "Native or Bilingual", "full professional": "Full Professional",
    "professional working": "Professional Working", "limited working": "Limited Working",
    "母语": "Native", "流利": "Fluent", "熟练": "Proficient", "精通": "Fluent", "良好": "Good", "一般": "Basic",
    "基础": "Basic", "日常交流": "Conversational", "读写熟练": "Proficient", "听说读写熟练": "Proficient",
    "c2": "C2", "c1": "C1", "b2": "B2", "b1": "B1", "a2": "A2", "a1": "A1",
}
_EXAM = re.compile(
    r"(CET\s*[-–]?\s*[46](?:\s*[（(]?\d{3}[)）]?)?|TEM\s*[-–]?\s*[48]|IELTS\s*[:：]?\s*\d(?:\.\d)?|TOEFL(?:\s*iBT)?\s*[:：]?\s*\d{2,3}"
    r"|TOEIC\s*[:：]?\s*\d{3}|JLPT\s*N[1-5]|HSK\s*[1-6]|DELF\s*[A-C][12]|DALF\s*C[12]|TestDaF"
    r"|大学英语[四六]级|英语[四六]级|专业[四八]级|雅思\s*\d(?:\.\d)?|托福\s*\d{2,3}|日语N[1-5]|[四六]级)",
    re.I,
)
_EXAM_LANG = {"cet": "English", "tem": "English", "ielts": "English", "toefl": "English", "toeic": "English",
              "jlpt": "Japanese", "hsk": "Chinese", "delf": "French", "dalf": "French", "testdaf": "German",
              "大学英语": "English", "英语": "English", "专业": "English", "雅思": "English", "托福": "English",
              "日语": "Japanese", "四级": "English", "六级": "English"}
_LANG_ALT = "|".join(sorted((re.escape(k) for k in LANGS), key=len, reverse=True))
_LANG_RE = re.compile(r"(?<![A-Za-z])(" + _LANG_ALT + r")(?![A-Za-z])", re.I)
_NATIVE_SPEAKER = re.compile(r"\bnative\s+(" + _LANG_ALT + r")\s+speaker", re.I)
_LEVEL_RE = re.compile(
    r"(?<![A-Za-z])(" + "|".join(sorted((re.escape(k) for k in LEVELS), key=len, reverse=True)) + r")(?![A-Za-z])",
    re.I,
)


_MOTHER_TONGUE = re.compile(
    r"(?:mother\s+tongue(?:\(s\)|s)?|native\s+language(?:\(s\)|s)?|first\s+language|muttersprache|"
    r"langue\s+maternelle|lengua\s+materna|língua\s+materna|madrelingua|moedertaal|母语)\s*[:：]?",
    re.I,
)


_FLUENT_IN = re.compile(
    r"\b(fluent|native|bilingual|proficient|conversational)\s+in\s+((?:[A-Z][a-z]+)(?:\s*(?:,|and|&)\s*[A-Z][a-z]+)*)")


def _exam_name(raw: str) -> str:
    r = re.sub(r"\s+", "", raw)
    up = r.upper()
    m = re.match(r"CET[-–]?([46])", up)
    if m:
        return f"CET-{m.group(1)}"
    m = re.match(r"TEM[-–]?([48])", up)
    if m:
        return f"TEM-{m.group(1)}"
    for zh, en in (("大学英语四级", "CET-4"), ("英语四级", "CET-4"), ("四级", "CET-4"), ("大学英语六级", "CET-6"),
                   ("英语六级", "CET-6"), ("六级", "CET-6"), ("专业四级", "TEM-4"), ("专业八级", "TEM-8")):
        if r == zh:
            return en
    m = re.match(r"(雅思|IELTS)[:：]?(\d(?:\.\d)?)", r, re.I)
    if m:
        return f"IELTS {m.group(2)}"
    m = re.match(r"(托福|TOEFL(?:IBT)?)[:：]?(\d{2,3})", r, re.I)
    if m:
        return f"TOEFL {m.group(2)}"
    m = re.match(r"(TOEIC)[:：]?(\d{3})", r, re.I)
    if m:
        return f"TOEIC {m.group(2)}"
    m = re.match(r"(?:JLPT|日语)(N[1-5])", r, re.I)
    if m:
        return f"JLPT {m.group(1).upper()}"
    m = re.match(r"HSK(\d)", r, re.I)
    if m:
        return f"HSK {m.group(1)}"
    return raw.strip()


def _exam_lang(raw: str) -> str:
    low = raw.lower()
    for k, v in _EXAM_LANG.items():
        if low.startswith(k):
            return v
    return "English"


def _split_items(text: str, strong_only: bool = False) -> list[str]:
    seps = ",，;；、" if strong_only else ",，;；|｜、/•·\t"
    items, depth, cur = [], 0, []
    for ch in text:
        if ch in "(（[":
            depth += 1
        elif ch in ")）]":
            depth = max(0, depth - 1)
        if depth == 0 and ch in seps:
            items.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    items.append("".join(cur))
    return [i.strip() for i in items if i.strip()]


def _parse_item(item: str) -> tuple[str, list[str]] | None:
    m = _LANG_RE.search(item)
    if not m:
        return None
    lang = LANGS[m.group(1).lower()] if m.group(1).lower() in LANGS else LANGS.get(m.group(1), m.group(1))
    quals: list[str] = []
    for e in _EXAM.finditer(item):
        quals.append(_exam_name(e.group(0)))
    rest = item[: m.start()] + " " + item[m.end():]
    for lv in _LEVEL_RE.finditer(rest):
        name = LEVELS[lv.group(1).lower()] if lv.group(1).lower() in LEVELS else LEVELS.get(lv.group(1), lv.group(1))
        if name not in quals:
            quals.append(name)
            break
    return lang, quals


def find_languages(lines: list[Line], section_lines: set[int]) -> list[tuple[str, Line, float]]:
    found: dict[str, tuple[list[str], Line, float]] = {}
    order: list[str] = []

    def add(lang: str, quals: list[str], ln: Line, conf: float) -> None:
        if lang not in found:
            found[lang] = ([], ln, conf)
            order.append(lang)
        for q in quals:
            if q not in found[lang][0]:
                found[lang][0].append(q)

    for ln in lines:
        text = ln.text
        if ln.index in section_lines:
            for item in _split_items(text, strong_only=True):
                if len(_LANG_RE.findall(item)) > 1:
                    # "English · French" — weak separators split only between several languages.
                    sub_items = _split_items(item)
                else:
                    sub_items = [item]
                for item in sub_items:
                    parsed = _parse_item(item)
                    if parsed:
                        add(parsed[0], parsed[1], ln, 0.85)
                    else:
                        for e in _EXAM.finditer(item):
                            add(_exam_lang(e.group(0)), [_exam_name(e.group(0))], ln, 0.8)
            continue
        # Europass and friends: "Mother tongue(s)  Italian".
        mt = _MOTHER_TONGUE.search(text)
        if mt:
            for lm in _LANG_RE.finditer(text[mt.end():]):
                add(LANGS.get(lm.group(1).lower(), lm.group(1)), ["Native"], ln, 0.8)
        # "Fluent in English and Spanish", "native Mandarin speaker"
        for fm in _FLUENT_IN.finditer(text):
            level = LEVELS.get(fm.group(1).lower(), fm.group(1).capitalize())
            for lm in _LANG_RE.finditer(fm.group(2)):
                add(LANGS.get(lm.group(1).lower(), lm.group(1)), [level], ln, 0.65)
        for nm in _NATIVE_SPEAKER.finditer(text):
            add(LANGS.get(nm.group(1).lower(), nm.group(1)), ["Native"], ln, 0.65)
        # Elsewhere only clear evidence: a language test, or "English (fluent)".
        for e in _EXAM.finditer(text):
            before = text[max(0, e.start() - 12): e.start()]
            lm = _LANG_RE.search(before)
            lang = LANGS.get(lm.group(1).lower(), LANGS.get(lm.group(1))) if lm else _exam_lang(e.group(0))
            add(lang or "English", [_exam_name(e.group(0))], ln, 0.7)
        for m in re.finditer(r"(?<![A-Za-z])([A-Z][a-z]+|[\u4e00-\u9fff]{2,4})\s*[（(]\s*([^)）]{2,40})[)）]", text):
            lang = LANGS.get(m.group(1).lower()) or LANGS.get(m.group(1))
            if lang and _LEVEL_RE.search(m.group(2)):
                lv = _LEVEL_RE.search(m.group(2))
                assert lv is not None
                add(lang, [LEVELS.get(lv.group(1).lower(), lv.group(1))], ln, 0.7)
    out = []
    for lang in order:
        quals, ln, conf = found[lang]
        out.append((f"{lang} ({', '.join(quals)})" if quals else lang, ln, conf))
    return out


def mentions_language(text: str) -> bool:
    return bool(_LANG_RE.search(text) or _EXAM.search(text))


def spoken_names() -> set[str]:
    return {k.casefold() for k in LANGS} | {v.casefold() for v in LANGS.values()}
