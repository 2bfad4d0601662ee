"""One click on the unsubscribe link of an alert, and the button that undoes it."""

from __future__ import annotations

import logging

import pytest
from django.core import signing
from django.http import QueryDict
from django.urls import reverse

from search import saved
from search.models import SavedSearch
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

RESUBSCRIBE_URL = reverse("search:resubscribe")


@pytest.fixture
def seeker():
    return UserFactory(seeker=True)


@pytest.fixture
def row(seeker):
    return saved.save_search(
        seeker, QueryDict("q=chauffeur&region=3"), SavedSearch.Channel.EMAIL, "weekly"
    )


def unsubscribe_url(row) -> str:
    return reverse("search:unsubscribe", args=[saved.unsubscribe_token(row)])


def resubscribe_token(response) -> str:
    return response.context["resubscribe_token"]


def test_get_unsubscribes(client, row, caplog):
    with caplog.at_level(logging.INFO, logger="search.saved"):
        response = client.get(unsubscribe_url(row))

    body = response.content.decode()
    assert response.status_code == 200
    assert not SavedSearch.objects.filter(pk=row.pk).exists()
    assert "Vous ne recevrez plus cette alerte." in body
    assert "Me réabonner" in body
    assert f'action="{RESUBSCRIBE_URL}"' in body
    assert (
        f"Saved search unsubscribed: saved_search={row.pk} user={row.user_id} deleted=True"
        in caplog.messages
    )


def test_get_twice_says_already_deleted(client, row):
    url = unsubscribe_url(row)
    client.get(url)

    response = client.get(url)

    assert response.status_code == 200
    assert "Cette alerte était déjà supprimée." in response.content.decode()
    assert "Me réabonner" not in response.content.decode()


@pytest.mark.parametrize(
    "headers",
    [{"Sec-Purpose": "prefetch"}, {"Purpose": "prefetch"}, {"X-Moz": "prefetch"}],
)
def test_prefetch_does_not_unsubscribe(client, row, headers):
    response = client.get(unsubscribe_url(row), headers=headers)

    assert response.status_code == 200
    assert SavedSearch.objects.filter(pk=row.pk).exists()
    assert "Me désabonner" in response.content.decode()


def test_head_does_not_unsubscribe(client, row):
    response = client.head(unsubscribe_url(row))

    assert response.status_code == 200
    assert SavedSearch.objects.filter(pk=row.pk).exists()


def test_invalid_token_get(client, row):
    response = client.get(reverse("search:unsubscribe", args=["abc:def"]))

    assert response.status_code == 400
    assert "Ce lien de désabonnement n’est pas valide." in response.content.decode()
    assert SavedSearch.objects.filter(pk=row.pk).exists()


def test_resubscribe_restores_search(client, row, seeker):
    unsubscribed = client.get(unsubscribe_url(row))

    response = client.post(RESUBSCRIBE_URL, {"token": resubscribe_token(unsubscribed)})

    assert response.status_code == 200
    assert "Alerte rétablie" in response.content.decode()
    restored = SavedSearch.objects.get(user=seeker)
    assert restored.query_string == row.query_string
    assert restored.channel == SavedSearch.Channel.EMAIL
    assert restored.frequency == "weekly"


def test_resubscribe_twice_is_rejected(client, row, seeker):
    token = resubscribe_token(client.get(unsubscribe_url(row)))
    client.post(RESUBSCRIBE_URL, {"token": token})

    response = client.post(RESUBSCRIBE_URL, {"token": token})

    assert response.status_code == 400
    assert "Cette recherche est déjà enregistrée." in response.content.decode()
    assert SavedSearch.objects.filter(user=seeker).count() == 1


def test_resubscribe_tampered_token(client, row, seeker):
    token = resubscribe_token(client.get(unsubscribe_url(row)))

    response = client.post(RESUBSCRIBE_URL, {"token": token[:-2] + "xx"})

    assert response.status_code == 400
    assert "Ce bouton de réabonnement n’est pas valide." in response.content.decode()
    assert not SavedSearch.objects.filter(user=seeker).exists()


def test_resubscribe_expired_token(client, row, seeker, monkeypatch):
    token = resubscribe_token(client.get(unsubscribe_url(row)))
    monkeypatch.setattr(saved, "RESUBSCRIBE_MAX_AGE_SECONDS", -1)

    response = client.post(RESUBSCRIBE_URL, {"token": token})

    assert response.status_code == 400
    assert "Ce bouton de réabonnement a expiré" in response.content.decode()
    assert not SavedSearch.objects.filter(user=seeker).exists()


def test_resubscribe_rejects_get(client, row):
    assert client.get(RESUBSCRIBE_URL).status_code == 405


def test_unsubscribe_rejects_other_salt(client, row):
    # A token signed for another purpose, such as re-subscribing, cannot unsubscribe.
    forged = signing.dumps({"saved_search": row.pk, "user": row.user_id}, salt="other")

    response = client.get(reverse("search:unsubscribe", args=[forged]))

    assert response.status_code == 400
    assert SavedSearch.objects.filter(pk=row.pk).exists()
