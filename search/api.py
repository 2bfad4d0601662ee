"""The public read API of offers and trainings under /api/v1/opportunities."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.throttling import AnonRateThrottle

from . import service
from .models import SearchEntry
from .params import parse_search_params

# NOTE: a guessed rate for a public, unauthenticated read API; tune it with real traffic.
router = Router(tags=["opportunities"], throttle=[AnonRateThrottle("120/m")])


class SearchParams(Schema):
    """The parameters of the search page; unknown values are ignored with a message."""

    q: str = Field("", description="Texte recherché.")
    kind: list[str] = Field([], description="job, internship, volunteering ou training.")
    region: list[str] = []
    cercle: list[str] = []
    sector: list[str] = []
    contract: list[str] = []
    education_level: list[str] = []
    organisation: list[str] = []
    target_group: list[str] = []
    closing_after: str = Field("", description="Date limite au plus tôt, AAAA-MM-JJ.")
    commune: str = Field(
        "",
        description=(
            "Commune du filtre de distance : son identifiant, ou son nom suivi du cercle entre "
            "parenthèses quand plusieurs communes le portent, par exemple « Faraba (Kati) »."
        ),
    )
    radius: str = Field("", description="Rayon autour de la commune, en kilomètres (1 à 500).")
    sort: str = Field("relevance", description="relevance, newest ou closing.")
    page: str = "1"


class FacetOut(Schema):
    value: str
    label: str
    count: int


class OpportunityOut(Schema):
    id: int
    kind: str
    title: str
    url: str
    organisation_name: str
    place: str
    closing_date: datetime.date
    published_at: datetime.datetime
    highlight: str = ""


class SearchOut(Schema):
    total: int
    page: int
    num_pages: int
    suggestion: str
    messages: list[str]
    facets: dict[str, list[FacetOut]]
    results: list[OpportunityOut]


@router.get("/opportunities", response=SearchOut)
def list_opportunities(request: HttpRequest, params: Query[SearchParams]):
    query, messages = parse_search_params(request.GET)
    result = service.search(query)
    return {
        "total": result.total,
        "page": result.page,
        "num_pages": result.num_pages,
        "suggestion": result.suggestion,
        "messages": messages + result.messages,
        "facets": {
            name: [{"value": f.value, "label": f.label, "count": f.count} for f in facets]
            for name, facets in result.facets.items()
        },
        "results": result.hits,
    }


@router.get("/opportunities/{page_id}", response=OpportunityOut)
def get_opportunity(request: HttpRequest, page_id: int):
    from cms.time import bamako_today

    entry = SearchEntry.objects.filter(page_id=page_id, closing_date__gte=bamako_today()).first()
    if entry is None:
        raise HttpError(404, _("Offre ou formation introuvable."))
    return {
        "id": entry.page_id,
        "kind": entry.kind,
        "title": entry.title,
        "url": entry.url,
        "organisation_name": entry.organisation_name,
        "place": entry.place,
        "closing_date": entry.closing_date,
        "published_at": entry.published_at,
        "highlight": "",
    }
