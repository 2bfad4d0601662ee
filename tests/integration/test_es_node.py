"""
Tests of the Elasticsearch node at ELASTICSEARCH_URL through elasticsearch-dsl.

They check what the search features rely on: French analysis (accents, elision, stemming,
synonyms), edge n-gram autocompletion, keyword, date and geo_point fields, a terms
aggregation, a geo-distance filter, highlighting, more_like_this and an atomic alias swap.
Run them against the development node (search/node/es-node) or the official image: both
must pass. Without ELASTICSEARCH_URL they are skipped, except under CI=true, where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from elasticsearch import Elasticsearch
from elasticsearch_dsl import (
    Date,
    Document,
    GeoPoint,
    Index,
    Keyword,
    Search,
    Text,
    analyzer,
    token_filter,
)
from elasticsearch_dsl.query import MoreLikeThis

pytestmark = pytest.mark.elasticsearch

# The French chain that Elasticsearch's documentation gives for rebuilding the `french`
# analyzer, with asciifolding so that a query typed without accents still matches.
french_elision = token_filter(
    "french_elision",
    "elision",
    articles_case=True,
    articles=["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
)
french_stop = token_filter("french_stop", "stop", stopwords="_french_")
french_stemmer = token_filter("french_stemmer", "stemmer", language="light_french")
job_synonyms = token_filter("job_synonyms", "synonym", synonyms=["cuisinier, chef"])
french_text = analyzer(
    "french_text",
    tokenizer="standard",
    filter=[french_elision, "lowercase", "asciifolding", french_stop, job_synonyms, french_stemmer],
)

# Autocompletion: prefixes of each word at index time, whole words at search time.
prefixes = token_filter("prefixes", "edge_ngram", min_gram=2, max_gram=15)
autocomplete = analyzer(
    "autocomplete", tokenizer="standard", filter=["lowercase", "asciifolding", prefixes]
)
autocomplete_search = analyzer(
    "autocomplete_search", tokenizer="standard", filter=["lowercase", "asciifolding"]
)

BAMAKO = {"lat": 12.6392, "lon": -8.0029}
KATI = {"lat": 12.7441, "lon": -8.0726}  # about 14 km from Bamako
SEGOU = {"lat": 13.4317, "lon": -6.2157}  # about 210 km from Bamako


class JobOffer(Document):
    title = Text(
        analyzer=french_text,
        fields={"autocomplete": Text(analyzer=autocomplete, search_analyzer=autocomplete_search)},
    )
    description = Text(analyzer="french")
    contract = Keyword()
    published_at = Date()
    location = GeoPoint()


OFFERS = {
    "web": {
        "title": "Développeur web",
        "description": "Nous recrutons un développeur pour nos applications de suivi des stocks.",
        "contract": "CDI",
        "published_at": "2026-03-02",
        "location": BAMAKO,
    },
    "health": {
        "title": "L'agent de santé communautaire",
        "description": "Agent chargé des visites à domicile et des vaccinations.",
        "contract": "CDD",
        "published_at": "2026-02-14",
        "location": SEGOU,
    },
    "kitchen": {
        "title": "Cuisinier pour la cantine scolaire",
        "description": "Préparer les repas des élèves de l'école primaire.",
        "contract": "CDI",
        "published_at": "2026-01-20",
        "location": KATI,
    },
    "mobile": {
        "title": "Développeuse mobile",
        "description": "Nous recrutons une développeuse pour nos applications mobiles de suivi.",
        "contract": "Stage",
        "published_at": "2026-03-10",
        "location": BAMAKO,
    },
}


@pytest.fixture(scope="module")
def client() -> Iterator[Elasticsearch]:
    url = os.environ.get("ELASTICSEARCH_URL", "").strip()
    if not url:
        message = "ELASTICSEARCH_URL is not set: search/node/es-node start prints a URL to use"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)

    es = Elasticsearch(url, request_timeout=30)
    yield es
    es.close()


@pytest.fixture(scope="module")
def index_prefix(client: Elasticsearch) -> Iterator[str]:
    """Return a prefix unique to this run; every index that starts with it is deleted afterwards."""
    prefix = f"test-es-node-{uuid.uuid4().hex[:8]}"
    yield prefix

    # A node rejects wildcard deletes by default (action.destructive_requires_name), so the
    # indices are listed first, then deleted by name.
    names = list(client.indices.get(index=f"{prefix}*", expand_wildcards="all").keys())
    if names:
        client.indices.delete(index=",".join(names))


def create_offers_index(client: Elasticsearch, name: str, offer_ids: list[str]) -> None:
    """Create index `name` with the mapping of JobOffer and the OFFERS of the given ids."""
    index = Index(name, using=client)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(JobOffer)
    index.create()

    for offer_id in offer_ids:
        JobOffer(meta={"id": offer_id}, **OFFERS[offer_id]).save(using=client, index=name)
    index.refresh()


@pytest.fixture(scope="module")
def offers(client: Elasticsearch, index_prefix: str) -> str:
    """Return the name of an index that contains all OFFERS."""
    name = f"{index_prefix}-offers"
    create_offers_index(client, name, list(OFFERS))
    return name


def matching_ids(search: Search) -> set[str]:
    return {hit.meta.id for hit in search.execute()}


def test_node_identifies_as_elasticsearch_8(client):
    response = client.info()

    assert response["version"]["number"].startswith("8.")
    assert response["tagline"] == "You Know, for Search"
    # elasticsearch-py 8 rejects any server whose responses lack this header.
    assert response.meta.headers["x-elastic-product"] == "Elasticsearch"


def test_query_without_accents_finds_accented_title(client, offers):
    search = JobOffer.search(using=client, index=offers).query("match", title="developpeur")

    # The light French stemmer also brings "développeur" and "développeuse" to one stem.
    assert matching_ids(search) == {"web", "mobile"}


def test_query_finds_word_after_elision(client, offers):
    search = JobOffer.search(using=client, index=offers).query("match", title="agent")

    assert matching_ids(search) == {"health"}


def test_french_chain_tokens(client, offers):
    response = client.indices.analyze(
        index=offers, analyzer="french_text", text="L'Agent de Santé des Développeurs"
    )

    assert [token["token"] for token in response["tokens"]] == ["agent", "sant", "developeu"]


def test_builtin_french_analyzer_stems_plural(client, offers):
    search = JobOffer.search(using=client, index=offers).query("match", description="vaccination")

    assert matching_ids(search) == {"health"}


def test_synonym_finds_other_word(client, offers):
    search = JobOffer.search(using=client, index=offers).query("match", title="chef")

    assert matching_ids(search) == {"kitchen"}


def test_autocomplete_matches_word_prefix(client, offers):
    search = JobOffer.search(using=client, index=offers).query(
        "match", **{"title.autocomplete": {"query": "dév", "operator": "and"}}
    )

    assert matching_ids(search) == {"web", "mobile"}


def test_terms_aggregation_counts_contracts(client, offers):
    search = JobOffer.search(using=client, index=offers).extra(size=0)
    search.aggs.bucket("contracts", "terms", field="contract")

    buckets = search.execute().aggregations.contracts.buckets

    assert {bucket.key: bucket.doc_count for bucket in buckets} == {"CDI": 2, "CDD": 1, "Stage": 1}


def test_date_range_filter(client, offers):
    search = JobOffer.search(using=client, index=offers).filter(
        "range", published_at={"gte": "2026-03-01"}
    )

    assert matching_ids(search) == {"web", "mobile"}


def test_geo_distance_filter_keeps_nearby_offers(client, offers):
    search = JobOffer.search(using=client, index=offers).filter(
        "geo_distance", distance="30km", location=BAMAKO
    )

    assert matching_ids(search) == {"web", "kitchen", "mobile"}


def test_highlight_marks_matched_word(client, offers):
    search = (
        JobOffer.search(using=client, index=offers)
        .query("match", title="agent")
        .highlight("title", pre_tags=["<mark>"], post_tags=["</mark>"])
    )

    hits = search.execute().hits

    assert len(hits) == 1
    # The token keeps the offsets of "L'agent": elision changes the term, not its position.
    assert list(hits[0].meta.highlight.title) == ["<mark>L'agent</mark> de santé communautaire"]


def test_more_like_this_finds_similar_offer(client, offers):
    search = JobOffer.search(using=client, index=offers).query(
        MoreLikeThis(
            like=[{"_index": offers, "_id": "web"}],
            fields=["description"],
            min_term_freq=1,
            min_doc_freq=1,
        )
    )

    assert matching_ids(search) == {"mobile"}


def test_alias_swap_moves_searches_atomically(client, index_prefix):
    alias = f"{index_prefix}-live"
    old = f"{index_prefix}-v1"
    new = f"{index_prefix}-v2"
    create_offers_index(client, old, ["web"])
    create_offers_index(client, new, ["health"])
    client.indices.put_alias(index=old, name=alias)

    client.indices.update_aliases(
        actions=[
            {"remove": {"index": old, "alias": alias}},
            {"add": {"index": new, "alias": alias}},
        ]
    )

    assert list(client.indices.get_alias(name=alias).keys()) == [new]
    assert matching_ids(JobOffer.search(using=client, index=alias)) == {"health"}
