"""The database search backend: folded, stemmed terms in SearchEntry, on SQLite and PostgreSQL.

Both databases match the same terms, written by search.text, so they return the same hits:
each query clause must match, and a multi-word synonym matches as a phrase. On PostgreSQL the
terms are a tsvector with a GIN index (migration 0004), matched with a tsquery and ranked with
ts_rank, title terms weighing most. On SQLite each term must appear as a word of `search_text`
and ranking counts title matches. Both then sort by recency. The radius filter uses a bounding
box in SQL and the haversine distance in Python.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter
from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
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


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def ts_query_text(clauses: list[list[tuple[str, ...]]]) -> str:
    """Return `clauses` in tsquery syntax: every clause must match, a phrase as adjacent lexemes.

    The terms come from search.text, so they hold only letters and digits and cannot carry
    tsquery syntax; each is quoted all the same.
    """
    alternatives = (
        " | ".join(" <-> ".join(f"'{term}'" for term in phrase) for phrase in clause)
        for clause in clauses
    )
    return " & ".join(f"({alternative})" for alternative in alternatives)


def ts_query(clauses: list[list[tuple[str, ...]]]) -> SearchQuery:
    return SearchQuery(ts_query_text(clauses), search_type="raw", config="simple")


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
        if filters.target_group and uses_postgres():
            entries = entries.filter(
                reduce(or_, (Q(target_groups__contains=[group]) for group in filters.target_group))
            )
        elif filters.target_group:
            # SQLite has no JSON containment lookup, so the list is checked in Python.
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
        if clauses and uses_postgres():
            entries = entries.filter(search_vector=ts_query(clauses))
        elif clauses:
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
        if uses_postgres():
            rank = SearchRank(F("search_vector"), ts_query(clauses))
            return entries.annotate(score=rank).order_by("-score", "-published_at", "pk")
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
        counts: dict[str, dict[str, int]] = {}
        for name, column in FACET_COLUMNS.items():
            rows = entries.order_by().values_list(column).annotate(count=Count("pk"))
            counts[name] = {str(value): count for value, count in rows if value not in (None, "")}
        counts["target_group"] = self._target_group_counts(entries)
        return counts

    def _target_group_counts(self, entries: QuerySet[SearchEntry]) -> dict[str, int]:
        if not uses_postgres():
            counter: Counter[str] = Counter()
            for groups in entries.values_list("target_groups", flat=True):
                counter.update(groups or [])
            return dict(counter)

        try:
            sql, params = entries.order_by().values("target_groups").query.sql_with_params()
        except EmptyResultSet:
            # Django does not compile a filter that can match nothing, such as an empty id list.
            return {}
        with connection.cursor() as cursor:
            # `sql` is Django's compiled query, with the values in `params`.
            cursor.execute(
                f"SELECT target_group, COUNT(*) FROM ({sql}) AS filtered "  # noqa: S608
                "CROSS JOIN LATERAL jsonb_array_elements_text(filtered.target_groups) "
                "AS target_group GROUP BY target_group",
                params,
            )
            return dict(cursor.fetchall())

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

    def _vocabulary(self) -> tuple[list[str], frozenset[str]]:
        """Return the folded words of titles, organisations and summaries, and all stored terms.

        Suggestions are words, not stems, like the Elasticsearch term suggester on the
        unstemmed `plain` subfields.
        """
        stamp = (
            SearchEntry.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
        )
        key = f"search:vocabulary:{SearchEntry.objects.count()}:{stamp.timestamp() if stamp else 0}"
        cached = cache.get(key)
        if cached is None:
            words: set[str] = set()
            stems: set[str] = set()
            rows = SearchEntry.objects.values_list(
                "title", "organisation_name", "summary", "search_text"
            )
            for title, organisation_name, summary, search_text in rows.iterator():
                for part in (title, organisation_name, summary):
                    words.update(text_module.words(part))
                stems.update(search_text.split())
            words -= text_module.STOP_WORDS
            cached = (sorted(words), frozenset(stems))
            cache.set(key, cached, VOCABULARY_CACHE_SECONDS)
        return cached

    def _suggest(self, query_text: str) -> str:
        vocabulary, known_stems = self._vocabulary()
        changed = False
        suggested = []
        for word in text_module.words(query_text):
            if word in text_module.STOP_WORDS:
                continue
            if text_module.stem(word) in known_stems or len(word) < 3:
                suggested.append(word)
                continue
            matches = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.8)
            suggested.append(matches[0] if matches else word)
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
