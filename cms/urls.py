from django.urls import path

from . import views
from .feeds import feed_views

app_name = "cms"

all_rss, all_atom = feed_views(None)
region_rss, region_atom = feed_views("region")
organisation_rss, organisation_atom = feed_views("organisation")

urlpatterns = [
    path("flux/offres.rss", all_rss, name="feed_all_rss"),
    path("flux/offres.atom", all_atom, name="feed_all_atom"),
    path("flux/region/<str:code>.rss", region_rss, name="feed_region_rss"),
    path("flux/region/<str:code>.atom", region_atom, name="feed_region_atom"),
    path("flux/organisation/<int:pk>.rss", organisation_rss, name="feed_organisation_rss"),
    path("flux/organisation/<int:pk>.atom", organisation_atom, name="feed_organisation_atom"),
    path("signaler/<int:page_id>/", views.report, name="report"),
]
