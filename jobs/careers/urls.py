"""The public careers site's URLs (jobs.careers.views)."""
from django.urls import path

from jobs.careers import views

app_name = "careers"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("feed.atom", views.atom_feed, name="feed"),
    path("jobs.xml", views.job_board_feed, name="job_board_feed"),
    path("<int:job_id>/", views.job_detail, name="job"),
    path("<int:job_id>/apply/", views.apply, name="apply"),
    path("<int:job_id>/applied/", views.applied, name="applied"),
]
