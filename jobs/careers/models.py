"""The careers site's own rows: a job's questions to applicants, their answers, and the consent an
applicant gave to the privacy notice (kept per candidate for the privacy work that follows)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ApplicationQuestion(models.Model):
    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", "Short text"
        LONG_TEXT = "long_text", "Long text"
        YES_NO = "yes_no", "Yes / no"
        CHOICE = "choice", "Single choice"

    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(max_length=300)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.SHORT_TEXT)
    # One option per line, for single-choice questions.
    choices = models.TextField(blank=True, help_text="Single choice only: one option per line.")
    required = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["job", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(label=""), name="question_label_not_blank"),
            models.CheckConstraint(condition=~Q(kind="choice") | ~Q(choices=""), name="question_choice_has_options"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def options(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class ApplicationAnswer(models.Model):
    """An applicant's answer; the question's label is copied so the answer still reads well after
    the recruiter rewords or removes the question."""

    application = models.ForeignKey("jobs.Application", on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(ApplicationQuestion, null=True, blank=True, on_delete=models.SET_NULL, related_name="answers")
    label = models.CharField(max_length=300)
    value = models.TextField(blank=True)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "question"], name="answer_one_per_question"),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.value[:40]}"


class Consent(models.Model):
    """Append-only, per candidate: each time consent was given or withdrawn, how we know (the careers
    form, a recruiter who was told by phone, ...), on which lawful basis, against which version of
    the privacy notice, when, and who recorded it. A withdrawal is a row of its own (kind
    "withdrawn"); the candidate's current state is their latest row. The database refuses UPDATE and
    DELETE outside an erasure (trigger, migration jobs 0011).

    It stays here, beside the careers form that writes most rows in its own transaction (the
    confirmation e-mail hangs on its id); the privacy pages (candidates.privacy) read and add rows.
    """

    class Purpose(models.TextChoices):
        APPLICATION = "application", "Processing of an application"

    class Kind(models.TextChoices):
        GIVEN = "given", "Consent given"
        WITHDRAWN = "withdrawn", "Consent withdrawn"

    class Source(models.TextChoices):
        CAREERS_FORM = "careers_form", "Careers form"
        PHONE = "phone", "Told by phone"
        EMAIL = "email", "By e-mail"
        SOURCED = "sourced", "Sourced (e.g. LinkedIn), legitimate interest"
        IMPORT = "import", "Import"
        SELF_SERVICE = "self_service", "The candidate's own privacy page"
        OTHER = "other", "Other"

    class LawfulBasis(models.TextChoices):
        CONSENT = "consent", "Consent"
        LEGITIMATE_INTEREST = "legitimate_interest", "Legitimate interest"

    candidate = models.ForeignKey("candidates.Candidate", on_delete=models.CASCADE, related_name="consents")
    application = models.ForeignKey("jobs.Application", null=True, blank=True, on_delete=models.SET_NULL, related_name="consents")
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.APPLICATION)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.GIVEN)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.CAREERS_FORM)
    lawful_basis = models.CharField(max_length=20, choices=LawfulBasis.choices, default=LawfulBasis.CONSENT)
    # The address the person applied with: the confirmation goes there, not to every e-mail on file.
    # Blank for what a recruiter records (told by phone).
    email = models.EmailField(max_length=254, blank=True)
    notice_version = models.CharField(max_length=40)
    retention_days = models.PositiveIntegerField()
    # When it was given (or, for a withdrawal, withdrawn): a recruiter may record a past date.
    given_at = models.DateTimeField(default=timezone.now)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["candidate", "-recorded_at", "-id"]
        indexes = [models.Index(fields=["candidate", "-given_at"], name="consent_by_candidate")]
        constraints = [models.CheckConstraint(condition=~Q(notice_version=""), name="consent_has_version")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.notice_version} at {self.given_at:%Y-%m-%d}"
