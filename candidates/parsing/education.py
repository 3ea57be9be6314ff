"""Education entries: institution, degree, field, dates, GPA."""

from __future__ import annotations

import re
from typing import Any

from .entries import GLUED, ORG_NAME, Header, header_parts, is_bullet, is_location, is_prose
from .entry_lines import mend_headers, unfold_side_by_side
from .model import Line
from .textutil import CJK_RE

INSTITUTION_RE = re.compile(
    r"(?:\b(?:university|universit[éeàä]t?|universidad|universidade|università|universiteit|universitat|uniwersytet|"
    r"universitet|üniversitesi|universiti|universitas|faculdade|facultad|instituto|istituto|escola|escuela|fachhochschule|"
    r"college|institute|institut|school|"
    r"academy|polytechnic|politecnico|hochschule|conservatory|conservatoire|école|ecole|seminary|gymnasium|"
    r"lycée|lycee|liceo|colegio|collège|istituto tecnico|hogeschool|högskolan?|høgskolen?|yliopisto|"
    r"politechnika|polit[ée]cnic[oa]|akademie|akademia|technikum|TAFE|"
    r"high school|MIT|UCLA|NYU|Caltech|ETH|EPFL|KAIST|IIT|UC Berkeley|CMU|USC|UCSD|HKUST|NUS|NTU|INSA|HEC|ESSEC|ESCP|"
    r"Sciences Po|CentraleSup[ée]lec|Polytechnique)\b"
    r"|大学|学院|学校|中学|研究院|研究所|大學|學院)",
    re.I,
)
_DEG_WORD = (
    r"(?i:(?:Bachelor|Master|Doctor)(?:'s|’s|s)?(?:\s+(?:of|in)\s+(?:Science|Arts|Engineering|Business Administration|"
    r"Laws?|Fine Arts|Education|Philosophy|Technology|Commerce|Applied Science|Public Health|Computer Applications|"
    r"Architecture|Music|Social Work|Nursing|Medicine|Economics|Mathematics)"
    # Professional degrees are named "Doctor of Pharmacy", not "Doctor in Pharmacy" ("Master in
    # Management" is a Master's whose field is Management).
    r"|\s+of\s+(?:Pharmacy|Dental Surgery|Surgery|Veterinary Medicine|Design|Journalism|Accountancy|"
    r"Information Technology|Library Science|Health Sciences?|Physical Therapy|Divinity|Theology|Letters|"
    r"Agriculture|Physiotherapy|Optometry|Dentistry|Public Administration|Public Policy))?(?:\s+degree)?)"
)
DEGREE_RE = re.compile(
    r"(?<![A-Za-z])(?:" + _DEG_WORD +
    r"|Ph\.?\s?D\.?|D\.?Phil\.?|Ed\.?D\.?|J\.?D\.?|M\.?D\.?|MBA|EMBA|LL\.?[BM]\.?|BSc|MSc|BEng|MEng|BBA|BCom|"
    r"BTech|MTech|B\.Tech|M\.Tech|MCA|BCA|MPhil|MRes|MPH|MFA|BFA|MEd|BDes|MDes|BArch|MArch|BMus|BSN|MSN|PharmD|BPharm|MPharm|MBBS|DPT|"
    r"B\.\s?(?:S|A|Sc|Eng|E|Com|Arch)\.?|M\.\s?(?:S|A|Sc|Eng|E|Phil|Ed|B\.?A)\.?|A\.\s?A\.?S?\.?|"
    r"(?:BS|BA|MS|MA|BE|ME|AA|AS)(?=\s*(?:,|\bin\b|\bof\b|$|\(|\s[A-Z]))|"
    r"Associate(?:'s)?\s+(?:of|in|Degree)(?:\s+(?:Arts|Science|Applied Science))?|Doctorate|"
    r"Dipl\.\s?-?Ing\.?|CPGE|Classe pr[ée]paratoire|Baccalaur[ée]at|Abitur|Matura|A[- ]Levels?|GCSEs?|PGCE|PGDip|"
    r"High School Diploma|(?:(?:Postgraduate|Graduate|Advanced|Higher|National|Professional|Undergraduate)\s+){0,2}(?:Diploma|Certificate)|GED|Baccalaureate|Licence|Licenciatura|Licenciado|Máster|Maestría|"
    r"Grado|Doctorado|Mestrado|Bacharelado|Laurea(?: Magistrale| Triennale)?|Diplom-\w+|Magister|Dottorato|"
    r"Exchange(?: Student| Program)?|Dipl[ôo]me(?: d['’]ing[ée]nieur)?|Ing[ée]nieur dipl[ôo]m[ée])(?![A-Za-z])"
    r"|博士后|博士研究生|硕士研究生|博士|硕士|研究生|本科|学士|大专|专科|高中|工学学士|理学学士|工学硕士|理学硕士|交换生",
)
GPA_AFTER_RE = re.compile(r"\b(\d\.\d{1,2}\s*(?:/\s*\d(?:\.\d{1,2})?)?)\s*(?:C?GPA|cumulative GPA)\b", re.I)
GPA_RE = re.compile(r"(?:C?GPA|GPA|Grade Point Average|绩点|平均绩点|平均学分绩点|GPA\s*[（(][^)）]*[)）])\s*[:：]?\s*(\d{1,2}(?:\.\d{1,2})?\s*(?:/\s*\d{1,3}(?:\.\d{1,2})?)?)", re.I)
_FIELD_LABEL = re.compile(r"(?:major|field of study|concentration|专业)\s*[:：]\s*([^|,，\t]+)", re.I)
# How the degree was studied ("统招" = national entrance exam, "全日制" = full-time): job-board
# exports print it beside the degree, where it would otherwise be read as the field.
_STUDY_MODE = re.compile(r"^(?:统招|非统招|全日制|非全日制|自考|成人教育|成教|网络教育|在职|脱产|函授|"
                         r"full[- ]time|part[- ]time|distance learning|online)$", re.I)
