"""Production settings pass Django's deployment checklist, and refuse to start without a secret."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # DJANGO_ALLOW_ASYNC_UNSAFE is set for the browser tests in this process; a deployment has none.
    dropped = ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if k not in dropped}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="0", SECRET_KEY="x7" * 30 + "-production-like-secret", ALLOWED_HOSTS="ats.example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_links_in_development_mail_use_the_port_the_server_listens_on():
    code = "from django.conf import settings; print(settings.SITE_URL)"
    result = _manage("shell", "--no-imports", "-c", code, DEBUG="1", PORT="8077")
    assert result.stdout.strip() == "http://127.0.0.1:8077", result.stderr
    assert _manage("shell", "--no-imports", "-c", code, DEBUG="1", PORT="8077", SITE_URL="https://ats.example.com/").stdout.strip() == "https://ats.example.com"
