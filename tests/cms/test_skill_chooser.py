"""The skills chooser: the search endpoint, and forms that render only the chosen skills."""

import re

import pytest

from cms.models import OfferPage, TrainingPage
from cms.skills import MAX_RESULTS, fold, search_skills, word_pattern
from referential.models import OccupationSkill, Skill
from tests.accounts.factories import UserFactory
from tests.cms.factories import OccupationFactory, make_offer, make_training
from tests.cms.helpers import offer_form_data
from tests.organisations.factories import MembershipFactory, activate_totp

pytestmark = pytest.mark.django_db

SEARCH_URL = "/admin/job-cluster/competences/"


@pytest.fixture
def member(org_page):
    return MembershipFactory(organisation=org_page.organisation).user


@pytest.fixture
def skills():
    names = [
        "Électricité du bâtiment",
        "Réaliser une installation électrique",
        "Cœur de métier : la soudure à l’arc",
        "Gestion de la paie",
    ]
    return {
        name: Skill.objects.create(code=f"T{index}", name=name) for index, name in enumerate(names)
    }


def skill_options(html: str) -> set[int]:
    """Return the values of the options in the form's skills select."""
    field = re.search(r'<select name="skills"[^>]*>(.*?)</select>', html, re.S)
    assert field, "the form has no skills select"
    return {int(value) for value in re.findall(r'value="(\d+)"', field.group(1))}


def result_names(response) -> list[str]:
    assert response.status_code == 200
    return [skill["name"] for skill in response.json()["results"]]


def test_fold_removes_accents_and_ligatures():
    assert fold("Électricité") == "electricite"
    assert fold("Cœur") == "coeur"
    assert fold("l’arc") == "l'arc"


def test_word_pattern_matches_accented_forms():
    pattern = re.compile(word_pattern("electricite"), re.IGNORECASE)

    assert pattern.search("Électricité du bâtiment")
    assert pattern.search("ELECTRICITE")
    assert not pattern.search("électronique")


def test_search_ignores_accents_and_case(skills):
    names = [skill.name for skill in search_skills("ELECTRI")]

    assert names == ["Électricité du bâtiment", "Réaliser une installation électrique"]


def test_search_matches_ligature_and_apostrophe(skills):
    assert [skill.name for skill in search_skills("coeur l'arc")] == [
        "Cœur de métier : la soudure à l’arc"
    ]


def test_search_requires_every_word(skills):
    assert [skill.name for skill in search_skills("electrique installation")] == [
        "Réaliser une installation électrique"
    ]
    assert list(search_skills("electrique paie")) == []


def test_search_needs_two_letters(skills):
    assert list(search_skills("e")) == []
    assert list(search_skills("   ")) == []


def test_search_limited_to_max_results():
    Skill.objects.bulk_create(
        Skill(code=f"M{index}", name=f"Maçonnerie niveau {index}") for index in range(30)
    )

    assert len(search_skills("maconnerie")) == MAX_RESULTS


def test_search_filters_by_occupation(skills):
    occupation = OccupationFactory()
    OccupationSkill.objects.create(
        occupation=occupation, skill=skills["Réaliser une installation électrique"]
    )

    names = [skill.name for skill in search_skills("electri", occupation.pk)]

    assert names == ["Réaliser une installation électrique"]


def test_endpoint_for_ngo_member(client, member, skills):
    client.force_login(member)

    response = client.get(SEARCH_URL, {"q": "électricité"})

    assert result_names(response) == ["Électricité du bâtiment"]
    assert response.json()["results"][0]["id"] == skills["Électricité du bâtiment"].pk


def test_endpoint_for_editor(client, skills):
    client.force_login(activate_totp(UserFactory(editor=True)))

    assert result_names(client.get(SEARCH_URL, {"q": "paie"})) == ["Gestion de la paie"]


def test_endpoint_rejects_seeker_and_anonymous(client, skills):
    anonymous = client.get(SEARCH_URL, {"q": "paie"})
    client.force_login(UserFactory())
    seeker = client.get(SEARCH_URL, {"q": "paie"})

    assert anonymous.status_code == 302
    assert seeker.status_code == 403
    assert "Gestion de la paie" not in seeker.content.decode()


def test_endpoint_rejects_bad_occupation(client, member):
    client.force_login(member)

    response = client.get(SEARCH_URL, {"q": "paie", "occupation": "abc"})

    assert response.status_code == 400
    assert response.json() == {"error": "Métier invalide : « abc »."}


def test_training_form_renders_chosen_skills_only(client, org_page, member, skills):
    chosen = skills["Gestion de la paie"]
    training = make_training(org_page, live=False)
    training.skills.set([chosen])
    training.save_revision()
    client.force_login(member)

    add_page = client.get(f"/admin/pages/add/cms/trainingpage/{org_page.pk}/").content.decode()
    edit_page = client.get(f"/admin/pages/{training.pk}/edit/").content.decode()

    assert skill_options(add_page) == set()
    assert skill_options(edit_page) == {chosen.pk}
    assert 'data-controller="skill-chooser"' in edit_page
    assert "cms/js/skill-chooser" in edit_page


def test_training_form_accepts_any_skill(client, org_page, member, skills):
    training = make_training(org_page, live=False)
    client.force_login(member)
    data = {
        "title": training.title,
        "slug": training.slug,
        "theme": training.theme,
        "description": training.description,
        "skills": [str(skills["Gestion de la paie"].pk)],
        "start_date": training.start_date.isoformat(),
        "end_date": training.end_date.isoformat(),
        "region": str(training.region_id),
        "cercle": str(training.cercle_id),
        "commune": str(training.commune_id),
        "places_available": "10",
        "is_free": "on",
    }

    response = client.post(f"/admin/pages/{training.pk}/edit/", data)

    assert response.status_code == 302
    saved = TrainingPage.objects.get(pk=training.pk).get_latest_revision_as_object()
    assert [skill.pk for skill in saved.skills.all()] == [skills["Gestion de la paie"].pk]


def test_offer_form_renders_chosen_skills_only(client, org_page, member, skills):
    offer = make_offer(org_page, live=False)
    linked = skills["Réaliser une installation électrique"]
    OccupationSkill.objects.create(occupation=offer.occupation, skill=linked)
    client.force_login(member)

    edit_page = client.get(f"/admin/pages/{offer.pk}/edit/").content.decode()

    assert skill_options(edit_page) == set()
    assert 'data-skill-chooser-occupation-field-value="id_occupation"' in edit_page


def test_offer_form_rejects_other_occupation_skill(client, org_page, member, skills):
    offer = make_offer(org_page, live=False)
    linked = skills["Réaliser une installation électrique"]
    unrelated = skills["Gestion de la paie"]
    OccupationSkill.objects.create(occupation=offer.occupation, skill=linked)
    client.force_login(member)
    url = f"/admin/pages/{offer.pk}/edit/"

    rejected = client.post(url, {**offer_form_data(offer), "skills": [str(unrelated.pk)]})
    accepted = client.post(url, {**offer_form_data(offer), "skills": [str(linked.pk)]})

    assert rejected.status_code == 200
    assert (
        f"La compétence n°{unrelated.pk} ne fait pas partie du métier choisi"
        in rejected.content.decode()
    )
    assert accepted.status_code == 302
    saved = OfferPage.objects.get(pk=offer.pk).get_latest_revision_as_object()
    assert [skill.pk for skill in saved.skills.all()] == [linked.pk]