_HONOURS = re.compile(r"^(?:cum laude|magna cum laude|summa cum laude|with honou?rs|honou?rs|first class|distinction|dean's list)\b", re.I)


# "BA (Hons) Business Management", "BSc Hons Nursing": a class of degree between the degree and its field.
_QUALIFIER = re.compile(
    r"^\s*(?:[(（]\s*(?:hons?\.?|honou?rs|first class(?: honou?rs)?|distinction|merit|cum laude|magna cum laude|"
    r"summa cum laude)\s*[)）]|hons\.?(?=\s))", re.I)


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip(" ,;:|·•–—-()（）\t")


_NAMED_DEGREE = re.compile(r"\s+of\s+((?:[A-Z][\w'’-]*|and|&)(?:\s+(?:[A-Z][\w'’-]*|and|&)){0,4})(?=\s*(?:$|\bin\b|[,;|()\t]|\s[–—-]\s))")


def _split_degree(part: str) -> tuple[str | None, str | None]:
    m = DEGREE_RE.search(part)
    if not m:
        return None, None
    degree = _clean(m.group(0))
    rest = _QUALIFIER.sub("", part[m.end():])
    named = _NAMED_DEGREE.match(rest) if re.fullmatch(r"(?i)(?:bachelor|master|doctor)(?:'s|’s|s)?", degree) else None
    if named:
        # "Bachelor of Medical Radiation Science": a degree named for its subject; the name is the
        # degree (as the certificate prints it) and says the field ("… in Radiography" would be it).
        degree = f"{degree} of {named.group(1)}"
        rest = rest[named.end():] if re.match(r"\s*(?:in|,|[–—-])\s", rest[named.end():]) else named.group(1)
    rest = re.sub(r"^\s*(?:degree\s+)?(?:(?:in|of|en|de|in der|im)\b|,|:|-|–|—|\(|（)\s*", "", rest, flags=re.I)
    before = part[: m.start()].strip(" ,|-–—")
    fld = ""
    for piece in re.split(r"\s*[,;|·]\s*|\s[–—-]\s|\t|\s{2,}", rest):
        # "(First Class)", "(Honours)" qualify the degree, not the field.
        piece = re.sub(r"\s*[(（][^)）]*(?:[)）]|$)", "", piece)
        piece = re.sub(r"[)）]$", "", _clean(piece)).strip()
        if not piece or DEGREE_RE.fullmatch(piece) or re.fullmatch(r"[(（]?\s*", piece) or DEGREE_RE.match(piece) \
                or _STUDY_MODE.match(piece):
            continue  # empty, the degree again in another language ("学士 Bachelor of Marketing"), "本科（全日制）"
        fld = piece
        break
    if not fld and before and not INSTITUTION_RE.search(before) and (CJK_RE.search(before) or len(before.split()) <= 5):
        fld = _clean(before)  # "计算机科学与技术 本科", "Computer Science BSc"
    if fld and (INSTITUTION_RE.search(fld) or GPA_RE.search(fld) or _HONOURS.match(fld) or DEGREE_RE.fullmatch(fld)):
        fld = ""
    return degree, fld or None


