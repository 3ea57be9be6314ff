"""CSV exports: one streaming writer and one door every export goes through.

Every CSV the application hands out (search results, a job's applications, each report) is built
by `export_response`, so what an export must always do lives in one place: stream (memory does not
grow with the row count: the rows come from a server-side cursor, and are written out in chunks),
escape cells a spreadsheet would run as a formula, and start with a UTF-8 byte-order mark so Excel
reads Chinese names as Chinese, and write one audit row saying who exported what with which filters.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify

from ats.core.models import AuditEvent
from ats.core.services import audit_record

BOM = "\ufeff"
# A cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice and Google
# Sheets: "=HYPERLINK(...)", "+1+cmd|...", "-2+3", "@SUM(...)"; a tab or carriage return in front
# can hide the character that follows from a naive check. OWASP's advice: prefix a single quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Rows per write: big enough that the generator's overhead does not matter, small enough that a
# chunk is a few hundred kilobytes at most.
ROWS_PER_CHUNK = 500


def cell(value: Any) -> str:
    """One value as spreadsheet-safe text: dates in ISO 8601 (local time), lists joined, formulas defused."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        text = timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else value.isoformat()
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, (int, float)):
        # Numbers are numbers: a negative count or difference must stay a number, not be quoted.
        return str(value)
    elif isinstance(value, (list, tuple)):
        text = "; ".join(str(item) for item in value)
    else:
        text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_chunks(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[bytes]:
    """The CSV as UTF-8 byte chunks: the BOM and header first, then ROWS_PER_CHUNK rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow([cell(name) for name in header])
    pending = 0
    for row in rows:
        writer.writerow([cell(value) for value in row])
        pending += 1
        if pending >= ROWS_PER_CHUNK:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue().encode("utf-8")


def export_filename(name: str) -> str:
    """`candidates-2026-12-03.csv`: the export's name and today's date."""
    return f"{slugify(name) or 'export'}-{timezone.localdate().isoformat()}.csv"


def export_response(
    *,
    user: Any,
    name: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    filters: Any = None,
    job: Any = None,
) -> StreamingHttpResponse:
    """Every CSV export, streamed. `rows` should come from a server-side cursor
    (`queryset.values_list(...).iterator(chunk_size=...)`) so nothing holds all of them at once.
    `user` is who exports, `filters` (a QueryDict or dict) what they asked for: both go into the audit
    row, recorded when the export starts (a download cut short was still handed out in part)."""
    audit_record(actor=user, action=AuditEvent.Read.EXPORTED, job=job, data={"export": name, "filters": _plain(filters)})
    response = StreamingHttpResponse(csv_chunks(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(name)}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _plain(filters: Any) -> dict[str, Any]:
    """A query string's parameters as JSON: one value as itself, repeated ones as a list."""
    if filters is None:
        return {}
    if hasattr(filters, "lists"):
        return {key: values[0] if len(values) == 1 else values for key, values in filters.lists() if any(values)}
    return dict(filters)
