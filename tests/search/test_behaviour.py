"""The search service behaves the same on the database and on Elasticsearch."""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal

import pytest
from celery.exceptions import Retry
from django.utils import timezone

from cms.choices import ContractType, EducationLevel, OfferKind
from cms.time import bamako_today
from search import indexing, service, text
from search.documents import alias_name
from search.models import SearchEntry
from search.service import SearchFilters, SearchQuery
from tests.cms.factories import (
    CommuneFactory,
    SectorFactory,
    make_offer,
    make_training,
    organisation_page,
)

pytestmark = pytest.mark.django_db


def titles(result) -> set[str]:
    return {hit.title for hit in result.hits}


def run(text: str = "", **filters) -> service.SearchResult:
    sort = filters.pop("sort", "relevance")
    page = filters.pop("page", 1)
    return service.search(SearchQuery(text, SearchFilters(**filters), sort, page))


@pytest.fixture
def catalogue(backend, committing):
    """Publish offers and a training in Bamako and Ségou through the signals and tasks."""
    bamako = CommuneFactory(
        name="Bamako", latitude=Decimal("12.65000"), longitude=Decimal("-8.00000")
    )
    kati = CommuneFactory(name="Kati", latitude=Decimal("12.74000"), longitude=Decimal("-8.07000"))
    segou = CommuneFactory(
        name="Ségou", latitude=Decimal("13.44000"), longitude=Decimal("-6.26000")
    )
    health = SectorFactory(name="Santé")
    transport = SectorFactory(name="Transport")
    sante_plus = organisation_page(name="Association Santé Plus")
    routes = organisation_page(name="Routes du Sahel")

    def at(commune):
        return {"commune": commune, "cercle": commune.cercle, "region": commune.cercle.region}

    with committing():
        developer = make_offer(
            sante_plus,
            title="Développeur web",
            description="Maintenir le site et les outils de collecte de données.",
            kind=OfferKind.JOB,
            contract_type=ContractType.CDI,
            education_level=EducationLevel.LICENCE,
            target_groups=["youth"],
            sector=health,
            slug="developpeur",
            **at(bamako),
        )
        supervisor = make_offer(
            sante_plus,
            title="Superviseur de terrain",
            description="Encadrer l’agent relais et suivre les visites à domicile.",
            kind=OfferKind.INTERNSHIP,
            contract_type=ContractType.INTERNSHIP,
            education_level=EducationLevel.BAC,
            target_groups=["women"],
            sector=health,
            slug="superviseur",
            closing_date=bamako_today() + datetime.timedelta(days=5),
            **at(kati),
        )
        driver = make_offer(
            routes,
            title="Conducteur de véhicule",
            description="Transporter les équipes sur les routes de la région.",
            kind=OfferKind.JOB,
            contract_type=ContractType.CDD,
            education_level=EducationLevel.NONE,
            target_groups=["youth", "women"],
            sector=transport,
            slug="conducteur",
            closing_date=bamako_today() + datetime.timedelta(days=60),
            **at(segou),
        )
        training = make_training(
            routes,
            title="Formation en maraîchage",
            description="Santé des sols et gestion de l’eau.",
            slug="maraichage",
            **at(segou),
        )
        draft = make_offer(routes, live=False, title="Développeur brouillon", slug="brouillon")
        withdrawn = make_offer(routes, title="Développeur retiré", slug="retire")
    with committing():
        withdrawn.unpublish()
    return {
        "bamako": bamako,
        "segou": segou,
        "health": health,
        "developer": developer,
        "supervisor": supervisor,
        "driver": driver,
        "training": training,
        "draft": draft,
        "withdrawn": withdrawn,
        "sante_plus": sante_plus,
    }


ALL_LIVE = {
    "Développeur web",
    "Superviseur de terrain",
    "Conducteur de véhicule",
    "Formation en maraîchage",
}


def test_empty_query_lists_live_pages(catalogue):
    result = run("")

    assert titles(result) == ALL_LIVE
    assert result.total == 4
    assert result.messages == []


def test_accents_are_folded(catalogue):
    assert titles(run("developpeur")) == {"Développeur web"}
    assert "Formation en maraîchage" in titles(run("sante"))
    assert titles(run("maraichage")) == {"Formation en maraîchage"}


def test_elided_article_is_removed(catalogue):
    assert titles(run("agent")) == {"Superviseur de terrain"}


