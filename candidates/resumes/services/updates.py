"""A recruiter's decision on what a résumé changed on a profile: keep the change, or restore the
previous value of that section (candidates.resumes.models.ProfileUpdate)."""
from __future__ import annotations

from django.db import transaction

from ats.core.access import User
from ats.core.models import Activity
from ats.core.services import activity_record
from candidates.models import Candidate, Education, Experience
from candidates.resumes.models import ProfileUpdate
from candidates.search.services import candidate_reindex

ROW_MODELS = {"experience": Experience, "education": Education}


class UpdateRefused(ValueError):
    """The section was not changed by that résumé, or has been decided already."""


def _open(update: ProfileUpdate, section: str) -> ProfileUpdate:
    update = ProfileUpdate.objects.select_for_update().get(pk=update.pk)
    if section not in update.changed_sections:
        raise UpdateRefused("That résumé did not change this section.")
    if section in update.decisions:
        raise UpdateRefused("This change has already been decided.")
    return update


@transaction.atomic
def profile_update_keep(*, actor: User, update: ProfileUpdate, section: str) -> ProfileUpdate:
    """Keep what the résumé put in the section (the profile already shows it)."""
    update = _open(update, section)
    update.decisions = {**update.decisions, section: ProfileUpdate.Decision.KEPT}
    update.save(update_fields=["decisions"])
    activity_record(actor=actor, verb=Activity.Verb.PROFILE_REVIEWED, candidate=update.candidate,
                    data={"update_id": update.pk, "section": section, "decision": "kept"})
    return update


@transaction.atomic
def profile_update_restore(*, actor: User, update: ProfileUpdate, section: str) -> ProfileUpdate:
    """Put the section back as it was before the résumé, as a correction a later résumé keeps."""
    update = _open(update, section)
    candidate = Candidate.objects.select_for_update().get(pk=update.candidate_id)
    previous = update.before[section]
    if section in ROW_MODELS:
        model = ROW_MODELS[section]
        model.objects.filter(candidate=candidate).delete()
        model.objects.bulk_create(model(candidate=candidate, position=n, **row) for n, row in enumerate(_row_values(model, previous)))
    else:
        setattr(candidate, section, previous)
    candidate.corrected_fields = sorted(set(candidate.corrected_fields) | {section})
    candidate.save(update_fields=[*([] if section in ROW_MODELS else [section]), "corrected_fields", "updated_at"])
    update.decisions = {**update.decisions, section: ProfileUpdate.Decision.RESTORED}
    update.save(update_fields=["decisions"])
    activity_record(actor=actor, verb=Activity.Verb.PROFILE_REVIEWED, candidate=candidate,
                    data={"update_id": update.pk, "section": section, "decision": "restored", "fields": [section]})
    candidate_reindex([candidate.pk])
    return update


def _row_values(model: type, rows: list[dict]) -> list[dict]:
    names = {field.name for field in model._meta.get_fields()}
    return [{key: value for key, value in row.items() if key in names} for row in rows]
