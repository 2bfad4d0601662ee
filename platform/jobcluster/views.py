import logging

from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import health

logger = logging.getLogger(__name__)


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