def test_plural_finds_singular(catalogue):
    assert titles(run("formations")) == {"Formation en maraîchage"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One p, a plural, capitals: all stem to `developeu`, as Elasticsearch's light_french.
        ("developeur", {"Développeur web"}),
        ("développeurs", {"Développeur web"}),
        ("DÉVELOPPEUR", {"Développeur web"}),
        # -ement and -eur give different stems, so the noun does not find the job title.
        ("developpement", {"Chargé de développement local"}),
        ("développements", {"Chargé de développement local"}),
        # -ateur and -ation both stem to `form`; -trice becomes -teur.
        ("formateurs", {"Formation en maraîchage"}),
        ("conductrice", {"Conducteur de véhicule"}),
        ("superviseurs", {"Superviseur de terrain"}),
    ],
)
def test_light_french_stemming(catalogue, committing, text, expected):
    with committing():
        make_offer(
            catalogue["sante_plus"],
            title="Chargé de développement local",
            description="Appuyer les communes dans leurs plans.",
            slug="developpement-local",
        )

    assert titles(run(text)) == expected


def test_reconcile_rewrites_older_analysis(catalogue, backend):
    SearchEntry.objects.filter(page_id=catalogue["developer"].pk).update(
        analysis_version=0, search_text=" developpeur web ", title_text=" developpeur web "
    )

    counts = indexing.reconcile()

    entry = SearchEntry.objects.get(page_id=catalogue["developer"].pk)
    assert counts["indexed"] == 1
    assert entry.analysis_version == text.ANALYSIS_VERSION
    assert " developeu " in entry.search_text
    assert titles(run("developeur")) == {"Développeur web"}


def test_synonym_from_file(catalogue):
    assert titles(run("chauffeur")) == {"Conducteur de véhicule"}


def test_typo_gets_suggestion(catalogue):
    result = run("devoloppeur")

    assert result.total == 0
    assert result.suggestion == "developpeur"
    assert titles(run(result.suggestion)) == {"Développeur web"}


def test_facet_counts_match_hits(catalogue):
    result = run("")

    for name, facets in result.facets.items():
        for value, _label, count in facets:
            key = value if name not in service.ID_FACETS else int(value)
            assert run("", **{name: [key]}).total == count, (name, value)


def test_facet_labels(catalogue):
    facets = run("").facets

    assert ("training", "Formation", 1) in [tuple(f) for f in facets["kind"]]
    assert (str(catalogue["health"].pk), "Santé", 2) in [tuple(f) for f in facets["sector"]]
    assert ("youth", "Jeunes", 2) in [tuple(f) for f in facets["target_group"]]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"kind": ["internship"]}, {"Superviseur de terrain"}),
        ({"kind": ["training"]}, {"Formation en maraîchage"}),
        ({"contract": ["cdd"]}, {"Conducteur de véhicule"}),
        ({"education_level": ["licence"]}, {"Développeur web"}),
        ({"target_group": ["women"]}, {"Superviseur de terrain", "Conducteur de véhicule"}),
    ],
)
def test_choice_filters(catalogue, filters, expected):
    assert titles(run("", **filters)) == expected


def test_reference_filters(catalogue):
    segou = catalogue["segou"]
    organisation_id = catalogue["sante_plus"].organisation_id

    assert titles(run("", region=[segou.cercle.region_id])) == {
        "Conducteur de véhicule",
        "Formation en maraîchage",
    }
    assert titles(run("", cercle=[segou.cercle_id])) == {
        "Conducteur de véhicule",
        "Formation en maraîchage",
    }
    assert titles(run("", sector=[catalogue["health"].pk])) == {
        "Développeur web",
        "Superviseur de terrain",
    }
    assert titles(run("", organisation=[organisation_id])) == {
        "Développeur web",
        "Superviseur de terrain",
    }


def test_closing_after_filter(catalogue):
    after = bamako_today() + datetime.timedelta(days=40)

    assert titles(run("", closing_after=after)) == {"Conducteur de véhicule"}


def test_geo_radius(catalogue):
    bamako = catalogue["bamako"].pk

    assert titles(run("", near_commune=bamako, radius_km=30)) == {
        "Développeur web",
        "Superviseur de terrain",
    }
    assert titles(run("", near_commune=bamako, radius_km=300)) == ALL_LIVE


