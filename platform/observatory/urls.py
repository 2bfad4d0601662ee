from django.urls import path

from . import views

app_name = "observatory"

urlpatterns = [
    path("", views.public_summary, name="public"),
    path("donnees/<slug:slug>.<str:file_format>", views.public_export, name="public_export"),
    path("tableau-de-bord/", views.dashboard, name="dashboard"),
    path("tableau-de-bord/<slug:slug>.<str:file_format>", views.export, name="export"),
]
