"""The builders set's LaTeX layouts: the same invented people typeset by CTAN résumé classes.

    .venv/bin/python tests/parsing/builders/latex.py [--out DIR] [--layouts a,b] [--people h01,h02]
                                                     [--no-render] [--show STEM]

Engineers and academics write their own résumés in LaTeX far more often than in any online builder,
so these classes stand for the "real résumé" layouts nobody here designed: moderncv (five styles:
dates in a left column, the employer in italics after the title, skills as label/value rows),
europecv (the Europass grid: a label column of "Dates", "Occupation or position held", "Name of
employer") and currvita (a hanging date list). (CurVe no longer typesets with TeX Live 2022's
longtable, and moderncv's fancy style needs a font Debian lacks.) Each
layout writes dates its own way, as people do (``Sep 2019 -- Aug 2021``, ``09/2019--08/2021``,
``2019.09 – 2021.08``, ``2019年9月 至今``).

The classes come from Debian's TeX Live (``apt-get install texlive-latex-extra texlive-xetex
texlive-lang-chinese texlive-fonts-recommended texlive-fonts-extra``; moderncv needs the last one's
fontawesome5) and are typeset with XeLaTeX (Unicode names, CJK through xeCJK and the WenQuanYi
Zen Hei font of ``fonts-wqy-zenhei``). Truth, parsing and scoring are ``build.py``'s (same scorer
as the development corpus, plus its precision check). Output goes to /tmp/parser-builders-latex;
nothing generated is committed.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build import CORPUS, ROOT, flat, parse_all, pdf_text, score_python, truth_for  # noqa: E402

# moderncv's fancy style needs EB Garamond's initials, which Debian's TeX Live lacks.
LAYOUTS = ["moderncv-classic", "moderncv-casual", "moderncv-banking", "moderncv-oldstyle",
           "europecv", "currvita"]
CJK = re.compile(r"[\u3400-\u9fff]")
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
FULL_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]
TITLES = {
    "en": {"summary": "Summary", "work": "Experience", "education": "Education", "skills": "Skills",
           "present": "present"},
    "zh": {"summary": "个人简介", "work": "工作经历", "education": "教育背景", "skills": "专业技能",
           "present": "至今"},
}
# How each layout prints one date; the people whose résumé is in Chinese print 2019年9月 or 2019.09.
DATE_STYLE = {"moderncv-classic": "mon", "moderncv-casual": "full", "moderncv-banking": "num",
              "moderncv-oldstyle": "dot", "europecv": "num",
              "currvita": "mon"}

_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
            "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def esc(text: str | None) -> str:
    return "".join(_SPECIAL.get(c, c) for c in (text or ""))


def language(person: dict) -> str:
    b = person["basics"]
    return "zh" if CJK.search(b.get("label") or "") and not re.search(r"[A-Za-z]{3}", b.get("label") or "") else "en"


def one_date(value: str | None, style: str, lang: str) -> str:
    if not value:
        return TITLES[lang]["present"]
    year, month = int(value[:4]), int(value[5:7]) if len(value) >= 7 else None
    if month is None:
        return str(year)
    if lang == "zh":
        return f"{year}年{month}月" if style in ("mon", "full") else f"{year}.{month:02d}"
    return {"mon": f"{MONTHS[month - 1]} {year}", "full": f"{FULL_MONTHS[month - 1]} {year}",
            "num": f"{month:02d}/{year}", "dot": f"{year}.{month:02d}"}[style]


def span(item: dict, style: str, lang: str) -> str:
    if not item.get("startDate") and not item.get("endDate"):
        return ""
    start = one_date(item.get("startDate"), style, lang) if item.get("startDate") else ""
    end = one_date(item.get("endDate"), style, lang)
    return f"{start} -- {end}" if start else end


def preamble(doc_class: str, lang: str, extra: str = "") -> str:
    cjk = ("\\usepackage{xeCJK}\n\\setCJKmainfont{WenQuanYi Zen Hei}\n\\setCJKsansfont{WenQuanYi Zen Hei}\n"
           "\\setCJKmonofont{WenQuanYi Zen Hei}\n")
    return f"{doc_class}\n\\usepackage{{fontspec}}\n{cjk}{extra}"


def bullets(work: dict) -> str:
    parts = []
    if work.get("summary"):
        parts.append(esc(work["summary"]))
    if work.get("highlights"):
        items = "".join(f"\\item {esc(h)}\n" for h in work["highlights"])
        parts.append(f"\\begin{{itemize}}\n{items}\\end{{itemize}}")
    return "\n".join(parts)


def place(item: dict) -> str:
    loc = item.get("location")
    return esc(loc if isinstance(loc, str) else "")


def name_parts(name: str) -> tuple[str, str]:
    words = name.split()
    return (" ".join(words[:-1]), words[-1]) if len(words) > 1 else (name, "")


def moderncv(person: dict, style: str, lang: str) -> str:
    b, t, ds = person["basics"], TITLES[lang], DATE_STYLE[f"moderncv-{style}"]
    first, last = name_parts(b["name"])
    head = [f"\\moderncvstyle{{{style}}}", "\\moderncvcolor{blue}", "\\usepackage[scale=0.8]{geometry}",
            f"\\name{{{esc(first)}}}{{{esc(last)}}}"]
    if b.get("label"):
        head.append(f"\\title{{{esc(b['label'])}}}")
    loc = b.get("location") or {}
    if loc.get("city"):
        head.append(f"\\address{{{esc(loc['city'])}}}{{{esc(loc.get('countryCode', ''))}}}")
    if b.get("phone"):
        head.append(f"\\phone[mobile]{{{esc(b['phone'])}}}")
    if b.get("email"):
        head.append(f"\\email{{{esc(b['email'])}}}")
    if b.get("url"):
        head.append(f"\\homepage{{{esc(re.sub(r'^https?://', '', b['url']))}}}")
    for p in b.get("profiles", []):
        network = {"linkedin": "linkedin", "github": "github"}.get(p.get("network", "").lower())
        if network:
            head.append(f"\\social[{network}]{{{esc(p['username'])}}}")
    body = ["\\makecvtitle"]
    if b.get("summary"):
        body += [f"\\section{{{t['summary']}}}", f"\\cvitem{{}}{{{esc(b['summary'])}}}"]
    body.append(f"\\section{{{t['work']}}}")
    for w in person.get("work", []):
        body.append(f"\\cventry{{{span(w, ds, lang)}}}{{{esc(w.get('position'))}}}{{{esc(w['name'])}}}"
                    f"{{{place(w)}}}{{}}{{{bullets(w)}}}")
    body.append(f"\\section{{{t['education']}}}")
    for e in person.get("education", []):
        body.append(f"\\cventry{{{span(e, ds, lang)}}}{{{esc(e.get('studyType'))}}}{{{esc(e['institution'])}}}"
                    f"{{}}{{}}{{{esc(e.get('area'))}}}")
    if person.get("skills"):
        body.append(f"\\section{{{t['skills']}}}")
        for s in person["skills"]:
            body.append(f"\\cvitem{{{esc(s.get('name'))}}}{{{esc(', '.join(s.get('keywords', [])))}}}")
    pre = preamble("\\documentclass[11pt,a4paper,sans]{moderncv}", lang, "\n".join(head) + "\n")
    return pre + "\\begin{document}\n" + "\n".join(body) + "\n\\end{document}\n"


def europecv(person: dict, lang: str) -> str:
    b, ds = person["basics"], DATE_STYLE["europecv"]
    # Europass labels its rows whatever the language of the content, as the form does.
    head = [f"\\ecvname{{{esc(b['name'])}}}"]
    if b.get("email"):
        head.append(f"\\ecvemail{{{esc(b['email'])}}}")
    if b.get("phone"):
        head.append(f"\\ecvtelephone{{{esc(b['phone'])}}}")
    city = (b.get("location") or {}).get("city")
    if city:
        head.append(f"\\ecvaddress{{{esc(city)}}}")
    body = ["\\begin{europecv}", "\\ecvpersonalinfo[5pt]"]
    if b.get("label"):
        body.append(f"\\ecvitem{{\\large Desired employment / Occupational field}}{{\\large {esc(b['label'])}}}")
    body.append("\\ecvsection{Work experience}")
    for w in person.get("work", []):
        body += [f"\\ecvitem{{Dates}}{{{span(w, ds, lang)}}}",
                 f"\\ecvitem{{Occupation or position held}}{{{esc(w.get('position'))}}}"]
        detail = [esc(w.get("summary"))] + [esc(h) for h in w.get("highlights", [])]
        if any(detail):
            body.append(f"\\ecvitem{{Main activities and responsibilities}}{{{'; '.join(d for d in detail if d)}}}")
        body += [f"\\ecvitem{{Name and address of employer}}{{{esc(w['name'])}}}", "\\ecvitem{}{}"]
    body.append("\\ecvsection{Education and training}")
    for e in person.get("education", []):
        body += [f"\\ecvitem{{Dates}}{{{span(e, ds, lang)}}}",
                 f"\\ecvitem{{Title of qualification awarded}}{{{esc(e.get('studyType'))}}}",
                 f"\\ecvitem{{Principal subjects}}{{{esc(e.get('area'))}}}",
                 f"\\ecvitem{{Name of organisation providing education}}{{{esc(e['institution'])}}}",
                 "\\ecvitem{}{}"]
    if person.get("skills"):
        body.append("\\ecvsection{Personal skills and competences}")
        for s in person["skills"]:
            body.append(f"\\ecvitem{{{esc(s.get('name'))}}}{{{esc(', '.join(s.get('keywords', [])))}}}")
    body.append("\\end{europecv}")
    pre = preamble("\\documentclass[english,a4paper,nologo]{europecv}", lang,
                   "\\usepackage[left=2cm,right=2cm,top=2cm,bottom=2cm]{geometry}\n"
                   # europecv loads nameref too late for the current kernel's hooks; hyperref first.
                   "\\usepackage{hyperref}\n" + "\n".join(head) + "\n")
    return pre + "\\begin{document}\n" + "\n".join(body) + "\n\\end{document}\n"


def contact_line(b: dict) -> str:
    city = (b.get("location") or {}).get("city")
    bits = [esc(x) for x in (city, b.get("phone"), b.get("email"), b.get("url")) if x]
    return " \\textbar{} ".join(bits)


def currvita(person: dict, lang: str) -> str:
    b, t, ds = person["basics"], TITLES[lang], DATE_STYLE["currvita"]
    body = [f"\\begin{{cv}}{{{esc(b['name'])}}}", f"{esc(b.get('label'))}\\\\ {contact_line(b)}\\par"]
    if b.get("summary"):
        body.append(f"\\begin{{cvlist}}{{{t['summary']}}}\n\\item {esc(b['summary'])}\n\\end{{cvlist}}")
    body.append(f"\\begin{{cvlist}}{{{t['work']}}}")
    for w in person.get("work", []):
        body.append(f"\\item[{span(w, ds, lang)}] \\textbf{{{esc(w.get('position'))}}}, {esc(w['name'])}\\\\")
        body.append(bullets(w))
    body.append("\\end{cvlist}")
    body.append(f"\\begin{{cvlist}}{{{t['education']}}}")
    for e in person.get("education", []):
        degree = ", ".join(esc(x) for x in (e.get("studyType"), e.get("area")) if x)
        body.append(f"\\item[{span(e, ds, lang)}] {degree}\\\\ \\textit{{{esc(e['institution'])}}}")
    body.append("\\end{cvlist}")
    if person.get("skills"):
        body.append(f"\\begin{{cvlist}}{{{t['skills']}}}")
        for s in person["skills"]:
            body.append(f"\\item[{esc(s.get('name'))}] {esc(', '.join(s.get('keywords', [])))}")
        body.append("\\end{cvlist}")
    body.append("\\end{cv}")
    pre = preamble("\\documentclass[a4paper,11pt]{article}", lang,
                   "\\usepackage[a4paper,margin=2cm]{geometry}\n\\usepackage[NoDate]{currvita}\n"
                   "\\setlength{\\cvlabelwidth}{35mm}\n")
    return pre + "\\begin{document}\n" + "\n".join(body) + "\n\\end{document}\n"


def to_tex(person: dict, layout: str) -> str:
    lang = language(person)
    if layout.startswith("moderncv-"):
        return moderncv(person, layout.split("-", 1)[1], lang)
    return {"europecv": europecv, "currvita": currvita}[layout](person, lang)


def typeset(tex: str, dest: Path) -> str | None:
    """XeLaTeX twice (page references), into ``dest``; the error's last lines when it fails."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "cv.tex"
        src.write_text(tex, encoding="utf-8")
        for _ in range(2):
            run = subprocess.run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", "cv.tex"],
                                 cwd=tmp, capture_output=True, timeout=120)
        pdf = Path(tmp) / "cv.pdf"
        if run.returncode != 0 or not pdf.exists():
            return run.stdout.decode("utf-8", "replace")[-1500:]
        shutil.copy(pdf, dest)
    return None


