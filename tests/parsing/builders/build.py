"""Held-out-like résumé set: invented people rendered by builders nobody here tuned for.

    .venv/bin/python tests/parsing/builders/build.py [--out DIR] [--layouts PREFIX,...] [--people h01,h02]
                                                     [--no-render] [--show STEM] [--project DIR]
    .venv/bin/python tests/parsing/builders/build.py --layouts holdout [...]   (the holdout group)
    .venv/bin/python tests/parsing/builders/build.py --layouts holdout2 [...]  (the second, with its own people)
    .venv/bin/python tests/parsing/builders/build.py --layouts holdout4 [...]  (the fourth, with its own people)

Layouts (``renderer/theme/format``; ``--layouts rendercv,libreoffice/paper`` keeps those that
start with one of the prefixes):

* ``jsonresume/THEME/pdf``: the npm JSON Resume themes pinned in package.json (``node render.js
  THEME``; run ``npm ci`` in this folder once), printed to PDF by headless Chromium (Playwright,
  /usr/bin/chromium);
* ``rendercv/THEME/pdf``: RenderCV's Typst themes, in a virtualenv of its own made once under
  /tmp from requirements-rendercv.txt; the person converted to RenderCV's input as its users
  write it (converters.py: degrees short);
* ``libreoffice/THEME/docx``: a theme's HTML opened in LibreOffice Writer (headless soffice)
  and saved as Word; ``libreoffice/THEME/pdf``: that DOCX exported to PDF by LibreOffice;
* ``word/headings/docx``: a Word document written with python-docx from the JSON: Heading 1
  sections, Heading 2 employers and schools, Heading 3 roles, two-column tables for dates,
  several roles at one employer under one heading with the whole range.

Then it writes ``truth/<stem>.json`` from the person's source, keeping only what the document's
text prints (a layout that leaves out a degree, a date or a skill category is not asked for it),
parses each document with the project's parser (``candidates.parsing.parse``, as ``parse_resume
--json`` does) into ``pred/<stem>.json``, scores with the development corpus's
``score_corpus.py`` (same scorer, same tables) and adds a precision check: predicted experience
entries whose company or title is a sentence fragment (invented entries).

The output folder (default /tmp/parser-builders) is never committed.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

sys.path.insert(0, str(Path(__file__).resolve().parent))
import converters  # noqa: E402
from precision import fragments  # noqa: E402,F401  (latex.py's precision check)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
CORPUS = ROOT.parent / "shared" / "resume-corpus"
THEMES = ["elegant", "stackoverflow", "macchiato", "onepage", "class", "paper", "spartacus"]
RENDERCV_THEMES = ["classic", "sb2nov", "moderncv", "engineeringresumes", "engineeringclassic"]
LIBREOFFICE_THEMES = ["stackoverflow", "macchiato", "paper"]  # themes whose HTML goes through Writer
CHROMIUM = "/usr/bin/chromium"
RENDERCV_VENV = Path("/tmp/parser-builders-rendercv-venv")


@dataclass(frozen=True)
class Layout:
    renderer: str
    theme: str
    fmt: str

    @property
    def name(self) -> str:
        return f"{self.renderer}/{self.theme}/{self.fmt}"

    def stem(self, person: str) -> str:
        tag = {"jsonresume": "", "rendercv": "rcv_", "word": "word_"}.get(self.renderer)
        if tag is None:  # libreoffice
            tag = "lo_" if self.fmt == "docx" else "lopdf_"
        return f"{person}-{tag}{self.theme}"

    def file(self, person: str) -> str:
        return f"{self.stem(person)}.{self.fmt}"


LAYOUTS = ([Layout("jsonresume", t, "pdf") for t in THEMES]
           + [Layout("rendercv", t, "pdf") for t in RENDERCV_THEMES]
           + [Layout("libreoffice", t, f) for t in LIBREOFFICE_THEMES for f in ("docx", "pdf")]
           + [Layout("word", "headings", "docx")])
# The holdout group: themes nobody tuned the parser for (none in the builders set above nor in the
# development corpus), scored apart (``--layouts holdout``, output in /tmp/parser-builders-holdout)
# so that its figure stays an estimate of unseen layouts. Tuning on it spends it: add new themes.
def theme_group(themes: list[str], libreoffice: list[str]) -> list[Layout]:
    """Chromium prints of the themes, then the DOCX and PDF of the ones that go through Writer."""
    return ([Layout("jsonresume", t, "pdf") for t in themes]
            + [Layout("libreoffice", t, f) for t in libreoffice for f in ("docx", "pdf")])


HOLDOUT = theme_group(["short", "slick", "modern", "caffeine", "eloquent", "actual", "onepage-plus", "sceptile"],
                      ["short", "actual"])
# The second holdout group: other themes again, and other people (people/holdout2/, read by no
# other group), so that neither the layouts nor the people were seen while tuning.
HOLDOUT2 = theme_group(["orbit", "direct", "lucide", "projects", "fresh", "classy", "relaxed", "tachyons-clean",
                        "simplyelegant", "dinesh"], ["relaxed", "lucide"])
# The third holdout group: themes no other group uses, on holdout2's people (seen while tuning on
# holdout2, so the people are not new here, only the layouts).
HOLDOUT3 = theme_group(["autumn", "cora", "mantra", "simple", "github", "jacrys", "srt", "minyma",
                        "straightforward"], ["cora"])
# The fourth holdout group: themes no other group uses, and people of its own (people/holdout4/,
# read by no other group); measured on a parser never tuned on it.
HOLDOUT4 = theme_group(["rocketspacer", "simple-red", "standard-resume", "latte", "full", "spartan", "fullmoon",
                        "crisp"], ["latte", "full"])
# group -> (layouts, default output folder, folder of its people)
GROUPS = {"builders": (LAYOUTS, "/tmp/parser-builders", HERE / "people"),
          "holdout": (HOLDOUT, "/tmp/parser-builders-holdout", HERE / "people"),
          "holdout2": (HOLDOUT2, "/tmp/parser-builders-holdout2", HERE / "people" / "holdout2"),
          "holdout3": (HOLDOUT3, "/tmp/parser-builders-holdout3", HERE / "people" / "holdout2"),
          "holdout4": (HOLDOUT4, "/tmp/parser-builders-holdout4", HERE / "people" / "holdout4")}
PRESENT_WORDS = ("present", "current", "now", "至今", "today", "aujourd'hui", "aujourd’hui")


def flat(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"-\s*\n\s*", "-", text)
    return re.sub(r"\s+", " ", text)


def printed(value: str | None, text: str) -> bool:
    if not value:
        return False
    v = flat(value)
    return v in text or v.replace(" ", "") in text.replace(" ", "")


def hyphenated(email: str | None, text: str) -> bool:
    """TeX hyphenates an address it wraps ("os-" / "kar.lindqvist@example.se"), and pdfminer's text
    may put the two pieces apart: printed all the same."""
    if not email:
        return False
    e = flat(email)
    local = e.split("@")[0]
    return any(e[k:] in text and f"{local[:k]}-" in text for k in range(2, len(local) - 1))


def render_html(theme: str, person: Path | dict) -> str:
    data = person.read_bytes() if isinstance(person, Path) else json.dumps(person).encode("utf-8")
    out = subprocess.run(["node", str(HERE / "render.js"), theme], input=data,
                         capture_output=True, check=True, cwd=HERE)
    return out.stdout.decode("utf-8")


def probe_all(out: Path, jobs: set[tuple[str, Path]]) -> dict:
    """(theme, person stem) -> printed_dates() of the theme's render of the probe person (the text
    Chromium shows, hidden elements left out); kept in probe/ and made only when missing."""
    (out / "probe").mkdir(parents=True, exist_ok=True)
    found, todo = {}, []
    for theme, person in sorted(jobs):
        f = out / "probe" / f"{theme}-{person.stem}.json"
        if f.exists():
            found[(theme, person.stem)] = {tuple(k.split("/")[:1]) + (int(k.split("/")[1]), k.split("/")[2]): v
                                           for k, v in json.loads(f.read_text()).items()}
        else:
            todo.append((theme, person, f))
    if not todo:
        return found
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page()
        for theme, person, f in todo:
            probe, years = probe_person(json.loads(person.read_text(encoding="utf-8")))
            try:
                page.set_content(render_html(theme, probe), wait_until="load", timeout=30000)
            except subprocess.CalledProcessError:
                continue  # the theme cannot print this person (build() warns)
            dates = printed_dates(page.inner_text("body"), years)
            found[(theme, person.stem)] = dates
            f.write_text(json.dumps({f"{k[0]}/{k[1]}/{k[2]}": v for k, v in dates.items()}))
        browser.close()
    return found


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


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(path: Path) -> str:
    """Every paragraph's text in document order (tables and text boxes included)."""
    with zipfile.ZipFile(path) as zf:
        root = ET.fromstring(zf.read("word/document.xml"))
    out = []
    for p in root.iter(f"{_W}p"):
        out.append("".join("\t" if t.tag == f"{_W}tab" else (t.text or "") for t in p.iter()
                           if t.tag in (f"{_W}t", f"{_W}tab")))
    return "\n".join(out)


