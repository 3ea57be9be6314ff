"""`manage.py parse_resume`, run as a subprocess exactly as other tools call it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MANAGE = ROOT / "manage.py"
PYTHON = ROOT / ".venv" / "bin" / "python"


@pytest.fixture(scope="module")
def fixtures_dir() -> Path:
    return Path(__file__).resolve().parent / "fixtures"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    # As a tool would run it: no DEBUG, no SECRET_KEY, no database settings needed.
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "DATABASE_URL")}
    python = str(PYTHON) if PYTHON.exists() else sys.executable
    return subprocess.run([python, str(MANAGE), "parse_resume", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_json_output(fixtures_dir) -> None:
    r = _run(str(fixtures_dir / "en_single.pdf"), "--json")
    assert r.returncode == 0, r.stderr
    p = json.loads(r.stdout)
    assert p["name"] == "Amelia Hartwell"
    assert "text" not in p
    assert set(p) == {"name", "name_alternates", "headline", "emails", "phones", "location", "links", "summary", "education",
                      "experience", "skills", "skill_mentions", "skills_inferred", "languages", "language", "warnings",
                      "provenance", "parser_version"}


def test_error_json_and_exit_code(fixtures_dir) -> None:
    r = _run(str(fixtures_dir / "bad_png_renamed.pdf"), "--json")
    assert r.returncode == 2
    assert "PNG image" in json.loads(r.stdout)["error"]


def test_readable_summary(fixtures_dir) -> None:
    r = _run(str(fixtures_dir / "zh_gbk.txt"))
    assert r.returncode == 0, r.stderr
    assert "王思远" in r.stdout


def test_bench_last_line(tmp_path, fixtures_dir) -> None:
    for name in ("en_single.pdf", "en_dates.txt"):
        (tmp_path / name).write_bytes((fixtures_dir / name).read_bytes())
    r = _run("--bench", str(tmp_path), "--repeat", "1")
    assert r.returncode == 0, r.stderr
    last = r.stdout.strip().splitlines()[-1]
    assert last.startswith("overhead_ratio=")
    float(last.split("=", 1)[1])


def test_missing_file_is_an_error_not_a_traceback(tmp_path) -> None:
    r = _run(str(tmp_path / "nope.pdf"), "--json")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert "nope.pdf" in json.loads(r.stdout)["error"]
