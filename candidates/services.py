"""Writes on candidates: every change is one atomic, audited action."""
from __future__ import annotations

from typing import Any

from django.db import transaction

from ats.roles import User
from candidates.models import Activity, Candidate, Note


def activity_record(
    *,
    actor: User | None,
    verb: str,
    candidate: Candidate | None = None,
    job: Any = None,
    application: Any = None,
    data: dict[str, Any] | None = None,
) -> Activity:
    """Append an activity entry; touches the candidate's last-activity time for sorting."""
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    activity = Activity.objects.create(
        actor_id=actor_id, verb=verb, candidate=candidate, job=job, application=application, data=data or {}
    )
    if candidate is not None:
        Candidate.objects.filter(pk=candidate.pk).update(last_activity_at=activity.created_at)
    return activity


def normalise_email(email: str) -> str:
    return email.strip().lower()


@transaction.atomic
def candidate_create(
    *,
    actor: User | None,
    full_name: str = "",
    emails: list[str] | None = None,
    phones: list[str] | None = None,
    source: str = Candidate.Source.SOURCED,
    **fields: Any,
) -> Candidate:
    candidate = Candidate.objects.create(
        full_name=full_name.strip(),
        emails=[normalise_email(e) for e in (emails or []) if e.strip()],
        phones=[p.strip() for p in (phones or []) if p.strip()],
        source=source,
        owner_id=actor.pk if actor is not None and actor.is_authenticated else None,
        **fields,
    )
    activity_record(actor=actor, verb=Activity.Verb.CANDIDATE_CREATED, candidate=candidate)
    return candidate


@transaction.atomic
def note_add(
    *, actor: User, candidate: Candidate, body: str, application: Any = None, visible_to_hiring_managers: bool = False
) -> Note:
    note = Note.objects.create(
        candidate=candidate,
        application=application,
        author=actor,
        body=body.strip(),
        visible_to_hiring_managers=visible_to_hiring_managers,
    )
    activity_record(
        actor=actor,
        verb=Activity.Verb.NOTE_ADDED,
        candidate=candidate,
        application=application,
        job=application.job if application is not None else None,
        data={"note_id": note.pk},
    )
    return note




# --- Profile edits, tags (the recruiters' workspace) ---------------------------------------------

@transaction.atomic
def candidate_update_fields(*, actor: User, candidate: Candidate, changes: dict[str, Any]) -> list[str]:
    """Apply hand corrections; every changed field joins corrected_fields so a re-parse keeps it."""
    from candidates.search import candidate_reindex

    changed = [name for name, value in changes.items() if getattr(candidate, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(candidate, name, changes[name])
    candidate.corrected_fields = sorted(set(candidate.corrected_fields) | set(changed))
    candidate.save(update_fields=[*changed, "corrected_fields", "updated_at"])
    activity_record(actor=actor, verb=Activity.Verb.CANDIDATE_EDITED, candidate=candidate, data={"fields": changed})
    candidate_reindex([candidate.pk])
    return changed


@transaction.atomic
def candidate_save_rows(*, actor: User, candidate: Candidate, section: str, formset: Any) -> bool:
    """Save an experience/education formset edited by hand; marks the section as corrected."""
    from candidates.search import candidate_reindex

    if not formset.has_changed():
        return False
    rows = formset.save(commit=False)
    for obj in formset.deleted_objects:
        obj.delete()
    existing = candidate.experience.count() if section == "experience" else candidate.education.count()
    for index, row in enumerate(rows):
        row.candidate = candidate
        if row.pk is None:
            row.position = existing + index
        row.save()
    candidate.corrected_fields = sorted(set(candidate.corrected_fields) | {section})
    candidate.save(update_fields=["corrected_fields", "updated_at"])
    activity_record(actor=actor, verb=Activity.Verb.CANDIDATE_EDITED, candidate=candidate, data={"fields": [section]})
    candidate_reindex([candidate.pk])
    return True


@transaction.atomic
def candidate_tag_add(*, actor: User, candidate: Candidate, name: str) -> bool:
    from candidates.models import Tag

    tag, _ = Tag.objects.get_or_create(name=name.strip().lower()[:50])
    if candidate.tags.filter(pk=tag.pk).exists():
        return False
    candidate.tags.add(tag)
    activity_record(actor=actor, verb=Activity.Verb.TAGS_CHANGED, candidate=candidate, data={"added": tag.name})
    return True


@transaction.atomic
def candidate_tag_remove(*, actor: User, candidate: Candidate, tag_id: int) -> bool:
    tag = candidate.tags.filter(pk=tag_id).first()
    if tag is None:
        return False
    candidate.tags.remove(tag)
    activity_record(actor=actor, verb=Activity.Verb.TAGS_CHANGED, candidate=candidate, data={"removed": tag.name})
    return True


def candidates_add_to_job(*, actor: User, candidates: list[Candidate], job: Any) -> tuple[list[Any], list[Candidate]]:
    """Add each candidate to the job's first stage; returns (applications created, already in the job)."""
    from jobs.models import Application
    from jobs.services import application_create

    already_ids = set(
        Application.objects.filter(job=job, candidate__in=candidates).values_list("candidate_id", flat=True)
    )
    created, skipped = [], []
    with transaction.atomic():
        first_stage = job.stages.order_by("position").first()
        for candidate in candidates:
            if candidate.pk in already_ids:
                skipped.append(candidate)
                continue
            created.append(application_create(actor=actor, candidate=candidate, job=job, stage=first_stage))
    return created, skipped
