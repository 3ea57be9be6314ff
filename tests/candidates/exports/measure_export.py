"""Run in a fresh process by test_views: export every candidate as `username` and print the rows
written, the bytes and how much the process's peak resident memory grew while streaming them.

Usage: python -m tests.candidates.exports.measure_export <username>  (DATABASE_URL: the test database)
"""
from __future__ import annotations

import os
import sys
import time

import django


def _status_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(f"{field}:"))


def main(username: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ats.settings")
    django.setup()
    from django.contrib.auth.models import User
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    setup_test_environment()  # as in the test run: DEBUG off (no query log), testserver allowed
    client = Client()
    client.force_login(User.objects.get(username=username))
    client.get(reverse("candidates:export"), {"q": "nobody-matches-this"})  # warm up: imports, templates
    # Reset the peak resident size (VmHWM) to the current one, so the peak read afterwards is the
    # export's, not Django's start-up (Linux: /proc/<pid>/clear_refs, "5").
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")
    before = _status_kib("VmRSS")
    started = time.monotonic()
    response = client.get(reverse("candidates:export"))
    lines = size = 0
    for chunk in response.streaming_content:
        lines += chunk.count(b"\r\n")
        size += len(chunk)
    grown_kib = _status_kib("VmHWM") - before
    print(f"{response.status_code} {lines} {size} {grown_kib} {time.monotonic() - started:.2f}")


if __name__ == "__main__":
    main(sys.argv[1])
