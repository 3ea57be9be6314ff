"""People and their documents: candidates, résumés and what was parsed from them, notes, activity."""
from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse

from candidates.identity import candidate_region
from candidates.parsing.phones import phone_display
from django.utils import timezone


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Candidate(models.Model):
    class Source(models.TextChoices):
        UPLOAD = "upload", "Résumé upload"
        IMPORT = "import", "Bulk import"
        REFERRAL = "referral", "Referral"
        SOURCED = "sourced", "Sourced"
        CAREERS = "careers", "Careers page"
        AGENCY = "agency", "Agency"
        OTHER = "other", "Other"

    full_name = models.CharField(max_length=200, blank=True)
    headline = models.CharField(max_length=300, blank=True)
    location = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)
    # Emails are stored lower-cased and phones as E.164 (or digits) so matching is an indexed
    # array overlap; the GIN indexes below serve `emails__overlap` / `phones__overlap`.
    emails = ArrayField(models.CharField(max_length=254), default=list, blank=True)
    phones = ArrayField(models.CharField(max_length=32), default=list, blank=True)
    links = ArrayField(models.CharField(max_length=500), default=list, blank=True)
    skills = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    languages = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.UPLOAD)
    tags = models.ManyToManyField(Tag, blank=True, related_name="candidates")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_candidates"
    )
    # Field names a recruiter corrected by hand: a re-parse never overwrites them.
    corrected_fields = ArrayField(models.CharField(max_length=50), default=list, blank=True)
    # Set when a recruiter merged this candidate into another; merged candidates are hidden
    # everywhere but can be restored by undoing the merge (see CandidateMerge).
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    search_document = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The person asked not to be contacted (a recruiter ticked it, or they used an unsubscribe
    # link): no bulk or automatic mail, and a send to them is refused (candidates.emails).
    do_not_contact = models.BooleanField(default=False)
    do_not_contact_at = models.DateTimeField(null=True, blank=True)
    do_not_contact_reason = models.CharField(max_length=200, blank=True)
    # Privacy (candidates.erasure): when the personal data was erased (the row stays as an anonymous
    # shell so applications and their histories still count), and a recruiter's retention date,
    # which overrides the default period (settings.RETENTION_DAYS) either way.
    erased_at = models.DateTimeField(null=True, blank=True)
    retain_until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("erase_candidate", "Can erase a candidate's personal data")]
        indexes = [
            GinIndex(fields=["emails"], name="candidate_emails_gin"),
            GinIndex(fields=["phones"], name="candidate_phones_gin"),
            GinIndex(fields=["skills"], name="candidate_skills_gin"),
            # A short pending list: each search reads all of it (the default 4 MB cost 150 ms).
            GinIndex(fields=["search_document"], name="candidate_search_gin", gin_pending_list_limit=512),
            # Misspelled names are matched on candidates.search.models.CandidateName (a narrow table).
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or (self.emails[0] if self.emails else f"Candidate #{self.pk}")

    def get_absolute_url(self) -> str:
        return reverse("candidates:detail", args=[self.pk])

    @property
    def display_phones(self) -> list[tuple[str, str]]:
        """(stored E.164 or digits, as people read it): national format for the candidate's own
        country, international otherwise (candidates.identity)."""
        region = candidate_region(self.location, self.phones, settings.PHONE_REGION)
        return [(phone, phone_display(phone, region)) for phone in self.phones]


class Education(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="education")
    resume = models.ForeignKey("candidates.Resume", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    institution = models.CharField(max_length=300)
    degree = models.CharField(max_length=200, blank=True)
    field = models.CharField(max_length=200, blank=True)
    # "YYYY", "YYYY-MM" (or "present" for end) exactly as the parser reports them.
    start = models.CharField(max_length=7, blank=True)
    end = models.CharField(max_length=7, blank=True)
    gpa = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["candidate", "position"]
        verbose_name_plural = "education"

    def __str__(self) -> str:
        return self.institution


class Experience(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="experience")
    resume = models.ForeignKey("candidates.Resume", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    company = models.CharField(max_length=300)
    title = models.CharField(max_length=300, blank=True)
    location = models.CharField(max_length=200, blank=True)
    start = models.CharField(max_length=7, blank=True)
    end = models.CharField(max_length=7, blank=True)
    highlights = ArrayField(models.TextField(), default=list, blank=True)

    class Meta:
        ordering = ["candidate", "position"]
        verbose_name_plural = "experience"

    def __str__(self) -> str:
        return f"{self.title} at {self.company}" if self.title else self.company


class PossibleDuplicate(models.Model):
    """Two candidates that may be one person, and why we think so."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="duplicate_flags")
    other = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    reasons = ArrayField(models.CharField(max_length=100), default=list)
    dismissed = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["candidate", "other"], name="duplicate_pair_unique"),
            models.CheckConstraint(condition=~Q(candidate=models.F("other")), name="duplicate_not_self"),
        ]


class Note(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="notes")
    application = models.ForeignKey(
        "jobs.Application", null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField()
    # Recruiters choose which notes hiring managers see next to a shortlisted candidate.
    visible_to_hiring_managers = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="note_not_blank")]

    def __str__(self) -> str:
        return self.body[:60]


# The sub-packages' models belong to this app too: importing them here registers them with it.
from candidates.emails.models import EmailTemplate, InboundEmail, OutboundEmail  # noqa: E402, F401
from candidates.lists.models import CandidateList, CandidateListEntry, SavedSearch  # noqa: E402, F401
from candidates.merges.models import CandidateMerge  # noqa: E402, F401
from candidates.resumes.models import ProfileUpdate, Resume, UploadBatch  # noqa: E402, F401
from candidates.search.models import CandidateName, DistinctName  # noqa: E402, F401
from candidates.privacy.models import ErasureRequest, SubjectExport  # noqa: E402, F401