def _strip_place(inst: str) -> str:
    """"Harvard University, Cambridge, MA" → "Harvard University" (keeps "University of California, Berkeley")."""
    m = re.search(r"\s*[(（]([^)）]*)[)）]?\s*$", inst)
    if m and is_location(m.group(1)):
        inst = inst[: m.start()].strip()  # "Politecnico di Milano, Milano (Italy)"
    segs = [s.strip() for s in inst.split(",")]
    while len(segs) > 1:
        tail2 = ", ".join(segs[-2:])
        if len(segs) > 2 and is_location(tail2) and not INSTITUTION_RE.search(tail2):
            segs = segs[:-2]
        elif is_location(segs[-1]) and not INSTITUTION_RE.search(segs[-1]) and INSTITUTION_RE.search(", ".join(segs[:-1])) \
                and not re.match(r"(?i)university of [^,]+$", ", ".join(segs[:-1])):
            segs = segs[:-1]
        else:
            break
    return ", ".join(segs)


def _split_field(inst: str) -> tuple[str, str | None]:
    """"Lone Mesa University, Computer Engineering": the school, then what was studied there.  A
    single word after "University of X," is more likely a campus ("…, Berkeley")."""
    head, sep, tail = inst.rpartition(",")
    tail = tail.strip()
    if not sep or not INSTITUTION_RE.search(head) or INSTITUTION_RE.search(tail) or is_location(tail) \
            or DEGREE_RE.search(tail) or re.search(r"\d", tail) or not tail[:1].isupper() or len(tail.split()) > 6:
        return inst, None
    if len(tail.split()) < 2 and re.match(r"(?i)university of\b", head.strip()):
        return inst, None
    return head.strip(), tail


# A name: capitalised words (with the small words names keep), at least two of them.
_NAME = re.compile(ORG_NAME + "+")  # two words at least: a single one may be an honour or a town