def doc_text(path: Path) -> str:
    return docx_text(path) if path.suffix == ".docx" else pdf_text(path)


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


_PHONE_RUN = re.compile(r"(?<![\w:)])[+(]?\d[\d \xa0\u202f().\-]{5,22}\d")  # with no-break spaces (straightforward)


def printed_phone(phone: str | None, text: str) -> list[str]:
    """The phone as the document prints it: a builder may reformat it (RenderCV prints national
    numbers, "(416) 555-0192" for "+1 416 555 0192"), and the scorer compares the last ten digits."""
    if not phone:
        return []
    tail = re.sub(r"\D", "", phone)[-7:]
    # pdfminer's plain text can glue a line's end to the next line's number ("Queensland AU0491 570 156").
    text = re.sub(r"(?<=[^\W\d_])(?=[+(]?\d)", " ", text)
    for m in _PHONE_RUN.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if digits.endswith(tail) and len(digits) >= 7:
            return [m.group(0).strip()]
    return []


_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTHS_FR = ["janv", "févr", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc"]  # lucide


def probe_person(person: dict) -> tuple[dict, dict]:
    """The person with every work and education date's year replaced by a year of its own
    (1901, 1902, ...; the month kept) and every skill keyword by a word of its own (qzkaaq,
    qzkabq, ...), and those: a render of it shows which dates a theme prints, and whether with
    their month, and which keywords it prints as skills (``printed_dates``)."""
    probe, years = json.loads(json.dumps(person)), {}
    for kind in ("work", "education"):
        for i, entry in enumerate(probe.get(kind, [])):
            for src in ("startDate", "endDate"):
                if entry.get(src):
                    year = str(1901 + len(years))
                    years[(kind, i, src)] = (year, int(entry[src][5:7] or 0) if len(entry[src]) >= 7 else 0)
                    entry[src] = year + entry[src][4:]
    n = 0
    for i, group in enumerate(probe.get("skills", [])):
        for j in range(len(group.get("keywords", []))):
            group["keywords"][j] = f"qzk{chr(97 + n // 26)}{chr(97 + n % 26)}q"
            years[("skills", i, str(j))] = (group["keywords"][j], None)
            n += 1
    return probe, years


def printed_dates(text: str, years: dict) -> dict:
    """(kind, index, field) -> 'month', 'year' or None: how the probe's text prints each date;
    ('skills', group, 'k') -> 'printed' or None for each keyword."""
    text = unicodedata.normalize("NFKC", text).lower()
    out = {}
    for key, (year, month) in years.items():
        if key[0] == "skills":  # a keyword's word: printed as a skill or not
            out[key] = "printed" if year in text else None
            continue
        if not re.search(rf"(?<!\d){year}(?!\d)", text):
            out[key] = None
            continue
        forms = [rf"(?<![a-zé]){names[month - 1]}[a-zé]*\.?,?\s*{year}" for names in (_MONTHS, _MONTHS_FR)] + [
                 rf"(?<!\d)0?{month}\s*[-./]\s*{year}",
                 rf"{year}\s*[-./]\s*0?{month}(?!\d)", rf"{year}年0?{month}月"] if month else []
        out[key] = "month" if any(re.search(f, text) for f in forms) else "year"
    return out


def truth_for(person: dict, text: str, raw: str = "", dates: dict | None = None) -> dict:
    """What the document prints of the person. ``dates`` (``printed_dates`` of a probe render) says
    which dates the layout prints and at what precision; without it, a date counts as printed when
    its year is printed anywhere, with its month unless the document prints no month at all."""
    b = person["basics"]
    yo = years_only(text, person)

    def date(kind: str, i: int, src: str) -> str | None:
        value = person[kind][i].get(src)
        if dates is None or not value:
            return date_of(value, text, yo)
        how = dates.get((kind, i, src))
        return None if how is None else value[:7] if how == "month" else value[:4]
    has_present = any(w in text for w in PRESENT_WORDS)
    links, optional = [], []
    # a site on the e-mail's domain (maarten@oosterhuis.example.org) is not printed by the e-mail
    beside_email = text.replace(flat(b["email"]), " ") if b.get("email") else text
    for url in [b.get("url")] + [p.get("url") for p in b.get("profiles", [])]:
        if url:
            bare = re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
            (links if printed(bare, beside_email) else optional).append(url)
    edu = []
    for i, e in enumerate(person.get("education", [])):
        if not printed(e["institution"], text):
            continue
        row = {"institution": e["institution"]}
        if printed(e.get("studyType"), text):
            row["degree"] = e["studyType"]
        for k, src in (("start", "startDate"), ("end", "endDate")):
            d = date("education", i, src)
            if d:
                row[k] = d
        edu.append(row)
    exp = []
    for i, w in enumerate(person.get("work", [])):
        if not printed(w["name"], text):
            continue
        row = {"company": w["name"]}
        if printed(w.get("position"), text):
            row["title"] = w["position"]
        d = date("work", i, "startDate")
        if d:
            row["start"] = d
        if w.get("endDate"):
            d = date("work", i, "endDate")
            if d:
                row["end"] = d
        elif has_present and "start" in row:
            row["end"] = "present"
        exp.append(row)
    # A keyword the probe render does not show as a skill is not asked for even if the document
    # prints the word elsewhere (a theme that prints only the categories, "Radiographer – CT").
    skills = [k for i, s in enumerate(person.get("skills", [])) for j, k in enumerate(s.get("keywords", []))
              if printed(k, text) and (dates is None or dates.get(("skills", i, str(j)), "printed"))]
    return {
        "name": b["name"],
        "emails": [b["email"]] if printed(b.get("email"), text) or hyphenated(b.get("email"), text) else [],
        "phones": printed_phone(b.get("phone"), raw or text),
        "links": links, "links_optional": optional,
        "education": edu, "experience": exp, "skills": skills,
    }


def _parse_one(args: tuple[str, str, str]) -> None:
    project, doc, dest = args
    if project not in sys.path:
        sys.path.insert(0, project)
    from candidates.parsing import parse
    try:
        prof = parse(Path(doc).read_bytes(), filename=Path(doc).name)
        prof.pop("text", None)
    except Exception as exc:  # noqa: BLE001 - a failure scores as an empty profile
        prof = {"error": str(exc)}
    Path(dest).write_text(json.dumps(prof, ensure_ascii=False), encoding="utf-8")


def parse_all(out: Path, files: list[str], project: Path = ROOT) -> None:
    """Parse documents/<file> into pred/<stem>.json; a name without .pdf/.docx is a PDF's stem."""
    (out / "pred").mkdir(exist_ok=True)
    files = [f if f.endswith((".pdf", ".docx")) else f"{f}.pdf" for f in files]
    jobs = [(str(project), str(out / "documents" / f), str(out / "pred" / f"{f.rsplit('.', 1)[0]}.json"))
            for f in files]
    with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        list(pool.map(_parse_one, jobs, chunksize=8))


def rendercv_python() -> Path:
    """The RenderCV virtualenv's python, made once (requirements-rendercv.txt pins the version)."""
    py = RENDERCV_VENV / "bin" / "python"
    if not py.exists() or subprocess.run([str(py), "-c", "import rendercv.api, typst"], capture_output=True).returncode:
        print(f"making {RENDERCV_VENV} (pip install -r requirements-rendercv.txt)", file=sys.stderr)
        shutil.rmtree(RENDERCV_VENV, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(RENDERCV_VENV)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r",
                        str(HERE / "requirements-rendercv.txt")], check=True)
    return py