@pytest.mark.parametrize("radius", [0, -5, 501, float("nan")])
def test_invalid_radius_is_ignored(catalogue, radius):
    result = run("", near_commune=catalogue["bamako"].pk, radius_km=radius)

    assert result.total == 4
    assert result.messages == [
        "Le rayon doit être compris entre 1 et 500 km : le filtre est ignoré."
    ]


def test_sorts(catalogue, backend):
    by_closing = run("", sort="closing")
    newest = run("", sort="newest")

    closing = [hit.title for hit in by_closing.hits]
    assert closing[0] == "Superviseur de terrain"
    assert closing[-1] == "Conducteur de véhicule"
    assert len(newest.hits) == 4
    # Served by the backend under test, not by the database fallback.
    assert by_closing.backend == backend
    assert newest.backend == backend


def test_expired_and_unpublished_never_returned(catalogue, monkeypatch, committing):
    # An offer indexed while open, whose closing date then passed before the expiry task ran.
    past = timezone.now() - datetime.timedelta(days=10)
    monkeypatch.setattr(timezone, "now", lambda: past)
    with committing():
        make_offer(
            catalogue["sante_plus"],
            title="Développeur expiré",
            closing_date=bamako_today(past) + datetime.timedelta(days=2),
            slug="expire",
        )
    monkeypatch.undo()

    found = titles(run("developpeur"))

    assert found == {"Développeur web"}
    assert not SearchEntry.objects.filter(page=catalogue["draft"]).exists()
    assert not SearchEntry.objects.filter(page=catalogue["withdrawn"]).exists()


def test_expiry_removes_document(catalogue, committing):
    from cms.models import OfferPage
    from cms.services import expire_closed_offers

    OfferPage.objects.filter(pk=catalogue["supervisor"].pk).update(
        closing_date=bamako_today() - datetime.timedelta(days=1)
    )
    with committing():
        expire_closed_offers()

    assert not SearchEntry.objects.filter(page_id=catalogue["supervisor"].pk).exists()
    assert "Superviseur de terrain" not in titles(run(""))


def test_deleted_page_removed(catalogue, committing):
    with committing():
        catalogue["driver"].delete()

    assert titles(run("")) == ALL_LIVE - {"Conducteur de véhicule"}


@pytest.mark.parametrize("text", ["", "?!.,;:", '"', "*", "\\", "((((", "   "])
def test_wordless_query_lists_everything(catalogue, text):
    assert run(text).total == 4


@pytest.mark.parametrize(
    "text", ["x" * 10_000, "title:(a OR", "developpeur AND NOT", "description:*", "z" * 300 + " OR"]
)
def test_query_syntax_is_plain_text(catalogue, text):
    assert run(text).total == 0


def test_long_query_message(catalogue):
    result = run("x" * 10_000)

    assert result.messages == [
        "La recherche est trop longue : seuls les 200 premiers caractères comptent."
    ]


def test_unknown_filter_values(catalogue):
    assert run("", region=[999_999]).total == 0
    assert run("", kind=["unknown"]).total == 0
    result = run("", near_commune=999_999, radius_km=10)
    assert result.total == 4
    assert result.messages == ["Commune inconnue : le filtre de distance est ignoré."]


def test_page_far_beyond_end(catalogue):
    result = run("", page=100_000)

    assert [hit.title for hit in result.hits]
    assert result.page == 1
    assert result.messages == [
        "Seules les 500 premières pages sont consultables.",
        "Cette page n’existe pas : voici la dernière page.",
    ]


def test_autocomplete(catalogue):
    assert "Développeur web" in service.autocomplete("dev")
    assert "Association Santé Plus" in service.autocomplete("assoc sant")
    assert service.autocomplete("d") == []


def test_similar(catalogue):
    similar = service.similar(catalogue["developer"].pk)

    assert catalogue["developer"].pk not in {hit.id for hit in similar}


def test_highlight_marks_match(catalogue):
    (hit,) = run("collecte").hits

    assert "<mark>collecte</mark>" in hit.highlight


def test_reconcile_repairs_missing_and_stale(catalogue):
    developer = catalogue["developer"]
    SearchEntry.objects.filter(page_id=developer.pk).delete()
    SearchEntry.objects.filter(page_id=catalogue["driver"].pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=365)
    )

    counts = indexing.reconcile()

    assert counts["indexed"] == 2
    assert SearchEntry.objects.filter(page_id=developer.pk).exists()
    assert indexing.index_lag() == 0


