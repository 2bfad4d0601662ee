"""The Elasticsearch index of opportunities: French analysis, facets, geo point, autocomplete.

The analysis uses only the components the local development node provides (search/node): no
`search_as_you_type` field, so autocomplete is an `edge_ngram` subfield. Synonyms apply at
search time, passed inline from synonyms_fr.txt, so the node needs no file of its own.
"""

from __future__ import annotations

from django.conf import settings
from elasticsearch.dsl import (
    Date,
    Document,
    GeoPoint,
    Integer,
    Keyword,
    Text,
    analyzer,
    token_filter,
    tokenizer,
)

from .text import ELISION_ARTICLES, synonym_rules

french_elision = token_filter(
    "french_elision", "elision", articles_case=True, articles=list(ELISION_ARTICLES)
)
french_stop = token_filter("french_stop", "stop", stopwords="_french_")
french_light_stemmer = token_filter("french_light_stemmer", "stemmer", language="light_french")
autocomplete_ngrams = tokenizer(
    "autocomplete_ngrams", "edge_ngram", min_gram=2, max_gram=20, token_chars=["letter", "digit"]
)

french_index = analyzer(
    "french_index",
    tokenizer="standard",
    filter=[french_elision, "lowercase", "asciifolding", french_stop, french_light_stemmer],
)
folded = analyzer(
    "folded", tokenizer="standard", filter=[french_elision, "lowercase", "asciifolding"]
)
autocomplete_index = analyzer(
    "autocomplete_index", tokenizer=autocomplete_ngrams, filter=["lowercase", "asciifolding"]
)
autocomplete_search = analyzer(
    "autocomplete_search", tokenizer="standard", filter=["lowercase", "asciifolding"]
)


def french_search_analyzer():
    """Return the search-time analyzer, with the synonym rules read from synonyms_fr.txt."""
    synonyms = token_filter(
        "job_synonyms", "synonym_graph", synonyms=list(synonym_rules()), lenient=True
    )
    # The stop filter runs after the synonyms: a rule such as « suivi et évaluation » would
    # otherwise reach the graph with a position gap, which synonym_graph rejects.
    return analyzer(
        "french_search",
        tokenizer="standard",
        filter=[
            french_elision,
            "lowercase",
            "asciifolding",
            synonyms,
            french_stop,
            french_light_stemmer,
        ],
    )


def alias_name() -> str:
    """Return the alias that queries and single-document writes use."""
    return f"{settings.SEARCH_INDEX_PREFIX}-opportunities"


def french_text(**kwargs) -> Text:
    return Text(
        analyzer=french_index,
        search_analyzer=french_search_analyzer(),
        fields={"plain": Text(analyzer=folded)},
        **kwargs,
    )


class OpportunityDocument(Document):
    """One live, unexpired offer or training; the id is the Wagtail page id."""

    # The page id again, as a sortable field: Elasticsearch 8 refuses to sort on `_id`.
    page_id = Integer()
    kind = Keyword()
    title = french_text()
    description = french_text()
    keywords = french_text()
    organisation_name = french_text()
    autocomplete = Text(analyzer=autocomplete_index, search_analyzer=autocomplete_search)
    url = Keyword(index=False)
    summary = Text(index=False)
    place = Keyword(index=False)
    organisation = Keyword()
    region = Keyword()
    cercle = Keyword()
    sector = Keyword()
    contract = Keyword()
    education_level = Keyword()
    target_groups = Keyword(multi=True)
    location = GeoPoint()
    published_at = Date()
    closing_date = Date()
    updated_at = Date()

    class Index:
        # The concrete name is set per build; see search.indexing.create_index.
        name = "jobcluster-opportunities"
        settings = {"number_of_shards": 1, "number_of_replicas": 0}
