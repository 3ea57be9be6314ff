"""Merging two candidate records that are one person, and undoing it.

Nothing is deleted. The merged-away candidate stays in the table with `merged_into` set (the
selectors hide it); its résumés, notes, list entries and applications move to the kept candidate,
and the snapshot on CandidateMerge records every moved id and the kept candidate's field values
before the merge, so undo can put everything back exactly. Activity rows stay where they happened
(the log is append-only): the kept candidate's timeline reads its merge family's rows too.

When both applied to the same job, the kept candidate ends up with the more advanced application;
the other stays with the merged-away candidate (recorded in the snapshot as `job_conflicts`).
"""
from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from ats.core.access import User
from ats.core.models import Activity
from ats.core.services import activity_record
from ats.webhooks.services import event_record
from candidates.lists.models import CandidateListEntry
from candidates.merges.models import LIST_FIELDS, SCALAR_FIELDS, CandidateMerge
from candidates.merges.selectors import merge_defaults
from candidates.models import Candidate, Education, Experience, Note
from candidates.resumes.models import Resume
from candidates.search.services import candidate_reindex
from jobs.applications.models import Application

# Restored on undo besides the chosen fields (the merge changes them too).
RESTORED_FIELDS = SCALAR_FIELDS + LIST_FIELDS + ["corrected_fields", "owner_id"]


class MergeError(Exception):
    pass


def _combined(first: list[str], second: list[str]) -> list[str]:
    seen = {v.casefold() for v in first}
    return list(first) + [v for v in second if v.casefold() not in seen and not seen.add(v.casefold())]  # type: ignore[func-returns-value]


def _progress(application: Application) -> tuple[int, int]:
    """How far an application got: hired > active > closed, then the stage position."""
    outcome_rank = {"hired": 3, "active": 2, "withdrawn": 1, "rejected": 0}[application.outcome]
    return (outcome_rank, application.stage.position)


def _swap_applications(first: Application, second: Application) -> None:
    """Exchange the owners of two applications to the same job.

    (candidate, job) is unique and not deferrable, so a parking candidate holds one row for the
    instant of the swap, inside this transaction; nobody else ever sees it.
    """
    parking = Candidate.objects.create(full_name="(merge in progress)", merged_into_id=first.candidate_id)
    a_owner, b_owner = first.candidate_id, second.candidate_id
    Application.objects.filter(pk=first.pk).update(candidate_id=parking.pk)
    Application.objects.filter(pk=second.pk).update(candidate_id=a_owner)
    Application.objects.filter(pk=first.pk).update(candidate_id=b_owner)
    parking.delete()


@transaction.atomic
def candidate_merge(
    *, actor: User, kept: Candidate, merged: Candidate, choices: dict[str, str] | None = None
) -> CandidateMerge:
    """Merge `merged` into `kept`. `choices` maps field -> "kept" | "merged" | "both" (lists)."""
    kept = Candidate.objects.select_for_update().get(pk=kept.pk)
    merged = Candidate.objects.select_for_update().get(pk=merged.pk)
    if kept.pk == merged.pk:
        raise MergeError("A candidate cannot be merged into itself.")
    if kept.merged_into_id or merged.merged_into_id:
        raise MergeError("One of these candidates has already been merged.")
    choices = {**merge_defaults(kept, merged), **(choices or {})}
    snapshot: dict[str, Any] = {
        "kept_fields": {name: getattr(kept, name) for name in RESTORED_FIELDS},
        "kept_tag_ids": sorted(kept.tags.values_list("pk", flat=True)),
        "choices": choices,
    }
    changed = _take_fields(kept, merged, choices)
    snapshot["rows_swapped"] = _swap_rows(kept, merged, choices)
    snapshot["applications"], snapshot["job_conflicts"] = _move_applications(kept, merged)
    snapshot.update(_move_belongings(kept, merged, snapshot["kept_tag_ids"]))

    merged.merged_into = kept
    merged.save(update_fields=["merged_into", "updated_at"])
    merge = CandidateMerge.objects.create(kept=kept, merged=merged, snapshot=snapshot, merged_by=actor)
    activity_record(
        actor=actor,
        verb=Activity.Verb.CANDIDATES_MERGED,
        candidate=kept,
        data={"merge_id": merge.pk, "merged_id": merged.pk, "merged_name": merged.display_name, "fields": changed},
    )
    event_record("candidate.merged", candidate_id=kept.pk, payload={"merged_id": merged.pk, "merge_id": merge.pk})
    candidate_reindex([kept.pk, merged.pk])
    return merge


def _take_fields(kept: Candidate, merged: Candidate, choices: dict[str, str]) -> list[str]:
    """Give `kept` the chosen values; returns the fields that changed."""
    changed: list[str] = []
    for name in SCALAR_FIELDS + LIST_FIELDS:
        choice = choices.get(name, "kept")
        if choice == "merged":
            value = getattr(merged, name)
        elif choice == "both" and name in LIST_FIELDS:
            value = _combined(getattr(kept, name), getattr(merged, name))
        else:
            continue
        if value != getattr(kept, name):
            setattr(kept, name, value)
            changed.append(name)
    kept.corrected_fields = sorted(set(kept.corrected_fields) | set(merged.corrected_fields) | set(changed))
    if kept.owner_id is None:
        kept.owner_id = merged.owner_id
    kept.save()
    return changed


