"""Erasure knows every table that can hold a person's data: a new model pointing at a candidate,
a résumé or an application, or a new JSON column anywhere, fails here until erasure handles it."""
from __future__ import annotations

from django.apps import apps
from django.db.models import JSONField

from candidates.erasure.services import ERASURE_RULES
from candidates.models import Candidate
from candidates.resumes.models import Resume
from jobs.applications.models import Application

# JSON columns and what erasure does with them (candidates.erasure.services).
JSON_COLUMNS = {
    "core.Activity.data": "scrubbed (their rows entirely, others where they are named)",
    "core.AuditEvent.data": "scrubbed likewise",
    "api.IdempotentRequest.body": "deleted where it names them",
    "webhooks.Event.data": "scrubbed (ids only by design)",
    "candidates.InboundEmail.attachment_names": "deleted with the message",
    "candidates.InboundEmail.resume_ids": "deleted with the message",
    "candidates.CandidateMerge.snapshot": "deleted with the merge",
    "candidates.Resume.parsed": "deleted with the résumé",
    "candidates.ProfileUpdate.before": "deleted with the update",
    "candidates.ProfileUpdate.after": "deleted with the update",
    "candidates.ProfileUpdate.decisions": "deleted with the update",
    "jobs.BulkAction.payload": "their entries removed, names scrubbed",
}


def _pointing_at(model) -> set[str]:
    """Every model with a relation to `model`, hidden ones (related_name="+") included, and the
    tables behind its many-to-many fields."""
    found = {
        relation.related_model._meta.label
        for relation in model._meta.get_fields(include_hidden=True)
        if relation.auto_created and not relation.concrete
    }
    return found | {field.remote_field.through._meta.label for field in model._meta.many_to_many}


def test_every_model_pointing_at_a_person_has_an_erasure_rule():
    pointing = _pointing_at(Candidate) | _pointing_at(Resume) | _pointing_at(Application)
    assert {"candidates.CandidateName", "candidates.PossibleDuplicate", "core.AuditEvent", "jobs.Consent"} <= pointing
    unknown = sorted(label for label in pointing if label not in ERASURE_RULES)
    assert unknown == [], f"erasure does not know what to do with {unknown}: add it to ERASURE_RULES and handle it"
    assert set(ERASURE_RULES.values()) <= {"delete", "scrub", "keep"}


def test_every_json_column_is_handled():
    columns = {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, JSONField)
    }
    assert columns - set(JSON_COLUMNS) == set(), "a new JSON column may hold personal data: handle it in erasure"
