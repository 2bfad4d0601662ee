"""The statistics API: public suppressed figures, analysts' tokens, OpenAPI."""

import pytest
from django.core.management import call_command

from observatory.models import ApiToken
from observatory.tokens import TokenNotAllowed, create_token
from tests.accounts.factories import UserFactory

from .factories import staff, validated_declaration

pytestmark = pytest.mark.django_db

REGIONS = "/api/v1/statistics/tables/regions"


@pytest.fixture
def figures():
    declaration = validated_declaration()
    staff(declaration, 3, region="ML01")
    staff(declaration, 40, region="ML02")
    staff(declaration, 12, region="ML03")


@pytest.fixture
def key(analyst):
    return create_token(analyst)[1]


def _values(response):
    return {row["key"]: row["values"][0] for row in response.json()["rows"]}


def test_public_table_is_suppressed(client, figures):
    response = client.get(REGIONS, {"annee": 2024})
    assert response.status_code == 200
    assert response.json()["exact"] is False
    values = _values(response)
    assert values["ML01"] is None
    assert values["ML03"] is None
    assert values["total"] == 55


def test_public_cannot_filter_beyond_year(client, figures):
    response = client.get(REGIONS, {"annee": 2024, "region": "ML01"})
    assert response.status_code == 403
    assert response.json()["detail"] == "Seuls les analystes peuvent filtrer au-delà de l’année."


def test_token_gives_exact_figures(client, figures, key, analyst):
    response = client.get(REGIONS, {"region": "ML01"}, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    assert response.json()["exact"] is True
    assert _values(response)["ML01"] == 3
    assert _values(response)["ML02"] == 0
    assert ApiToken.objects.get(user=analyst).last_used_at is not None


def test_unknown_token_is_401(client, figures):
    response = client.get(REGIONS, HTTP_AUTHORIZATION="Bearer nope")
    assert response.status_code == 401


def test_token_of_former_analyst_is_401(client, figures, key, analyst):
    analyst.platform_role = ""
    analyst.save()
    assert client.get(REGIONS, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_invalid_filter_is_400(client, key):
    response = client.get(REGIONS, {"sexe": "X"}, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 400


def test_unknown_table_is_404(client):
    assert client.get("/api/v1/statistics/tables/inconnu").status_code == 404


def test_table_list(client):
    slugs = [item["slug"] for item in client.get("/api/v1/statistics/tables").json()]
    assert "chiffres-cles" in slugs
    assert "regions" in slugs


def test_openapi_and_docs(client):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert "/api/v1/statistics/tables/{slug}" in schema.json()["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_token_rejected_for_non_analyst():
    with pytest.raises(TokenNotAllowed):
        create_token(UserFactory())


def test_create_api_token_command(analyst, capsys):
    call_command("create_api_token", analyst.email)
    assert "Authorization: Bearer " in capsys.readouterr().out
    assert ApiToken.objects.filter(user=analyst).count() == 1
