from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ats import views
from jobs import reviews_views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("jobs/", include("jobs.urls")),
    path("candidates/", include("candidates.urls")),
    path("reviews/", include("jobs.reviews_urls")),
    path("notifications/", reviews_views.notification_settings, name="notification_settings"),
    path("admin/", admin.site.urls),
]
