"""The REST API: thin views that read through the apps' selectors (what this user may see, 404
outside it) and write through their services, as the pages do."""
from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from ats.api import serializers as s
from ats.api.forms import ApiTokenForm
from ats.api.auth import AdminsOnly, RecruitersOnly, RecruitersWrite, SignedIn
from candidates.emails.selectors import candidate_mail
from ats.api.http import UPDATED_SINCE, Ordering, idempotent, updated_since
from ats.api.problems import Conflict, Unprocessable
from ats.api.selectors import api_token_get, api_tokens_for
from ats.api.services import api_token_create, api_token_revoke
from ats.core.access import is_recruiter, signed_in
from ats.core.models import AuditEvent
from ats.core.services import audit_record
from ats.webhooks import services as webhook_services
from ats.webhooks.selectors import deliveries_for, subscriptions_for
from candidates import services as candidate_services
from candidates.models import Tag
from candidates.resumes.models import Resume
from candidates.resumes.selectors import resume_list_for
from candidates.resumes.services.intake import resume_upload
from candidates.selectors import candidate_get, candidate_list_for
from jobs.applications import services as application_services
from jobs.applications.models import Application
from jobs.applications.selectors import application_list_for
from jobs.reviews import services as review_services
from jobs.reviews.selectors import feedback_visible_to, own_review, review_application_get, reviewable_applications
from jobs.selectors import job_get, job_list_for

PROBLEM = OpenApiResponse(description="Problem details (RFC 9457), `application/problem+json`.")
ERRORS = {400: PROBLEM, 401: PROBLEM, 404: PROBLEM, 429: PROBLEM}


class ApiViewSet(viewsets.GenericViewSet):
    permission_classes = [RecruitersWrite]
    filter_backends = [Ordering]
    ordering_fields = ["id"]
    ordering = ["-id"]
    # Reads of people's data are audited like the pages' (one row per request); jobs, tags and
    # webhook subscriptions hold none and are not.
    audit_reads = True

    def finalize_response(self, request: Request, response: Response, *args: Any, **kwargs: Any) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        # A refusal reads nothing. A conditional GET answered 304 later (ats.api.http.with_etag) is
        # still a read: the data was fetched for it and the client holds it.
        if self.audit_reads and request.method in ("GET", "HEAD") and response.status_code == 200:
            _audit_read(request, self, response)
        return response


def _audit_read(request: Request, view: ApiViewSet, response: Response) -> None:
    resource = type(view).__name__.removesuffix("ViewSet").lower()
    data: dict[str, Any] = {"endpoint": f"{resource}.{view.action}", "path": request.path}
    data.update({name: value for name, value in view.kwargs.items() if name.endswith("_id")})
    results = response.data.get("results") if isinstance(response.data, dict) else response.data
    if isinstance(results, list):
        data["count"] = len(results)
    # Whose data it was: the candidate in the URL, or the one a résumé or application belongs to.
    candidate = view.kwargs.get("candidate_id")
    if candidate is None and isinstance(response.data, dict) and isinstance(response.data.get("candidate"), int):
        candidate = response.data["candidate"]
    audit_record(actor=request.user, action=AuditEvent.Read.API_READ, candidate=candidate, data=data)


def _field_error(field: str, message: str) -> exceptions.ValidationError:
    return exceptions.ValidationError({field: [message]})


# --- Jobs and their stages ---------------------------------------------------------------------


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE], responses={200: s.JobSerializer(many=True), **ERRORS}),
                    retrieve=extend_schema(responses={200: s.JobSerializer, **ERRORS}))
class JobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = s.JobSerializer
    lookup_url_kwarg = "job_id"
    audit_reads = False
    ordering_fields = ["id", "updated_at", "created_at", "title"]

    def get_queryset(self) -> Any:
        return updated_since(self.request, job_list_for(self.request.user))

    def get_object(self) -> Any:
        return job_get(self.request.user, self.kwargs["job_id"])

    @extend_schema(responses={200: s.StageSerializer(many=True), **ERRORS})
    @action(detail=True, pagination_class=None, filter_backends=[])
    def stages(self, request: Request, job_id: int) -> Response:
        job = self.get_object()
        return Response(s.StageSerializer(job.stages.order_by("position"), many=True).data)


# --- Candidates, their notes and tags ----------------------------------------------------------


