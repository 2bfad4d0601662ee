"""The autocomplete endpoint, its rate limit, and the search page's progressive script."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache

from search import views
from tests.cms.factories import make_offer, organisation_page

pytestmark = pytest.mark.django_db

URL = "/recherche/suggestions"
SCRIPTS = ("jobcluster/combobox.js", "search/autocomplete.js")


@pytest.fixture(autouse=True)
def _database_backend(settings):
    settings.SEARCH_BACKEND = "database"
    settings.ELASTICSEARCH_URL = None
    cache.clear()


@pytest.fixture
def offer(committing):
    with committing():
        return make_offer(
            organisation_page(name="Routes du Sahel"), title="Développeur web", slug="dev"
        )


def test_suggestions_json(client, offer):
    response = client.get(URL, {"q": "dév"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"suggestions": ["Développeur web"]}


@pytest.mark.parametrize("text", ["", "d", "   ", "title:(a OR", "x" * 10_000])
def test_suggestions_odd_input(client, offer, text):
    response = client.get(URL, {"q": text})

    assert response.status_code == 200
    assert response.json() == {"suggestions": []}


def test_suggestions_reject_post(client):
    assert client.post(URL, {"q": "dev"}).status_code == 405


def test_suggestions_rate_limited(client, offer, monkeypatch, caplog):
    monkeypatch.setattr(views, "AUTOCOMPLETE_RATE", 3)

    with caplog.at_level(logging.WARNING, logger="search.views"):
        statuses = [client.get(URL, {"q": "dev"}).status_code for _ in range(5)]
    refused = client.get(URL, {"q": "dev"})
    other_client = client.get(URL, {"q": "dev"}, REMOTE_ADDR="10.0.0.2")

    assert statuses == [200, 200, 200, 429, 429]
    assert refused.json() == {
        "suggestions": [],
        "detail": "Trop de requêtes : réessayez dans une minute.",
    }
    assert other_client.status_code == 200
    assert caplog.messages == ["Search autocomplete rate limited: limit=3 window_seconds=60"]


def test_search_page_loads_script_deferred(client, offer):
    body = client.get("/recherche/", {"q": "developpeur"}).content.decode()

    # The shared combobox comes first: deferred scripts run in document order.
    assert (
        '<script src="/static/jobcluster/combobox.js" defer></script>'
        '<script src="/static/search/autocomplete.js" defer></script>'
    ) in body
    assert 'data-autocomplete-url="/recherche/suggestions"' in body
    # Without the script the page is a plain GET form with its results.
    assert '<form method="get" action="/recherche/" role="search"' in body
    assert "Développeur web" in body


def test_scripts_are_small_and_standalone():
    source = "".join(Path(finders.find(path)).read_text(encoding="utf-8") for path in SCRIPTS)

    assert len(source.encode()) < 8_000
    assert "import " not in source
    assert 'setAttribute("role", "combobox")' in source
    assert "aria-activedescendant" in source
