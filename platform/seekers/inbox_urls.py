from django.urls import path

from . import cv_views, discovery_views, received_views, views

app_name = "inbox"

urlpatterns = [
    path("", received_views.offers, name="offers"),
    path("offres/<int:offer_id>/", views.inbox, name="offer"),
    path("<int:pk>/", views.review, name="review"),
    path("<int:pk>/cv/", cv_views.application_cv, name="cv"),
    path("chercheurs/", discovery_views.search, name="seekers"),
    path("chercheurs/<int:user_id>/", discovery_views.seeker, name="seeker"),
]
