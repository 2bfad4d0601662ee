import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from observatory.models import Placement
from seekers import services
from seekers.choices import ApplicationStatus as S
from seekers.choices import Visibility
from seekers.models import (
    Application,
    CompletedTraining,
    Consent,
    Experience,
    SeekerLanguage,
    SeekerProfile,
    SeekerSkill,
)
from seekers.profiles import export_data
from tests.cms.factories import OccupationFactory, SectorFactory, SkillFactory

from .factories import SeekerProfileFactory

pytestmark = pytest.mark.django_db

User = get_user_model()

# Fields that describe the record rather than the person, left out of the export on purpose.
NOT_PERSONAL = {"id", "user", "profile"}


def full_profile():
    profile = SeekerProfileFactory(
        education_level="bac",
        mobility="national",
        availability="immediate",
        visibility=Visibility.SEARCHABLE,
    )
    profile.desired_occupations.add(OccupationFactory())
    profile.desired_sectors.add(SectorFactory())
    SeekerSkill.objects.create(profile=profile, skill=SkillFactory(), level="expert")
    SeekerLanguage.objects.create(profile=profile, language="bm", spoken="fluent", written="basic")
    Experience.objects.create(
        profile=profile, title="Maraîcher", employer="Coopérative", start_date="2022-01-01"
    )
    CompletedTraining.objects.create(
        profile=profile, title="Compostage", organisation_name="CAP Ségou", year=2023
    )
    Consent.objects.create(user=profile.user, visibility=Visibility.SEARCHABLE)
    return profile


def test_export_contains_every_personal_field(client, offer, reviewer):
    profile = full_profile()
    user = profile.user
    services.apply(user, offer, "Mon message")
    client.force_login(user)

    response = client.get(reverse("seekers:export"))

    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    exported = data["profile"]
    for field in SeekerProfile._meta.get_fields():
        if field.name in NOT_PERSONAL or field.auto_created and not field.concrete:
            continue
        assert field.name in exported, field.name
    for name, model in (
        ("skills", SeekerSkill),
        ("languages", SeekerLanguage),
        ("experiences", Experience),
        ("trainings", CompletedTraining),
    ):
        item_fields = {f.name for f in model._meta.fields} - NOT_PERSONAL
        assert len(exported[name]) == 1
        assert item_fields <= set(exported[name][0]), name
    for name in ("email", "phone", "first_name", "last_name"):
        assert data["account"][name] == getattr(user, name)
    assert exported["date_of_birth"] == profile.date_of_birth.isoformat()
    assert exported["desired_occupations"] == [profile.desired_occupations.get().code]
    assert data["consents"][0]["visibility"] == Visibility.SEARCHABLE
    assert data["applications"][0]["message"] == "Mon message"
    assert data["applications"][0]["history"][0]["to"] == S.RECEIVED


def test_delete_account_anonymises_and_keeps_placement(
    client, offer, reviewer, django_capture_on_commit_callbacks
):
    profile = full_profile()
    user = profile.user
    application = services.apply(user, offer, "Mon message")
    for status in (S.IN_REVIEW, S.SHORTLISTED, S.INTERVIEW):
        services.change_status(reviewer, application.pk, status)
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(reviewer, application.pk, S.HIRED)
    cv_storage, cv_name = profile.cv.storage, profile.cv.name
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("seekers:delete_account"))

    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert not SeekerProfile.objects.exists()
    assert not Consent.objects.exists()
    assert not SeekerSkill.objects.exists()
    application.refresh_from_db()
    assert application.seeker is None
    assert application.message == ""
    assert not application.cv
    assert application.anonymised_at is not None
    assert application.status == S.HIRED
    assert not cv_storage.exists(cv_name)
    assert Placement.objects.count() == 1


def test_withdraw_consent_records_choice(client):
    profile = SeekerProfileFactory(visibility=Visibility.SEARCHABLE)
    client.force_login(profile.user)

    response = client.post(reverse("seekers:withdraw_consent"))

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.visibility == Visibility.APPLIED_ONLY
    consent = Consent.objects.get(user=profile.user)
    assert consent.visibility == Visibility.APPLIED_ONLY
    assert consent.recorded_by == profile.user


def test_export_without_profile(client):
    profile = SeekerProfileFactory()
    user = profile.user
    profile.delete()

    data = export_data(user)

    assert data["profile"] is None
    assert data["applications"] == []
    assert Application.objects.count() == 0
