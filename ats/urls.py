"""The URL map. Every view declares its gate (ats.core.access); Django's own sign-in and
password views are wrapped here with theirs (tests/test_permissions_urls.py checks all of them)."""
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ats import views
from ats.core.access import public, signed_in
from candidates.emails import views as emails
from jobs.reviews import views as reviews

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("login/", public(auth_views.LoginView.as_view(redirect_authenticated_user=True)), name="login"),
    path("logout/", public(auth_views.LogoutView.as_view()), name="logout"),
    path("password/", signed_in(auth_views.PasswordChangeView.as_view()), name="password_change"),
    path("password/done/", signed_in(auth_views.PasswordChangeDoneView.as_view()), name="password_change_done"),
    path("jobs/", include("jobs.urls")),
    path("candidates/", include("candidates.urls")),
    path("reviews/", include("jobs.reviews.urls")),
    path("careers/", include("jobs.careers.urls")),
    path("reports/", include("jobs.reports.urls")),
    path("emails/", include("candidates.emails.urls")),
    path("privacy/", include("candidates.privacy.urls")),
    path("unsubscribe/<str:signed>/", emails.unsubscribe, name="unsubscribe"),
    path("notifications/", reviews.notification_settings, name="notification_settings"),
    path("api/", include("ats.api.urls")),
    path("admin/", admin.site.urls),
]
