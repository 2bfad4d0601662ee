"""The search page's wording in French and English, and its distance filter by commune name."""

from decimal import Decimal

import pytest
from django.http import QueryDict

from search import service, views
from search.params import parse_search_params
from search.service import Facet, SearchResult
from tests.cms.factories import CercleFactory, CommuneFactory, RegionFactory

pytestmark = pytest.mark.django_db

SEARCH_URL = "/recherche/"


@pytest.fixture
def database_backend(settings):
    settings.SEARCH_BACKEND = "database"
    settings.ELASTICSEARCH_URL = None


@pytest.fixture
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_zero_results_singular_in_french(client, database_backend):
    body = client.get(SEARCH_URL, {"q": "introuvable"}).content.decode()

    assert "0 résultat\n" in body
    assert "0 résultats" not in body


def test_zero_results_plural_in_english(english, database_backend):
    body = english.get(SEARCH_URL, {"q": "introuvable"}).content.decode()

    assert "0 results" in body


def suggesting(suggestion: str):
    def search(query):
        return SearchResult(hits=[], facets={}, total=0, page=1, suggestion=suggestion)

    return search


def test_suggestion_sentence_french_spacing(client, monkeypatch):
    monkeypatch.setattr(views.service, "search", suggesting("infirmière communautaire"))

    body = client.get(SEARCH_URL, {"q": "infirmiere comunautaire"}).content.decode()

    assert (
        'Vouliez-vous dire : <a href="?q=infirmi%C3%A8re%20communautaire">'
        "infirmière communautaire</a> ?"
    ) in body


def test_suggestion_sentence_english_punctuation(english, monkeypatch):
    monkeypatch.setattr(views.service, "search", suggesting("infirmiere communautaire"))

    body = english.get(SEARCH_URL, {"q": "infirmiere comunautaire"}).content.decode()

    assert "Did you mean" in body
    assert "infirmiere communautaire</a>?" in body
    assert "</a> ?" not in body


def test_suggestion_escaped(client, monkeypatch):
    monkeypatch.setattr(views.service, "search", suggesting("<b>x</b>"))

    body = client.get(SEARCH_URL, {"q": "x"}).content.decode()

    assert "&lt;b&gt;x&lt;/b&gt;</a>" in body


def test_facets_with_equal_counts_sorted_ignoring_accents():
    sikasso = RegionFactory(code="ML03", name="Sikasso")
    segou = RegionFactory(code="ML04", name="Ségou")
    menaka = RegionFactory(code="ML10", name="Ménaka")
    mopti = RegionFactory(code="ML05", name="Mopti")
    counts = {"region": {str(region.pk): 2 for region in (sikasso, segou, menaka, mopti)}}

    facets = service.build_facets(counts)

    labels = [facet.label for facet in facets["region"]]
    assert labels == ["Ménaka", "Mopti", "Ségou", "Sikasso"]
    assert all(isinstance(facet, Facet) for facet in facets["region"])


# The distance filter's commune, by name or by id


@pytest.fixture
def communes():
    kati = CercleFactory(region=RegionFactory(code="ML02", name="Koulikoro"), name="Kati")
    kenieba = CercleFactory(region=RegionFactory(code="ML01", name="Kayes"), name="Kéniéba")
    return {
        "segou": CommuneFactory(
            cercle=CercleFactory(name="Ségou"),
            name="Ségou",
            latitude=Decimal("13.44000"),
            longitude=Decimal("-6.26000"),
        ),
        "faraba_kati": CommuneFactory(cercle=kati, name="Faraba"),
        "faraba_kenieba": CommuneFactory(cercle=kenieba, name="Faraba"),
    }


def parse(**params) -> tuple:
    query_dict = QueryDict(mutable=True)
    query_dict.update(params)
    return parse_search_params(query_dict)


def test_commune_name_resolved_without_accents(communes):
    query, messages = parse(commune="segou", radius="30")

    assert query.filters.near_commune == communes["segou"].pk
    assert query.filters.radius_km == 30.0
    assert messages == []


def test_commune_id_still_accepted(communes):
    query, messages = parse(commune=str(communes["faraba_kati"].pk), radius="10")

    assert query.filters.near_commune == communes["faraba_kati"].pk
    assert messages == []


def test_ambiguous_commune_lists_candidates(communes):
    query, messages = parse(commune="Faraba", radius="10")

    assert query.filters.near_commune is None
    assert query.filters.radius_km is None
    assert messages == [
        "Plusieurs communes s’appellent « Faraba » : écrivez l’une de ces formes : "
        "Faraba (Kati), Faraba (Kéniéba)."
    ]


def test_commune_with_cercle_resolved(communes):
    query, messages = parse(commune="Faraba (Kéniéba)", radius="10")

    assert query.filters.near_commune == communes["faraba_kenieba"].pk
    assert messages == []


def test_unknown_commune_name_ignored_with_message(communes, database_backend):
    query, messages = parse(commune="Tombouctou", radius="10")
    result = service.search(query)

    assert query.filters.near_commune == -1
    assert result.messages == ["Commune inconnue : le filtre de distance est ignoré."]


def test_page_shows_commune_name_for_id_link(client, communes, database_backend):
    response = client.get(SEARCH_URL, {"commune": str(communes["faraba_kati"].pk), "radius": "10"})

    body = response.content.decode()
    assert 'name="commune" value="Faraba (Kati)"' in body
    assert "Numéro de la commune" not in body
    assert "<option" not in body.split('id="id_commune"')[1].split("</fieldset>")[0]
