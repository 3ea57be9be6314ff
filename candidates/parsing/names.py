"""The candidate's name (never invented) and the headline under it."""

from __future__ import annotations

import re
import unicodedata

from .contacts import EMAIL_RE, LOCATION_LABEL, URL_RE, looks_like_location
from .model import Line
from .sections import heading_key
from .textutil import CJK_RE, ICON_RE, collapse_letterspacing, split_parts

NOT_NAMES = {
    "resume", "résumé", "cv", "curriculum vitae", "curriculum vitae (cv)", "cover letter", "avatar", "photo",
    "portfolio", "personal resume", "my resume", "resume of", "contact", "profile", "简历", "个人简历", "求职简历",
    "个人履历", "履历", "简 历", "头像", "照片", "姓名", "name", "page", "confidential",
}
_CN_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
_CN_COMPOUND = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐"}
_TITLE_WORDS = re.compile(
    r"\b(?:engineer|developer|manager|designer|analyst|scientist|consultant|director|intern|architect|"
    r"specialist|coordinator|officer|administrator|lead|head|president|founder|student|teacher|professor|"
    r"researcher|associate|assistant|programmer|accountant|nurse|technician|representative|executive|"
    r"strategist|writer|editor|marketer|recruiter|sre|devops|full[- ]?stack|front[- ]?end|back[- ]?end|"
    r"software|data|product|senior|junior|university|college|school|institute|inc|llc|ltd|corp|company|"
    r"street|avenue|road|suite|email|phone|address|linkedin|github|objective|summary|experience|education|"
    r"skills|references|page|resume|curriculum|vitae|portfolio|contact|profile|about|me|available|"
    r"supervisor|management|operations|sales|marketing|finance|accounting|support|services|team|group|"
    r"solutions|systems|analytics|design|development|research|consulting|technologies|center|centre|"
    r"personal|information|details|info|name|phone|mobile|e-mail|website|"
    r"hospital|bank|labs?|studio|agency|department|city|county|state|remote|hybrid|"
    r"the|and|of|for|with|in|at|to|on|by)\b",
    re.I,
)
_CREDENTIALS = re.compile(r",?\s*\b(?:Ph\.?\s?D\.?|M\.?D\.?|MBA|CPA|PMP|CFA|P\.?E\.?|Jr\.?|Sr\.?|III|II|MSc|BSc|M\.?S\.?|B\.?S\.?|CISSP|RN)\b\.?\s*$")
_NAME_TOKEN = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]*(?:(?:[A-ZÀ-ÖØ-Þ'’\-]|['’\-][A-ZÀ-ÖØ-Þ])[a-zà-öø-ÿ]+)*"  # Jane, McDonald, O'Neil, Jean-Luc, DeShawn
    r"|[A-ZÀ-ÖØ-Þ]{2,}(?:['’\-][A-ZÀ-ÖØ-Þ]{2,})?"  # DOE, ADEYEMI-PARK
    r"|[A-ZÀ-ÖØ-Þ]['’][A-ZÀ-ÖØ-Þ]{2,}"  # O'SULLIVAN, D'ANGELO
    r"|[A-Z]\.?"  # middle initial
    r"|(?:van|von|de|da|del|della|der|di|la|le|bin|binti|al|el|du|dos|das|ten|ter|y|e)"  # particles
    r")$"
)
_PREFIX = re.compile(r"^(?:Dr|Mr|Mrs|Ms|Mx|Prof|Professor|Eng|Ing)\.?\s+", re.I)
# "姓名：张三", or a form table whose label cell has no colon ("姓名<tab>张三").
_NAME_LABEL = re.compile(r"^(?:姓\s*名|name|full name|name\s*/\s*surname|(?:surname|first name)\(?s?\)?\s*/\s*"
                         r"(?:surname|first name)\(?s?\)?)\s*(?:[:：]|\t)\s*(.+)$", re.I)


def clean_name(text: str) -> str:
    t = ICON_RE.sub(" ", text)
    t = collapse_letterspacing(t)
    t = re.sub(r"\s+", " ", t).strip(" ,.|·-–—:：")
    t = _CREDENTIALS.sub("", t).strip(" ,")
    t = _CREDENTIALS.sub("", t).strip(" ,")  # "Jane Doe, MBA, PMP"
    t = re.sub(r"\s*[(（][^)）]{1,30}[)）]\s*$", "", t)  # "(she/her)", "(Jim)"
    t = _PREFIX.sub("", t)
    # "Resume of Jane Doe", "CV – Jane Doe", "Jane Doe's Résumé", "Jane Doe CV"
    t = re.sub(r"^(?:resume|résumé|cv|curriculum vitae)\s*(?:of\b|[-–—:|])\s*", "", t, flags=re.I)
    t = re.sub(r"(?:['’]s)?\s*[-–—|]?\s*(?:resume|résumé|cv|curriculum vitae)$", "", t, flags=re.I).strip(" ,-–—|")
    t = re.sub(r"^(?:个人简历|简历)\s*[-–—:：|]?\s*|\s*(?:的)?(?:个人简历|简历)$", "", t)
    return t


