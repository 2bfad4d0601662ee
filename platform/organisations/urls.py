from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.my_organisations, name="mine"),
    path("inscription/", views.register, name="register"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/modifier/", views.edit, name="edit"),
    path("<int:pk>/soumettre/", views.resubmit, name="resubmit"),
    path("<int:pk>/membres/", views.members, name="members"),
    path("<int:pk>/membres/inviter/", views.invite, name="invite"),
    path(
        "<int:pk>/membres/<int:membership_pk>/retirer/",
        views.remove_member,
        name="remove_member",
    ),
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("verification/", views.verification_queue, name="verification_queue"),
    path("verification/<int:pk>/", views.review, name="review"),
]
