"""Form-style résumés: a field's label beside or before its value.

The Europass CV sets its labels in a column of their own ("Dates", "Occupation or position held",
"Name and address of employer", in every EU language), job-board exports write "Company: …",
"Designation: …", "公司名称：…". A label names the field its value fills, which says more than the
value's words do ("Irwell & Holt" holds no word that marks an employer). ``join_labels`` puts a
label and the value beside it on one line ("Label: value"); ``label_field`` reads the field back.
"""

from __future__ import annotations

import re

from .model import Line

# field -> labels (lower case). "body" labels introduce an entry's description, "personal" ones
# the contact block; "subjects" is what a course covered.
LABELS: dict[str, tuple[str, ...]] = {
    "dates": (
        "dates", "date", "duration", "period", "tenure", "fechas", "datas", "zeitraum", "periodo", "période",
        "时间", "工作时间", "在职时间", "任职时间", "起止时间",
    ),
    "title": (
        "occupation or position held", "position held", "position", "designation", "job title", "title", "role",
        "lavoro o posizione ricoperti", "fonction ou poste occupé", "profesión o cargo desempeñado",
        "beruf oder funktion", "função ou cargo ocupado", "职位", "职位名称", "岗位", "岗位名称", "职务", "职务名称",
    ),
    "company": (
        "name and address of employer", "name of employer", "employer", "company", "company name",
        "organisation", "organization", "client", "nome e indirizzo del datore di lavoro",
        "nom et adresse de l'employeur", "nombre y dirección de la empresa o empleador",
        "name und adresse des arbeitgebers", "nome e morada do empregador", "nome e endereço do empregador",
        "公司", "公司名称", "单位", "单位名称",
    ),
    "location": ("location",),
    "body": (
        "main activities and responsibilities", "type of business or sector",
        "principali attività e responsabilità", "tipo di attività o settore",
        "principales activités et responsabilités", "type ou secteur d'activité",
        "funciones y responsabilidades principales", "tipo de empresa o sector",
        "wichtigste tätigkeiten und zuständigkeiten", "tätigkeitsbereich oder branche",
        "principais actividades e responsabilidades", "principais atividades e responsabilidades",
        "tipo de empresa ou sector",
    ),
    "degree": (
        "title of qualification awarded", "qualification awarded", "qualification", "degree",
        "titolo della qualifica rilasciata", "intitulé du certificat ou diplôme délivré",
        "cualificación obtenida", "bezeichnung der erworbenen qualifikation",
        "designação da qualificação atribuída", "学历",
    ),
    "institution": (
        "name and type of organisation providing education and training",
        "name of organisation providing education", "name and type of organisation providing education",
        "institution", "university", "school", "college",
        "nome e tipo d'organizzazione erogatrice dell'istruzione e formazione",
        "nom et type de l'établissement d'enseignement ou de formation", "nombre y tipo del centro de estudios",
        "name und art der bildungs- oder ausbildungseinrichtung", "nome e tipo da organização de ensino ou formação",
        "学校", "学校名称", "院校",
    ),
    "subjects": (
        "principal subjects/occupational skills covered", "principal subjects",
        "principali tematiche/competenze professionali possedute",
        "principales matières/compétences professionnelles couvertes",
        "principales materias o capacidades profesionales aplicadas", "hauptfächer/berufliche fähigkeiten",
        "principais disciplinas/competências profissionais", "专业", "专业名称",
    ),
    "personal": (
        "name / surname", "surname(s) / first name(s)", "first name(s) / surname(s)", "address", "telephone",
        "mobile", "e-mail", "email", "personal email", "nationality", "date of birth", "gender", "fax",
        "desired employment / occupational field",
    ),
}
FIELD_OF = {label: field for field, labels in LABELS.items() for label in labels}
_ALTERNATION = "|".join(re.escape(label) for label in sorted(FIELD_OF, key=len, reverse=True))
# "Label: value" (or a label and its value in a table row, one tab apart).
LABEL_RE = re.compile(rf"^(?P<label>{_ALTERNATION})\s*(?:[:：]|\t)\s*(?=\S)", re.I)


