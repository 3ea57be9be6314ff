"""Precision of the entries: what the parser predicted that the document does not hold.

    python precision.py CORPUS_DIR OUT_DIR      (run by build.py with the scorer's python)

Per layout: predicted experience and education entries that match no printed entry (the
scorer's own one-to-one matching by company / institution), and experience entries whose
company or title is a sentence fragment (ends with ``,``/``;``/``:`` or a lower-case word and a
full stop, starts lower-case, or is longer than eight words): entries made from description text.
"""
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

FRAGMENT = re.compile(r"[,;:]$|[a-z]{4,}\.$|^[a-z]")


def fragments(pred: dict) -> list[str]:
    bad = []
    for e in pred.get("experience") or []:
        for k in ("company", "title"):
            v = (e.get(k) or "").strip()
            if v and (FRAGMENT.search(v) or len(v.split()) > 8):
                bad.append(f"{k}={v!r}")
    return bad


def main(corpus: Path, out: Path) -> None:
    sys.path.insert(0, str(corpus))
    import score  # the development corpus's scorer (needs rapidfuzz)

    rows = [dict(zip(("file", "person", "renderer", "theme", "fmt"), ln.split("\t")))
            for ln in (out / "manifest.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    by_layout: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    examples = []
    for r in rows:
        stem = r["file"].rsplit(".", 1)[0]
        try:
            pred = json.loads((out / "pred" / f"{stem}.json").read_text(encoding="utf-8"))
            truth = json.loads((out / "truth" / f"{stem}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        c = by_layout[f"{r['renderer']}/{r['theme']}/{r['fmt']}"]
        for key, field, k in (("experience", "company", 0), ("education", "institution", 2)):
            p = [e for e in pred.get(key) or [] if isinstance(e, dict)]
            pairs = score.match_entries(p, truth.get(key, []), field)
            used = {id(a) for a, _ in pairs}
            extra = [e for e in p if id(e) not in used]
            c[k] += len(p)
            c[k + 1] += len(extra)
            examples += [f"  {stem} {key}: {e.get(field)!r} / {e.get('title') or e.get('degree')!r}" for e in extra]
        frag = fragments(pred)
        c[4] += len(frag)
        examples += [f"  {stem} fragment: {f}" for f in frag]
    tot = [sum(v[i] for v in by_layout.values()) for i in range(5)]
    print("-- precision (predicted entries matching no printed entry)")
    for name, v in sorted(by_layout.items()):
        print(f"layout {name:<34} experience {v[1]:>3}/{v[0]:<4} education {v[3]:>3}/{v[2]:<4} fragments {v[4]}")
    print(f"precision: experience {tot[1]} unmatched of {tot[0]} ({100 * tot[1] / max(tot[0], 1):.1f}%), "
          f"education {tot[3]} of {tot[2]} ({100 * tot[3] / max(tot[2], 1):.1f}%), fragment fields {tot[4]}")
    print("\n".join(examples[:60]))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