def build(out: Path, layouts: list[str], people: list[Path], render: bool) -> list[str]:
    for sub in ("documents", "truth", "tex"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    rows, stems = [], []
    for person in people:
        source = json.loads(person.read_text(encoding="utf-8"))
        for layout in layouts:
            stem = f"{person.stem}-{layout}"
            pdf = out / "documents" / f"{stem}.pdf"
            if render:
                tex = to_tex(source, layout)
                (out / "tex" / f"{stem}.tex").write_text(tex, encoding="utf-8")
                error = typeset(tex, pdf)
                if error:
                    print(f"warning: {stem} did not typeset:\n{error}", file=sys.stderr)
                    continue
            if not pdf.exists():
                continue
            text = flat(pdf_text(pdf))
            truth = truth_for(source, text)
            (out / "truth" / f"{stem}.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1),
                                                        encoding="utf-8")
            stems.append(stem)
            rows.append(f"{stem}.pdf\t{person.stem}\tlatex\t{layout}\tpdf\t\t")
    head = "file\tperson\trenderer\ttheme\tformat\tpages\tnotes"
    (out / "manifest.tsv").write_text("\n".join([head] + rows) + "\n", encoding="utf-8")
    return stems


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="/tmp/parser-builders-latex")
    ap.add_argument("--layouts", default=",".join(LAYOUTS))
    ap.add_argument("--people", default="")
    ap.add_argument("--no-render", action="store_true", help="reuse the PDFs already in --out")
    ap.add_argument("--show", help="truth next to prediction for one stem")
    ap.add_argument("--project", default=str(ROOT), help="the checkout whose parser to run (to compare)")
    a = ap.parse_args()
    if not shutil.which("xelatex"):
        sys.exit("xelatex not found: apt-get install texlive-xetex texlive-latex-extra texlive-lang-chinese "
                 "texlive-fonts-recommended texlive-fonts-extra fonts-wqy-zenhei")
    out = Path(a.out)
    scorer = [score_python(), str(CORPUS / "score_corpus.py"), str(out), str(out / "pred")]
    if a.show:
        subprocess.run(scorer + ["--show", a.show], check=False)
        return
    wanted = set(filter(None, a.people.split(",")))
    people = sorted(p for p in (HERE / "people").glob("*.json") if not wanted or p.stem in wanted)
    stems = build(out, a.layouts.split(","), people, not a.no_render)
    parse_all(out, stems, Path(a.project))
    subprocess.run(scorer, check=False)
    # Entries matching nothing printed, per layout (the scorer's own matching), as build.py reports.
    subprocess.run([score_python(), str(HERE / "precision.py"), str(CORPUS), str(out)], check=False)

if __name__ == "__main__":
    main()