def parse_education(lines: list[Line]) -> list[tuple[dict[str, Any], dict[str, dict]]]:
    """Entries as (value dict, provenance by field)."""
    lines = mend_headers(unfold_side_by_side(lines))
    entries: list[tuple[dict[str, Any], dict[str, dict]]] = []
    cur: dict[str, Any] | None = None
    prov: dict[str, dict] = {}

    named: list[tuple[str, Line]] = []  # an entry's name-like line no word marks as a school
    # Short lines nothing placed ("ATPL Theory", a course no word names as a degree): the degree of
    # the entry they stand in or open, where that entry shows no other.
    loose: list[tuple[str, Line]] = []

    def new() -> None:
        nonlocal cur, prov
        if cur is not None:
            _settle(cur, prov, named, loose, entries)
        cur = {"institution": None, "degree": None, "field": None, "start": None, "end": None, "gpa": None}
        prov = {}

    new()
    for ln in lines:
        assert cur is not None
        text, bullet = is_bullet(ln)
        gpa = GPA_RE.search(text) or GPA_AFTER_RE.search(text)
        # A degree set as a list item under its school ("• Diplôme d'ingénieur") is still the degree.
        degree_item = bullet and not cur["degree"] and bool(DEGREE_RE.match(text)) and len(text.split()) <= 8
        if (bullet and not degree_item) or (is_prose(text) and not INSTITUTION_RE.search(text) and not DEGREE_RE.search(text)):
            _take_gpa(cur, prov, gpa, ln)
            fl = _FIELD_LABEL.search(text)
            if fl and not cur["field"]:
                cur["field"], prov["field"] = _clean(fl.group(1)), ln.prov(0.7)
            continue
        h = header_parts(ln)
        h.parts = _expand_parts(h.parts)
        if _form_detail(h, cur, prov, ln):
            continue
        inst = next((p for p in h.parts if INSTITUTION_RE.search(p) and not DEGREE_RE.fullmatch(p)), None)
        deg_part = next((p for p in h.parts if DEGREE_RE.search(p)), None)
        inst, deg_part, name = _unnamed_school(h, inst, deg_part, text, cur)
        if name and cur["degree"] and named:
            new()  # the next entry's name: this one already has its own
            assert cur is not None
        if h.field in ("institution", "degree"):  # a form's label says what its value is
            inst, deg_part = (h.parts[0], None) if h.field == "institution" else (None, h.parts[0])
        if deg_part is None and inst and DEGREE_RE.search(inst):
            deg_part = inst
        # A field that is already filled starts the next entry.
        if (inst and cur["institution"]) or (h.dates and (cur["start"] or cur["end"]) and not (inst and not cur["institution"])) \
                or (deg_part and cur["degree"] and not inst):
            new()
            assert cur is not None
        if inst:
            _take_institution(cur, prov, inst, deg_part, ln)
        if deg_part:
            _take_degree(cur, prov, h.parts, deg_part, ln, labelled=h.field == "degree")
        if h.dates:
            cur["start"], cur["end"] = h.dates.start, h.dates.end
            prov["dates"] = ln.prov(0.85, h.dates.text)
        _take_gpa(cur, prov, gpa, ln)
        before = dict(cur)
        _take_rest(cur, prov, h.parts, inst, deg_part, bool(h.dates), text, ln)
        if name and not cur["institution"] and cur["field"] != name:
            named.append((name, ln))
        elif cur == before and not (inst or deg_part or h.dates or gpa) and _course_name(h.parts):
            loose.append((_clean(h.parts[0]), ln))
    new()
    return entries


def _settle(cur: dict[str, Any], prov: dict[str, dict], named: list[tuple[str, Line]], loose: list[tuple[str, Line]],
            entries: list[tuple[dict[str, Any], dict[str, dict]]]) -> None:
    """Close the entry being read: fill what its other lines say (a course as its degree, a name as
    its school, the school above for a second degree) and keep it if it names anything."""
    if cur["institution"] and not cur["degree"] and loose:
        cur["degree"], prov["degree"] = loose[0][0], loose[0][1].prov(0.5)
        loose.clear()
    elif not (cur["institution"] and cur["degree"]):
        loose.clear()  # lines after a complete entry may open the next one: they wait for it
    if not cur["institution"] and cur["degree"] and named:
        # "Kilmainham Training Centre" / "Advanced Certificate: Plumbing": every entry names
        # where it was studied; the entry's one line that is a name is that place.
        cur["institution"] = named[0][0]
        prov["institution"] = named[0][1].prov(0.5)
    named.clear()
    if cur["institution"] or cur["degree"]:
        if not cur["institution"] and entries and entries[-1][0]["institution"]:
            # Second degree at the same school, listed under it.
            cur["institution"] = entries[-1][0]["institution"]
            prov["institution"] = dict(entries[-1][1].get("institution", {}), confidence=0.5)
        entries.append((cur, prov))