def _candidate(request: Request, candidate_id: int) -> Any:
    candidate = candidate_get(request.user, candidate_id)
    if not is_recruiter(request.user) and _anonymised_ids(request).filter(candidate_id=candidate.pk).exists():
        raise Http404  # on an anonymised review, the person is met only through the review page
    return candidate


def _anonymised_ids(request: Request) -> Any:
    return reviewable_applications(request.user).filter(job__anonymised_review=True).values("candidate_id")


@extend_schema_view(
    list=extend_schema(parameters=[UPDATED_SINCE], responses={200: s.CandidateSerializer(many=True), **ERRORS}),
    retrieve=extend_schema(responses={200: s.CandidateSerializer, **ERRORS}),
)
class CandidateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = s.CandidateSerializer
    lookup_url_kwarg = "candidate_id"
    ordering_fields = ["id", "updated_at", "created_at", "last_activity_at"]

    def get_queryset(self) -> Any:
        candidates = candidate_list_for(self.request.user).prefetch_related("tags")
        if not is_recruiter(self.request.user):
            candidates = candidates.exclude(pk__in=_anonymised_ids(self.request))
        return updated_since(self.request, candidates)

    def get_object(self) -> Any:
        return _candidate(self.request, self.kwargs["candidate_id"])

    @extend_schema(request=s.CandidateCreateSerializer, responses={201: s.CandidateSerializer, **ERRORS})
    @idempotent
    def create(self, request: Request) -> Response:
        data = _valid(s.CandidateCreateSerializer, request.data)
        candidate = candidate_services.candidate_create(actor=request.user, **data)
        return Response(s.CandidateSerializer(candidate).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.CandidateUpdateSerializer, responses={200: s.CandidateSerializer, **ERRORS})
    def partial_update(self, request: Request, candidate_id: int) -> Response:
        candidate = self.get_object()
        changes = _valid(s.CandidateUpdateSerializer, request.data, partial=True)
        candidate_services.candidate_update_fields(actor=request.user, candidate=candidate, changes=changes)
        return Response(s.CandidateSerializer(self.get_object()).data)

    @extend_schema(methods=["GET"], responses={200: s.NoteSerializer(many=True), **ERRORS})
    @extend_schema(methods=["POST"], request=s.NoteCreateSerializer, responses={201: s.NoteSerializer, **ERRORS})
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def notes(self, request: Request, candidate_id: int) -> Response:
        candidate = self.get_object()
        if request.method == "GET":
            return Response(s.NoteSerializer(candidate.notes.all(), many=True).data)
        return self._note_add(request, candidate)

    @idempotent
    def _note_add(self, request: Request, candidate: Any) -> Response:
        data = _valid(s.NoteCreateSerializer, request.data)
        application = None
        if data.get("application") is not None:
            application = application_list_for(request.user).filter(candidate=candidate, pk=data["application"]).first()
            if application is None:
                raise _field_error("application", "Not an application of this candidate.")
        note = candidate_services.note_add(actor=request.user, candidate=candidate, body=data["body"], application=application,
                                           visible_to_hiring_managers=data["visible_to_hiring_managers"])
        return Response(s.NoteSerializer(note).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.TagAddSerializer, responses={200: s.TagSerializer(many=True), **ERRORS})
    @action(detail=True, methods=["post"], url_path="tags", pagination_class=None, filter_backends=[])
    def tag_add(self, request: Request, candidate_id: int) -> Response:
        candidate = self.get_object()
        name = candidate_services.normalise_tag(_valid(s.TagAddSerializer, request.data)["name"])
        if not name:
            raise _field_error("name", "A tag needs a name.")
        candidate_services.candidate_tag_add(actor=request.user, candidate=candidate, name=name)
        return Response(s.TagSerializer(candidate.tags.order_by("name"), many=True).data)

    @extend_schema(responses={200: s.TagSerializer, **ERRORS})
    def tag_get(self, request: Request, candidate_id: int, tag_id: int) -> Response:
        return Response(s.TagSerializer(get_object_or_404(self.get_object().tags.all(), pk=tag_id)).data)

    @extend_schema(request=None, responses={204: None, **ERRORS})
    def tag_remove(self, request: Request, candidate_id: int, tag_id: int) -> Response:
        candidate = self.get_object()
        if not candidate_services.candidate_tag_remove(actor=request.user, candidate=candidate, tag_id=tag_id):
            raise Http404
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses={200: s.EmailMessageSerializer(many=True), **ERRORS})
    @action(detail=True, pagination_class=None, filter_backends=[], permission_classes=[RecruitersOnly])
    def emails(self, request: Request, candidate_id: int) -> Response:
        """The candidate's e-mail both ways, newest first (the EMAILS_LISTED latest), with the records
        merged into them: what the profile shows. Recruiters only, as on the pages."""
        candidate = self.get_object()
        rows = [_email_row(item) for item in candidate_mail(candidate=candidate, limit=EMAILS_LISTED)]
        return Response(s.EmailMessageSerializer(rows, many=True).data)

    @extend_schema(responses={200: s.ResumeSerializer(many=True), **ERRORS})
    @action(detail=True, pagination_class=None, filter_backends=[])
    def resumes(self, request: Request, candidate_id: int) -> Response:
        candidate = self.get_object()
        return Response(s.ResumeSerializer(resume_list_for(request.user).filter(candidate=candidate), many=True).data)


