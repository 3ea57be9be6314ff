from django.urls import path

from jobs import reviews_views

app_name = "reviews"
urlpatterns = [
    path("", reviews_views.inbox, name="inbox"),
    path("<int:application_id>/", reviews_views.review, name="review"),
    path("requests/", reviews_views.review_requests, name="requests"),
    path("requests/new/<int:application_id>/", reviews_views.review_request_new, name="request_new"),
]
