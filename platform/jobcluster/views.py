import logging

from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import health

logger = logging.getLogger(__name__)

# Address prefixes of private pages: admin sites, accounts and the pages of signed-in users.
ROBOTS_DISALLOWED_PREFIXES = [
    "/admin/",
    "/django-admin/",
    "/comptes/",
    "/espace/",
    "/mon-profil/",
    "/candidatures/",
    "/accompagnement/",
    "/registre/",
]


@never_cache
@require_GET
def healthz(request):
    """Report the state of the database, the search backend and the broker as JSON.

    The status is 200 when every service is up and 503 otherwise, so that load balancers and
    orchestrators can act on it without reading the body.
    """
    states = health.check_all()
    healthy = all(state.up for state in states)
    body = {
        "status": "ok" if healthy else "degraded",
        "services": {state.name: state.as_dict() for state in states},
    }
    return JsonResponse(body, status=200 if healthy else 503)


@require_GET
def robots_txt(request):
    """Let crawlers index every public page, keep them out of private ones, and give the sitemap."""
    lines = ["User-agent: *"]
    lines += [f"Disallow: {prefix}" for prefix in ROBOTS_DISALLOWED_PREFIXES]
    lines.append("Allow: /")
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def api_not_found(request, unknown_path: str = ""):
    """Return a JSON 404 for an unknown /api/v1/ address, in the format of the API's errors."""
    return JsonResponse({"detail": "Not Found"}, status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def too_many_requests(request, exception=None):
    logger.info("rate limit reached path=%s", request.path)
    return render(request, "429.html", status=429)


def server_error(request):
    # The template gets no request context: a broken context processor must not break it.
    return HttpResponseServerError(loader.get_template("500.html").render())