EMAILS_LISTED = 200


def _email_row(item: Any) -> dict[str, Any]:
    mail, outgoing = item.message, item.direction == "out"
    return {
        "id": mail.pk, "direction": item.direction, "subject": mail.subject, "body": mail.body,
        "address": mail.to_address if outgoing else mail.from_address,
        "at": mail.created_at if outgoing else mail.received_at,
        "state": mail.state if outgoing else "", "failure_reason": mail.failure_reason if outgoing else "",
        "sent_at": mail.sent_at if outgoing else None, "template_name": mail.template_name if outgoing else "",
        "sender": mail.sender_id if outgoing else None,
        "application": mail.application_id if outgoing else (mail.in_reply_to.application_id if mail.in_reply_to_id else None),
        "in_reply_to": None if outgoing else mail.in_reply_to_id,
        "resume_ids": [] if outgoing else list(mail.resume_ids),
    }


def _valid(serializer_class: type, data: Any, **options: Any) -> dict[str, Any]:
    serializer = serializer_class(data=data, **options)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


@extend_schema_view(list=extend_schema(responses={200: s.TagSerializer(many=True), **ERRORS}))
class TagViewSet(mixins.ListModelMixin, ApiViewSet):
    permission_classes = [RecruitersOnly]
    serializer_class = s.TagSerializer
    ordering_fields = ["id", "name"]
    audit_reads = False

    def get_queryset(self) -> Any:
        return Tag.objects.all()


# --- Résumés -----------------------------------------------------------------------------------


@extend_schema_view(list=extend_schema(responses={200: s.ResumeSerializer(many=True), **ERRORS}),
                    retrieve=extend_schema(responses={200: s.ResumeSerializer, **ERRORS}))
class ResumeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = s.ResumeSerializer
    lookup_url_kwarg = "resume_id"
    parser_classes = [MultiPartParser]

    def get_queryset(self) -> Any:
        return resume_list_for(self.request.user)

    def get_object(self) -> Resume:
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["resume_id"])

    @extend_schema(
        request={"multipart/form-data": s.ResumeUploadSerializer},
        responses={201: s.ResumeSerializer, 200: OpenApiResponse(s.ResumeSerializer, description="Already uploaded: that résumé."),
                   422: PROBLEM, 413: PROBLEM, **ERRORS},
    )
    @idempotent
    def create(self, request: Request) -> Response:
        data = _valid(s.ResumeUploadSerializer, request.data)
        job = None
        if data.get("job") is not None:
            job = job_list_for(request.user).filter(pk=data["job"]).first()
            if job is None:
                raise _field_error("job", "No such job.")
        upload = data["file"]
        outcome = resume_upload(actor=request.user, filename=upload.name, data=upload.read(), job=job)
        if outcome.status == "refused":
            raise Unprocessable(outcome.message)
        created = outcome.status == "queued"
        return Response(s.ResumeSerializer(outcome.resume).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


# --- Applications and their reviews ------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(parameters=[UPDATED_SINCE], responses={200: s.ApplicationSerializer(many=True), **ERRORS}),
    retrieve=extend_schema(responses={200: s.ApplicationSerializer, **ERRORS}),
)
class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = s.ApplicationSerializer
    lookup_url_kwarg = "application_id"
    ordering_fields = ["id", "updated_at", "applied_at", "stage_entered_at"]

    def get_queryset(self) -> Any:
        applications = application_list_for(self.request.user)
        job = self.request.query_params.get("job")
        if job is not None:
            if not job.isdigit():
                raise _field_error("job", "A job id.")
            applications = applications.filter(job_id=int(job))
        return updated_since(self.request, applications)

    def get_object(self) -> Application:
        return get_object_or_404(application_list_for(self.request.user), pk=self.kwargs["application_id"])

    @extend_schema(request=s.ApplicationCreateSerializer, responses={201: s.ApplicationSerializer, 409: PROBLEM, **ERRORS})
    @idempotent
    def create(self, request: Request) -> Response:
        data = _valid(s.ApplicationCreateSerializer, request.data)
        job = job_list_for(request.user).filter(pk=data["job"]).first()
        if job is None:
            raise _field_error("job", "No such job.")
        candidate = candidate_list_for(request.user).filter(pk=data["candidate"]).first()
        if candidate is None:
            raise _field_error("candidate", "No such candidate.")
        stage = None
        if data.get("stage") is not None:
            stage = job.stages.filter(pk=data["stage"]).first()
            if stage is None:
                raise _field_error("stage", "Not a stage of this job.")
        try:
            application = application_services.application_create(actor=request.user, candidate=candidate, job=job, stage=stage,
                                                                   source="api")
        except IntegrityError:
            raise Conflict("The candidate already has an application for this job.") from None
        return Response(s.ApplicationSerializer(application).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.MoveSerializer, responses={200: s.ApplicationSerializer, 409: PROBLEM, **ERRORS})
    @action(detail=True, methods=["post"])
    def move(self, request: Request, application_id: int) -> Response:
        application = self.get_object()
        data = _valid(s.MoveSerializer, request.data)
        to_stage = application.job.stages.filter(pk=data["to_stage"]).first()
        if to_stage is None:
            raise _field_error("to_stage", "Not a stage of this application's job.")
        if application.outcome != Application.Outcome.ACTIVE:
            raise Conflict(f"The application is {application.outcome}; restore it before moving it.")
        try:
            application_services.application_move(actor=request.user, application=application, to_stage=to_stage,
                                                  from_stage_id=data["from_stage"])
        except application_services.StageConflict:
            fresh = self.get_object()
            error = Conflict("The application has moved since you saw it.")
            error.extra = {"current_stage": fresh.stage_id}  # type: ignore[attr-defined]
            raise error from None
        return Response(s.ApplicationSerializer(self.get_object()).data)

    def _outcome(self, request: Request, outcome: str, reason: str = "", **extra: Any) -> Response:
        application = self.get_object()
        try:
            application_services.application_set_outcome(actor=request.user, application=application, outcome=outcome,
                                                          reason=reason, **extra)
        except application_services.OutcomeRefused as refused:
            raise Conflict(str(refused)) from None
        return Response(s.ApplicationSerializer(self.get_object()).data)

    @extend_schema(request=s.RejectSerializer, responses={200: s.ApplicationSerializer, 409: PROBLEM, **ERRORS})
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, application_id: int) -> Response:
        data = _valid(s.RejectSerializer, request.data)
        return self._outcome(request, Application.Outcome.REJECTED, data["reason"],
                             rejection_reason=data["rejection_reason"], send_email=data["send_email"])

    @extend_schema(request=s.ReasonSerializer, responses={200: s.ApplicationSerializer, 409: PROBLEM, **ERRORS})
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, application_id: int) -> Response:
        return self._outcome(request, Application.Outcome.WITHDRAWN, _valid(s.ReasonSerializer, request.data)["reason"])

    @extend_schema(request=None, responses={200: s.ApplicationSerializer, 409: PROBLEM, **ERRORS})
    @action(detail=True, methods=["post"])
    def hire(self, request: Request, application_id: int) -> Response:
        return self._outcome(request, Application.Outcome.HIRED)

    @extend_schema(
        request=None, responses={200: s.ApplicationSerializer, 409: PROBLEM, **ERRORS},
        description="Back to active in the stage it was closed in (a rejection's queued e-mail is cancelled); "
                    "409 if it is active already.",
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, application_id: int) -> Response:
        return self._outcome(request, Application.Outcome.ACTIVE)

    @extend_schema(methods=["GET"], responses={200: s.ReviewSerializer(many=True), **ERRORS})
    @extend_schema(methods=["POST"], request=s.ReviewCreateSerializer, responses={201: s.ReviewSerializer, 422: PROBLEM, **ERRORS})
    @action(detail=True, methods=["get", "post"], permission_classes=[SignedIn], pagination_class=None, filter_backends=[])
    def reviews(self, request: Request, application_id: int) -> Response:
        if request.method == "GET":
            application = self.get_object()
            mine = own_review(request.user, application)
            reviews = ([mine] if mine else []) + feedback_visible_to(request.user, application)
            return Response(s.ReviewSerializer(reviews, many=True).data)
        application = review_application_get(request.user, application_id)  # 404 unless theirs to review
        data = _valid(s.ReviewCreateSerializer, request.data)
        ratings = {r["criterion"]: (r["score"], r["comment"]) for r in data["ratings"]}
        try:
            review = review_services.review_submit(actor=request.user, application=application, recommendation=data["recommendation"],
                                                   comment=data["comment"], ratings=ratings)
        except review_services.ReviewError as refused:
            raise Unprocessable(str(refused)) from None
        return Response(s.ReviewSerializer(review).data, status=status.HTTP_201_CREATED)


