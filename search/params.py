"""Read a SearchQuery from GET parameters, shared by the search page and the API."""

from __future__ import annotations

import datetime

from django.http import QueryDict
from django.utils.translation import gettext as _

from cms.choices import ContractType, EducationLevel, OfferKind, TargetGroup
from referential.places import communes_named

from .indexing import TRAINING_KIND
from .service import FACET_NAMES, ID_FACETS, SearchFilters, SearchQuery

ALLOWED_KEYS = {
    "kind": {*OfferKind.values, TRAINING_KIND},
    "contract": set(ContractType.values),
    "education_level": set(EducationLevel.values),
    "target_group": set(TargetGroup.values),
}
MAX_VALUES_PER_FACET = 50


def parse_search_params(params: QueryDict) -> tuple[SearchQuery, list[str]]:
    """Return the query that `params` describe and French messages about ignored values."""
    messages: list[str] = []
    filters = SearchFilters()
    ignored = False
    for name in FACET_NAMES:
        values = params.getlist(name)[:MAX_VALUES_PER_FACET]
        kept: list = []
        for value in values:
            if name in ID_FACETS:
                if value.isdigit() and len(value) < 10:
                    kept.append(int(value))
                else:
                    ignored = True
            elif value in ALLOWED_KEYS[name]:
                kept.append(value)
            else:
                ignored = True
        setattr(filters, name, kept)
    if ignored:
        messages.append(_("Certains filtres inconnus ont été ignorés."))

    closing_after = params.get("closing_after", "").strip()
    if closing_after:
        try:
            filters.closing_after = datetime.date.fromisoformat(closing_after)
        except ValueError:
            messages.append(_("Date invalide : utilisez le format AAAA-MM-JJ."))

    commune = params.get("commune", "").strip()
    radius = params.get("radius", "").strip()
    if commune or radius:
        near_commune = _commune_id(commune, messages)
        if near_commune is not None:
            filters.near_commune = near_commune
            try:
                filters.radius_km = float(radius.replace(",", "."))
            except ValueError:
                filters.radius_km = -1.0

    page_text = params.get("page", "1").strip()
    page = int(page_text) if page_text.isdigit() and len(page_text) < 10 else 1
    query = SearchQuery(
        text=params.get("q", ""),
        filters=filters,
        sort=params.get("sort", ""),
        page=page,
    )
    return query, messages


def _commune_id(commune: str, messages: list[str]) -> int | None:
    """Return the id of the commune given by id or by name, -1 if unknown, None if ambiguous.

    Ids keep the links and API calls made before communes could be typed by name. An ambiguous
    name adds a message listing the communes it may mean, and the distance filter is left out.
    """
    if commune.isdigit():
        return int(commune) if len(commune) < 10 else -1
    found = communes_named(commune)
    if len(found) == 1:
        return found[0].pk
    if not found:
        return -1
    messages.append(
        _(
            "Plusieurs communes s’appellent « %(name)s » : écrivez l’une de ces "
            "formes : %(choices)s."
        )
        % {"name": found[0].name, "choices": ", ".join(choice.label for choice in found)}
    )
    return None
