"""Reads of saved searches and candidate lists: each recruiter sees only their own."""
from __future__ import annotations

from django.db.models import QuerySet

from ats.core.access import User, is_recruiter
from candidates.lists.models import CandidateList, SavedSearch


def saved_searches_for(user: User) -> QuerySet[SavedSearch]:
    if not is_recruiter(user):
        return SavedSearch.objects.none()
    return SavedSearch.objects.filter(owner=user)


def candidate_lists_for(user: User) -> QuerySet[CandidateList]:
    if not is_recruiter(user):
        return CandidateList.objects.none()
    return CandidateList.objects.filter(owner=user)
