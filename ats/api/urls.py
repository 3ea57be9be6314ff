"""The API's URLs: /api/v1/... (each view behind the API gate, with ETags on GET), the schema, the
docs, and the token pages of the web UI."""
from __future__ import annotations

from typing import Any

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny

from ats.api import views
from ats.api.http import with_etag
from ats.core.access import api, public
from ats.core.limits import takes_one_file_from_anyone

app_name = "api"


def _v(viewset: type, **actions: str) -> Any:
    # What an @action declares (permissions, no pagination or filters) applies here too, as a router
    # would pass it on; the schema reads them from the view (an unpaginated list is documented as one).
    handler = getattr(viewset, next(iter(actions.values())))
    initkwargs = {k: v for k, v in getattr(handler, "kwargs", {}).items()
                  if k in ("permission_classes", "pagination_class", "filter_backends")}
    return api(with_etag(viewset.as_view(actions, **initkwargs)))


_schema = dict(authentication_classes=[], permission_classes=[AllowAny])

urlpatterns = [
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("schema/", public(SpectacularAPIView.as_view(**_schema)), name="schema"),
    path("docs/", public(SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html", **_schema)), name="docs"),
    path("redoc/", public(SpectacularRedocView.as_view(url_name="api:schema", **_schema)), name="redoc"),
    path("v1/jobs/", _v(views.JobViewSet, get="list"), name="jobs"),
    path("v1/jobs/<int:job_id>/", _v(views.JobViewSet, get="retrieve"), name="job"),
    path("v1/jobs/<int:job_id>/stages/", _v(views.JobViewSet, get="stages"), name="job_stages"),
    path("v1/candidates/", _v(views.CandidateViewSet, get="list", post="create"), name="candidates"),
    path("v1/candidates/<int:candidate_id>/", _v(views.CandidateViewSet, get="retrieve", patch="partial_update"),
         name="candidate"),
    path("v1/candidates/<int:candidate_id>/emails/", _v(views.CandidateViewSet, get="emails"), name="candidate_emails"),
    path("v1/candidates/<int:candidate_id>/notes/", _v(views.CandidateViewSet, get="notes", post="notes"),
         name="candidate_notes"),
    path("v1/candidates/<int:candidate_id>/tags/", _v(views.CandidateViewSet, post="tag_add"), name="candidate_tags"),
    path("v1/candidates/<int:candidate_id>/tags/<int:tag_id>/", _v(views.CandidateViewSet, get="tag_get", delete="tag_remove"),
         name="candidate_tag"),
    path("v1/candidates/<int:candidate_id>/resumes/", _v(views.CandidateViewSet, get="resumes"), name="candidate_resumes"),
    path("v1/tags/", _v(views.TagViewSet, get="list"), name="tags"),
    path("v1/resumes/", takes_one_file_from_anyone(_v(views.ResumeViewSet, get="list", post="create")), name="resumes"),
    path("v1/resumes/<int:resume_id>/", _v(views.ResumeViewSet, get="retrieve"), name="resume"),
    path("v1/applications/", _v(views.ApplicationViewSet, get="list", post="create"), name="applications"),
    path("v1/applications/<int:application_id>/", _v(views.ApplicationViewSet, get="retrieve"), name="application"),
    path("v1/applications/<int:application_id>/move/", _v(views.ApplicationViewSet, post="move"), name="application_move"),
    path("v1/applications/<int:application_id>/reject/", _v(views.ApplicationViewSet, post="reject"),
         name="application_reject"),
    path("v1/applications/<int:application_id>/withdraw/", _v(views.ApplicationViewSet, post="withdraw"),
         name="application_withdraw"),
    path("v1/applications/<int:application_id>/hire/", _v(views.ApplicationViewSet, post="hire"), name="application_hire"),
    path("v1/applications/<int:application_id>/reopen/", _v(views.ApplicationViewSet, post="reopen"),
         name="application_reopen"),
    path("v1/applications/<int:application_id>/reviews/", _v(views.ApplicationViewSet, get="reviews", post="reviews"),
         name="application_reviews"),
    path("v1/webhooks/subscriptions/", _v(views.WebhookSubscriptionViewSet, get="list", post="create"),
         name="webhook_subscriptions"),
    path("v1/webhooks/subscriptions/<int:subscription_id>/",
         _v(views.WebhookSubscriptionViewSet, get="retrieve", patch="partial_update", delete="destroy"), name="webhook_subscription"),
    path("v1/webhooks/subscriptions/<int:subscription_id>/deliveries/", _v(views.WebhookSubscriptionViewSet, get="deliveries"),
         name="webhook_deliveries"),
    path("v1/webhooks/deliveries/<int:delivery_id>/replay/", _v(views.WebhookDeliveryViewSet, post="replay"),
         name="webhook_delivery_replay"),
]
