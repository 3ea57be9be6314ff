"""The e-mail tests' real SMTP server and queue, and the careers tests' published job, for the
erasure tests that go through those doors."""
from __future__ import annotations

from tests.candidates.emails.conftest import email_queue, smtp_server  # noqa: F401
from tests.jobs.careers.conftest import careers_redis, published_job  # noqa: F401