def _take_institution(cur: dict[str, Any], prov: dict[str, dict], inst: str, deg_part: str | None, ln: Line) -> None:
    """The school of a header part (without the degree glued to its end), and a field it names."""
    i_text = inst
    if deg_part is inst:
        m = DEGREE_RE.search(inst)
        assert m is not None
        i_text = _clean(inst[: m.start()]) or inst
    cur["institution"], fld = _split_field(_strip_place(_clean(i_text)))
    prov["institution"] = ln.prov(0.85)
    if fld and not cur["field"]:
        cur["field"] = fld
        prov["field"] = ln.prov(0.6)


def _course_name(parts: list[str]) -> bool:
    """One short name, no place, grade, honour or sentence: what a course would be called."""
    if len(parts) != 1:
        return False
    p = _clean(parts[0])
    return 0 < len(p.split()) <= 6 and p[:1].isupper() and not re.search(r"\d|[.:;!?]$|[:：]", p) \
        and not is_location(p) and not _HONOURS.match(p) and not _STUDY_MODE.match(p) and not is_prose(p) \
        and not re.search(r"(?i)\b(?:award|prize|scholarship|thesis|coursework|courses|minor|exchange|semester)\b", p)


def _take_gpa(cur: dict[str, Any], prov: dict[str, dict], gpa: re.Match[str] | None, ln: Line) -> None:
    if gpa and not cur["gpa"]:
        cur["gpa"] = gpa.group(1).replace(" ", "")
        prov["gpa"] = ln.prov(0.8)


def _unglue_degree(p: str) -> list[str]:
    """The part, or the school and the degree glued to its end cut apart. Only a degree named in
    words can start at such a join ("…LogisticsMaster of Science"); a capital inside a name
    ("McMaster University") is no degree."""
    for m in GLUED.finditer(p):
        head, tail = p[: m.start()].strip(), p[m.start():].strip()
        if " " in head and DEGREE_RE.match(tail):
            return [head, tail]
    return [p]


def _expand_parts(parts: list[str]) -> list[str]:
    """"M.S. Computer Science, Stanford University, 2014": degree and school share a comma list."""
    expanded: list[str] = []
    for p in [q for part in parts for q in _unglue_degree(part)]:
        pieces = [q.strip() for q in p.split(",") if q.strip()]
        if len(pieces) > 1 and any(INSTITUTION_RE.search(q) for q in pieces) and any(DEGREE_RE.search(q) for q in pieces) \
                and not (INSTITUTION_RE.search(p) and DEGREE_RE.search(p) and len(pieces) == 1):
            expanded.extend(pieces)
        else:
            expanded.append(p)
    return expanded


