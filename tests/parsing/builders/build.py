"""Held-out-like résumé set: invented people rendered by JSON Resume themes nobody here tuned for.

    .venv/bin/python tests/parsing/builders/build.py [--out DIR] [--themes a,b] [--people h01,h02]
                                                     [--no-render] [--show STEM]

1. renders every person in ``people/`` with every theme (``node render.js THEME``, the npm themes
   pinned in package.json; run ``npm ci`` in this folder once),
2. prints the HTML to PDF with headless Chromium (Playwright, /usr/bin/chromium),
3. writes ``truth/<stem>.json`` from the JSON Resume source, keeping only what the PDF's text
   prints (a theme that leaves out a degree, a date or a skill category is not asked for it),
4. parses each PDF with the project's parser (``candidates.parsing.parse``, as ``parse_resume
   --json`` does) into ``pred/<stem>.json``,
5. scores with the development corpus's ``score_corpus.py`` (same scorer, same tables) and adds
   a precision check: predicted experience entries whose company or title is a sentence fragment.

The output folder (default /tmp/parser-builders) is never committed.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
CORPUS = ROOT.parent / "shared" / "resume-corpus"
THEMES = ["elegant", "stackoverflow", "macchiato", "onepage", "class", "paper", "spartacus"]
CHROMIUM = "/usr/bin/chromium"
PRESENT_WORDS = ("present", "current", "now", "至今", "today")


def flat(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"-\s*\n\s*", "-", text)
    return re.sub(r"\s+", " ", text)


def printed(value: str | None, text: str) -> bool:
    if not value:
        return False
    v = flat(value)
    return v in text or v.replace(" ", "") in text.replace(" ", "")


def render_html(theme: str, person: Path) -> str:
    out = subprocess.run(["node", str(HERE / "render.js"), theme], input=person.read_bytes(),
                         capture_output=True, check=True, cwd=HERE)
    return out.stdout.decode("utf-8")


def print_pdfs(jobs: list[tuple[str, Path]]) -> None:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page()
        for html, dest in jobs:
            page.set_content(html, wait_until="load", timeout=30000)
            page.pdf(path=str(dest), format="A4", print_background=True)
        browser.close()


def pdf_text(path: Path) -> str:
    from pdfminer.high_level import extract_text
    return extract_text(str(path))


def date_of(value: str | None, text: str, years_only: bool) -> str | None:
    if not value:
        return None
    year = value[:4]
    if year not in text:
        return None
    return year if years_only else value[:7]


def years_only(text: str, person: dict) -> bool:
    # A theme that prints no month names and no numeric months prints years only.
    months = r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|\b\d{4}[-./]\d{2}\b|\b\d{2}[-./]\d{4}\b|\d{4}年\d{1,2}月"
    return not re.search(months, text)


def truth_for(person: dict, text: str) -> dict:
    b = person["basics"]
    yo = years_only(text, person)
    has_present = any(w in text for w in PRESENT_WORDS)
    links, optional = [], []
    for url in [b.get("url")] + [p.get("url") for p in b.get("profiles", [])]:
        if url:
            bare = re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
            (links if printed(bare, text) else optional).append(url)
    edu = []
    for e in person.get("education", []):
        if not printed(e["institution"], text):
            continue
        row = {"institution": e["institution"]}
        if printed(e.get("studyType"), text):
            row["degree"] = e["studyType"]
        for k, src in (("start", "startDate"), ("end", "endDate")):
            d = date_of(e.get(src), text, yo)
            if d:
                row[k] = d
        edu.append(row)
    exp = []
    for w in person.get("work", []):
        if not printed(w["name"], text):
            continue
        row = {"company": w["name"]}
        if printed(w.get("position"), text):
            row["title"] = w["position"]
        d = date_of(w.get("startDate"), text, yo)
        if d:
            row["start"] = d
        if w.get("endDate"):
            d = date_of(w["endDate"], text, yo)
            if d:
                row["end"] = d
        elif has_present and "start" in row:
            row["end"] = "present"
        exp.append(row)
    skills = [k for s in person.get("skills", []) for k in s.get("keywords", []) if printed(k, text)]
    return {
        "name": b["name"],
        "emails": [b["email"]] if printed(b.get("email"), text) else [],
        "phones": [b["phone"]] if re.sub(r"\D", "", b["phone"]) in re.sub(r"\D", "", text) else [],
        "links": links, "links_optional": optional,
        "education": edu, "experience": exp, "skills": skills,
    }


FRAGMENT = re.compile(r"[,;:]$|[a-z]{4,}\.$|^[a-z]")


def fragments(pred: dict) -> list[str]:
    """Experience entries whose company or title reads as a sentence fragment (invented entries)."""
    bad = []
    for e in pred.get("experience") or []:
        for k in ("company", "title"):
            v = (e.get(k) or "").strip()
            if v and (FRAGMENT.search(v) or len(v.split()) > 8):
                bad.append(f"{k}={v!r}")
    return bad


def parse_all(out: Path, stems: list[str], project: Path = ROOT) -> None:
    sys.path.insert(0, str(project))
    from candidates.parsing import parse
    (out / "pred").mkdir(exist_ok=True)
    for stem in stems:
        pdf = out / "documents" / f"{stem}.pdf"
        try:
            prof = parse(pdf.read_bytes(), filename=pdf.name)
            prof.pop("text", None)
        except Exception as exc:  # noqa: BLE001 - a failure scores as an empty profile
            prof = {"error": str(exc)}
        (out / "pred" / f"{stem}.json").write_text(json.dumps(prof, ensure_ascii=False), encoding="utf-8")


def build(out: Path, themes: list[str], people: list[Path], render: bool) -> list[str]:
    for sub in ("documents", "truth", "html"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    rows, jobs, stems = [], [], []
    for person in people:
        for theme in themes:
            stem = f"{person.stem}-{theme}"
            stems.append(stem)
            rows.append(f"{stem}.pdf\t{person.stem}\tjsonresume\t{theme}\tpdf\t\t")
            if render:
                html = render_html(theme, person)
                (out / "html" / f"{stem}.html").write_text(html, encoding="utf-8")
                jobs.append((html, out / "documents" / f"{stem}.pdf"))
    if jobs:
        print_pdfs(jobs)
    for person in people:
        source = json.loads(person.read_text(encoding="utf-8"))
        for theme in themes:
            stem = f"{person.stem}-{theme}"
            text = flat(pdf_text(out / "documents" / f"{stem}.pdf"))
            if "(cid:" in text:
                print(f"warning: {stem} prints glyphs without text (icons; Chinese needs a CJK font: fonts-wqy-zenhei)")
            truth = truth_for(source, text)
            (out / "truth" / f"{stem}.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1),
                                                        encoding="utf-8")
    head = "file\tperson\trenderer\ttheme\tformat\tpages\tnotes"
    (out / "manifest.tsv").write_text("\n".join([head] + rows) + "\n", encoding="utf-8")
    return stems


def score_python() -> str:
    # score.py needs rapidfuzz; run.sh keeps a venv with it when the project's python lacks it.
    try:
        import rapidfuzz  # noqa: F401
        return sys.executable
    except ImportError:
        return "/tmp/resume-corpus-venv/bin/python"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="/tmp/parser-builders")
    ap.add_argument("--themes", default=",".join(THEMES))
    ap.add_argument("--people", default="")
    ap.add_argument("--no-render", action="store_true", help="reuse the PDFs already in --out")
    ap.add_argument("--show", help="truth next to prediction for one stem")
    ap.add_argument("--project", default=str(ROOT), help="the checkout whose parser to run (to compare)")
    a = ap.parse_args()
    out = Path(a.out)
    scorer = [score_python(), str(CORPUS / "score_corpus.py"), str(out), str(out / "pred")]
    if a.show:
        subprocess.run(scorer + ["--show", a.show], check=False)
        return
    wanted = set(filter(None, a.people.split(",")))
    people = sorted(p for p in (HERE / "people").glob("*.json") if not wanted or p.stem in wanted)
    stems = build(out, a.themes.split(","), people, not a.no_render)
    parse_all(out, stems, Path(a.project))
    subprocess.run(scorer, check=False)
    bad = {s: fragments(json.loads((out / "pred" / f"{s}.json").read_text())) for s in stems}
    n_exp = sum(len(json.loads((out / "pred" / f"{s}.json").read_text()).get("experience") or [])
                for s in stems)
    n_bad = sum(1 for v in bad.values() if v)
    print(f"precision check: {sum(len(v) for v in bad.values())} fragment fields in {n_bad} documents"
          f" ({n_exp} predicted experience entries)")
    for s, v in bad.items():
        if v:
            print(f"  {s}: {'; '.join(v[:4])}")


if __name__ == "__main__":
    main()
