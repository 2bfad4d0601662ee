"""Stored recommendations: batch, incremental updates, stored ranker and its fallback."""

import datetime
import logging
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from django.conf import settings

from cms import services as cms_services
from cms.time import bamako_today
from matching import batch, catalogue, ranker
from matching.engine import FEATURE_SCHEMA_VERSION, Ranker
from matching.models import RankerModel, Recommendation
from seekers.choices import SkillLevel
from seekers.models import SeekerSkill
from tests.cms.factories import CommuneFactory, SkillFactory, make_offer, organisation_page
from tests.seekers.factories import SeekerProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_catalogue():
    catalogue.clear()
    yield
    catalogue.clear()


@pytest.fixture
def commune():
    return CommuneFactory(latitude=Decimal("12.65"), longitude=Decimal("-8.0"))


@pytest.fixture
def org_page():
    return organisation_page()


def offer_with(org_page, commune, *skills):
    offer = make_offer(
        org_page, commune=commune, cercle=commune.cercle, region=commune.cercle.region
    )
    offer.skills.set(skills)
    offer.save_revision().publish()
    return offer


def test_batch_stores_rows_with_explanations(org_page, commune):
    skill = SkillFactory(name="Comptabilité")
    offer = offer_with(org_page, commune, skill)
    profile = SeekerProfileFactory(commune=commune)
    SeekerSkill.objects.create(profile=profile, skill=skill, level=SkillLevel.EXPERT)

    written = batch.compute_recommendations()

    row = Recommendation.objects.get(profile=profile)
    assert written == 1
    assert row.offer_id == offer.pk
    assert row.explanation["matched"] == [skill.pk]
    assert row.ranker_version is None


def test_skill_change_updates_after_commit(org_page, commune, django_capture_on_commit_callbacks):
    skill = SkillFactory()
    offer = offer_with(org_page, commune, skill)
    profile = SeekerProfileFactory(commune=commune)
    batch.compute_recommendations()
    assert Recommendation.objects.get(profile=profile).explanation["matched"] == []

    with django_capture_on_commit_callbacks(execute=True):
        SeekerSkill.objects.create(profile=profile, skill=skill, level=SkillLevel.BEGINNER)

    row = Recommendation.objects.get(profile=profile, offer=offer)
    assert row.explanation["matched"] == [skill.pk]


def test_expired_offer_removed_from_stored_rows(
    org_page, commune, django_capture_on_commit_callbacks
):
    offer = offer_with(org_page, commune, SkillFactory())
    profile = SeekerProfileFactory(commune=commune)
    batch.compute_recommendations()
    assert Recommendation.objects.filter(profile=profile, offer=offer).exists()
    type(offer).objects.filter(pk=offer.pk).update(
        closing_date=bamako_today() - datetime.timedelta(days=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        cms_services.expire_closed_offers()

    assert not Recommendation.objects.filter(offer=offer).exists()


def test_published_offer_enters_lists(org_page, commune, django_capture_on_commit_callbacks):
    skill = SkillFactory()
    profile = SeekerProfileFactory(commune=commune)
    SeekerSkill.objects.create(profile=profile, skill=skill, level=SkillLevel.EXPERT)

    with django_capture_on_commit_callbacks(execute=True):
        offer = offer_with(org_page, commune, skill)

    row = Recommendation.objects.get(profile=profile, offer=offer)
    assert row.explanation["matched"] == [skill.pk]


def stored_ranker():
    weights = np.linspace(0.1, 1.6, 16).astype(np.float32)
    return ranker.save_ranker(Ranker(weights=weights, intercept=-2.0, learned=True), {})


def test_stored_ranker_loaded():
    record = stored_ranker()

    loaded = ranker.load_ranker()

    assert loaded.learned
    assert loaded.version == record.version
    assert loaded.intercept == pytest.approx(-2.0)


def test_missing_model_file_falls_back(caplog):
    record = stored_ranker()
    (Path(settings.MEDIA_ROOT) / record.file_path).unlink()

    with caplog.at_level(logging.WARNING, logger="matching.ranker"):
        loaded = ranker.load_ranker()

    assert not loaded.learned
    assert f"Ranker skipped, file unreadable: version={record.version}" in caplog.text


def test_older_schema_falls_back(caplog):
    record = stored_ranker()
    RankerModel.objects.filter(pk=record.pk).update(
        feature_schema_version=FEATURE_SCHEMA_VERSION - 1
    )

    with caplog.at_level(logging.WARNING, logger="matching.ranker"):
        loaded = ranker.load_ranker()

    assert not loaded.learned
    assert "feature schema" in caplog.text


def test_recommendations_survive_missing_model(org_page, commune):
    from matching.services import recommend_offers

    skill = SkillFactory()
    offer = offer_with(org_page, commune, skill)
    profile = SeekerProfileFactory(commune=commune)
    SeekerSkill.objects.create(profile=profile, skill=skill, level=SkillLevel.EXPERT)
    record = stored_ranker()
    (Path(settings.MEDIA_ROOT) / record.file_path).unlink()

    assert [r.offer.pk for r in recommend_offers(profile)] == [offer.pk]


def test_versions_increase():
    first = stored_ranker()
    second = stored_ranker()

    assert second.version == first.version + 1
    assert first.sha256 == second.sha256


def test_train_command_needs_interactions():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="Not trained: 0 positive interactions from 0 seekers"):
        call_command("train_matching", "--apply")

    assert not RankerModel.objects.exists()


def test_training_twice_stores_same_model(org_page, commune):
    from seekers.choices import ApplicationKind, ApplicationStatus
    from seekers.models import Application

    skills = [SkillFactory() for _ in range(4)]
    offers = [offer_with(org_page, commune, skills[i % 4]) for i in range(12)]
    statuses = [ApplicationStatus.RECEIVED, ApplicationStatus.SHORTLISTED, ApplicationStatus.HIRED]
    for number in range(ranker.MIN_POSITIVE_SEEKERS + 5):
        profile = SeekerProfileFactory(commune=commune)
        SeekerSkill.objects.create(
            profile=profile, skill=skills[number % 4], level=SkillLevel.EXPERT
        )
        for index in range(6):
            offer = offers[(number + index) % len(offers)]
            Application.objects.create(
                seeker=profile.user,
                offer=offer,
                organisation=offer.organisation,
                kind=ApplicationKind.PLATFORM,
                status=statuses[(number + index) % 3],
            )

    first = RankerModel.objects.get(version=batch.train_from_database(apply=True)["version"])
    second = RankerModel.objects.get(version=batch.train_from_database(apply=True)["version"])

    assert second.version == first.version + 1
    assert first.sha256 == second.sha256
    assert ranker.load_ranker().version == second.version
