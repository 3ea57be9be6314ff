"""Writes on candidates: create, hand corrections, notes, tags, deletion. Each one atomic and audited.

Résumés, merges, lists and search have their own services in their sub-packages.
"""
from __future__ import annotations

from typing import Any

from django.db import transaction

from ats.core.access import User, actor_id
from ats.core.history import erasure
from ats.core.models import Activity
from ats.core.services import activity_record
from ats.webhooks.services import event_record
from candidates.identity import normalise_email, phone_key
from candidates.models import Candidate, Note, Tag
from candidates.resumes.models import Resume
from candidates.resumes.previews import previews_delete
from candidates.search.services import candidate_reindex
from candidates.selectors import merge_family


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
        phones=[phone_key(p) for p in (phones or []) if phone_key(p).lstrip("+")],
        source=source,
        owner_id=actor_id(actor),
        **fields,
    )
    activity_record(actor=actor, verb=Activity.Verb.CANDIDATE_CREATED, candidate=candidate)
    event_record("candidate.created", candidate_id=candidate.pk, payload={"source": candidate.source})
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
    changed = [name for name, value in changes.items() if getattr(candidate, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(candidate, name, changes[name])
    candidate.corrected_fields = sorted(set(candidate.corrected_fields) | set(changed))
    candidate.save(update_fields=[*changed, "corrected_fields", "updated_at"])
    activity_record(actor=actor, verb=Activity.Verb.CANDIDATE_EDITED, candidate=candidate, data={"fields": changed})
    event_record("candidate.updated", candidate_id=candidate.pk, payload={"fields": changed})
    candidate_reindex([candidate.pk])
    return changed


@transaction.atomic
def candidate_save_rows(*, actor: User, candidate: Candidate, section: str, formset: Any) -> bool:
    """Save an experience/education formset edited by hand; marks the section as corrected."""
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
    event_record("candidate.updated", candidate_id=candidate.pk, payload={"fields": [section]})
    candidate_reindex([candidate.pk])
    return True


def normalise_tag(name: str) -> str:
    """Tags are lower case, single-spaced and at most 50 characters."""
    return " ".join(name.split()).lower()[: Tag._meta.get_field("name").max_length]


@transaction.atomic
def candidate_tag_add(*, actor: User, candidate: Candidate, name: str) -> bool:
    """Tag the candidate; False when they already had the tag (nothing written)."""
    tag, _ = Tag.objects.get_or_create(name=normalise_tag(name))
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


@transaction.atomic
def candidate_delete(*, actor: User, candidate: Candidate) -> int:
    """Delete a candidate, and the records merged into them (the same person), with everything
    that hangs on them (résumé rows, applications and their histories, notes, activity), as an
    erasure: the one way history rows are ever deleted. Returns how many records were deleted.

    The activity log keeps that it happened, by whom, with ids only (no personal data). The stored
    résumé files are left for the privacy tooling's file sweep; their drawn pages go at once.
    """
    family = merge_family(candidate)
    resumes = list(Resume.objects.filter(candidate_id__in=family).only("pk", "sha256"))
    with erasure():
        deleted = Candidate.objects.filter(pk__in=family).delete()[1].get(Candidate._meta.label, 0)
    # The drawn pages have no other way out (the résumé files wait for the privacy file sweep). Should
    # the transaction roll back, they are only drawn again on the next look.
    previews_delete(resumes)
    activity_record(actor=actor, verb=Activity.Verb.CANDIDATE_DELETED, data={"candidate_ids": family})
    for pk in family:
        event_record("candidate.erased", candidate_id=pk)  # ids only: no personal data
    return deleted