def render_rendercv(jobs: list[tuple[dict, Path]]) -> None:
    payload = json.dumps([{"cv": cv, "pdf": str(dest)} for cv, dest in jobs], ensure_ascii=False)
    with tempfile.TemporaryDirectory() as tmp:  # RenderCV also looks for fonts in ./fonts
        # Typst finds local packages under $XDG_DATA_HOME/typst/packages: the offline stand-in for
        # the one Typst Universe package RenderCV imports (typst-packages/, see README).
        (Path(tmp) / "typst").mkdir()
        (Path(tmp) / "typst" / "packages").symlink_to(HERE / "typst-packages")
        subprocess.run([str(rendercv_python()), str(HERE / "rendercv_render.py")], input=payload.encode("utf-8"),
                       check=True, cwd=tmp, env={**os.environ, "XDG_DATA_HOME": tmp})


def soffice(args: list[str], files: list[Path], outdir: Path) -> None:
    # A profile of its own: a desktop LibreOffice left open elsewhere would otherwise take the job.
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", *args,
                        "--outdir", str(outdir), *map(str, files)], check=True, capture_output=True, timeout=900)


def render_libreoffice(jobs: list[tuple[str, Path]], out: Path) -> None:
    """HTML → DOCX in Writer; then each DOCX → PDF, exported by Writer as well."""
    with tempfile.TemporaryDirectory() as tmp:
        htmls = []
        for html, dest in jobs:
            src = Path(tmp) / f"{dest.stem}.html"
            src.write_text(html, encoding="utf-8")
            htmls.append(src)
        soffice(["--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML"], htmls, out / "documents")
        docx = []
        for _, dest in jobs:
            # The PDF's stem names the layout (h01-lopdf_paper), so the DOCX is copied under it first.
            twin = Path(tmp) / f"{dest.stem.replace('-lo_', '-lopdf_')}.docx"
            shutil.copy(dest, twin)
            docx.append(twin)
        soffice(["--convert-to", "pdf"], docx, out / "documents")


