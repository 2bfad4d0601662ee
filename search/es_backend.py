"""The Elasticsearch search backend, on the alias that search.indexing maintains."""

from __future__ import annotations

import datetime

from django.utils.html import escape
from elasticsearch import NotFoundError

from .documents import alias_name
from .indexing import client
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
)

TEXT_FIELDS = ["title^3", "organisation_name^2", "keywords^2", "description"]
FACET_FIELDS = {
    "kind": "kind",
    "region": "region",
    "cercle": "cercle",
    "sector": "sector",
    "contract": "contract",
    "education_level": "education_level",
    "organisation": "organisation",
    "target_group": "target_groups",
}
FACET_SIZE = 100


class ElasticsearchBackend:
    name = "elasticsearch"

    def _filters(self, query: PreparedQuery) -> list[dict]:
        filters = query.filters
        closing_from = max(query.today, filters.closing_after or query.today)
        clauses: list[dict] = [{"range": {"closing_date": {"gte": closing_from.isoformat()}}}]
        for name, field in FACET_FIELDS.items():
            values = getattr(filters, name)
            if values:
                clauses.append({"terms": {field: [str(value) for value in values]}})
        if query.geo is not None:
            clauses.append(
                {
                    "geo_distance": {
                        "distance": f"{query.geo.radius_km}km",
                        "location": {"lat": query.geo.latitude, "lon": query.geo.longitude},
                    }
                }
            )
        return clauses

    def _body(self, query: PreparedQuery) -> dict:
        must: list[dict] = []
        if query.text:
            must.append(
                {
                    "multi_match": {
                        "query": query.text,
                        "fields": TEXT_FIELDS,
                        "type": "cross_fields",
                        "operator": "and",
                    }
                }
            )
        body: dict = {
            "query": {
                "bool": {"must": must or [{"match_all": {}}], "filter": self._filters(query)}
            },
            "from": (query.page - 1) * PAGE_SIZE,
            "size": PAGE_SIZE,
            "track_total_hits": True,
            "aggs": {
                name: {"terms": {"field": field, "size": FACET_SIZE}}
                for name, field in FACET_FIELDS.items()
            },
            "highlight": {
                "encoder": "html",
                "pre_tags": ["<mark>"],
                "post_tags": ["</mark>"],
                "fields": {
                    "description": {"fragment_size": 200, "number_of_fragments": 1},
                    "title": {"number_of_fragments": 0},
                },
            },
        }
        if query.sort == SORT_NEWEST:
            body["sort"] = [{"published_at": "desc"}, {"page_id": "asc"}]
        elif query.sort == SORT_CLOSING:
            body["sort"] = [{"closing_date": "asc"}, {"page_id": "asc"}]
        else:
            body["sort"] = ["_score", {"published_at": "desc"}]
        if query.text:
            body["suggest"] = {
                "text": query.text,
                "title": {"term": {"field": "title.plain", "suggest_mode": "missing"}},
                "description": {"term": {"field": "description.plain", "suggest_mode": "missing"}},
            }
        return body

    def search(self, query: PreparedQuery) -> SearchResult:
        es = client()
        try:
            response = es.search(index=alias_name(), body=self._body(query))
        except NotFoundError:
            # No index yet: nothing was ever published.
            return SearchResult([], build_facets({}), 0, query.page, backend=self.name)
        finally:
            es.close()

        hits = [self._hit(hit) for hit in response["hits"]["hits"]]
        counts = {
            name: {bucket["key"]: bucket["doc_count"] for bucket in aggregation["buckets"]}
            for name, aggregation in response.get("aggregations", {}).items()
        }
        total = response["hits"]["total"]["value"]
        suggestion = ""
        if query.text and total == 0:
            suggestion = self._suggestion(response.get("suggest", {}))
        return SearchResult(
            hits, build_facets(counts), total, query.page, suggestion, backend=self.name
        )

    def _suggestion(self, suggest: dict) -> str:
        """Return the query with each unknown word replaced by its best-scored correction."""
        corrections: dict[int, tuple[float, str, str]] = {}
        for entries in suggest.values():
            for position, entry in enumerate(entries):
                for option in entry["options"][:1]:
                    best = corrections.get(position)
                    if best is None or option["score"] > best[0]:
                        corrections[position] = (option["score"], entry["text"], option["text"])
        if not corrections:
            return ""
        words = []
        for position, entry in enumerate(next(iter(suggest.values()))):
            words.append(corrections[position][2] if position in corrections else entry["text"])
        return " ".join(words)

    def _hit(self, hit: dict) -> Hit:
        source = hit["_source"]
        highlights = hit.get("highlight", {})
        fragment = highlights.get("description", [None])[0]
        return Hit(
            id=int(hit["_id"]),
            kind=source["kind"],
            title=source["title"],
            url=source.get("url", ""),
            organisation_name=source["organisation_name"],
            place=source.get("place", ""),
            closing_date=datetime.date.fromisoformat(source["closing_date"][:10]),
            published_at=datetime.datetime.fromisoformat(source["published_at"]),
            highlight=fragment if fragment is not None else escape(source.get("summary", "")),
        )

    def autocomplete(self, prefix: str) -> list[str]:
        es = client()
        try:
            response = es.search(
                index=alias_name(),
                query={
                    "bool": {
                        "must": [{"match": {"autocomplete": {"query": prefix, "operator": "and"}}}],
                        "filter": [{"range": {"closing_date": {"gte": "now/d"}}}],
                    }
                },
                highlight={
                    "fields": {"autocomplete": {"number_of_fragments": 0}},
                    "pre_tags": [""],
                    "post_tags": [""],
                },
                size=AUTOCOMPLETE_SIZE * 2,
                source=["title", "organisation_name"],
            )
        except NotFoundError:
            return []
        finally:
            es.close()
        suggestions: list[str] = []
        for hit in response["hits"]["hits"]:
            for label in hit.get("highlight", {}).get("autocomplete", []):
                if label not in suggestions:
                    suggestions.append(label)
        return suggestions[:AUTOCOMPLETE_SIZE]

    def similar(self, page_id: int) -> list[Hit]:
        es = client()
        try:
            response = es.search(
                index=alias_name(),
                query={
                    "bool": {
                        "must": [
                            {
                                "more_like_this": {
                                    "fields": ["title", "description", "keywords"],
                                    "like": [{"_index": alias_name(), "_id": str(page_id)}],
                                    "min_term_freq": 1,
                                    "min_doc_freq": 1,
                                }
                            }
                        ],
                        "filter": [{"range": {"closing_date": {"gte": "now/d"}}}],
                    }
                },
                size=SIMILAR_SIZE,
            )
        except NotFoundError:
            return []
        finally:
            es.close()
        return [self._hit(hit) for hit in response["hits"]["hits"]]
