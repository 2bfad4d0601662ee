"""Saved searches, their digests by e-mail and SMS, and the unsubscribe link."""

from __future__ import annotations

import logging
import re

import pytest
from django.core import mail
from django.http import QueryDict
from django.urls import reverse

from search import alerts, saved
from search.models import SavedSearch, SentAlert
from search.tasks import send_search_alerts
from tests.accounts.factories import UserFactory
from tests.cms.factories import make_offer, organisation_page

pytestmark = pytest.mark.django_db

SAVE_URL = reverse("search:save")
LIST_URL = reverse("search:saved")


@pytest.fixture(autouse=True)
def _database_backend(settings):
    settings.SEARCH_BACKEND = "database"
    settings.ELASTICSEARCH_URL = None


@pytest.fixture
def seeker():
    return UserFactory(seeker=True)


@pytest.fixture
def organisation():
    return organisation_page(name="Association Santé Plus")


def publish(committing, organisation, title: str, slug: str):
    with committing():
        return make_offer(organisation, title=title, slug=slug)


def save(user, query_string: str = "q=chauffeur", channel="email", frequency="daily"):
    return saved.save_search(user, QueryDict(query_string), channel, frequency)


# Saving, listing and deleting


def test_save_stores_normalised_params(client, seeker):
    client.force_login(seeker)

    response = client.post(
        SAVE_URL,
        {
            "params": "q=  chauffeur   Bamako &contract=cdd&kind=zzz&page=4&sort=newest",
            "channel": "email",
            "frequency": "weekly",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == LIST_URL
    row = SavedSearch.objects.get()
    assert row.user == seeker
    assert row.query_string == "contract=cdd&q=chauffeur+Bamako"
    assert row.channel == "email"
    assert row.frequency == "weekly"


def test_save_duplicate_rejected(seeker):
    save(seeker, "q=chauffeur&region=3")

    with pytest.raises(saved.SavedSearchError) as error:
        save(seeker, "region=3&q=chauffeur")

    assert str(error.value) == "Cette recherche est déjà enregistrée."
    assert SavedSearch.objects.count() == 1


def test_save_sms_needs_verified_phone(client, seeker):
    client.force_login(seeker)

    response = client.post(
        SAVE_URL, {"params": "q=chauffeur", "channel": "sms", "frequency": "daily"}, follow=True
    )

    assert SavedSearch.objects.count() == 0
    assert "Choisissez un canal et une fréquence valides." in response.content.decode()
    with pytest.raises(saved.SavedSearchError) as error:
        save(seeker, channel="sms")
    assert str(error.value) == (
        "Vérifiez d’abord votre numéro de téléphone pour recevoir les alertes par SMS."
    )


def test_save_sms_with_verified_phone(seeker):
    user = UserFactory(with_phone=True)

    row = save(user, channel="sms")

    assert row.channel == "sms"


def test_save_invalid_frequency(seeker):
    with pytest.raises(saved.SavedSearchError) as error:
        save(seeker, frequency="hourly")

    assert str(error.value) == "Choisissez une fréquence\u00a0: chaque jour ou chaque semaine."
    assert not SavedSearch.objects.exists()


def test_save_requires_login(client):
    response = client.post(SAVE_URL, {"params": "q=a", "channel": "email", "frequency": "daily"})

    assert response.status_code == 302
    assert "/comptes/" in response["Location"]
    assert not SavedSearch.objects.exists()


def test_search_page_offers_save_form(client, seeker):
    anonymous = client.get(reverse("search:search"), {"q": "chauffeur"}).content.decode()
    client.force_login(seeker)

    signed_in = client.get(reverse("search:search"), {"q": "chauffeur"}).content.decode()

    assert "Enregistrer cette recherche" not in anonymous
    assert "Enregistrer cette recherche" in signed_in
    assert 'value="q=chauffeur"' in signed_in
    # No verified phone, so no SMS choice.
    assert 'value="sms"' not in signed_in


def test_list_shows_only_own(client, seeker):
    save(seeker, "q=chauffeur")
    save(UserFactory(), "q=comptable")
    client.force_login(seeker)

    page = client.get(LIST_URL).content.decode()

    assert "« chauffeur »" in page
    assert "comptable" not in page


def test_delete_own(client, seeker):
    row = save(seeker)
    client.force_login(seeker)

    response = client.post(reverse("search:delete_saved", args=[row.pk]))

    assert response.status_code == 302
    assert not SavedSearch.objects.exists()


def test_delete_other_is_404(client, seeker):
    other = save(UserFactory())
    client.force_login(seeker)

    response = client.post(reverse("search:delete_saved", args=[other.pk]))

    assert response.status_code == 404
    assert SavedSearch.objects.filter(pk=other.pk).exists()


# Unsubscribe link


def test_unsubscribe_one_click_post(client, seeker):
    row = save(seeker)
    url = reverse("search:unsubscribe", args=[saved.unsubscribe_token(row)])

    # RFC 8058: the mail client POSTs List-Unsubscribe=One-Click, with no session or cookie.
    response = client.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert "Vous ne recevrez plus cette alerte." in response.content.decode()
    assert not SavedSearch.objects.filter(pk=row.pk).exists()


def test_unsubscribe_tampered_token(client, seeker):
    row = save(seeker)
    token = saved.unsubscribe_token(row)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    response = client.post(reverse("search:unsubscribe", args=[tampered]))

    assert response.status_code == 400
    assert "Ce lien de désabonnement n’est pas valide." in response.content.decode()
    assert SavedSearch.objects.filter(pk=row.pk).exists()


# Digests


def test_digest_sends_new_matches_only(committing, seeker, organisation, caplog):
    publish(committing, organisation, "Chauffeur ancien", "ancien")
    row = save(seeker, "q=chauffeur")
    new = publish(committing, organisation, "Chauffeur de direction", "nouveau")
    publish(committing, organisation, "Comptable principal", "comptable")

    with caplog.at_level(logging.INFO, logger="search.alerts"):
        counts = send_search_alerts("daily")

    assert counts == {"searches": 1, "emails": 1, "sms": 0, "offers": 1, "failed": 0}
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [seeker.email]
    assert "1 nouvelle offre pour votre recherche" in message.subject
    assert "Chauffeur de direction" in message.body
    assert "Association Santé Plus" in message.body
    assert "Chauffeur ancien" not in message.body
    assert "Comptable" not in message.body
    token = re.search(r"/recherche/desabonnement/([^/]+)/", message.body).group(1)
    assert saved.unsubscribe(token) is True
    assert list(SentAlert.objects.values_list("user_id", "page_id")) == [(seeker.pk, new.pk)]
    assert not SavedSearch.objects.filter(pk=row.pk).exists()
    assert (
        "Search alerts run: frequency=daily searches=1 emails=1 sms=0 offers=1 failed=0"
        in caplog.messages
    )


def test_digest_each_offer_once(committing, seeker, organisation):
    save(seeker, "q=chauffeur")
    first = publish(committing, organisation, "Chauffeur de direction", "premier")

    send_search_alerts("daily")
    second = publish(committing, organisation, "Chauffeur poids lourds", "second")
    send_search_alerts("daily")
    again = send_search_alerts("daily")

    assert len(mail.outbox) == 2
    assert "Chauffeur de direction" in mail.outbox[0].body
    assert "Chauffeur de direction" not in mail.outbox[1].body
    assert "Chauffeur poids lourds" in mail.outbox[1].body
    assert again["emails"] == 0
    assert again["offers"] == 0
    assert sorted(SentAlert.objects.values_list("page_id", flat=True)) == [first.pk, second.pk]


def test_digest_once_per_seeker_across_searches(committing, seeker, organisation):
    save(seeker, "q=chauffeur")
    save(seeker, "q=direction")
    publish(committing, organisation, "Chauffeur de direction", "direction")

    counts = alerts.send_digests("daily")

    assert counts["emails"] == 1
    assert counts["offers"] == 1
    assert SentAlert.objects.count() == 1


def test_digest_frequency_filter(committing, seeker, organisation):
    save(seeker, "q=chauffeur", frequency="weekly")
    publish(committing, organisation, "Chauffeur de direction", "direction")

    daily = send_search_alerts("daily")
    weekly = send_search_alerts("weekly")

    assert daily["searches"] == 0
    assert weekly["emails"] == 1
    assert len(mail.outbox) == 1


def test_digest_sms_channel(committing, organisation, sms_outbox):
    user = UserFactory(with_phone=True)
    save(user, "q=chauffeur", channel="sms")
    publish(committing, organisation, "Chauffeur de direction", "un")
    publish(committing, organisation, "Chauffeur poids lourds", "deux")

    counts = send_search_alerts("daily")

    assert counts["sms"] == 1
    assert mail.outbox == []
    assert [message.to for message in sms_outbox] == [user.phone]
    assert sms_outbox[0].body.startswith(
        "Job Cluster\u00a0: 2 nouvelles offres pour votre recherche. http"
    )
    assert "/recherche/?q=chauffeur" in sms_outbox[0].body
    assert SentAlert.objects.filter(user=user).count() == 2


def test_digest_failed_send_retries(committing, seeker, organisation, monkeypatch):
    save(seeker, "q=chauffeur")
    publish(committing, organisation, "Chauffeur de direction", "direction")

    def fail(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(alerts, "_send_email", fail)
    failed = send_search_alerts("daily")
    monkeypatch.undo()
    retried = send_search_alerts("daily")

    assert failed["failed"] == 1
    assert retried["emails"] == 1
    assert SentAlert.objects.count() == 1
    assert len(mail.outbox) == 1


def test_list_page_empty(client, seeker):
    client.force_login(seeker)
    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert "Vous n’avez aucune recherche enregistrée." in response.content.decode()
