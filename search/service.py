"""The one search service: a query in, hits with highlights, facets, total and suggestion out.

`search`, `autocomplete` and `similar` pick the backend from settings.SEARCH_BACKEND and fall
back on the database when Elasticsearch does not respond. The query text only ever reaches
Elasticsearch inside `match` queries, never as query syntax.
"""

from __future__ import annotations

import datetime
import logging
import math
from dataclasses import dataclass, field
from typing import Protocol

from django.utils.translation import gettext as _
from elasticsearch import ApiError, TransportError

from cms.choices import ContractType, EducationLevel, OfferKind, TargetGroup
from referential.ordering import folded_name

from .indexing import TRAINING_KIND, elasticsearch_enabled

logger = logging.getLogger(__name__)

PAGE_SIZE = 20
# Elasticsearch refuses to page beyond 10,000 hits (index.max_result_window).
MAX_PAGE = 10_000 // PAGE_SIZE
MAX_QUERY_CHARACTERS = 200
MAX_RADIUS_KM = 500
AUTOCOMPLETE_SIZE = 8
SIMILAR_SIZE = 4

FACET_NAMES = (
    "kind",
    "region",
    "cercle",
    "sector",
    "contract",
    "education_level",
    "organisation",
    "target_group",
)
# Facets whose values are ids of reference rows; the others are choice keys.
ID_FACETS = ("region", "cercle", "sector", "organisation")

SORT_RELEVANCE = "relevance"
SORT_NEWEST = "newest"
SORT_CLOSING = "closing"
SORTS = (SORT_RELEVANCE, SORT_NEWEST, SORT_CLOSING)


@dataclass
class SearchFilters:
    """Selected facet values (empty means any), a closing date and a radius around a commune."""

    kind: list[str] = field(default_factory=list)
    region: list[int] = field(default_factory=list)
    cercle: list[int] = field(default_factory=list)
    sector: list[int] = field(default_factory=list)
    contract: list[str] = field(default_factory=list)
    education_level: list[str] = field(default_factory=list)
    organisation: list[int] = field(default_factory=list)
    target_group: list[str] = field(default_factory=list)
    closing_after: datetime.date | None = None
    near_commune: int | None = None
    radius_km: float | None = None


@dataclass
class SearchQuery:
    text: str = ""
    filters: SearchFilters = field(default_factory=SearchFilters)
    sort: str = SORT_RELEVANCE
    page: int = 1


@dataclass
class Hit:
    id: int
    kind: str
    title: str
    url: str
    organisation_name: str
    place: str
    closing_date: datetime.date
    published_at: datetime.datetime
    highlight: str = ""  # HTML: escaped text with <mark> around matched words


@dataclass
class Facet:
    value: str
    label: str
    count: int

    def __iter__(self):
        return iter((self.value, self.label, self.count))


@dataclass
class SearchResult:
    hits: list[Hit]
    facets: dict[str, list[Facet]]
    total: int
    page: int
    suggestion: str = ""
    messages: list[str] = field(default_factory=list)
    backend: str = "database"

    @property
    def num_pages(self) -> int:
        return min(MAX_PAGE, max(1, math.ceil(self.total / PAGE_SIZE)))


@dataclass
class Geo:
    """A resolved radius filter: the commune's centroid and a distance in kilometres."""

    latitude: float
    longitude: float
    radius_km: float


@dataclass
class PreparedQuery:
    """A query after validation: the text trimmed, the page clamped, the geo filter resolved."""

    text: str
    filters: SearchFilters
    sort: str
    page: int
    geo: Geo | None
    today: datetime.date
    messages: list[str]


class Backend(Protocol):
    name: str

    def search(self, query: PreparedQuery) -> SearchResult: ...

    def autocomplete(self, prefix: str) -> list[str]: ...

    def similar(self, page_id: int) -> list[Hit]: ...


class SearchUnavailable(Exception):
    """Elasticsearch did not respond or failed, so the caller falls back on the database."""


def get_backend(name: str | None = None) -> Backend:
    from .db_backend import DatabaseBackend
    from .es_backend import ElasticsearchBackend

    if name is None:
        name = "elasticsearch" if elasticsearch_enabled() else "database"
    if name == "elasticsearch":
        return ElasticsearchBackend()
    return DatabaseBackend()


def _with_fallback(method: str, *args, backend: Backend | None = None):
    backend = backend or get_backend()
    try:
        return getattr(backend, method)(*args)
    except (SearchUnavailable, ApiError, TransportError) as error:
        if backend.name == "database":
            raise
        logger.warning(
            "Search fell back on the database: operation=%s error=%s", method, type(error).__name__
        )
        return getattr(get_backend("database"), method)(*args)


