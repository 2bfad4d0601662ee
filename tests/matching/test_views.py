"""The matching screens: a seeker's recommendations, an offer's suggested candidates, the links."""

import pytest
from django.urls import reverse

from matching import catalogue
from seekers.choices import ApplicationKind, ApplicationStatus, Mobility, SkillLevel, Visibility
from seekers.models import Application, CompletedTraining, SeekerSkill
from tests.accounts.factories import UserFactory
from tests.cms.factories import (
    CercleFactory,
    CommuneFactory,
    RegionFactory,
    SkillFactory,
    make_offer,
    make_training,
    organisation_page,
)
from tests.organisations.factories import MembershipFactory, activate_totp
from tests.seekers.factories import SeekerProfileFactory

pytestmark = pytest.mark.django_db

RECOMMENDATIONS = reverse("matching:recommendations")


@pytest.fixture(autouse=True)
def _fresh_catalogue():
    """Drop the engine cached by an earlier test, whose offers are gone."""
    catalogue.clear()
    yield
    catalogue.clear()


@pytest.fixture
def world():
    """Two offers in Bamako, a training that teaches B, another that teaches C, two seekers.

    Awa has skill A, and skill B through the completed training, and lets NGOs find her. Fanta
    has only C and lets only the NGOs she applies to see her profile.
    """
    bamako = RegionFactory(code="ML09", name="Bamako")
    commune = CommuneFactory(cercle=CercleFactory(region=bamako), name="Commune IV")
    where = {"region": bamako, "cercle": commune.cercle, "commune": commune}
    skills = {
        "A": SkillFactory(name="Conduite de réunions villageoises"),
        "B": SkillFactory(name="Suivi des cultures maraîchères"),
        "C": SkillFactory(name="Tenue d’une comptabilité simple"),
    }
    parent = organisation_page(name="Association Jigiya")
    first = make_offer(
        parent,
        slug="animateur",
        title="Animateur agricole",
        skills=[skills["A"], skills["B"]],
        **where,
    )
    second = make_offer(
        parent, slug="comptable", title="Aide-comptable", skills=[skills["C"]], **where
    )
    maraichage = make_training(
        parent, slug="maraichage", title="Maraîchage et irrigation", skills=[skills["B"]], **where
    )
    comptabilite = make_training(
        parent,
        slug="comptabilite",
        title="Comptabilité des petites structures",
        skills=[skills["C"]],
        **where,
    )

    awa = SeekerProfileFactory(
        user=UserFactory(first_name="Awa", last_name="Diarra", email="awa@example.ml"),
        region=bamako,
        cercle=commune.cercle,
        commune=commune,
        visibility=Visibility.SEARCHABLE,
    )
    SeekerSkill.objects.create(profile=awa, skill=skills["A"], level=SkillLevel.ADVANCED)
    CompletedTraining.objects.create(profile=awa, training=maraichage, title="", year=2025)

    fanta = SeekerProfileFactory(
        user=UserFactory(first_name="Fanta", last_name="Keïta", email="fanta@example.ml"),
        region=bamako,
        cercle=commune.cercle,
        commune=commune,
        visibility=Visibility.APPLIED_ONLY,
    )
    SeekerSkill.objects.create(profile=fanta, skill=skills["C"], level=SkillLevel.EXPERT)
    return {
        "skills": skills,
        "parent": parent,
        "first": first,
        "second": second,
        "maraichage": maraichage,
        "comptabilite": comptabilite,
        "awa": awa,
        "fanta": fanta,
    }


def member_of(parent):
    return MembershipFactory(organisation=parent.organisation).user


# A seeker's recommendations


def test_recommendations_redirect_anonymous(client):
    response = client.get(RECOMMENDATIONS)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_recommendations_forbidden_to_other_roles(client, world):
    editor = activate_totp(UserFactory(editor=True))
    analyst = activate_totp(UserFactory(analyst=True))
    for user in (member_of(world["parent"]), editor, analyst):
        client.force_login(user)
        assert client.get(RECOMMENDATIONS).status_code == 403


def test_recommendations_explained(client, world):
    client.force_login(world["awa"].user)

    response = client.get(RECOMMENDATIONS)

    assert response.status_code == 200
    offers = {offer.slug: explanation for offer, explanation in response.context["offers"]}
    first = offers["animateur"]
    assert [skill.name for skill in first.matched] == [
        "Conduite de réunions villageoises",
        "Suivi des cultures maraîchères",
    ]
    assert [skill.training_label for skill in first.matched] == ["", "Maraîchage et irrigation"]
    assert first.missing == []
    assert first.distance_km == 0
    assert offers["comptable"].missing == ["Tenue d’une comptabilité simple"]

    content = response.content.decode()
    assert "grâce à la formation «\u00a0Maraîchage et irrigation\u00a0»" in content
    assert "Compétences manquantes" in content
    assert "0 km entre les deux communes" in content


def test_recommendations_are_the_seekers_own(client, world):
    client.force_login(world["fanta"].user)

    response = client.get(RECOMMENDATIONS)

    offers = {offer.slug: explanation for offer, explanation in response.context["offers"]}
    assert [skill.name for skill in offers["comptable"].matched] == [
        "Tenue d’une comptabilité simple"
    ]
    # Awa's completed training supplies none of Fanta's skills.
    assert all(not skill.training_label for item in offers.values() for skill in item.matched)
    assert "grâce à la formation" not in response.content.decode()


