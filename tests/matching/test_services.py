"""The matching service: recommended offers, suggested candidates and trainings, explained."""

import datetime
from decimal import Decimal

import pytest

from cms.choices import EducationLevel
from cms.time import bamako_today
from matching import catalogue
from matching.models import Recommendation
from matching.services import (
    recommend_offers,
    recommend_trainings,
    suggest_candidates,
)
from seekers.choices import ApplicationKind, ApplicationStatus, SkillLevel, Visibility
from seekers.models import Application, CompletedTraining, SeekerProfile, SeekerSkill
from tests.cms.factories import (
    CommuneFactory,
    OccupationFactory,
    SkillFactory,
    make_offer,
    make_training,
    organisation_page,
)
from tests.seekers.factories import SeekerProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_catalogue():
    catalogue.clear()
    yield
    catalogue.clear()


@pytest.fixture
def org_page():
    return organisation_page()


@pytest.fixture
def bamako():
    return CommuneFactory(latitude=Decimal("12.65"), longitude=Decimal("-8.0"))


@pytest.fixture
def skills():
    return {name: SkillFactory(name=name) for name in ("Comptabilité", "Paie", "Audit", "Soins")}


def give_skills(profile, *skills):
    for skill in skills:
        SeekerSkill.objects.create(profile=profile, skill=skill, level=SkillLevel.ADVANCED)


def apply_to(profile, offer, status=ApplicationStatus.RECEIVED):
    return Application.objects.create(
        seeker=profile.user,
        offer=offer,
        organisation=offer.organisation,
        kind=ApplicationKind.PLATFORM,
        status=status,
    )


def place(commune):
    return {"commune": commune, "cercle": commune.cercle, "region": commune.cercle.region}


def accountant_offer(org_page, commune, skills, **overrides):
    offer = make_offer(
        org_page,
        title="Comptable de projet",
        description="Tenue de la comptabilité et de la paie du projet.",
        **place(commune),
        **overrides,
    )
    offer.skills.set([skills["Comptabilité"], skills["Paie"], skills["Audit"]])
    offer.save_revision().publish()
    return offer


def test_explanation_lists_exactly_matched_skills(org_page, bamako, skills):
    offer = accountant_offer(org_page, bamako, skills)
    profile = SeekerProfileFactory(commune=bamako)
    give_skills(profile, skills["Comptabilité"], skills["Soins"])
    training = make_training(org_page, title="Gestion de la paie")
    training.skills.set([skills["Paie"]])
    training.save_revision().publish()
    CompletedTraining.objects.create(profile=profile, training=training)

    [recommendation] = recommend_offers(profile)

    assert recommendation.offer.pk == offer.pk
    explanation = recommendation.explanation
    assert {s.name for s in explanation.matched_skills} == {"Comptabilité", "Paie"}
    assert [s.name for s in explanation.missing_skills] == ["Audit"]
    assert [(s.skill.name, s.training_label) for s in explanation.from_trainings] == [
        ("Paie", "Gestion de la paie")
    ]
    assert explanation.distance_km == 0.0


def test_closed_expired_and_applied_offers_excluded(org_page, bamako, skills):
    kept = accountant_offer(org_page, bamako, skills)
    applied = accountant_offer(org_page, bamako, skills)
    draft = make_offer(org_page, live=False, title="Comptable")
    expired = accountant_offer(org_page, bamako, skills)
    expired.expired = True
    expired.save(update_fields=["expired"])
    past = accountant_offer(org_page, bamako, skills)
    type(past).objects.filter(pk=past.pk).update(
        closing_date=bamako_today() - datetime.timedelta(days=1)
    )
    profile = SeekerProfileFactory(commune=bamako)
    give_skills(profile, skills["Comptabilité"])
    apply_to(profile, applied)

    offered = [r.offer.pk for r in recommend_offers(profile, limit=10)]

    assert offered == [kept.pk]
    assert draft.pk not in offered


def test_stored_rows_filtered_at_read(org_page, bamako, skills):
    offer = accountant_offer(org_page, bamako, skills)
    other = accountant_offer(org_page, bamako, skills)
    profile = SeekerProfileFactory(commune=bamako)
    give_skills(profile, skills["Comptabilité"])
    now = datetime.datetime.now(tz=datetime.UTC)
    for page in (offer, other):
        Recommendation.objects.create(
            profile=profile, offer=page, score=0.9, explanation={"matched": []}, computed_at=now
        )
    apply_to(profile, offer)

    offered = [r.offer.pk for r in recommend_offers(profile, limit=1)]

    assert offered == [other.pk]


def test_empty_profile_gets_nearest_offers(org_page, bamako, skills):
    far = CommuneFactory(latitude=Decimal("16.27"), longitude=Decimal("-0.04"))
    distant = accountant_offer(org_page, far, skills)
    near = accountant_offer(org_page, bamako, skills)
    profile = SeekerProfileFactory(commune=bamako)

    recommendations = recommend_offers(profile)

    assert [r.offer.pk for r in recommendations] == [near.pk, distant.pk]
    assert recommendations[0].explanation.matched_skills == []
    assert "Complétez votre profil" in recommendations[0].explanation.reasons[0]


