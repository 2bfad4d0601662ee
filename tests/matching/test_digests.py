"""The "recommended for you" block of the saved-search digests."""

import logging

import pytest
from django.core import mail
from django.http import QueryDict

from matching import catalogue, services
from search import saved
from search.models import SentAlert
from search.tasks import send_search_alerts
from seekers.choices import SkillLevel
from seekers.models import SeekerSkill
from tests.accounts.factories import UserFactory
from tests.cms.factories import SkillFactory, make_offer, organisation_page
from tests.seekers.factories import SeekerProfileFactory

pytestmark = pytest.mark.django_db

BLOCK_TITLE = "Recommandé pour vous, d’après votre profil\u00a0:"


@pytest.fixture(autouse=True)
def _database_backend(settings):
    settings.SEARCH_BACKEND = "database"
    settings.ELASTICSEARCH_URL = None


@pytest.fixture(autouse=True)
def _fresh_catalogue():
    catalogue.clear()
    yield
    catalogue.clear()


@pytest.fixture
def skill():
    return SkillFactory(name="Conduite de réunions villageoises")


@pytest.fixture
def parent():
    return organisation_page(name="Association Jigiya")


@pytest.fixture
def publish(django_capture_on_commit_callbacks, parent, skill):
    """Publish an offer asking for `skill` and index it, as the on-commit task does."""

    def run(title: str, slug: str):
        with django_capture_on_commit_callbacks(execute=True):
            return make_offer(parent, title=title, slug=slug, skills=[skill])

    return run


def seeker_with_skill(skill, **user_fields):
    profile = SeekerProfileFactory(user=UserFactory(**user_fields))
    SeekerSkill.objects.create(profile=profile, skill=skill, level=SkillLevel.INTERMEDIATE)
    return profile.user


def save(user, query_string="q=chauffeur", channel="email"):
    return saved.save_search(user, QueryDict(query_string), channel, "daily")


def block_of(body: str) -> str:
    """Return the recommendations block of a digest, empty when it has none."""
    if BLOCK_TITLE not in body:
        return ""
    return body.split(BLOCK_TITLE)[1].split("Voir tous les résultats")[0]


def test_digest_adds_recommendations_once(publish, skill):
    user = seeker_with_skill(skill)
    save(user)
    hit = publish("Chauffeur de direction", "chauffeur")
    other = publish("Animateur agricole", "animateur")

    send_search_alerts("daily")

    body = mail.outbox[0].body
    block = block_of(body)
    assert "Animateur agricole" in block
    assert "Association Jigiya" in block
    assert "Compétences en commun\u00a0: Conduite de réunions villageoises" in block
    # The hit of the saved search is listed once, above the block, never again in it.
    assert body.count("Chauffeur de direction") == 1
    assert "Chauffeur de direction" not in block
    sent = sorted(SentAlert.objects.filter(user=user).values_list("page_id", flat=True))
    assert sent == sorted([hit.pk, other.pk])


def test_next_digest_does_not_repeat(publish, skill):
    user = seeker_with_skill(skill)
    save(user)
    publish("Chauffeur de direction", "chauffeur")
    publish("Animateur agricole", "animateur")
    send_search_alerts("daily")
    publish("Chauffeur poids lourds", "poids-lourds")

    send_search_alerts("daily")

    assert len(mail.outbox) == 2
    assert "Animateur agricole" not in mail.outbox[1].body
    assert "Chauffeur de direction" not in mail.outbox[1].body


def test_digest_without_profile_has_no_block(publish):
    user = UserFactory()
    save(user)
    publish("Chauffeur de direction", "chauffeur")
    publish("Animateur agricole", "animateur")

    send_search_alerts("daily")

    assert BLOCK_TITLE not in mail.outbox[0].body
    assert SentAlert.objects.filter(user=user).count() == 1


def test_sms_digest_has_no_recommendations(publish, skill, sms_outbox):
    user = seeker_with_skill(skill, with_phone=True)
    save(user, channel="sms")
    hit = publish("Chauffeur de direction", "chauffeur")
    publish("Animateur agricole", "animateur")

    send_search_alerts("daily")

    assert len(sms_outbox) == 1
    assert "Animateur" not in sms_outbox[0].body
    assert list(SentAlert.objects.filter(user=user).values_list("page_id", flat=True)) == [hit.pk]


def test_recommender_failure_keeps_digest(publish, skill, monkeypatch, caplog):
    user = seeker_with_skill(skill)
    save(user)
    publish("Chauffeur de direction", "chauffeur")
    publish("Animateur agricole", "animateur")

    def fail(*args, **kwargs):
        raise OSError("model file unreadable")

    monkeypatch.setattr(services, "recommend_offers", fail)
    with caplog.at_level(logging.ERROR, logger="matching.digests"):
        counts = send_search_alerts("daily")

    assert counts["emails"] == 1
    assert "Chauffeur de direction" in mail.outbox[0].body
    assert BLOCK_TITLE not in mail.outbox[0].body
    assert SentAlert.objects.filter(user=user).count() == 1
    assert any(
        message.startswith("Digest recommendations failed: saved_search=")
        and message.endswith("error=OSError")
        for message in caplog.messages
    )