def is_cjk_name(t: str) -> bool:
    s = t.replace(" ", "").replace("\u3000", "")
    if not re.fullmatch(r"[\u4e00-\u9fff·]{2,5}", s):
        return False
    if s in NOT_NAMES or heading_key(s):
        return False
    if len(s) > 4 and "·" not in s:
        return False
    if s[:2] in _CN_COMPOUND:
        return len(s) <= 4
    if s[0] not in _CN_SURNAMES:
        return False
    # Words that are common résumé vocabulary, not names.
    if re.search(r"(简历|经历|经验|背景|技能|教育|项目|工作|求职|意向|评价|信息|证书|荣誉|大学|学院|公司|电话|邮箱|地址|联系|男|女)", s):
        return len(s) <= 3 and not re.search(r"(简历|经历|经验|背景|技能|教育|项目|工作|求职|意向|评价|信息|证书|荣誉|大学|学院|公司|电话|邮箱|地址|联系)", s)
    return True


# Letters outside Latin-1 (Polish ś ł, Czech č ř, Turkish ğ ı, Romanian ș) checked by their base
# letter: "Wiśniewski" has the shape of "Wisniewski".
_UNFOLDED = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ħ": "h", "Ħ": "H", "ŀ": "l"})


def _fold_token(tok: str) -> str:
    if tok.isascii():
        return tok
    out = []
    for ch in tok.translate(_UNFOLDED):
        if "\u00c0" <= ch <= "\u00ff":
            out.append(ch)  # the token pattern knows Latin-1 as it is
        else:
            out.append("".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)))
    return "".join(out)


def is_latin_name(t: str) -> bool:
    if not t or len(t) > 40 or re.search(r"[\d@/:|•]", t):
        return False
    if t.casefold() in NOT_NAMES or heading_key(t):
        return False
    if "," in t:
        from .entries import is_title

        if is_title(t.split(",", 1)[1]):
            return False  # "Johanna Brandtner, Social Worker": a name, then the headline
    tokens = t.replace(",", " ").split()
    if not 2 <= len(tokens) <= 5:
        return False
    if tokens[0].islower():
        return False  # a particle cannot start a name line
    if not all(_NAME_TOKEN.match(_fold_token(tok)) for tok in tokens):
        return False
    if sum(1 for tok in tokens if len(tok.rstrip(".")) > 1) < 2:
        return False
    if _TITLE_WORDS.search(t):
        return False
    if looks_like_location(t):
        return False
    from .skills import normalise_skill

    if normalise_skill(t):
        return False
    return True


def is_name(t: str) -> bool:
    if CJK_RE.search(t):
        return is_cjk_name(t)
    return is_latin_name(t)


def _title_case(t: str) -> str:
    letters = re.sub(r"[^A-Za-z]", "", t)
    # A surname in capitals after a given name in lower case ("Johanna BRANDTNER", the French
    # and German habit) is written like the rest of the name.
    whole = letters.isupper() and len(letters) > 3
    if whole or re.search(r"[a-z]", t):
        # Capitalise each piece: "ADEYEMI-PARK" → "Adeyemi-Park", "O'NEIL" → "O'Neil"; in a mixed
        # name only the words in capitals ("McAllister" stays).
        return " ".join(
            w if len(w) <= 2 and w.endswith(".") or re.fullmatch(r"I{2,3}|IV|VI{0,3}", w)
            or not (whole or re.fullmatch(r"[^a-z]*[A-Z]{2}[^a-z]*", w))
            else re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), w)
            for w in t.split()
        )
    return t


