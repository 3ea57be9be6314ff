"""The one CSV writer: spreadsheet-safe cells, a BOM for Excel, chunked output."""
from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from ats.core.exports import BOM, cell, csv_chunks, export_response


def _parse(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[1:])))


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_escaped():
    for dangerous in ["=HYPERLINK(\"http://x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]:
        assert cell(dangerous) == "'" + dangerous
    assert cell("plain text") == "plain text"
    assert cell("a=b") == "a=b"  # only a leading character makes a formula


def test_numbers_stay_numbers_and_other_values_are_readable():
    assert cell(-3) == "-3" and cell(2.5) == "2.5"
    assert cell(None) == "" and cell(True) == "yes"
    assert cell(["Python", "=evil"]) == "Python; =evil"
    assert cell(["=evil", "Python"]) == "'=evil; Python"
    assert cell(date(2026, 1, 2)) == "2026-01-02"


def test_csv_starts_with_a_bom_and_keeps_chinese_and_quotes_intact():
    data = b"".join(csv_chunks(["Name", "Note"], [("王小明", 'said "hi", then left'), ("=1+1", "line\nbreak")]))
    assert data.startswith(BOM.encode("utf-8"))
    assert _parse(data) == [["Name", "Note"], ["王小明", 'said "hi", then left'], ["'=1+1", "line\nbreak"]]


def test_rows_are_written_in_chunks_not_all_at_once():
    chunks = list(csv_chunks(["n"], ((n,) for n in range(1200))))
    assert len(chunks) == 3  # 500 + 500 + 200 rows (the header rides with the first chunk)
    assert len(_parse(b"".join(chunks))) == 1201


@pytest.mark.django_db
def test_export_response_is_a_streamed_attachment():
    from ats.core.models import AuditEvent

    response = export_response(user=None, name="Data Analyst applications", header=["a"], rows=[(1,)])
    assert AuditEvent.objects.get().data == {"export": "Data Analyst applications", "filters": {}}
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="data-analyst-applications-')
    assert response["Cache-Control"] == "private, no-store"
    assert _parse(b"".join(response.streaming_content)) == [["a"], ["1"]]