def test_unsaved_profile_gets_offers(org_page, bamako, skills):
    offer = accountant_offer(org_page, bamako, skills)

    recommendations = recommend_offers(SeekerProfile(user=SeekerProfileFactory().user))

    assert [r.offer.pk for r in recommendations] == [offer.pk]


def test_offer_without_skills_recommended(org_page, bamako, skills):
    occupation = OccupationFactory(name="Comptable")
    offer = make_offer(org_page, title="Comptable", occupation=occupation, **place(bamako))
    profile = SeekerProfileFactory(commune=bamako)
    profile.desired_occupations.add(occupation)

    [recommendation] = recommend_offers(profile)

    assert recommendation.offer.pk == offer.pk
    assert recommendation.explanation.matched_skills == []
    assert "L’offre ne précise pas de compétences." in recommendation.explanation.reasons


def test_better_match_ranks_first(org_page, bamako, skills):
    nurse = make_offer(org_page, title="Infirmier", description="Soins aux patients.")
    nurse.skills.set([skills["Soins"]])
    nurse.save_revision().publish()
    accountant = accountant_offer(org_page, bamako, skills, education_level=EducationLevel.BAC)
    profile = SeekerProfileFactory(commune=bamako, education_level=EducationLevel.LICENCE)
    give_skills(profile, skills["Comptabilité"], skills["Paie"])

    recommendations = recommend_offers(profile)

    assert [r.offer.pk for r in recommendations] == [accountant.pk, nurse.pk]
    assert recommendations[0].score > recommendations[1].score
    assert (
        "Votre niveau d’études correspond au niveau demandé."
        in recommendations[0].explanation.reasons
    )


def test_candidates_respect_consent(org_page, bamako, skills):
    offer = accountant_offer(org_page, bamako, skills)
    searchable = SeekerProfileFactory(commune=bamako, visibility=Visibility.SEARCHABLE)
    private = SeekerProfileFactory(commune=bamako, visibility=Visibility.APPLIED_ONLY)
    applicant = SeekerProfileFactory(commune=bamako, visibility=Visibility.SEARCHABLE)
    inactive = SeekerProfileFactory(commune=bamako, visibility=Visibility.SEARCHABLE)
    inactive.user.is_active = False
    inactive.user.save()
    for profile in (searchable, private, applicant, inactive):
        give_skills(profile, skills["Comptabilité"], skills["Paie"])
    apply_to(applicant, offer)

    suggestions = suggest_candidates(offer)

    assert [s.profile.pk for s in suggestions] == [searchable.pk]
    assert {s.name for s in suggestions[0].explanation.matched_skills} == {"Comptabilité", "Paie"}


def test_training_suggested_for_lacking_skill(org_page, bamako, skills):
    for _ in range(2):
        accountant_offer(org_page, bamako, skills)
    audit = make_training(org_page, title="Audit interne")
    audit.skills.set([skills["Audit"]])
    audit.save_revision().publish()
    unrelated = make_training(org_page, title="Soins infirmiers")
    unrelated.skills.set([skills["Soins"]])
    unrelated.save_revision().publish()
    profile = SeekerProfileFactory(commune=bamako)
    give_skills(profile, skills["Comptabilité"])

    suggestions = recommend_trainings(profile)

    assert [s.training.pk for s in suggestions] == [audit.pk]
    assert [s.name for s in suggestions[0].skills] == ["Audit"]
    assert suggestions[0].opened_offers == 2


def test_deleted_skill_left_out_of_explanation(org_page, bamako, skills):
    offer = accountant_offer(org_page, bamako, skills)
    profile = SeekerProfileFactory(commune=bamako)
    now = datetime.datetime.now(tz=datetime.UTC)
    gone = SkillFactory()
    gone_id = gone.pk
    gone.delete()
    Recommendation.objects.create(
        profile=profile,
        offer=offer,
        score=0.5,
        explanation={"matched": [gone_id, skills["Paie"].pk], "missing": [gone_id]},
        computed_at=now,
    )

    [recommendation] = recommend_offers(profile, limit=1)

    assert [s.name for s in recommendation.explanation.matched_skills] == ["Paie"]
    assert recommendation.explanation.missing_skills == []


def test_offer_closed_after_engine_build_excluded(org_page, bamako, skills):
    kept = accountant_offer(org_page, bamako, skills)
    closed = accountant_offer(org_page, bamako, skills)
    profile = SeekerProfileFactory(commune=bamako)
    give_skills(profile, skills["Comptabilité"])
    assert {r.offer.pk for r in recommend_offers(profile)} == {kept.pk, closed.pk}

    closed.unpublish()

    assert [r.offer.pk for r in recommend_offers(profile)] == [kept.pk]