def test_recommendations_skip_applied_offer(client, world):
    Application.objects.create(
        seeker=world["awa"].user,
        offer=world["first"],
        organisation=world["parent"].organisation,
        kind=ApplicationKind.PLATFORM,
        status=ApplicationStatus.RECEIVED,
    )
    client.force_login(world["awa"].user)

    response = client.get(RECOMMENDATIONS)

    slugs = [offer.slug for offer, _explanation in response.context["offers"]]
    assert slugs == ["comptable"]


def test_recommendations_without_profile(client, world):
    client.force_login(UserFactory())

    response = client.get(RECOMMENDATIONS)

    assert response.status_code == 200
    assert "Vous n’avez pas encore de profil" in response.content.decode()


def test_training_suggestion_shown(client, world):
    client.force_login(world["awa"].user)

    response = client.get(RECOMMENDATIONS)

    suggestions = response.context["trainings"]
    assert [item.training.slug for item in suggestions] == ["comptabilite"]
    assert [skill.name for skill in suggestions[0].skills] == ["Tenue d’une comptabilité simple"]
    content = response.content.decode()
    assert "Comptabilité des petites structures" in content
    assert "Elle vous rapprocherait de 1 offre ouverte près de chez vous." in content


# An offer's suggested candidates


def suggested_url(offer):
    return reverse("matching:suggested_candidates", args=[offer.pk])


def test_suggested_candidates_redirect_anonymous(client, world):
    response = client.get(suggested_url(world["first"]))

    assert response.status_code == 302


def test_suggested_candidates_hidden_from_others(client, world):
    others = [
        world["awa"].user,
        member_of(organisation_page(name="Autre ONG")),
        activate_totp(UserFactory(editor=True)),
        activate_totp(UserFactory(analyst=True)),
    ]
    for user in others:
        client.force_login(user)
        assert client.get(suggested_url(world["first"])).status_code == 404


def test_suggested_candidates_respect_consent(client, world):
    client.force_login(member_of(world["parent"]))

    response = client.get(suggested_url(world["second"]))

    assert response.status_code == 200
    candidates = response.context["candidates"]
    # Fanta has the offer's skill but lets only the NGOs she applies to see her profile.
    assert len(candidates) == 1
    assert candidates[0].skills == ["Conduite de réunions villageoises (Confirmé)"]
    content = response.content.decode()
    assert "Tenue d’une comptabilité simple (Expert)" not in content


def test_suggested_candidates_show_no_identity(client, world):
    client.force_login(member_of(world["parent"]))

    response = client.get(suggested_url(world["first"]))

    content = response.content.decode()
    assert "Candidat 1" in content
    assert "grâce à la formation «\u00a0Maraîchage et irrigation\u00a0»" in content
    for private in ("Awa", "Diarra", "awa@example.ml", "cv.pdf"):
        assert private not in content
    candidate = response.context["candidates"][0]
    assert candidate.trainings == ["Maraîchage et irrigation"]
    # The reasons address the seeker, so the organisation does not get them.
    assert candidate.explanation.reasons == []


def test_suggested_candidates_mobility_in_third_person(client, world):
    world["awa"].mobility = Mobility.CERCLE
    world["awa"].save()
    client.force_login(member_of(world["parent"]))

    response = client.get(suggested_url(world["first"]))

    content = response.content.decode()
    assert "Dans son cercle" in content
    assert "Dans mon cercle" not in content


def test_suggested_candidates_skip_applicants(client, world):
    Application.objects.create(
        seeker=world["awa"].user,
        offer=world["first"],
        organisation=world["parent"].organisation,
        kind=ApplicationKind.PLATFORM,
        status=ApplicationStatus.RECEIVED,
    )
    client.force_login(member_of(world["parent"]))

    response = client.get(suggested_url(world["first"]))

    assert response.context["candidates"] == []


def test_suggested_candidates_need_verified_organisation(client, world):
    organisation = world["parent"].organisation
    member = member_of(world["parent"])
    type(organisation).objects.filter(pk=organisation.pk).update(
        status=type(organisation).Status.PENDING
    )
    client.force_login(member)

    assert client.get(suggested_url(world["first"])).status_code == 404


# Links to the screens


def test_inbox_links_to_suggested_candidates(client, world):
    client.force_login(member_of(world["parent"]))

    response = client.get(reverse("inbox:offer", args=[world["first"].pk]))

    assert f'href="{suggested_url(world["first"])}"' in response.content.decode()


def test_seeker_dashboard_links_to_recommendations(client, world):
    client.force_login(world["awa"].user)

    response = client.get(reverse("accounts:dashboard"))

    assert f'href="{RECOMMENDATIONS}"' in response.content.decode()


def test_profile_links_to_recommendations(client, world):
    client.force_login(world["awa"].user)

    response = client.get(reverse("seekers:profile"))

    assert f'href="{RECOMMENDATIONS}"' in response.content.decode()