def search(query: SearchQuery, backend: Backend | None = None) -> SearchResult:
    """Run `query`; bad input gives results and French messages, never an exception."""
    prepared = prepare(query)
    result = _with_fallback("search", prepared, backend=backend)
    if prepared.page > 1 and not result.hits and result.total:
        prepared.page = result.num_pages
        prepared.messages.append(_("Cette page n’existe pas : voici la dernière page."))
        result = _with_fallback("search", prepared, backend=backend)
    result.messages = prepared.messages + result.messages
    return result


def autocomplete(prefix: str, backend: Backend | None = None) -> list[str]:
    """Return titles and organisation names that start with the words of `prefix`."""
    prefix = prefix.strip()[:MAX_QUERY_CHARACTERS]
    if len(prefix) < 2:
        return []
    return _with_fallback("autocomplete", prefix, backend=backend)


def similar(page_id: int, backend: Backend | None = None) -> list[Hit]:
    """Return a few live opportunities whose text resembles page `page_id`."""
    return _with_fallback("similar", page_id, backend=backend)


def prepare(query: SearchQuery) -> PreparedQuery:
    from cms.time import bamako_today
    from referential.models import Commune

    messages: list[str] = []
    text = " ".join((query.text or "").split())
    if len(text) > MAX_QUERY_CHARACTERS:
        text = text[:MAX_QUERY_CHARACTERS]
        messages.append(
            _("La recherche est trop longue : seuls les %(count)s premiers caractères comptent.")
            % {"count": MAX_QUERY_CHARACTERS}
        )
    # Punctuation alone (`"`, `*`, `\`) carries no word, so it searches like an empty query.
    if not any(character.isalnum() for character in text):
        text = ""
    sort = query.sort if query.sort in SORTS else SORT_RELEVANCE
    page = min(max(1, query.page), MAX_PAGE)
    if query.page > MAX_PAGE:
        messages.append(
            _("Seules les %(count)s premières pages sont consultables.") % {"count": MAX_PAGE}
        )

    geo = None
    filters = query.filters
    if filters.near_commune is not None or filters.radius_km is not None:
        commune = None
        if filters.near_commune is not None:
            commune = Commune.objects.filter(pk=filters.near_commune).first()
        radius = filters.radius_km
        if commune is None:
            messages.append(_("Commune inconnue : le filtre de distance est ignoré."))
        elif radius is None or not (0 < radius <= MAX_RADIUS_KM) or math.isnan(radius):
            messages.append(
                _("Le rayon doit être compris entre 1 et %(max)s km : le filtre est ignoré.")
                % {"max": MAX_RADIUS_KM}
            )
        else:
            geo = Geo(float(commune.latitude), float(commune.longitude), radius)
    return PreparedQuery(text, filters, sort, page, geo, bamako_today(), messages)


# Facet labels


def facet_label_maps(values: dict[str, set[str]]) -> dict[str, dict[str, str]]:
    """Return the French label of each facet value in `values`, by facet name."""
    from organisations.models import Organisation
    from referential.models import Cercle, Region, Sector

    kinds = {key: str(label) for key, label in OfferKind.choices}
    kinds[TRAINING_KIND] = _("Formation")
    labels: dict[str, dict[str, str]] = {
        "kind": kinds,
        "contract": {key: str(label) for key, label in ContractType.choices},
        "education_level": {key: str(label) for key, label in EducationLevel.choices},
        "target_group": {key: str(label) for key, label in TargetGroup.choices},
    }
    models = {"region": Region, "cercle": Cercle, "sector": Sector, "organisation": Organisation}
    for name, model in models.items():
        ids = [int(value) for value in values.get(name, ()) if value.isdigit()]
        labels[name] = {
            str(pk): label
            for pk, label in model.objects.filter(pk__in=ids).values_list("pk", "name")
        }
    return labels


def build_facets(counts: dict[str, dict[str, int]]) -> dict[str, list[Facet]]:
    """Turn raw counts by facet and value into labelled facets, largest count first.

    Equal counts are in alphabetical order of their labels, accents and case ignored.
    """
    labels = facet_label_maps({name: set(values) for name, values in counts.items()})
    facets = {}
    for name in FACET_NAMES:
        entries = [
            Facet(value, labels.get(name, {}).get(value, value), count)
            for value, count in counts.get(name, {}).items()
            if count
        ]
        entries.sort(key=lambda facet: (-facet.count, folded_name(facet.label), facet.label))
        facets[name] = entries
    return facets


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points, in kilometres."""
    radius = 6371.0088
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))