def _candidates(line: Line) -> list[str]:
    """The line itself, and its first field when the name shares the line."""
    t = clean_name(line.text)
    out = [t]
    parts = split_parts(ICON_RE.sub(" ", line.text))
    if len(parts) > 1:
        out.append(clean_name(parts[0]))
    if "," in t:
        out.append(clean_name(t.split(",")[0]))
    # A label in capitals before the name ("PERSONAL Giulia Romano" in Europass CVs).
    m = re.match(r"^(?:[A-Z]{3,}\s+)+((?:[A-ZÀ-Ö][a-zà-ÿ'’\-]+\s*){2,4})$", t)
    if m:
        out.append(m.group(1).strip())
    # "Wei Chen 陈伟": the Latin name written first, the Chinese one after it (also before a
    # ", Headline" on the same line).
    for head in dict.fromkeys([t, clean_name(t.split(",")[0]), clean_name(parts[0])]):
        m = re.match(r"^([A-Za-zÀ-ɏ][A-Za-zÀ-ɏ .'’\-]+?)\s*[(（]?[\u4e00-\u9fff·]{2,5}[)）]?$", head)
        if m:
            out.append(m.group(1).strip())
    # A headline printed straight after the name with no space ("Ines MarlowChartered Surveyor",
    # an HTML banner flattened by a word processor): the name is what comes before the join.
    from .entries import is_title

    for m in reversed(list(re.finditer(r"(?<=[a-zß-ÿ]{2})(?=[A-ZÀ-Þ][a-zß-ÿ])", t))):
        if " " in t[:m.start()].strip() and is_title(t[m.start():]):
            out.insert(0, t[:m.start()].strip())
            break
    # "张三  男  25岁" / "张三 | 后端工程师"
    m = re.match(r"^([\u4e00-\u9fff]{2,4})(?:\s|$)", t)
    if m:
        out.append(m.group(1))
    return out


