"""The public search page for offers and trainings."""

from __future__ import annotations

import logging
import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from accounts.roles import Permission, can
from jobcluster.ratelimit import count_request
from referential.places import commune_label

from . import saved as saved_searches
from . import service
from .forms import SavedSearchForm
from .params import parse_search_params

logger = logging.getLogger(__name__)

FACET_TITLES = {
    "kind": _("Type"),
    "region": _("Région"),
    "cercle": _("Cercle"),
    "sector": _("Secteur"),
    "contract": _("Contrat"),
    "education_level": _("Niveau d’études"),
    "organisation": _("Organisation"),
    "target_group": _("Public prioritaire"),
}
SORT_LABELS = {
    service.SORT_RELEVANCE: _("Pertinence"),
    service.SORT_NEWEST: _("Plus récentes"),
    service.SORT_CLOSING: _("Date limite proche"),
}


def _commune_text(commune: str) -> str:
    """Return the commune field's text: a name, also for links that carry a commune id."""
    if commune.isdigit() and len(commune) < 10:
        return commune_label(int(commune)) or commune
    return commune


def search_page(request):
    query, messages = parse_search_params(request.GET)
    result = service.search(query)
    params = request.GET.copy()
    params.pop("page", None)
    selected = {name: set(map(str, getattr(query.filters, name))) for name in service.FACET_NAMES}
    context = {
        "query": query,
        "result": result,
        "messages_list": messages + result.messages,
        "facets": [
            (
                name,
                FACET_TITLES[name],
                [
                    (value, label, count, value in selected[name])
                    for value, label, count in result.facets[name]
                ],
            )
            for name in service.FACET_NAMES
            if result.facets.get(name)
        ],
        "base_query": params.urlencode(),
        "sorts": SORT_LABELS.items(),
        "commune": _commune_text(request.GET.get("commune", "").strip()),
        "radius": request.GET.get("radius", ""),
        "closing_after": request.GET.get("closing_after", ""),
        "save_form": _save_form(request),
    }
    return render(request, "search/search.html", context)


# NOTE: a guessed limit, generous for one person typing (the script waits for a pause of
# 200 ms between requests); tune it with real traffic. Clients are told apart by REMOTE_ADDR,
# so behind a reverse proxy they would all share one budget until the proxy's header is read.
AUTOCOMPLETE_RATE = 60
AUTOCOMPLETE_WINDOW_SECONDS = 60


def _autocomplete_count(request) -> int:
    """Count a request of this client address and return its rank in the current window."""
    address = request.META.get("REMOTE_ADDR", "")
    window = int(time.time() // AUTOCOMPLETE_WINDOW_SECONDS)
    return count_request(f"search:autocomplete:{address}:{window}", AUTOCOMPLETE_WINDOW_SECONDS)


@require_GET
def autocomplete(request):
    count = _autocomplete_count(request)
    if count > AUTOCOMPLETE_RATE:
        # One line per client and window, not one per rejected request.
        if count == AUTOCOMPLETE_RATE + 1:
            logger.warning(
                "Search autocomplete rate limited: limit=%s window_seconds=%s",
                AUTOCOMPLETE_RATE,
                AUTOCOMPLETE_WINDOW_SECONDS,
            )
        return JsonResponse(
            {
                "suggestions": [],
                "detail": gettext_now("Trop de requêtes : réessayez dans une minute."),
            },
            status=429,
        )
    return JsonResponse({"suggestions": service.autocomplete(request.GET.get("q", ""))})


# Saved searches


def _save_form(request) -> SavedSearchForm | None:
    if not can(request.user, Permission.SAVE_SEARCH):
        return None
    return SavedSearchForm(initial={"params": request.GET.urlencode()}, user=request.user)


def _search_url(params: str) -> str:
    return reverse("search:search") + ("?" + params if params else "")


@login_required
@require_POST
def save_search(request):
    form = SavedSearchForm(request.POST, user=request.user)
    params = request.POST.get("params", "")[:10_000]
    if not form.is_valid():
        messages.error(request, gettext_now("Choisissez un canal et une fréquence valides."))
        return redirect(_search_url(params))
    try:
        saved_searches.save_search(
            request.user,
            QueryDict(params),
            form.cleaned_data["channel"],
            form.cleaned_data["frequency"],
        )
    except saved_searches.SavedSearchError as error:
        messages.error(request, str(error))
        return redirect(_search_url(params))
    messages.success(
        request, gettext_now("Recherche enregistrée. Vous recevrez les nouvelles offres.")
    )
    return redirect("search:saved")


@login_required
def saved_list(request):
    if not can(request.user, Permission.SAVE_SEARCH):
        raise PermissionDenied
    rows = [
        (saved, _search_url(saved.query_string), saved_searches.query_of(saved))
        for saved in saved_searches.saved_searches_of(request.user)
    ]
    return render(request, "search/saved_list.html", {"rows": rows})


@login_required
@require_POST
def delete_saved(request, pk: int):
    if not saved_searches.delete_saved_search(request.user, pk):
        raise Http404
    messages.success(request, gettext_now("Recherche supprimée."))
    return redirect("search:saved")


# Headers that browsers and mail clients send when they fetch a page ahead of a click.
PREFETCH_HEADERS = ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz")


def _is_prefetch(request) -> bool:
    return any(
        value in request.headers.get(header, "").lower()
        for header in PREFETCH_HEADERS
        for value in ("prefetch", "preview")
    )


# The token is the credential: a click on the link in the alert (GET) unsubscribes, and so
# does the one-click POST of mail clients (RFC 8058), without a session or CSRF cookie.
# HEAD requests and declared prefetches only show the confirmation form.
@csrf_exempt
def unsubscribe(request, token: str):
    if request.method not in ("GET", "POST") or (request.method == "GET" and _is_prefetch(request)):
        return render(request, "search/unsubscribe.html", {"token": token})
    try:
        undo = saved_searches.unsubscribe_with_undo(token)
    except saved_searches.InvalidUnsubscribeToken:
        message = gettext_now(
            "Ce lien de désabonnement n’est pas valide. "
            "Copiez le lien complet depuis l’alerte reçue."
        )
        return render(request, "search/unsubscribe.html", {"error": message}, status=400)
    context = {"done": True, "deleted": undo is not None, "resubscribe_token": undo or ""}
    return render(request, "search/unsubscribe.html", context)


@require_POST
def resubscribe(request):
    try:
        saved_searches.resubscribe(request.POST.get("token", ""))
    except (saved_searches.InvalidResubscribeToken, saved_searches.SavedSearchError) as error:
        return render(request, "search/unsubscribe.html", {"error": str(error)}, status=400)
    return render(request, "search/unsubscribe.html", {"resubscribed": True})
