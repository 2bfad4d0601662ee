"""PostgreSQL full-text search behind the database backend: the trigger, the index, the plan."""

from __future__ import annotations

import re

import pytest
from django.db import connection

from search import db_backend, service, text
from search.models import SearchEntry
from search.service import SearchFilters, SearchQuery
from tests.cms.factories import make_offer, organisation_page

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def offers(settings, committing):
    settings.SEARCH_BACKEND = "database"
    settings.ELASTICSEARCH_URL = None
    organisation = organisation_page(name="Routes du Sahel")
    with committing():
        developer = make_offer(
            organisation,
            title="Développeur web",
            description="Agent de santé communautaire, suivi des développeurs.",
            slug="developpeur",
        )
        driver = make_offer(organisation, title="Chauffeur", slug="chauffeur")
    return developer, driver


def test_trigger_fills_weighted_vector(offers):
    developer, _driver = offers

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text FROM search_searchentry WHERE page_id = %s",
            [developer.pk],
        )
        (vector,) = cursor.fetchone()

    assert db_backend.uses_postgres()
    # Title terms weigh A, the others B; `developeu` is both in the title and the description.
    assert "'developeu':1A" in vector
    assert "'web':2A" in vector
    assert re.search(r"'comunautair':\d+B", vector)


def test_trigger_follows_updates(offers):
    developer, _driver = offers

    SearchEntry.objects.filter(page_id=developer.pk).update(search_text=" logisticien ")

    entry = SearchEntry.objects.filter(search_vector=db_backend.ts_query([[("logisticien",)]]))
    assert list(entry.values_list("page_id", flat=True)) == [developer.pk]


def test_gin_index_exists(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'search_searchentry' "
            "AND indexname = 'search_searchentry_vector_gin'"
        )
        (definition,) = cursor.fetchone()

    assert "USING gin (search_vector)" in definition


def test_text_query_uses_tsquery(offers):
    recorder = _Recorder()
    with connection.execute_wrapper(recorder):
        result = service.search(SearchQuery("agent de sante communautaire"))

    assert {hit.title for hit in result.hits} == {"Développeur web"}
    assert any("@@" in sql and "to_tsquery" in sql for sql in recorder.statements)
    assert not any("LIKE" in sql for sql in recorder.statements)


def test_synonym_phrase_as_tsquery():
    clauses = text.query_clauses("asc chauffeur")

    assert db_backend.ts_query_text(clauses) == (
        "('asc' | 'agent' <-> 'sant' <-> 'comunautair') & ('chaufeu' | 'conduct')"
    )


def test_target_group_facet_and_filter(offers):
    developer, driver = offers
    SearchEntry.objects.filter(page_id=developer.pk).update(target_groups=["youth", "women"])
    SearchEntry.objects.filter(page_id=driver.pk).update(target_groups=["youth"])

    everything = service.search(SearchQuery(""))
    women = service.search(SearchQuery("", SearchFilters(target_group=["women"])))

    counts = {facet.value: facet.count for facet in everything.facets["target_group"]}
    assert counts == {"youth": 2, "women": 1}
    assert {hit.id for hit in women.hits} == {developer.pk}


class _Recorder:
    def __init__(self):
        self.statements: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append(sql)
        return execute(sql, params, many, context)