def find_name(lines: list[Line], header_count: int, excluded: set[int] | None = None) -> tuple[str, Line, float] | None:
    """Pick the name among the first lines of the document.

    Font size decides for PDFs (the largest text near the top of page 1);
    otherwise the first name-like line of the header wins.
    """
    if not lines:
        return None
    # Labelled names anywhere near the top ("姓名：张三", "Name: Jane Doe").
    for ln in lines[:40]:
        m = _NAME_LABEL.match(ln.text.strip())
        if m:
            val = re.split(r"\s{2,}|\t|[|｜]|\s(?=[\u4e00-\u9fff]{1,4}[:：])", m.group(1).strip())[0].strip()
            # "Name / Surname: Liang Haoran 梁浩然": the name written both ways is a name too.
            for cand in [clean_name(val)] + _candidates(Line(text=val))[1:]:
                if is_name(cand):
                    return _title_case(cand), ln, 0.9
    first_page = [ln for ln in lines if ln.page == 1]
    sized = [ln for ln in first_page if ln.size]
    window = lines[: max(header_count, 0) + 6][:25]
    pool: list[Line] = list(window)
    body = sorted(x.size for x in sized)[len(sized) // 2] if sized else None
    if body and len(sized) < len(first_page) / 2:
        # DOCX: only runs with a direct size carry one (a big name, say); the rest
        # inherit the document default of about 11pt.
        body = min(body, 11.0)
    if sized and body:
        pool += [ln for ln in _big_text(first_page, body) if ln not in pool]
    elif not sized:
        # DOCX tables: the name may sit at the top of the second cell, after a sidebar.
        for ln in lines[:60]:
            if ln not in pool and (ln.bold or (ln.style and re.match(r"(?i)(title|heading)", ln.style))):
                pool.append(ln)
    max_size = max((ln.size or 0) for ln in first_page) if first_page else 0
    # A name set on two or three lines in a big font ("Camille" / "Dubois-" / "Nakano").
    if sized and body:
        stacked = _stacked_name(first_page[:40], body)
        if stacked:
            return stacked
    best: tuple[float, str, Line, float] | None = None
    excluded = excluded or set()
    for rank, ln in enumerate(pool):
        if ln.index in excluded:
            continue  # entries of experience/education/skills sections are not the candidate's name
        if EMAIL_RE.search(ln.text) or URL_RE.search(ln.text.lower()) or LOCATION_LABEL.match(ln.text.strip()):
            continue
        for cand in _candidates(ln):
            if not is_name(cand):
                continue
            score = 1.0 - min(rank, 20) * 0.03
            conf = 0.75
            if ln.size and max_size:
                if ln.size >= max_size - 0.1:
                    score += 1.0
                    conf = 0.95
                elif ln.size >= 1.2 * (sorted(x.size for x in sized)[len(sized) // 2]):
                    score += 0.5
                    conf = 0.85
            if ln.style and re.match(r"(?i)(title|heading)", ln.style):
                score += 0.6
                conf = max(conf, 0.9)
            if ln.bold:
                score += 0.2
            if cand == clean_name(ln.text):
                score += 0.3
            else:
                conf -= 0.1
            if best is None or score > best[0]:
                best = (score, cand, ln, conf)
            break
    if best is None:
        return None
    return _title_case(best[1]), best[2], best[3]


def _big_text(first_page: list[Line], body: float) -> list[Line]:
    """Clearly larger text in the upper part of page 1 (two-column layouts may put the name at
    the top of the second column).  A DOCX has no geometry: its big text among the first lines,
    after a sidebar's list.  The page's biggest text counts wherever it stands: a sidebar printed
    first pushes it down."""
    top_y = max((ln.bbox[3] for ln in first_page if ln.bbox), default=0)
    biggest = max(ln.size or 0 for ln in first_page)
    return [ln for ln in first_page if (ln.size or 0) >= 1.4 * body and (
        ln.size == biggest or (ln.bbox[3] >= top_y - 300 if ln.bbox else ln.index < 60))]


def _stacked_name(first_page: list[Line], body: float) -> tuple[str, Line, float] | None:
    """A name broken over lines in a big font: at its hyphen with the headline after it
    ("Kwabena Asante-" / "Mensah | Chartered Accountant"), or a word or two a line ("Johanna" /
    "BRANDTNER").  The biggest text is tried first: section titles in a sidebar printed before the
    name are big too, but smaller than the name."""
    big = [i for i, ln in enumerate(first_page) if ln.size and ln.size >= 1.3 * body and not heading_key(ln.text)]
    for i in sorted(big, key=lambda k: (-first_page[k].size, k))[:4]:
        ln = first_page[i]
        nxt = first_page[i + 1] if i + 1 < len(first_page) else None
        if ln.text.rstrip().endswith("-") and nxt is not None and nxt.size and abs(nxt.size - ln.size) < 0.3:
            cand = clean_name(ln.text.rstrip() + split_parts(ICON_RE.sub(" ", nxt.text))[0].strip())
            if is_name(cand):
                return _title_case(cand), ln, 0.85
        if len(ln.text.split()) > 2:
            continue
        run = [ln]
        for nxt in first_page[i + 1: i + 3]:
            if nxt.size and abs(nxt.size - ln.size) < 0.3 and nxt.column == ln.column and len(nxt.text.split()) <= 2 \
                    and nxt.bold == ln.bold:
                run.append(nxt)
            else:
                break
        if len(run) > 1:
            joined = ""
            for part in run:
                t = part.text.strip()
                joined = joined + t if joined.endswith("-") or not joined else joined + " " + t
            cand = clean_name(joined)
            if is_name(cand):
                return _title_case(cand), run[0], 0.85
    return None


_LATIN_THEN_CJK = re.compile(r"^([A-Za-zÀ-ɏ][A-Za-zÀ-ɏ .'’\-]+?)\s*[(（]?([\u4e00-\u9fff·]{2,5})[)）]?$")
_CJK_THEN_LATIN = re.compile(r"^[(（]?([\u4e00-\u9fff·]{2,5})[)）]?\s*[(（]?([A-Za-zÀ-ɏ][A-Za-zÀ-ɏ .'’\-]+?)[)）]?$")


def name_alternates(line: Line, name: str) -> list[str]:
    """The other written form of a bilingual name on the name line ("Yuxin Liang 梁雨昕" → ["梁雨昕"],
    "梁雨昕 (Yuxin Liang)" → ["Yuxin Liang"]): the name is kept as found, the other form reported."""
    t = re.sub(r"\s+", " ", ICON_RE.sub(" ", line.text)).strip(" ,|·-–—")
    labelled = _NAME_LABEL.match(t)
    if labelled:
        t = labelled.group(1).strip()
    if "," in t and not (_LATIN_THEN_CJK.match(t) or _CJK_THEN_LATIN.match(t)):
        t = t.split(",")[0].strip()  # "Wei Chen 陈伟, Data Engineer"
    if not (_LATIN_THEN_CJK.match(t) or _CJK_THEN_LATIN.match(t)):
        t = split_parts(t)[0].strip()  # "Liang Haoran 梁浩然 | Clinical Data Manager"
    m = _LATIN_THEN_CJK.match(t)
    if m and is_latin_name(m.group(1).strip()) and is_cjk_name(m.group(2)):
        latin, cjk = _title_case(m.group(1).strip()), m.group(2)
    else:
        m = _CJK_THEN_LATIN.match(t)
        if not (m and is_cjk_name(m.group(1)) and is_latin_name(m.group(2).strip())):
            return []
        cjk, latin = m.group(1), _title_case(m.group(2).strip())
    if name.casefold() == latin.casefold():
        return [cjk]
    return [latin] if name == cjk else []
