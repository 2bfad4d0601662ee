"""The public search page for offers and trainings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.roles import Permission, can

from . import saved as saved_searches
from . import service
from .forms import SavedSearchForm
from .params import parse_search_params

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
        "commune": request.GET.get("commune", ""),
        "radius": request.GET.get("radius", ""),
        "closing_after": request.GET.get("closing_after", ""),
        "save_form": _save_form(request),
    }
    return render(request, "search/search.html", context)


def autocomplete(request):
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


# The token is the credential: mail clients POST here for one-click unsubscribe (RFC 8058)
# without a session or CSRF cookie.
@csrf_exempt
def unsubscribe(request, token: str):
    if request.method != "POST":
        return render(request, "search/unsubscribe.html", {"token": token})
    try:
        deleted = saved_searches.unsubscribe(token)
    except saved_searches.InvalidUnsubscribeToken:
        message = gettext_now(
            "Ce lien de désabonnement n’est pas valide. "
            "Copiez le lien complet depuis l’alerte reçue."
        )
        return render(request, "search/unsubscribe.html", {"error": message}, status=400)
    return render(request, "search/unsubscribe.html", {"done": True, "deleted": deleted})
