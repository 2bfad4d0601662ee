"""Every dashboard figure equals its CSV, XLSX and API counterparts, for every table."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from observatory.aggregates import TABLES
from observatory.tokens import create_token
from tests.organisations.factories import OrganisationFactory

from .factories import PlacementFactory, staff, trained, validated_declaration

pytestmark = pytest.mark.django_db

FILTERS = {"annee": "2024", "sexe": "F"}


def _csv_value(text: str):
    if text == "":
        return None
    return float(text.replace(",", ".")) if "," in text else int(text)


def _csv_rows(content: bytes) -> list[tuple]:
    lines = content.decode("utf-8-sig").split("\r\n")
    data = lines[1 : lines.index("")]
    return [
        (key, label, *(_csv_value(value) for value in values))
        for key, label, *values in (line.split(";") for line in data)
    ]


def _xlsx_rows(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [tuple(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.fixture
def figures():
    for year in (2023, 2024):
        for kind in ("national", "international"):
            declaration = validated_declaration(
                organisation=OrganisationFactory(verified=True, kind=kind), year=year
            )
            staff(declaration, 14, region="ML05")
            staff(declaration, 3, region="ML01", nationality="expatrie")
            staff(declaration, 9, sex="M", age_band="15-24", project_type="developpement")
            trained(declaration, 25, theme="agr", sex="F")
            trained(declaration, 2, theme="insertion", sex="F")
    PlacementFactory()


def test_every_figure_matches_exports_and_api(analyst_client, analyst, figures, client):
    key = create_token(analyst)[1]
    page = analyst_client.get(reverse("observatory:dashboard"), FILTERS)
    shown = [page.context["headline"], *page.context["tables"]]
    assert [table.slug for table in shown] == list(TABLES)

    for table in shown:
        expected = [(row.key, row.label, *row.values) for row in table.all_rows()]
        assert any(value for row in expected for value in row[2:]), table.slug

        csv = analyst_client.get(reverse("observatory:export", args=[table.slug, "csv"]), FILTERS)
        assert _csv_rows(csv.content) == expected, table.slug

        xlsx = analyst_client.get(reverse("observatory:export", args=[table.slug, "xlsx"]), FILTERS)
        assert _xlsx_rows(xlsx.content) == expected, table.slug

        api = client.get(
            f"/api/v1/statistics/tables/{table.slug}",
            FILTERS,
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )
        assert [
            (row["key"], row["label"], *row["values"]) for row in api.json()["rows"]
        ] == expected, table.slug

        for value in (v for row in expected for v in row[2:] if isinstance(v, int)):
            assert f'data-value="{value}"'.encode() in page.content, table.slug


def test_public_figures_match_public_exports_and_api(client, figures):
    page = client.get(reverse("observatory:public"), {"annee": "2024"})
    for table in [page.context["headline"], *page.context["tables"]]:
        expected = [(row.key, row.label, *row.values) for row in table.all_rows()]
        csv = client.get(
            reverse("observatory:public_export", args=[table.slug, "csv"]), {"annee": "2024"}
        )
        assert _csv_rows(csv.content) == expected, table.slug
        xlsx = client.get(
            reverse("observatory:public_export", args=[table.slug, "xlsx"]), {"annee": "2024"}
        )
        assert _xlsx_rows(xlsx.content) == expected, table.slug
        api = client.get(f"/api/v1/statistics/tables/{table.slug}", {"annee": "2024"})
        assert [
            (row["key"], row["label"], *row["values"]) for row in api.json()["rows"]
        ] == expected, table.slug
