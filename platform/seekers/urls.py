from django.urls import path

from . import cv_views, views

app_name = "seekers"

urlpatterns = [
    path("", views.profile_edit, name="profile"),
    path("cv/", cv_views.own_profile_cv, name="cv"),
    path("competences/", views.skill_search, name="skill_search"),
    path("candidatures/", views.applications, name="applications"),
    path("candidatures/<int:pk>/retirer/", views.withdraw, name="withdraw"),
    path("offres/<int:offer_id>/postuler/", views.apply, name="apply"),
    path("donnees.json", views.export, name="export"),
    path("donnees.pdf", views.export_pdf, name="export_pdf"),
    path("consentement/retirer/", views.withdraw_consent, name="withdraw_consent"),
    path("supprimer/", views.delete_account, name="delete_account"),
]
