"""The database search backend: folded, stemmed terms in SearchEntry, on SQLite and PostgreSQL.

Each query term must appear as a word of `search_text` (a phrase for multi-word synonyms);
ranking counts title matches, then recency. The radius filter uses a bounding box in SQL and
the haversine distance in Python.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter
from functools import reduce
from operator import or_

from django.core.cache import cache
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils.html import escape

from . import text as text_module
from .models import SearchEntry
from .service import (
    AUTOCOMPLETE_SIZE,
    PAGE_SIZE,
    SIMILAR_SIZE,
    SORT_CLOSING,
    SORT_NEWEST,
    Hit,
    PreparedQuery,
    SearchResult,
    build_facets,
    haversine_km,
)

VOCABULARY_CACHE_SECONDS = 300
KM_PER_DEGREE_LATITUDE = 111.0

# Column of SearchEntry behind each facet name.
FACET_COLUMNS = {
    "kind": "kind",
    "region": "region_id",
    "cercle": "cercle_id",
    "sector": "sector_id",
    "contract": "contract",
    "education_level": "education_level",
    "organisation": "organisation_id",
}


def _phrase_q(column: str, phrase: tuple[str, ...]) -> Q:
    # The stored text has a space on each side of every term, so " term " matches whole words
    # only and a phrase matches consecutive terms.
    return Q(**{f"{column}__contains": " {} ".format(" ".join(phrase))})


def _text_q(clauses: list[list[tuple[str, ...]]], column: str = "search_text") -> Q:
    return reduce(
        lambda a, b: a & b, (reduce(or_, (_phrase_q(column, p) for p in c)) for c in clauses), Q()
    )


class DatabaseBackend:
    name = "database"

    def _filtered(self, query: PreparedQuery) -> QuerySet[SearchEntry]:
        filters = query.filters
        entries = SearchEntry.objects.filter(closing_date__gte=query.today)
        for name, column in FACET_COLUMNS.items():
            values = getattr(filters, name)
            if values:
                entries = entries.filter(**{f"{column}__in": values})
        if filters.closing_after:
            entries = entries.filter(closing_date__gte=filters.closing_after)
        if query.geo is not None:
            entries = self._within_radius(entries, query)
        if filters.target_group:
            # JSON containment is not portable to SQLite, so the list is checked in Python.
            wanted = set(filters.target_group)
            ids = [
                pk
                for pk, groups in entries.values_list("pk", "target_groups")
                if wanted & set(groups or [])
            ]
            entries = entries.filter(pk__in=ids)
        return entries

    def _within_radius(
        self, entries: QuerySet[SearchEntry], query: PreparedQuery
    ) -> QuerySet[SearchEntry]:
        geo = query.geo
        delta_lat = geo.radius_km / KM_PER_DEGREE_LATITUDE
        cos_lat = max(math.cos(math.radians(geo.latitude)), 0.01)
        delta_lon = geo.radius_km / (KM_PER_DEGREE_LATITUDE * cos_lat)
        box = entries.filter(
            latitude__range=(geo.latitude - delta_lat, geo.latitude + delta_lat),
            longitude__range=(geo.longitude - delta_lon, geo.longitude + delta_lon),
        )
        ids = [
            pk
            for pk, lat, lon in box.values_list("pk", "latitude", "longitude")
            if haversine_km(geo.latitude, geo.longitude, lat, lon) <= geo.radius_km
        ]
        return entries.filter(pk__in=ids)

    def search(self, query: PreparedQuery) -> SearchResult:
        entries = self._filtered(query)
        clauses = text_module.query_clauses(query.text)
        if clauses:
            entries = entries.filter(_text_q(clauses))

        total = entries.count()
        facets = build_facets(self._facet_counts(entries))
        ordered = self._ordered(entries, query, clauses)
        start = (query.page - 1) * PAGE_SIZE
        page_entries = list(ordered[start : start + PAGE_SIZE])
        hits = [self._hit(entry, clauses) for entry in page_entries]

        suggestion = ""
        if query.text and total == 0:
            suggestion = self._suggest(query.text)
        return SearchResult(hits, facets, total, query.page, suggestion, backend=self.name)

    def _ordered(self, entries, query: PreparedQuery, clauses) -> QuerySet[SearchEntry]:
        if query.sort == SORT_NEWEST:
            return entries.order_by("-published_at", "pk")
        if query.sort == SORT_CLOSING:
            return entries.order_by("closing_date", "pk")
        if not clauses:
            return entries.order_by("-published_at", "pk")
        title_matches = [
            Case(
                When(_text_q([clause], "title_text"), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for clause in clauses
        ]
        score = reduce(lambda a, b: a + b, title_matches)
        return entries.annotate(score=score).order_by("-score", "-published_at", "pk")

    def _facet_counts(self, entries: QuerySet[SearchEntry]) -> dict[str, dict[str, int]]:
        counts: dict[str, Counter] = {name: Counter() for name in [*FACET_COLUMNS, "target_group"]}
        columns = list(FACET_COLUMNS.values())
        for row in entries.values_list(*columns, "target_groups"):
            for name, value in zip(FACET_COLUMNS, row[:-1], strict=True):
                if value not in (None, ""):
                    counts[name][str(value)] += 1
            for group in row[-1] or []:
                counts["target_group"][group] += 1
        return {name: dict(counter) for name, counter in counts.items()}

    def _hit(self, entry: SearchEntry, clauses) -> Hit:
        return Hit(
            id=entry.page_id,
            kind=entry.kind,
            title=entry.title,
            url=entry.url,
            organisation_name=entry.organisation_name,
            place=entry.place,
            closing_date=entry.closing_date,
            published_at=entry.published_at,
            highlight=highlight(entry.summary, clauses),
        )

    def _vocabulary(self) -> list[str]:
        stamp = (
            SearchEntry.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
        )
        key = f"search:vocabulary:{SearchEntry.objects.count()}:{stamp.timestamp() if stamp else 0}"
        vocabulary = cache.get(key)
        if vocabulary is None:
            words: set[str] = set()
            for search_text in SearchEntry.objects.values_list("search_text", flat=True).iterator():
                words.update(search_text.split())
            vocabulary = sorted(words)
            cache.set(key, vocabulary, VOCABULARY_CACHE_SECONDS)
        return vocabulary

    def _suggest(self, query_text: str) -> str:
        vocabulary = self._vocabulary()
        known = set(vocabulary)
        changed = False
        suggested = []
        for term in text_module.terms(query_text):
            if term in known or len(term) < 3:
                suggested.append(term)
                continue
            matches = difflib.get_close_matches(term, vocabulary, n=1, cutoff=0.8)
            suggested.append(matches[0] if matches else term)
            changed = changed or bool(matches)
        return " ".join(suggested) if changed else ""

    def autocomplete(self, prefix: str) -> list[str]:
        terms = text_module.words(prefix)
        if not terms:
            return []
        entries = SearchEntry.objects.all()
        suggestions: list[str] = []
        for entry in (
            entries.order_by("-published_at").values("title", "organisation_name").iterator()
        ):
            for label in (entry["title"], entry["organisation_name"]):
                label_words = text_module.words(label)
                if all(any(word.startswith(term) for word in label_words) for term in terms):
                    if label not in suggestions:
                        suggestions.append(label)
            if len(suggestions) >= AUTOCOMPLETE_SIZE:
                break
        return suggestions[:AUTOCOMPLETE_SIZE]

    def similar(self, page_id: int) -> list[Hit]:
        from cms.time import bamako_today

        entry = SearchEntry.objects.filter(page_id=page_id).first()
        if entry is None:
            return []
        counts = Counter(entry.search_text.split())
        common = {term for term, _count in counts.most_common(12) if len(term) > 3}
        candidates = SearchEntry.objects.filter(closing_date__gte=bamako_today()).exclude(
            page_id=page_id
        )
        if common:
            candidates = candidates.filter(
                reduce(or_, (_phrase_q("search_text", (t,)) for t in common))
            )
        scored = []
        for candidate in candidates[:500]:
            overlap = len(common & set(candidate.search_text.split()))
            scored.append((-overlap, candidate.closing_date, candidate.page_id, candidate))
        scored.sort(key=lambda item: item[:3])
        return [self._hit(item[3], []) for item in scored[:SIMILAR_SIZE]]


def highlight(summary: str, clauses: list[list[tuple[str, ...]]]) -> str:
    """Return `summary` escaped, with <mark> around the words whose terms the query contains."""
    wanted = {term for clause in clauses for phrase in clause for term in phrase}
    if not wanted:
        return escape(summary)
    parts = []
    for token in text_module.re.split(r"(\W+)", summary):
        if token and text_module.terms(token) and text_module.terms(token)[0] in wanted:
            parts.append(f"<mark>{escape(token)}</mark>")
        else:
            parts.append(escape(token))
    return "".join(parts)
