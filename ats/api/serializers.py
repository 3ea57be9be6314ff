"""What the API shows of each resource, and the input each write takes (validation only: the
writes themselves are the apps' services)."""
from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ats.api.models import ApiToken
from ats.webhooks.models import EVENT_TYPES, Delivery, Subscription
from candidates.models import Candidate, Note, Tag
from candidates.resumes.models import Resume
from jobs.applications.models import Application, RejectionReason
from jobs.models import Job, Stage
from jobs.reviews.models import Review


class StageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Stage
        fields = ["id", "job", "name", "kind", "position", "needs_review"]


class JobSerializer(serializers.ModelSerializer):
    class Meta:
        model = Job
        fields = ["id", "title", "department", "location", "remote_policy", "employment_type", "description",
                  "status", "published", "opened_at", "closed_at", "created_at", "updated_at"]


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["id", "name"]


class CandidateSerializer(serializers.ModelSerializer):
    tags = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    class Meta:
        model = Candidate
        fields = ["id", "full_name", "headline", "location", "summary", "emails", "phones", "links", "skills",
                  "languages", "source", "tags", "created_at", "updated_at"]
        read_only_fields = ["skills", "languages", "tags", "created_at", "updated_at"]


class CandidateCreateSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=200)
    headline = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    location = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    emails = serializers.ListField(child=serializers.EmailField(max_length=254), required=False, default=list, max_length=20)
    phones = serializers.ListField(child=serializers.CharField(max_length=32), required=False, default=list, max_length=20)
    source = serializers.ChoiceField(choices=Candidate.Source.choices, required=False, default=Candidate.Source.SOURCED)


class CandidateUpdateSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=200, required=False)
    headline = serializers.CharField(max_length=300, required=False, allow_blank=True)
    location = serializers.CharField(max_length=200, required=False, allow_blank=True)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=20000)


class ResumeSerializer(serializers.ModelSerializer):
    profile = serializers.SerializerMethodField(help_text="The parsed profile (with each field's provenance) once parsed.")

    class Meta:
        model = Resume
        fields = ["id", "candidate", "original_filename", "size", "content_type", "status", "failure_reason",
                  "parser_version", "created_at", "parsed_at", "profile"]

    @extend_schema_field({"type": ["object", "null"], "additionalProperties": True})
    def get_profile(self, resume: Resume) -> dict[str, Any] | None:
        return resume.parsed if resume.status == Resume.Status.PARSED else None


class ResumeUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    job = serializers.IntegerField(required=False, help_text="Add the parsed candidate to this job (its first stage).")


class ApplicationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Application
        fields = ["id", "candidate", "job", "stage", "outcome", "outcome_reason", "rejection_reason", "source",
                  "applied_at", "stage_entered_at", "outcome_at", "updated_at"]


class ApplicationCreateSerializer(serializers.Serializer):
    candidate = serializers.IntegerField()
    job = serializers.IntegerField()
    stage = serializers.IntegerField(required=False, help_text="Default: the job's first stage.")


class MoveSerializer(serializers.Serializer):
    to_stage = serializers.IntegerField()
    from_stage = serializers.IntegerField(help_text="The stage you saw it in: 409 when it has moved since.")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="",
                                   help_text="Free text, kept as the note.")
    rejection_reason = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1, max_value=2**63 - 1,
                                                help_text="Id of an active structured rejection reason (what reports count).")
    send_email = serializers.BooleanField(required=False, default=False,
                                          help_text="Send the reason's template (delayed, cancelled by reopening).")

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if not data.get("reason") and data.get("rejection_reason") is None:
            raise serializers.ValidationError({"reason": ["Give a reason, a rejection_reason, or both."]})
        if data.get("rejection_reason") is not None:
            found = RejectionReason.objects.filter(pk=data["rejection_reason"], active=True).first()
            if found is None:
                raise serializers.ValidationError({"rejection_reason": ["Not an active rejection reason."]})
            data["rejection_reason"] = found
        if data.get("send_email") and (data.get("rejection_reason") is None or data["rejection_reason"].template_id is None):
            raise serializers.ValidationError({"send_email": ["Only a rejection reason with a template sends an e-mail."]})
        return data


class NoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Note
        fields = ["id", "candidate", "application", "author", "body", "visible_to_hiring_managers", "created_at"]
        read_only_fields = ["candidate", "author", "created_at"]


class NoteCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=20000)
    application = serializers.IntegerField(required=False)
    visible_to_hiring_managers = serializers.BooleanField(required=False, default=False)


class RatingSerializer(serializers.Serializer):
    criterion = serializers.IntegerField()
    score = serializers.IntegerField(min_value=1, max_value=4)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ReviewSerializer(serializers.ModelSerializer):
    ratings = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = ["id", "application", "reviewer", "recommendation", "comment", "submitted_at", "ratings"]

    @extend_schema_field(RatingSerializer(many=True))
    def get_ratings(self, review: Review) -> list[dict[str, Any]]:
        return [{"criterion": r.criterion_id, "score": r.score, "comment": r.comment} for r in review.ratings.all()]


class ReviewCreateSerializer(serializers.Serializer):
    recommendation = serializers.ChoiceField(choices=Review.Recommendation.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    ratings = RatingSerializer(many=True)


class TagAddSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)


class ApiTokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at"]


class WebhookSubscriptionSerializer(serializers.ModelSerializer):
    events = serializers.ListField(child=serializers.ChoiceField(choices=sorted(EVENT_TYPES)), required=False,
                                   help_text="Event types to receive; empty: every event.")
    secret = serializers.CharField(read_only=True, help_text="The signing key (whsec_…), shown when the subscription is created.")

    class Meta:
        model = Subscription
        fields = ["id", "url", "events", "description", "is_active", "failing_since", "disabled_reason", "created_at", "secret"]
        read_only_fields = ["failing_since", "disabled_reason", "created_at", "secret"]

    def validate_url(self, url: str) -> str:
        if not url.startswith(("http://", "https://")):
            raise serializers.ValidationError("Only http:// and https:// URLs can receive webhooks.")
        return url


class WebhookDeliverySerializer(serializers.ModelSerializer):
    event_type = serializers.CharField(source="event.type", read_only=True)
    webhook_id = serializers.CharField(source="event.webhook_id", read_only=True)
    attempt_log = serializers.SerializerMethodField()

    class Meta:
        model = Delivery
        fields = ["id", "webhook_id", "event_type", "status", "attempts", "next_attempt_at", "last_status_code", "delivered_at",
                  "replay_of", "created_at", "attempt_log"]

    @extend_schema_field({"type": "array", "items": {"type": "object", "properties": {
        "attempted_at": {"type": "string", "format": "date-time"}, "status_code": {"type": ["integer", "null"]},
        "latency_ms": {"type": "integer"}, "response_excerpt": {"type": "string"}, "error": {"type": "string"}}}})
    def get_attempt_log(self, delivery: Delivery) -> list[dict[str, Any]]:
        return [{"attempted_at": a.attempted_at, "status_code": a.status_code, "latency_ms": a.latency_ms,
                 "response_excerpt": a.response_excerpt, "error": a.error} for a in delivery.attempt_log.all()]


class EmailMessageSerializer(serializers.Serializer):
    """One message of the candidate's e-mail history, either way: sent by the ATS (`out`, with its
    delivery state and the exact text sent) or received from them (`in`)."""

    id = serializers.IntegerField()
    direction = serializers.ChoiceField(choices=["out", "in"])
    subject = serializers.CharField()
    body = serializers.CharField()
    address = serializers.CharField(help_text="To (out) or from (in).")
    at = serializers.DateTimeField(help_text="Queued (out) or received (in).")
    state = serializers.CharField(allow_blank=True, help_text="queued, sending, sent, failed or cancelled (out only).")
    failure_reason = serializers.CharField(allow_blank=True)
    sent_at = serializers.DateTimeField(allow_null=True)
    template_name = serializers.CharField(allow_blank=True)
    sender = serializers.IntegerField(allow_null=True, help_text="The user who sent it (out; none for automatic mail).")
    application = serializers.IntegerField(allow_null=True)
    in_reply_to = serializers.IntegerField(allow_null=True, help_text="The outgoing message answered (in).")
    resume_ids = serializers.ListField(child=serializers.IntegerField(), help_text="Résumés attached (in).")
