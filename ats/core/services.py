"""The one writer of the activity log. Every service of every app calls it for each change it makes."""
from __future__ import annotations

from typing import Any

from ats.core.access import User, actor_id
from ats.core.models import Activity


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
    latest: dict[int, object] = {}
    for activity in created:
        if activity.candidate_id is not None:
            latest[activity.candidate_id] = max(latest.get(activity.candidate_id, activity.created_at), activity.created_at)
    candidates = Activity._meta.get_field("candidate").related_model._default_manager
    for when in set(latest.values()):
        candidates.filter(pk__in=[pk for pk, at in latest.items() if at == when]).update(last_activity_at=when)
    return created
