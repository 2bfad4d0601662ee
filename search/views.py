"""The public search page for offers and trainings."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from . import service
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
    }
    return render(request, "search/search.html", context)


def autocomplete(request):
    return JsonResponse({"suggestions": service.autocomplete(request.GET.get("q", ""))})
