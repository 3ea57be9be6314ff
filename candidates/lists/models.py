"""Recruiters' own tools on the candidate pool: saved searches and named lists."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class SavedSearch(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(max_length=100)
    query_string = models.TextField(help_text="The search page's URL query, e.g. q=python&skills=Go")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "saved searches"
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="saved_search_name_unique")]

    def __str__(self) -> str:
        return self.name


class CandidateList(models.Model):
    """A recruiter's named list of candidates (a talent pool, a shortlist in the making)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="candidate_lists")
    name = models.CharField(max_length=100)
    candidates = models.ManyToManyField("candidates.Candidate", through="CandidateListEntry", related_name="lists")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="candidate_list_name_unique")]

    def __str__(self) -> str:
        return self.name


class CandidateListEntry(models.Model):
    candidate_list = models.ForeignKey(CandidateList, on_delete=models.CASCADE, related_name="entries")
    candidate = models.ForeignKey("candidates.Candidate", on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["candidate_list", "candidate"], name="list_entry_unique")]