# --- Personal API tokens, in the web UI ----------------------------------------------------------


@signed_in
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """The user's tokens; POST creates one and shows its secret on this one answer only."""
    form = ApiTokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        _, created = api_token_create(user=request.user, name=form.cleaned_data["name"],
                                      expires_in_days=form.cleaned_data["expires_in_days"])
        form = ApiTokenForm()
    return render(request, "api/tokens.html", {"tokens": api_tokens_for(request.user), "form": form, "created": created})


@signed_in
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = api_token_get(request.user, token_id)
    api_token_revoke(actor=request.user, token=token)
    messages.success(request, f"The token “{token.name}” is revoked; requests with it now get 401.")
    return redirect("api:tokens")


# --- Webhook subscriptions (admins) ------------------------------------------------------------


@extend_schema_view(list=extend_schema(responses={200: s.WebhookSubscriptionSerializer(many=True), **ERRORS}),
                    retrieve=extend_schema(responses={200: s.WebhookSubscriptionSerializer, **ERRORS}))
class WebhookSubscriptionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    permission_classes = [AdminsOnly]
    serializer_class = s.WebhookSubscriptionSerializer
    lookup_url_kwarg = "subscription_id"
    audit_reads = False

    def get_queryset(self) -> Any:
        return subscriptions_for(self.request.user)

    def get_object(self) -> Any:
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["subscription_id"])

    @extend_schema(request=s.WebhookSubscriptionSerializer, responses={201: s.WebhookSubscriptionSerializer, **ERRORS})
    @idempotent
    def create(self, request: Request) -> Response:
        data = _valid(s.WebhookSubscriptionSerializer, request.data)
        subscription = webhook_services.subscription_create(actor=request.user, url=data["url"], events=data.get("events"),
                                                            description=data.get("description", ""))
        return Response(s.WebhookSubscriptionSerializer(subscription).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.WebhookSubscriptionSerializer, responses={200: s.WebhookSubscriptionSerializer, **ERRORS})
    def partial_update(self, request: Request, subscription_id: int) -> Response:
        subscription = self.get_object()
        changes = _valid(s.WebhookSubscriptionSerializer, request.data, partial=True)
        webhook_services.subscription_update(actor=request.user, subscription=subscription, changes=changes)
        return Response(s.WebhookSubscriptionSerializer(subscription).data)

    @extend_schema(request=None, responses={204: None, **ERRORS})
    def destroy(self, request: Request, subscription_id: int) -> Response:
        webhook_services.subscription_delete(actor=request.user, subscription=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses={200: s.WebhookDeliverySerializer(many=True), **ERRORS})
    @action(detail=True)
    def deliveries(self, request: Request, subscription_id: int) -> Response:
        deliveries = deliveries_for(request.user).filter(subscription=self.get_object())
        page = self.paginate_queryset(self.filter_queryset(deliveries))
        return self.get_paginated_response(s.WebhookDeliverySerializer(page, many=True).data)


class WebhookDeliveryViewSet(ApiViewSet):
    permission_classes = [AdminsOnly]
    serializer_class = s.WebhookDeliverySerializer

    @extend_schema(request=None, responses={201: s.WebhookDeliverySerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def replay(self, request: Request, delivery_id: int) -> Response:
        delivery = get_object_or_404(deliveries_for(request.user), pk=delivery_id)
        replay = webhook_services.delivery_replay(actor=request.user, delivery=delivery)
        return Response(s.WebhookDeliverySerializer(replay).data, status=status.HTTP_201_CREATED)
