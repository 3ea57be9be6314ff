"""Candidate e-mail URLs (recruiters only), under /emails/; the public unsubscribe link is in ats.urls."""
from django.urls import path

from candidates.emails import views

app_name = "emails"
urlpatterns = [
    path("templates/", views.template_list, name="templates"),
    path("templates/new/", views.template_edit, name="template_new"),
    path("templates/<int:template_id>/", views.template_edit, name="template_edit"),
    path("candidates/<int:candidate_id>/", views.candidate_mail, name="candidate_mail"),
    path("candidates/<int:candidate_id>/compose/", views.compose, name="compose"),
    path("candidates/<int:candidate_id>/preview/", views.preview, name="preview"),
    path("candidates/<int:candidate_id>/contact/", views.contact, name="contact"),
    path("sent/<int:email_id>/cancel/", views.cancel, name="cancel"),
    path("jobs/<int:job_id>/bulk/", views.board_email, name="board_email"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:inbound_id>/assign/", views.assign, name="assign"),
]