def test_search_page(catalogue, client):
    response = client.get("/recherche/", {"q": "developpeur", "kind": ["job", "bogus"]})

    assert response.status_code == 200
    assert len(response.content) < 100_000
    body = response.content.decode()
    assert "Développeur web" in body
    assert "Certains filtres inconnus ont été ignorés." in body


@pytest.mark.parametrize("page", ["100000", "abc", "-1"])
def test_search_page_bad_page(catalogue, client, page):
    response = client.get("/recherche/", {"q": "*", "page": page, "radius": "abc", "commune": "1"})

    assert response.status_code == 200


# Elasticsearch outages and index rebuilds


@pytest.mark.elasticsearch
@pytest.mark.parametrize("backend", ["elasticsearch"], indirect=True)
def test_stopped_elasticsearch_falls_back(catalogue, settings, client, caplog):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"

    with caplog.at_level(logging.WARNING, logger="search.service"):
        result = run("developpeur")
    fallbacks = [
        record.getMessage() for record in caplog.records if record.name == "search.service"
    ]
    response = client.get("/recherche/", {"q": "developpeur"})

    assert result.backend == "database"
    assert titles(result) == {"Développeur web"}
    assert fallbacks == ["Search fell back on the database: operation=search error=ConnectionError"]
    assert response.status_code == 200
    assert "Développeur web" in response.content.decode()


@pytest.mark.elasticsearch
@pytest.mark.parametrize("backend", ["elasticsearch"], indirect=True)
def test_index_catches_up_after_outage(catalogue, settings, committing):
    url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    # Eagerly run tasks raise Retry where a worker would schedule the next attempt.
    with pytest.raises(Retry, match="TransientSearchError"), committing():
        make_offer(catalogue["sante_plus"], title="Logisticien", slug="logisticien")
    settings.ELASTICSEARCH_URL = url

    assert indexing.index_lag() == 1
    assert indexing.reconcile()["indexed"] == 1
    assert indexing.index_lag() == 0
    assert titles(run("logisticien")) == {"Logisticien"}


@pytest.mark.elasticsearch
@pytest.mark.parametrize("backend", ["elasticsearch"], indirect=True)
def test_rebuild_swaps_alias_without_gap(catalogue, settings):
    es = indexing.client()
    old_indices = set(es.indices.get_alias(name=alias_name()))
    during: list[int] = []

    def query_while_building(done: int, total: int) -> None:
        during.append(run("").total)

    new_index = indexing.rebuild(progress=query_while_building)

    assert during and all(total == 4 for total in during)
    assert set(es.indices.get_alias(name=alias_name())) == {new_index}
    assert not any(es.indices.exists(index=name) for name in old_indices)
    assert run("").total == 4
    es.close()


# Public API


def test_api_lists_opportunities(catalogue, client):
    response = client.get(
        "/api/v1/opportunities", {"q": "developpeur", "region": ["abc"], "page": "100000"}
    )

    assert response.status_code == 200
    body = response.json()
    assert [item["title"] for item in body["results"]] == ["Développeur web"]
    assert body["total"] == 1
    assert body["messages"][0] == "Certains filtres inconnus ont été ignorés."
    assert {"value": "job", "label": "Offre d’emploi", "count": 1} in body["facets"]["kind"]


def test_api_gets_one_opportunity(catalogue, client):
    developer = catalogue["developer"]

    found = client.get(f"/api/v1/opportunities/{developer.pk}")
    missing = client.get("/api/v1/opportunities/{}".format(catalogue["draft"].pk))

    assert found.status_code == 200
    assert found.json()["title"] == "Développeur web"
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Offre ou formation introuvable."}


def test_api_schema_lists_search(db, client):
    schema = client.get("/api/v1/openapi.json").json()

    assert "/api/v1/opportunities" in schema["paths"]


@pytest.mark.elasticsearch
@pytest.mark.parametrize("backend", ["elasticsearch"], indirect=True)
def test_healthz_shows_index_lag(catalogue, client):
    SearchEntry.objects.all().delete()
    es = indexing.client()
    es.delete(index=alias_name(), id=str(catalogue["developer"].pk), refresh=True)
    es.close()

    search = client.get("/healthz").json()["services"]["search"]

    assert search["status"] == "up"
    assert search["index_lag"] == 1
