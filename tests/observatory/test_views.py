"""The public summary, the analysts' dashboard and the exports: access and content."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.accounts.factories import UserFactory
from tests.organisations.factories import MembershipFactory

from .factories import staff, validated_declaration

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("observatory:dashboard")
PUBLIC = reverse("observatory:public")


@pytest.fixture
def figures():
    declaration = validated_declaration()
    staff(declaration, 3, region="ML01")
    staff(declaration, 40, region="ML02")
    staff(declaration, 12, region="ML03")
    return declaration


def test_dashboard_redirects_anonymous(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert "/comptes/" in response["Location"]


def test_dashboard_forbidden_to_seeker_and_ngo(client):
    for user in (UserFactory(), MembershipFactory(admin=True).user):
        client.force_login(user)
        assert client.get(DASHBOARD).status_code == 403
        export = reverse("observatory:export", args=["regions", "csv"])
        assert client.get(export).status_code == 403


def test_dashboard_shows_exact_figures(analyst_client, figures):
    response = analyst_client.get(DASHBOARD)
    assert response.status_code == 200
    regions = next(t for t in response.context["tables"] if t.slug == "regions")
    assert {row.key: row.values[0] for row in regions.rows}["ML01"] == 3
    assert b'data-value="3"' in response.content


def test_dashboard_export_links_carry_filters(analyst_client, figures):
    response = analyst_client.get(DASHBOARD, {"annee": "2024", "sexe": "F", "region": "ML02"})
    content = response.content.decode()
    assert "/observatoire/tableau-de-bord/regions.csv?annee=2024&amp;region=ML02&amp;sexe=F" in (
        content
    )
    assert "regions.xlsx?annee=2024&amp;region=ML02&amp;sexe=F" in content


def test_dashboard_invalid_filter_falls_back(analyst_client, figures):
    response = analyst_client.get(DASHBOARD, {"region": "ML99"})
    assert response.status_code == 200
    assert response.context["form"].errors["region"]


def test_public_page_suppresses_small_cells(client, figures):
    response = client.get(PUBLIC)
    assert response.status_code == 200
    regions = next(t for t in response.context["tables"] if t.slug == "regions")
    values = {row.key: row.values[0] for row in regions.all_rows()}
    assert values["ML01"] is None
    assert values["ML03"] is None
    assert values["total"] == 55
    assert "Les effectifs de moins de 5 personnes sont masqués" in response.content.decode()


def test_public_page_ignores_other_filters(client, figures):
    response = client.get(PUBLIC, {"annee": "2024", "region": "ML01"})
    assert response.context["filters"].region == ""


def test_public_page_is_light(client, figures):
    assert len(client.get(PUBLIC).content) < 100_000


def test_csv_export_for_french_excel(analyst_client, figures):
    response = analyst_client.get(reverse("observatory:export", args=["regions", "csv"]))
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Code;Région;Effectif au 31 décembre;Emplois créés dans l’année"
    assert "ML01;Kayes;3;1" in lines


def test_public_csv_export_suppressed(client, figures):
    response = client.get(reverse("observatory:public_export", args=["regions", "csv"]))
    lines = response.content.decode("utf-8-sig").splitlines()
    assert "ML01;Kayes;;" in lines


def test_xlsx_export(analyst_client, figures):
    response = analyst_client.get(reverse("observatory:export", args=["regions", "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1] == ("ML01", "Kayes", 3, 1)


def test_unknown_table_or_format_is_404(analyst_client):
    assert analyst_client.get("/observatoire/tableau-de-bord/inconnu.csv").status_code == 404
    assert analyst_client.get("/observatoire/tableau-de-bord/regions.pdf").status_code == 404