def _unnamed_school(h: Header, inst: str | None, deg_part: str | None, text: str,
                    cur: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    """A school no word names, found by where it stands: before the degree in "School, Degree in
    Field", after " at " behind the degree, or (the third value) a line that is a name and nothing
    else, which the entry takes as its school when it finds no other."""
    if inst is None and deg_part is not None and "," in deg_part:
        # "Kilmainham Training Centre, Advanced Certificate in Plumbing": the other piece, a name
        # holding no degree, is the school.  The degree piece names its own field ("… in
        # Plumbing"), so the name before it is not the field; under a school already read, it
        # would be the field's other half.
        pieces = [q.strip() for q in deg_part.split(",") if q.strip()]
        degs = [q for q in pieces if DEGREE_RE.search(q)]
        names = [q for q in pieces if q not in degs and _NAME.fullmatch(q) and not is_location(q)]
        if len(pieces) == 2 and len(degs) == 1 and names == pieces[:1] and _split_degree(degs[0])[1] \
                and not cur["institution"]:
            whole = deg_part
            inst, deg_part = names[0], degs[0]
            h.parts = [x for q in h.parts for x in (pieces if q == whole else [q])]
    if inst is None and deg_part is not None and len(h.parts) == 2 and h.parts[0] == deg_part \
            and re.search(r"\s(?:at|@)\s", text) and _NAME.fullmatch(h.parts[1]):
        inst = h.parts[1]  # "Advanced Certificate Plumbing at Kilmainham Training Centre"
    name = None
    if inst is None and deg_part is None and len(h.parts) == 1 and _NAME.fullmatch(h.parts[0]) \
            and not is_location(h.parts[0]) and not GPA_RE.search(text) and not _HONOURS.match(h.parts[0]):
        name = _clean(h.parts[0])
    return inst, deg_part, name


def _form_detail(h: Header, cur: dict[str, Any], prov: dict[str, dict], ln: Line) -> bool:
    """A form's line that names no header field ("Principal subjects: …", "Main activities: …"),
    or a header field's label with nothing beside it: taken here, True."""
    if h.field not in ("body", "subjects") and not (h.field in ("degree", "institution") and not h.parts):
        return False
    if h.field == "subjects" and h.parts and not cur["field"]:
        cur["field"] = _clean(h.parts[0])
        prov["field"] = ln.prov(0.7)
    return True


def _take_degree(cur: dict[str, Any], prov: dict[str, dict], parts: list[str], deg_part: str, ln: Line,
                 labelled: bool = False) -> None:
    """The degree of a header part, and its field (in the same part or the next one); a form's
    labelled degree is the degree whatever its words."""
    degree, fld = (_clean(deg_part), None) if labelled else _split_degree(deg_part)
    if degree:
        cur["degree"] = degree
        prov["degree"] = ln.prov(0.8)
    if fld and not cur["field"]:
        cur["field"] = fld
        prov["field"] = ln.prov(0.7)
    elif not fld and not cur["field"] and deg_part in parts:
        # "Master of Science - MS, Computer Science": the major is in the next field.
        for p in parts[parts.index(deg_part) + 1:]:
            if _STUDY_MODE.match(_clean(p)):
                continue  # "统招", "全日制": how it was studied, not what
            rest = _clean(DEGREE_RE.sub("", p))
            rest = _clean(re.sub(r"^(?:in|of)\s+", "", rest))
            if rest and not INSTITUTION_RE.search(p) and not is_location(p) and not GPA_RE.search(p) \
                    and not _HONOURS.match(rest) and len(rest.split()) <= 6:
                cur["field"] = rest
                prov["field"] = ln.prov(0.6)
                break


def _take_rest(cur: dict[str, Any], prov: dict[str, dict], parts: list[str], inst: str | None, deg_part: str | None,
               dated: bool, text: str, ln: Line) -> None:
    """A labelled field, a school we do not know by name under a degree line, or a Chinese major."""
    fl = _FIELD_LABEL.search(text)
    if fl and not cur["field"]:
        cur["field"] = _clean(fl.group(1))
        prov["field"] = ln.prov(0.7)
    elif cur["degree"] and cur["field"] and not cur["institution"] and not inst and not deg_part and not dated \
            and len(parts) == 1 and len(parts[0].split()) <= 6 and not re.search(r"\d", parts[0]) \
            and not GPA_RE.search(parts[0]) and not _HONOURS.match(parts[0]) and not is_location(parts[0]):
        # "Diplôme d'ingénieur, Computer Science" / "Ensimag": a school we do not know by name,
        # on its own line under a complete degree line.
        cur["institution"] = _strip_place(_clean(parts[0]))
        prov["institution"] = ln.prov(0.6)
    elif not cur["field"] and (cur["degree"] or cur["institution"]):
        # Remaining short part on a header line: in Chinese résumés that is the major.
        for p in parts:
            if p in (inst, deg_part) or is_location(p) or GPA_RE.search(p) or _HONOURS.match(p) \
                    or _STUDY_MODE.match(_clean(p)):
                continue
            if CJK_RE.search(p) and len(p) <= 16 and not re.search(r"[:：]", p):
                cur["field"] = _clean(p)
                prov["field"] = ln.prov(0.6)
                break
