"""``manage.py parse_resume FILE [--json]`` and ``manage.py parse_resume --bench DIR [--repeat 5]``."""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from candidates.parsing import ParseError, extract_text_plain, parse, sniff

_SKIP_SUFFIXES = {".json", ".py", ".md", ".pyc"}


class Command(BaseCommand):
    help = "Parse a résumé (PDF, DOCX or TXT) and print the extracted profile, or benchmark a directory."
    # The parser needs neither the database nor the project's checks; skipping
    # them keeps the command fast and usable while the rest of the app changes.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", nargs="?", help="résumé file to parse")
        parser.add_argument("--json", action="store_true", help="print the profile as JSON")
        parser.add_argument("--bench", metavar="DIR", help="benchmark every document in DIR")
        parser.add_argument("--repeat", type=int, default=5, help="repetitions per file for --bench")
        parser.add_argument("--max-pages", type=int, default=30)
        parser.add_argument("--time-budget", type=float, default=20.0)

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["bench"]:
            self._bench(Path(opts["bench"]), max(1, opts["repeat"]))
            return
        if not opts["file"]:
            raise CommandError("Give a résumé file, or --bench DIR.")
        path = Path(opts["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            self._fail(opts["json"], f"{path.name} could not be opened: {exc.strerror or exc}.")
            return
        try:
            profile = parse(data, filename=path.name, time_budget=opts["time_budget"], max_pages=opts["max_pages"])
        except ParseError as exc:
            self._fail(opts["json"], str(exc))
            return
        profile.pop("text", None)
        if opts["json"]:
            self.stdout.write(json.dumps(profile, ensure_ascii=False))
            return
        self.stdout.write(_summary(profile))

    def _fail(self, as_json: bool, message: str) -> None:
        # The contract: {"error": ...} on stdout and exit status 2, with or without --json.
        self.stdout.write(json.dumps({"error": message}, ensure_ascii=False))
        if not as_json:
            self.stderr.write(f"Could not parse: {message}")
        self.stdout.flush()
        sys.exit(2)

    def _bench(self, folder: Path, repeat: int) -> None:
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a directory.")
        total_plain = 0.0
        total_full = 0.0
        total_other = 0.0
        self.stdout.write(f"{'file':40s} {'kind':5s} {'extract_text':>13s} {'parse':>10s} {'ratio':>7s}")
        for path in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() not in _SKIP_SUFFIXES):
            data = path.read_bytes()
            kind = sniff(data)
            if kind is None:
                continue
            try:
                parse(data)  # warm-up: skills regex compilation, CMaps
            except ParseError as exc:
                self.stdout.write(f"{path.name[:40]:40s} {kind:5s} {'-':>13s} {'-':>10s} {'-':>7s}  ({exc})")
                continue
            full = statistics.median(_time(lambda: parse(data)) for _ in range(repeat))
            if kind == "pdf":
                plain = statistics.median(_time(lambda: extract_text_plain(data)) for _ in range(repeat))
                total_plain += plain
                total_full += full
                self.stdout.write(
                    f"{path.name[:40]:40s} {kind:5s} {plain * 1000:11.1f}ms {full * 1000:8.1f}ms {full / plain:7.2f}"
                )
            else:
                total_other += full
                self.stdout.write(f"{path.name[:40]:40s} {kind:5s} {'':>13s} {full * 1000:8.1f}ms")
        self.stdout.write(
            f"{'TOTAL (PDF)':40s} {'':5s} {total_plain * 1000:11.1f}ms {total_full * 1000:8.1f}ms"
        )
        self.stdout.write(f"{'TOTAL (DOCX/TXT parse)':40s} {'':5s} {'':>13s} {total_other * 1000:8.1f}ms")
        ratio = total_full / total_plain if total_plain else 0.0
        self.stdout.write(f"overhead_ratio={ratio:.3f}")


def _time(fn: Any) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _summary(p: dict[str, Any]) -> str:
    out = [f"Name:      {p['name'] or '—'}"]
    if p["headline"]:
        out.append(f"Headline:  {p['headline']}")
    out.append(f"Emails:    {', '.join(p['emails']) or '—'}")
    out.append(f"Phones:    {', '.join(p['phones']) or '—'}")
    out.append(f"Location:  {p['location'] or '—'}")
    if p["links"]:
        out.append(f"Links:     {', '.join(p['links'])}")
    out.append(f"Language:  {p['language']}")
    if p["summary"]:
        s = p["summary"]
        out.append(f"Summary:   {s[:200]}{'…' if len(s) > 200 else ''}")
    if p["experience"]:
        out.append("Experience:")
        for e in p["experience"]:
            when = f"{e['start'] or '?'} – {e['end'] or '?'}"
            where = f" [{e['location']}]" if e["location"] else ""
            out.append(f"  - {e['title'] or '?'} @ {e['company'] or '?'}{where} ({when})")
            for h in e["highlights"][:4]:
                out.append(f"      • {h[:110]}")
    if p["education"]:
        out.append("Education:")
        for e in p["education"]:
            deg = " ".join(x for x in (e["degree"], e["field"] and f"in {e['field']}") if x)
            gpa = f", GPA {e['gpa']}" if e["gpa"] else ""
            out.append(f"  - {e['institution'] or '?'}: {deg or '?'} ({e['start'] or '?'} – {e['end'] or '?'}{gpa})")
    if p["skills"]:
        out.append(f"Skills:    {', '.join(p['skills'])}")
    if p["languages"]:
        out.append(f"Languages: {', '.join(p['languages'])}")
    for w in p["warnings"]:
        out.append(f"Warning:   {w}")
    out.append(f"(parser {p['parser_version']})")
    return "\n".join(out)