def label_field(text: str) -> tuple[str, str] | None:
    """(field, value) of a labelled line, or None."""
    m = LABEL_RE.match(text.strip())
    if not m:
        return None
    return FIELD_OF[m.group("label").casefold()], text.strip()[m.end():].strip()


def _label_starts() -> dict[str, str]:
    """The first words of each label (two or more, short of the whole) → the first such label:
    every line of a document is looked up here."""
    out: dict[str, str] = {}
    for label in FIELD_OF:
        words = label.split(" ")
        for k in range(2, len(words)):
            out.setdefault(" ".join(words[:k]), label)
    return out


def label_only(text: str) -> str | None:
    """The full label a line consists of: a known label, or the first words of one that wrapped in
    its narrow column ("Main activities and" / "responsibilities")."""
    t = re.sub(r"\s+", " ", text.strip().rstrip(":：")).casefold()
    if t in FIELD_OF:
        return t
    if len(t.split()) >= 2:
        return _LABEL_STARTS.get(t)
    return None


_LABEL_STARTS = _label_starts()


def _beside(label: Line, value: Line) -> bool:
    if not label.bbox or not value.bbox or label.page != value.page:
        return False
    size = label.size or 10.0
    return abs(label.bbox[1] - value.bbox[1]) <= 0.4 * size and value.bbox[0] > label.bbox[2]


def _rest_of_label(ln: Line, label: Line | None, full: str | None) -> bool:
    """The wrapped second line of the label before it, set flush with it: "responsibilities"."""
    if label is None or full is None or not ln.bbox or not label.bbox or ln.page != label.page:
        return False
    t = re.sub(r"\s+", " ", ln.text.strip()).casefold()
    return abs(ln.bbox[2] - label.bbox[2]) <= 2 and 0 < label.bbox[1] - ln.bbox[1] <= 2 * (ln.size or 10.0) \
        and full.endswith(" " + t)


def join_labels(lines: list[Line]) -> list[Line]:
    """A label and the value on its baseline become one line, "Label: value"; the wrapped rest of a
    label goes (its value stays, as the continuation of the value above)."""
    out: list[Line] = []
    last_label: Line | None = None
    last_full: str | None = None
    i = 0
    while i < len(lines):
        ln = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        head, tab, value = ln.text.partition("\t")
        full = label_only(head) if tab else None
        if full and value.strip() and not label_only(value):
            # Label and value already on one line, a tab apart ("Desired employment /  Chartered Accountant").
            out.append(Line(text=f"{full[:1].upper()}{full[1:]}: {value.strip()}", page=ln.page, bbox=ln.bbox,
                            size=ln.size, bold=ln.bold, column=ln.column, index=ln.index, style=ln.style,
                            bullet=ln.bullet, source=ln.source))
            i += 1
            continue
        full = label_only(ln.text)
        if full and nxt is not None and _beside(ln, nxt) and not label_only(nxt.text):
            assert ln.bbox and nxt.bbox
            text = f"{full[:1].upper()}{full[1:]}: {nxt.text.strip()}"
            bbox = (ln.bbox[0], min(ln.bbox[1], nxt.bbox[1]), nxt.bbox[2], max(ln.bbox[3], nxt.bbox[3]))
            out.append(Line(text=text, page=nxt.page, bbox=bbox, size=nxt.size, bold=nxt.bold, column=nxt.column,
                            index=ln.index, style=nxt.style, bullet=False, source=nxt.source))
            last_label, last_full = ln, full
            i += 2
            continue
        if _rest_of_label(ln, last_label, last_full):
            last_label = None
            i += 1
            continue
        out.append(ln)
        i += 1
    return out
