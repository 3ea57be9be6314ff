"""Writes on a recruiter's saved searches and candidate lists; each one atomic and audited."""
from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from ats.core.access import User
from ats.core.models import Activity
from ats.core.services import activities_record, activity_record
from candidates.lists.models import CandidateList, CandidateListEntry, SavedSearch
from candidates.models import Candidate


@transaction.atomic
def saved_search_save(*, actor: User, name: str, query_string: str) -> tuple[SavedSearch, bool]:
    """Save the search under `name` (replacing the owner's search of that name); (search, created)."""
    search, created = SavedSearch.objects.update_or_create(
        owner=actor, name=name.strip(), defaults={"query_string": query_string}
    )
    activity_record(actor=actor, verb=Activity.Verb.SEARCH_SAVED, data={"search_id": search.pk, "name": search.name})
    return search, created


@transaction.atomic
def saved_search_delete(*, actor: User, search: SavedSearch) -> None:
    search_id, name = search.pk, search.name
    search.delete()
    activity_record(actor=actor, verb=Activity.Verb.SEARCH_DELETED, data={"search_id": search_id, "name": name})


@transaction.atomic
def candidate_list_create(*, actor: User, name: str) -> tuple[CandidateList, bool]:
    """The owner's list called `name`, created if it does not exist yet; (list, created)."""
    candidate_list, created = CandidateList.objects.get_or_create(owner=actor, name=name.strip())
    if created:
        activity_record(actor=actor, verb=Activity.Verb.LISTS_CHANGED,
                        data={"list_id": candidate_list.pk, "created": candidate_list.name})
    return candidate_list, created


@transaction.atomic
def candidate_list_delete(*, actor: User, candidate_list: CandidateList) -> None:
    """Delete the list and its entries; the candidates in it stay in the pool."""
    list_id, name = candidate_list.pk, candidate_list.name
    candidate_list.delete()
    activity_record(actor=actor, verb=Activity.Verb.LISTS_CHANGED, data={"list_id": list_id, "deleted": name})


def _per_candidate(actor: User, candidates: list[Candidate], candidate_list: CandidateList, change: str) -> None:
    activities_record([
        Activity(actor=actor, verb=Activity.Verb.LISTS_CHANGED, candidate=candidate,
                 data={"list_id": candidate_list.pk, change: candidate_list.name})
        for candidate in candidates
    ])


@transaction.atomic
def candidate_list_add(
    *, actor: User, candidates: Iterable[Candidate], candidate_list: CandidateList | None = None, new_name: str = ""
) -> CandidateList:
    """Add candidates to one of the actor's lists, or to a new list called `new_name`."""
    if candidate_list is None:
        candidate_list, _ = candidate_list_create(actor=actor, name=new_name)
    present = set(CandidateListEntry.objects.filter(candidate_list=candidate_list).values_list("candidate_id", flat=True))
    added = [c for c in candidates if c.pk not in present]
    CandidateListEntry.objects.bulk_create(
        [CandidateListEntry(candidate_list=candidate_list, candidate=c) for c in added], ignore_conflicts=True
    )
    _per_candidate(actor, added, candidate_list, "added_to")
    return candidate_list


@transaction.atomic
def candidate_list_remove(*, actor: User, candidate_list: CandidateList, candidates: Iterable[Candidate]) -> int:
    """Take candidates out of the list; returns how many were in it."""
    candidates = list(candidates)
    entries = CandidateListEntry.objects.filter(candidate_list=candidate_list, candidate__in=candidates)
    present = set(entries.values_list("candidate_id", flat=True))
    entries.delete()
    _per_candidate(actor, [c for c in candidates if c.pk in present], candidate_list, "removed_from")
    return len(present)
