from django.urls import path

from . import counselling_views as views
from . import cv_views

app_name = "counselling"

urlpatterns = [
    path("", views.seekers, name="seekers"),
    path("inscrire/", views.register, name="register"),
    path("<int:user_id>/", views.profile_edit, name="profile"),
    path("<int:user_id>/cv/", cv_views.counselled_profile_cv, name="cv"),
    path("<int:user_id>/consentement/", views.consent, name="consent"),
    path("<int:user_id>/candidatures/", views.applications, name="applications"),
    path("<int:user_id>/donnees.json", views.export, name="export"),
    path("<int:user_id>/donnees.pdf", views.export_pdf, name="export_pdf"),
    path("<int:user_id>/supprimer/", views.delete_account, name="delete_account"),
    path("<int:user_id>/offres/", views.offers, name="offers"),
    path("<int:user_id>/offres/<int:offer_id>/postuler/", views.apply, name="apply"),
]
