"""Addresses of the matching screens, under the prefixes of the pages they extend."""

from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("mon-profil/recommandations/", views.recommendations, name="recommendations"),
    path(
        "candidatures/offres/<int:offer_id>/candidats-suggeres/",
        views.suggested_candidates,
        name="suggested_candidates",
    ),
    path(
        "observatoire/tableau-de-bord/competences/<slug:slug>.<str:file_format>",
        views.skills_gap_export,
        name="skills_gap_export",
    ),
]
