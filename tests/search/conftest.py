"""A search backend fixture that runs each behavioural test on the database and on Elasticsearch."""

from __future__ import annotations

import itertools
import os
import uuid

import pytest

SESSION_PREFIX = f"test-search-{uuid.uuid4().hex[:8]}"
_counter = itertools.count()


def _delete_indices(prefix: str) -> None:
    from elasticsearch import Elasticsearch

    es = Elasticsearch(os.environ["ELASTICSEARCH_URL"])
    try:
        for name in es.indices.get(index=f"{prefix}-*", expand_wildcards="all"):
            es.indices.delete(index=name)
    finally:
        es.close()


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def backend(request, settings):
    """Configure the search backend named by the parameter, with a fresh index for the test."""
    settings.SEARCH_BACKEND = request.param
    if request.param == "database":
        settings.ELASTICSEARCH_URL = None
        yield request.param
        return

    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    prefix = f"{SESSION_PREFIX}-{next(_counter)}"
    settings.SEARCH_INDEX_PREFIX = prefix
    yield request.param
    _delete_indices(prefix)


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Run the on_commit callbacks, the indexing tasks among them, registered in the block."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