def _swap_rows(kept: Candidate, merged: Candidate, choices: dict[str, str]) -> dict[str, dict[str, list[int]]]:
    """Experience/education: the chosen side's rows end up on the kept candidate (swapped, not deleted)."""
    rows_swapped: dict[str, dict[str, list[int]]] = {}
    for name, model in (("experience", Experience), ("education", Education)):
        if choices.get(name) == "merged":
            kept_rows = list(model.objects.filter(candidate=kept).values_list("pk", flat=True))
            merged_rows = list(model.objects.filter(candidate=merged).values_list("pk", flat=True))
            model.objects.filter(pk__in=kept_rows).update(candidate=merged)
            model.objects.filter(pk__in=merged_rows).update(candidate=kept)
            rows_swapped[name] = {"to_kept": merged_rows, "to_merged": kept_rows}
    return rows_swapped


def _move_applications(kept: Candidate, merged: Candidate) -> tuple[list[int], list[dict[str, Any]]]:
    """Move the applications; on a shared job the more advanced one ends up with the kept candidate."""
    kept_apps = {a.job_id: a for a in Application.objects.filter(candidate=kept).select_related("stage")}
    moved_apps, conflicts = [], []
    for application in Application.objects.filter(candidate=merged).select_related("stage"):
        ours = kept_apps.get(application.job_id)
        if ours is None:
            moved_apps.append(application.pk)
            continue
        swapped = _progress(application) > _progress(ours)
        if swapped:
            _swap_applications(ours, application)
        conflicts.append({
            "job_id": application.job_id,
            "kept_application_id": application.pk if swapped else ours.pk,
            "other_application_id": ours.pk if swapped else application.pk,
            "swapped": swapped,
        })
    Application.objects.filter(pk__in=moved_apps).update(candidate=kept)
    return moved_apps, conflicts


def _move_belongings(kept: Candidate, merged: Candidate, kept_tag_ids: list[int]) -> dict[str, list[int]]:
    """Résumés, notes, list entries and tags go to the kept candidate; returns the moved ids."""
    moved: dict[str, list[int]] = {}
    for key, model in (("resumes", Resume), ("notes", Note)):
        ids = list(model.objects.filter(candidate=merged).values_list("pk", flat=True))
        model.objects.filter(pk__in=ids).update(candidate=kept)
        moved[key] = ids
    kept_lists = set(CandidateListEntry.objects.filter(candidate=kept).values_list("candidate_list_id", flat=True))
    entries = list(
        CandidateListEntry.objects.filter(candidate=merged).exclude(candidate_list_id__in=kept_lists).values_list("pk", flat=True)
    )
    CandidateListEntry.objects.filter(pk__in=entries).update(candidate=kept)
    moved["list_entries"] = entries
    new_tags = list(merged.tags.exclude(pk__in=kept_tag_ids).values_list("pk", flat=True))
    kept.tags.add(*new_tags)
    moved["added_tag_ids"] = new_tags
    return moved


@transaction.atomic
def candidate_merge_undo(*, actor: User, merge: CandidateMerge) -> CandidateMerge:
    """Put both candidates back as they were before the merge; rows added since stay with `kept`.

    (Merges made before the activity log became append-only also moved the merged-away record's
    activity rows; those stay on the kept candidate, whose timeline shows them either way.)
    """
    merge = CandidateMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise MergeError("This merge has already been undone.")
    snap = merge.snapshot
    kept = Candidate.objects.select_for_update().get(pk=merge.kept_id)
    merged = Candidate.objects.select_for_update().get(pk=merge.merged_id)

    for name, value in snap["kept_fields"].items():
        setattr(kept, name, value)
    kept.save()
    kept.tags.remove(*snap.get("added_tag_ids", []))
    for name, model in (("experience", Experience), ("education", Education)):
        swap = snap.get("rows_swapped", {}).get(name)
        if swap:
            model.objects.filter(pk__in=swap["to_kept"]).update(candidate=merged)
            model.objects.filter(pk__in=swap["to_merged"]).update(candidate=kept)
    Application.objects.filter(pk__in=snap["applications"]).update(candidate=merged)
    for conflict in snap["job_conflicts"]:
        if conflict["swapped"]:
            ours = Application.objects.get(pk=conflict["other_application_id"])
            theirs = Application.objects.get(pk=conflict["kept_application_id"])
            _swap_applications(ours, theirs)
    for key, model in (("resumes", Resume), ("notes", Note)):
        model.objects.filter(pk__in=snap[key]).update(candidate=merged)
    CandidateListEntry.objects.filter(pk__in=snap["list_entries"]).update(candidate=merged)

    merged.merged_into = None
    merged.save(update_fields=["merged_into", "updated_at"])
    merge.undone_at = timezone.now()
    merge.save(update_fields=["undone_at"])
    activity_record(
        actor=actor, verb=Activity.Verb.MERGE_UNDONE, candidate=kept,
        data={"merge_id": merge.pk, "merged_id": merged.pk, "merged_name": merged.display_name},
    )
    candidate_reindex([kept.pk, merged.pk])
    return merge
