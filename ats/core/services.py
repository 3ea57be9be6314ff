"""The one writer of the activity log and of the audit trail. Every service of every app calls
`activity_record` for each change it makes (which also audits it); read paths call `audit_record`."""
from __future__ import annotations

from typing import Any

from ats.core.access import User, actor_id, request_ip
from ats.core.models import Activity, AuditEvent


def audit_record(
    *, actor: User | None, action: str, candidate: Any = None, job: Any = None, data: dict[str, Any] | None = None
) -> AuditEvent:
    """Append one audit row: `action` is an AuditEvent.Read or an activity verb. `data` holds ids and
    parameters (which export, which filter), never copies of personal fields."""
    return AuditEvent.objects.create(**_audit_fields(actor, action, candidate, job, data))


def _audit_fields(actor: User | None, action: str, candidate: Any, job: Any, data: dict[str, Any] | None) -> dict:
    return {
        "actor_id": actor_id(actor),
        "actor_name": actor.get_username() if actor is not None and actor.is_authenticated else "",
        "action": action,
        "candidate_id": getattr(candidate, "pk", candidate),
        "job_id": getattr(job, "pk", job),
        "data": data or {},
        "ip": request_ip.get(),
    }


def _change_audit(activity: Activity, actor: User | None) -> AuditEvent:
    # The change itself is in the activity row (whose data may hold personal fields): point at it.
    data = {"activity": activity.pk}
    if activity.application_id:
        data["application"] = activity.application_id
    return AuditEvent(**_audit_fields(actor, activity.verb, activity.candidate_id, activity.job_id, data))


def activity_record(
    *,
    actor: User | None,
    verb: str,
    candidate: Any = None,
    job: Any = None,
    application: Any = None,
    data: dict[str, Any] | None = None,
) -> Activity:
    """Append an activity entry; touches the candidate's last-activity time (the search sorts by it)."""
    activity = Activity.objects.create(
        actor_id=actor_id(actor), verb=verb, candidate=candidate, job=job, application=application, data=data or {}
    )
    _change_audit(activity, actor).save()
    if candidate is not None:
        # The candidate model, reached through the foreign key: this module imports no app.
        candidates = Activity._meta.get_field("candidate").related_model._default_manager
        candidates.filter(pk=candidate.pk).update(last_activity_at=activity.created_at)
    return activity


def activities_record(activities: list[Activity]) -> list[Activity]:
    """Append many unsaved Activity rows in one statement (a bulk move, a batch of parsed résumés)
    and touch each candidate's last-activity time once."""
    if not activities:
        return []
    created = Activity.objects.bulk_create(activities)
    actors = _actors_of(created)
    AuditEvent.objects.bulk_create([_change_audit(activity, actors.get(activity.actor_id)) for activity in created])
    latest: dict[int, object] = {}
    for activity in created:
        if activity.candidate_id is not None:
            latest[activity.candidate_id] = max(latest.get(activity.candidate_id, activity.created_at), activity.created_at)
    candidates = Activity._meta.get_field("candidate").related_model._default_manager
    for when in set(latest.values()):
        candidates.filter(pk__in=[pk for pk, at in latest.items() if at == when]).update(last_activity_at=when)
    return created


def _actors_of(activities: list[Activity]) -> dict[int, Any]:
    """The users behind the activities: those the callers built them with, else one query."""
    field = Activity._meta.get_field("actor")
    known = {activity.actor_id: activity.actor for activity in activities if field.is_cached(activity) and activity.actor}
    missing = {activity.actor_id for activity in activities if activity.actor_id is not None} - set(known)
    if missing:
        known.update((user.pk, user) for user in field.related_model._default_manager.filter(pk__in=missing))
    return known
