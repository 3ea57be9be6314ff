"""What a bulk change records, row by row, so that its undo can put back exactly what it changed
and leave alone whatever someone changed since. Typed and versioned: `BulkAction.payload` is
`Payload.as_json()`, and `Payload.load()` also reads the two older shapes (version 1, written
separately by the search page and by the board before there was one engine).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any

VERSION = 2


def when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@dataclass
class Row:
    """One candidate or application the bulk change touched, with its state before and after.

    An `after` value of None means it was not recorded (version 1): undo then checks what it can.
    """

    candidate_id: int | None = None
    application_id: int | None = None
    # Before the change: where undo puts it back.
    stage_id: int | None = None
    entered_at: str | None = None  # when it entered `stage_id`
    outcome: str = ""
    reason: str = ""
    outcome_at: str | None = None
    # After the change: what undo expects to find, or the row changed since and is left alone.
    after_entered_at: str | None = None
    after_outcome_at: str | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Row":
        names = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})


@dataclass
class Payload:
    page: str  # where the change was made and its undo offered: "search" or "board"
    summary: str
    rows: list[Row] = field(default_factory=list)
    job_id: int | None = None
    stage_id: int | None = None  # move: the target stage; add to job: the stage they were added to
    tag_id: int | None = None
    outcome: str = ""  # reject/withdraw: the outcome set
    reason: str = ""
    version: int = VERSION

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def load(cls, kind: str, data: dict[str, Any]) -> "Payload":
        if data.get("version") == VERSION:
            rows = [Row.from_json(row) for row in data.get("rows", [])]
            return cls(**{**{k: v for k, v in data.items() if k != "rows"}, "rows": rows})
        if data.get("source") == "board":
            return _from_board_v1(data)
        return _from_search_v1(kind, data)


def _from_board_v1(data: dict[str, Any]) -> Payload:
    entries = data.get("moves") or data.get("applications") or []
    rows = [
        Row(
            application_id=entry["application_id"],
            stage_id=entry.get("from_stage_id"),
            entered_at=entry.get("stage_entered_at"),
            outcome=entry.get("outcome", ""),
            reason=entry.get("reason", ""),
            outcome_at=entry.get("outcome_at"),
            after_entered_at=entry.get("moved_at"),
            after_outcome_at=entry.get("outcome_set_at"),
        )
        for entry in entries
    ]
    return Payload(
        page="board", summary=data.get("summary", ""), rows=rows, job_id=data.get("job_id"),
        stage_id=data.get("stage_id"), outcome=data.get("outcome", ""), reason=data.get("reason", ""), version=1,
    )


def _from_search_v1(kind: str, data: dict[str, Any]) -> Payload:
    if kind == "tag":
        rows = [Row(candidate_id=pk) for pk in data.get("candidate_ids", [])]
    elif kind == "add_to_job":
        rows = [Row(application_id=pk) for pk in data.get("application_ids", [])]
    elif kind == "move":
        rows = [Row(application_id=m["application_id"], stage_id=m["from_stage_id"]) for m in data.get("moves", [])]
    else:
        rows = [Row(application_id=r["application_id"], outcome="active") for r in data.get("applications", [])]
    return Payload(
        page="search", summary=data.get("summary", ""), rows=rows, job_id=data.get("job_id"),
        stage_id=data.get("stage_id"), tag_id=data.get("tag_id"),
        outcome="rejected" if kind == "reject" else "", reason=data.get("reason", ""), version=1,
    )