def source_for(layout: Layout, person: dict) -> dict:
    """The person as that builder's user wrote them (what the truth is taken from)."""
    return converters.rendercv_person(person) if layout.renderer == "rendercv" else person


def build(out: Path, layouts: list[Layout], people: list[Path], render: bool) -> list[str]:
    for sub in ("documents", "truth", "html"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    rows, files = [], []
    chromium, rcv, lo = [], [], []
    for person in people:
        source = json.loads(person.read_text(encoding="utf-8"))
        for lay in layouts:
            files.append(lay.file(person.stem))
            if not render:
                continue
            dest = out / "documents" / lay.file(person.stem)
            if lay.renderer == "jsonresume":
                try:
                    html = render_html(lay.theme, person)
                except subprocess.CalledProcessError as exc:  # a theme that cannot print this person
                    err = exc.stderr.decode("utf-8", "replace").strip().splitlines()
                    print(f"warning: {lay.theme} cannot render {person.stem}: {next((x for x in err if 'Error' in x), '')}",
                          file=sys.stderr)
                    dest.unlink(missing_ok=True)
                    continue
                (out / "html" / f"{lay.stem(person.stem)}.html").write_text(html, encoding="utf-8")
                chromium.append((html, dest))
            elif lay.renderer == "rendercv":
                rcv.append((converters.rendercv_input(source, lay.theme), dest))
            elif lay.renderer == "libreoffice" and lay.fmt == "docx":
                lo.append((render_html(lay.theme, person), dest))
            elif lay.renderer == "word":
                converters.word_docx(source, str(dest))
    if chromium:
        print_pdfs(chromium)
    if rcv:
        render_rendercv(rcv)
    if lo:
        render_libreoffice(lo, out)
    # Which dates a theme prints, and with or without the month, from a render of the person with
    # dates of their own (an education the layout prints with no date is not asked for one).
    probes = probe_all(out, {(lay.theme, person) for person in people for lay in layouts
                             if lay.renderer in ("jsonresume", "libreoffice")})
    for person in people:
        source = json.loads(person.read_text(encoding="utf-8"))
        for lay in layouts:
            stem = lay.stem(person.stem)
            doc = out / "documents" / lay.file(person.stem)
            if not doc.exists():
                print(f"warning: {doc.name} was not made", file=sys.stderr)
                continue
            rows.append(f"{doc.name}\t{person.stem}\t{lay.renderer}\t{lay.theme}\t{lay.fmt}\t\t")
            raw = doc_text(doc)
            text = flat(raw)
            if converters.CJK.search(json.dumps(source, ensure_ascii=False)) and not converters.CJK.search(text):
                print(f"warning: {stem} prints no Chinese text (Chinese needs a CJK font: fonts-wqy-zenhei)")
            truth = truth_for(source_for(lay, source), text, raw, probes.get((lay.theme, person.stem))
                              if lay.renderer in ("jsonresume", "libreoffice") else None)
            (out / "truth" / f"{stem}.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1),
                                                        encoding="utf-8")
    head = "file\tperson\trenderer\ttheme\tformat\tpages\tnotes"
    (out / "manifest.tsv").write_text("\n".join([head] + rows) + "\n", encoding="utf-8")
    return files


def score_python() -> str:
    # score.py needs rapidfuzz; run.sh keeps a venv with it when the project's python lacks it.
    try:
        import rapidfuzz  # noqa: F401
        return sys.executable
    except ImportError:
        return "/tmp/resume-corpus-venv/bin/python"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", help="default /tmp/parser-builders, /tmp/parser-builders-holdout(2,3,4) for the holdout groups")
    ap.add_argument("--layouts", default="", help="comma-separated prefixes of renderer/theme/format, or "
                    "'holdout' / 'holdout2' / 'holdout3' / 'holdout4' for a holdout group (then prefixes pick among "
                    "its layouts)")
    ap.add_argument("--people", default="")
    ap.add_argument("--no-render", action="store_true", help="reuse the documents already in --out")
    ap.add_argument("--show", help="truth next to prediction for one stem")
    ap.add_argument("--project", default=str(ROOT), help="the checkout whose parser to run (to compare)")
    a = ap.parse_args()
    prefixes = [x.strip() for x in a.layouts.split(",") if x.strip()]
    group = next((g for g in GROUPS if g in prefixes), "builders")
    prefixes = [x for x in prefixes if x not in GROUPS]
    group_layouts, default_out, people_dir = GROUPS[group]
    out = Path(a.out or default_out)
    scorer = [score_python(), str(CORPUS / "score_corpus.py"), str(out), str(out / "pred")]
    if a.show:
        subprocess.run(scorer + ["--show", a.show], check=False)
        return
    wanted = set(filter(None, a.people.split(",")))
    layouts = [lay for lay in group_layouts if not prefixes or any(lay.name.startswith(x) for x in prefixes)]
    people = sorted(p for p in people_dir.glob("*.json") if not wanted or p.stem in wanted)
    files = build(out, layouts, people, not a.no_render)
    files = [f for f in files if (out / "documents" / f).exists()]
    parse_all(out, files, Path(a.project))
    subprocess.run(scorer, check=False)
    subprocess.run([score_python(), str(HERE / "precision.py"), str(CORPUS), str(out)], check=False)

if __name__ == "__main__":
    main()
