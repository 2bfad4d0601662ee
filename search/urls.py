from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.search_page, name="search"),
    path("suggestions", views.autocomplete, name="autocomplete"),
    path("enregistrees/", views.saved_list, name="saved"),
    path("enregistrees/ajouter/", views.save_search, name="save"),
    path("enregistrees/<int:pk>/supprimer/", views.delete_saved, name="delete_saved"),
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("reabonnement/", views.resubscribe, name="resubscribe"),
]
