"""The board's candidate card, written out in Python.

A board shows a few hundred cards, and the template language spent most of the page's CPU on them
(about 40 variable lookups, filters and escapes per card: 48 ms of Python for a 5,000-application
board, the most expensive page under load). The card is small and fixed, so it is built here with
plain string formatting and `escape()`; `{% board_card %}` (jobs/templatetags/board.py) puts it in
the page, so the board template, the "Load more" page and a moved card share this one definition.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ats.templatetags.icons import icon


@dataclass(frozen=True)
class CardOptions:
    """What every card of one board shares (from the board's context)."""

    anonymise: bool
    can_move: bool
    is_recruiter: bool
    stale_days: int
    candidate_head: str
    candidate_tail: str
    move_head: str
    move_tail: str

    @classmethod
    def from_context(cls, context: Any) -> CardOptions:
        return cls(
            anonymise=bool(context.get("anonymise")),
            can_move=bool(context.get("can_move")),
            is_recruiter=bool(context.get("is_recruiter")),
            stale_days=int(context.get("stale_days") or 0),
            candidate_head=str(context.get("candidate_head", "")),
            candidate_tail=str(context.get("candidate_tail", "")),
            move_head=str(context.get("move_head", "")),
            move_tail=str(context.get("move_tail", "")),
        )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def card_html(application: Any, options: CardOptions) -> SafeString:
    """One card (an <li>); `application` has the attributes attach_card_details sets."""
    pk = application.pk
    candidate = application.candidate
    name = escape(candidate.display_name)
    stale = application.days_in_stage >= options.stale_days
    shown_name = f"Candidate {pk}" if options.anonymise else name
    stale_class = " is-stale" if stale else ""
    draggable = ' draggable="true"' if options.can_move else ""
    parts = [
        f'<li class="candidate-card{stale_class}" id="application-{pk}" data-application-id="{pk}" '
        f'data-stage-id="{application.stage_id}" data-entered="{application.entered_key}" data-name="{shown_name}"'
        f'{draggable} tabindex="-1">',
        '<div class="card-head">',
    ]
    if options.can_move:
        parts.append(f'<input type="checkbox" class="card-select" form="bulk-form" name="application" value="{pk}" '
                     f'aria-label="Select {name}">')
    if options.anonymise:
        parts.append(f'<span class="strong">Candidate {pk}</span>')
    else:
        href = f"{options.candidate_head}{application.candidate_id}{options.candidate_tail}"
        parts.append(f'<a class="strong card-name" href="{escape(href)}" draggable="false">{name}</a>')
    if application.is_new:
        parts.append('<span class="badge badge-new" data-new>New<span class="visually-hidden"> application, not opened yet'
                     '</span></span>')
    parts.append("</div>")
    if not options.anonymise:
        if candidate.headline:
            parts.append(f'<div class="muted small card-line">{escape(candidate.headline)}</div>')
        if application.company:
            parts.append(f'<div class="small card-line">{icon("building")}<span class="visually-hidden">Current company: '
                         f'</span> {escape(application.company)}</div>')
    if application.source == "Careers page":
        parts.append('<div class="muted small card-line" data-source>Applied via the careers page</div>')
    if application.tag_names:
        tags = "".join(f'<span class="tag">{escape(tag)}</span>' for tag in application.tag_names)
        parts.append(f'<div class="card-tags">{tags}</div>')
    parts.append(_card_foot(application, options, name, stale))
    parts.append("</li>")
    return mark_safe("".join(parts))


def _card_foot(application: Any, options: CardOptions, name: str, stale: bool) -> str:
    days = application.days_in_stage
    when = "Today" if days == 0 else _plural(days, "day")
    days_class = " badge badge-warn" if stale else " muted"
    parts = [
        '<div class="card-foot small">',
        f'<span class="days{days_class}">{when}<span class="visually-hidden"> in this stage</span></span>',
    ]
    # Hiring managers judge independently: no others' verdicts on their cards.
    if application.review_count and options.is_recruiter:
        reviews = _plural(application.review_count, "review")
        counts = "".join(
            f'<span class="rec rec-{escape(value)}">{count} {escape(label)}</span>'
            for label, value, count in application.recommendation_counts
        )
        parts.append(f'<span class="review-summary" title="{reviews}"><span class="visually-hidden">{reviews}:</span>'
                     f'{counts}</span>')
    if options.can_move:
        href = f"{options.move_head}{application.pk}{options.move_tail}"
        parts.append(f'<a class="move-link" href="{escape(href)}" data-move-open aria-label="Move {name} to another stage">'
                     "Move to…</a>")
    parts.append("</div>")
    return "".join(parts)
