from django.urls import path

from jobs.reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:application_id>/", views.review, name="review"),
    path("requests/", views.review_requests, name="requests"),
    path("requests/new/<int:application_id>/", views.review_request_new, name="request_new"),
]
