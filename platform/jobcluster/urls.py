from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from . import views
from .api import api

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("comptes/", include("allauth.urls")),
    path("espace/", include("accounts.urls")),
    path("organisations/", include("organisations.urls")),
    path("registre/", include("registry.urls")),
    path("observatoire/", include("observatory.urls")),
    path("recherche/", include("search.urls")),
    path("mon-profil/", include("seekers.urls")),
    path("candidatures/", include("seekers.inbox_urls")),
    path("accompagnement/", include("seekers.counselling_urls")),
    # Matching screens extend the seekers', the inboxes' and the observatory's pages, so their
    # addresses carry those prefixes themselves.
    path("", include("matching.urls")),
    path("api/v1/", api.urls),
    # Any other address under the API gets a JSON 404 instead of the site's HTML 404 page or a
    # redirect to the same address with a trailing slash.
    path("api/v1/<path:unknown_path>", views.api_not_found, name="api_not_found"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("", include("cms.urls")),
]

if settings.DEBUG:
    # Uploaded files, without the private CV folder (see `media`).
    from .media import media_urlpatterns

    urlpatterns += media_urlpatterns()

# Wagtail serves every other path from the page tree, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]

handler403 = "jobcluster.views.permission_denied"
handler404 = "jobcluster.views.page_not_found"
handler500 = "jobcluster.views.server_error"
# allauth responds to rate-limited requests through this handler.
handler429 = "jobcluster.views.too_many_requests"
