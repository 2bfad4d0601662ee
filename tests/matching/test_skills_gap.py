"""The observatory's skills gap report: figures checked by hand, the dashboard and the exports."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cms.choices import TrainingTheme
from cms.models import OfferPage, TrainingPage
from matching import skills_gap
from matching.skills_gap import SECTOR_SLUGS, SkillsGap
from observatory.aggregates import Filters
from observatory.tokens import create_token
from organisations.choices import Sector as OrganisationSector
from tests.accounts.factories import UserFactory
from tests.cms.factories import (
    CercleFactory,
    CommuneFactory,
    RegionFactory,
    SectorFactory,
    SkillFactory,
    make_offer,
    make_training,
    organisation_page,
)
from tests.observatory.factories import trained, validated_declaration
from tests.organisations.factories import MembershipFactory, activate_totp

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("observatory:dashboard")
REMOTE = {"region": None, "cercle": None, "commune": None, "is_remote_or_multi_site": True}


@pytest.fixture
def analyst_client(client):
    client.force_login(activate_totp(UserFactory(analyst=True)))
    return client


def place(code: str, name: str) -> dict:
    region = RegionFactory(code=code, name=name)
    commune = CommuneFactory(cercle=CercleFactory(region=region))
    return {"region": region, "cercle": commune.cercle, "commune": commune}


def published_long_ago(page) -> None:
    """Make `page` an unpublished page first published 400 days ago, out of the window."""
    type(page).objects.filter(pk=page.pk).update(
        live=False, first_published_at=timezone.now() - datetime.timedelta(days=400)
    )


def withdrawn_recently(page) -> None:
    type(page).objects.filter(pk=page.pk).update(
        live=False, first_published_at=timezone.now() - datetime.timedelta(days=100)
    )


@pytest.fixture
def data():
    """Offers and trainings whose figures are worked out by hand in each test.

    Offers in the window: 1 in Sikasso (3 positions, skills A and B), 2 in Bamako (1 position,
    A), 3 remote and withdrawn 100 days ago (2 positions, C). Out of the window: an offer
    published 400 days ago (D) and a draft (D). Trainings in the window: 1 in Sikasso (10 places,
    A, farming) and 2 remote (4 places, B, insertion). Out of the window: one published 400 days
    ago (C).
    """
    skills = {name: SkillFactory(name=f"Compétence {name}", code=f"OGR-{name}") for name in "ABCD"}
    sikasso = place("ML03", "Sikasso")
    bamako = place("ML09", "Bamako")
    education = SectorFactory(slug="education", name="Éducation")
    SectorFactory(slug="formation-professionnelle", name="Formation professionnelle")
    SectorFactory(slug="sante", name="Santé")
    parent = organisation_page(
        sectors=[OrganisationSector.EDUCATION, OrganisationSector.VOCATIONAL_TRAINING]
    )

    def offer(slug, positions, names, where, **fields):
        return make_offer(
            parent,
            slug=slug,
            positions=positions,
            sector=education,
            skills=[skills[name] for name in names],
            **where,
            **fields,
        )

    offer("offre-1", 3, "AB", sikasso)
    offer("offre-2", 1, "A", bamako)
    withdrawn_recently(offer("offre-3", 2, "C", REMOTE))
    published_long_ago(offer("offre-ancienne", 5, "D", bamako))
    offer("offre-brouillon", 5, "D", bamako, live=False)

    def training(slug, places, names, where, theme):
        return make_training(
            parent,
            slug=slug,
            places_available=places,
            skills=[skills[name] for name in names],
            theme=theme,
            **where,
        )

    training("formation-1", 10, "A", sikasso, TrainingTheme.FARMING)
    training("formation-2", 4, "B", REMOTE, TrainingTheme.INSERTION)
    published_long_ago(training("formation-ancienne", 30, "C", bamako, TrainingTheme.FARMING))

    declaration = validated_declaration(organisation=parent.organisation, year=2024)
    trained(declaration, 12, region="ML03", theme="techniques-agricoles")
    trained(declaration, 7, region="ML03", theme="insertion")
    return skills


def rows_of(table):
    return {row.key: row.values for row in table.rows}


def test_window_counts_live_and_recent_pages_only(data):
    report = SkillsGap(Filters(year=2024))

    assert sorted(OfferPage.objects.get(pk=o.pk).slug for o in report.offers) == [
        "offre-1",
        "offre-2",
        "offre-3",
    ]
    assert sorted(TrainingPage.objects.get(pk=t.pk).slug for t in report.trainings) == [
        "formation-1",
        "formation-2",
    ]


def test_skills_table_figures(data):
    table = SkillsGap(Filters(year=2024)).skills_table()

    # offers, positions, trainings, places, positions minus places
    assert rows_of(table) == {
        "OGR-A": (2, 4, 1, 10, -6),
        "OGR-B": (1, 3, 1, 4, -1),
        "OGR-C": (1, 2, 0, 0, 2),
    }
    assert [row.key for row in table.rows] == ["OGR-C", "OGR-B", "OGR-A"]


def test_skills_table_region_filter(data):
    table = SkillsGap(Filters(year=2024, region="ML03")).skills_table()

    assert rows_of(table) == {"OGR-A": (1, 3, 1, 10, -7), "OGR-B": (1, 3, 0, 0, 3)}


def test_skills_table_sector_filter(data):
    assert rows_of(SkillsGap(Filters(year=2024, sector="sante")).skills_table()) == {}

    table = SkillsGap(Filters(year=2024, sector="education")).skills_table()
    assert rows_of(table)["OGR-A"] == (2, 4, 1, 10, -6)


def test_regions_table_figures(data):
    rows = rows_of(SkillsGap(Filters(year=2024)).regions_table())

    # offers, positions, skills asked, trainings, places, skills taught, skills asked that no
    # training of the region or remote teaches, people trained in the registry
    assert rows["ML03"] == (1, 3, 2, 1, 10, 1, 0, 19)
    assert rows["ML09"] == (1, 1, 1, 0, 0, 0, 1, 0)
    assert rows["distance"] == (1, 2, 1, 1, 4, 1, 1, 0)


def test_sectors_table_figures(data):
    rows = rows_of(SkillsGap(Filters(year=2024)).sectors_table())

    assert rows["education"] == (3, 6, 3, 2, 14, 2, 1, 19)
    # Trainings count in every sector of their organisation, offers only in their own.
    assert rows["formation-professionnelle"] == (0, 0, 0, 2, 14, 2, 0, 19)
    assert rows["sante"] == (0, 0, 0, 0, 0, 0, 0, 0)
    assert "non-renseigne" not in rows


def test_themes_table_reports_registry_by_theme(data):
    rows = rows_of(SkillsGap(Filters(year=2024)).themes_table())

    # trainings, places, skills taught, people trained in the registry
    assert rows["techniques-agricoles"] == (1, 10, 1, 12)
    assert rows["insertion"] == (1, 4, 1, 7)
    assert rows["agr"] == (0, 0, 0, 0)


def test_registry_year_filter(data):
    rows = rows_of(SkillsGap(Filters(year=2023)).themes_table())

    assert rows["techniques-agricoles"] == (1, 10, 1, 0)


def test_sector_slugs_exist_in_reference_data():
    path = Path(skills_gap.__file__).parents[1] / "platform/referential/data/sectors.csv"
    with path.open(encoding="utf-8") as file:
        reference = {row["slug"] for row in csv.DictReader(file)}

    assert set(SECTOR_SLUGS) == set(OrganisationSector.values)
    for key, slugs in SECTOR_SLUGS.items():
        assert set(slugs) <= reference, key


def test_notes_name_ignored_filters(data):
    notes = skills_gap.notes_of(SkillsGap(Filters(year=2024, sex="F", region="ML03")))

    assert notes[1] == (
        "Avec le filtre région, les offres et les formations à distance ou en plusieurs lieux ne "
        "comptent pas."
    )
    assert notes[2] == "Les filtres sexe ne s’appliquent qu’aux personnes formées du registre."


# The dashboard and the exports


def test_dashboard_shows_skills_gap(analyst_client, data):
    response = analyst_client.get(DASHBOARD, {"annee": "2024"})

    assert response.status_code == 200
    section = response.context["skills_gap"]
    assert [(bar.label, bar.positions, bar.places) for bar in section.chart] == [
        ("Compétence C", 2, 0)
    ]
    assert section.chart[0].positions_width == 100
    content = response.content.decode()
    assert "Écart de compétences" in content
    assert "2 postes" in content
    assert "/observatoire/tableau-de-bord/competences/competences-regions.csv?annee=2024" in content


def test_export_forbidden_to_others(client, data):
    url = reverse("matching:skills_gap_export", args=["competences", "csv"])
    assert client.get(url).status_code == 302
    for user in (
        UserFactory(),
        MembershipFactory(admin=True).user,
        activate_totp(UserFactory(editor=True)),
    ):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_export_unknown_table_or_format(analyst_client):
    for args in (["inconnue", "csv"], ["competences", "pdf"]):
        url = reverse("matching:skills_gap_export", args=args)
        assert analyst_client.get(url).status_code == 404


def test_export_csv_contents(analyst_client, data):
    url = reverse("matching:skills_gap_export", args=["competences", "csv"])

    response = analyst_client.get(url, {"annee": "2024", "region": "ML03"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="competences.csv"'
    lines = response.content.decode("utf-8-sig").split("\r\n")
    assert lines[0] == (
        "Code;Compétence;Offres qui la demandent;Postes;Formations qui l’enseignent;"
        "Places de formation;Écart : postes moins places"
    )
    assert lines[1] == "OGR-B;Compétence B;1;3;0;0;3"
    assert lines[2] == "OGR-A;Compétence A;1;3;1;10;-7"
    assert lines[3] == ""


def test_export_xlsx_contents(analyst_client, data):
    url = reverse("matching:skills_gap_export", args=["competences-regions", "xlsx"])

    response = analyst_client.get(url, {"annee": "2024"})

    sheet = load_workbook(io.BytesIO(response.content))["competences-regions"]
    rows = {row[0]: row[2:] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["ML03"] == (1, 3, 2, 1, 10, 1, 0, 19)
    assert sheet.cell(1, 10).value == "Personnes formées en 2024 (registre)"


# The API


def test_api_needs_analyst_token(client, data):
    response = client.get("/api/v1/statistics/competences/competences", {"annee": 2024})

    assert response.status_code == 401


def test_api_returns_exact_table(client, data):
    key = create_token(activate_totp(UserFactory(analyst=True)))[1]

    response = client.get(
        "/api/v1/statistics/competences/competences-regions",
        {"annee": 2024, "region": "ML03"},
        headers={"Authorization": f"Bearer {key}"},
    )

    assert response.status_code == 200
    body = response.json()
    assert body["exact"] is True
    rows = {row["key"]: row["values"] for row in body["rows"]}
    # The region filter leaves out the remote training, so B is asked for with no training.
    assert rows["ML03"] == [1, 3, 2, 1, 10, 1, 1, 19]
    assert rows["ML09"] == [0, 0, 0, 0, 0, 0, 0, 0]


def test_api_unknown_table_is_404(client):
    key = create_token(activate_totp(UserFactory(analyst=True)))[1]

    response = client.get(
        "/api/v1/statistics/competences/inconnue", headers={"Authorization": f"Bearer {key}"}
    )

    assert response.status_code == 404
