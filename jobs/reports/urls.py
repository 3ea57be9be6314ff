"""The reports page and each report's CSV."""
from django.urls import path

from jobs.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_page, name="page"),
    path("csv/", views.report_csv, name="csv"),  # ?report=<key> and the page's filters
]
