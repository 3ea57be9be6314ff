"""Privacy URLs under /privacy/: recruiters' consent, erasure and export actions, and the
candidate's own page (public, reached by the signed link in their mail)."""
from django.urls import path

from candidates.privacy import views

app_name = "privacy"
urlpatterns = [
    path("candidates/<int:candidate_id>/", views.privacy_panel, name="panel"),
    path("candidates/<int:candidate_id>/consent/", views.consent_add, name="consent_add"),
    path("candidates/<int:candidate_id>/consent/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("candidates/<int:candidate_id>/erasure/", views.erasure_request_add, name="erasure_request_add"),
    path("candidates/<int:candidate_id>/export/", views.export_start, name="export_start"),
    path("exports/<int:export_id>/", views.export_status, name="export_status"),
    path("exports/<int:export_id>/retry/", views.export_retry, name="export_retry"),
    path("exports/<int:export_id>/download/", views.export_download, name="export_download"),
    path("erasure-requests/", views.erasure_requests, name="erasure_requests"),
    path("erasure-requests/<int:erasure_request_id>/", views.erasure_request_decide, name="erasure_request_decide"),
    path("me/<str:signed>/", views.self_service, name="self_service"),
    path("me/<str:signed>/copy.zip", views.self_service_download, name="self_service_download"),
]
