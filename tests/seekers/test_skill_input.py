"""The profile's skill rows: typed names resolved on save, the search endpoint, the page weight."""

import datetime
import logging
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from cms.skills import MAX_RESULTS
from organisations.models import Membership
from referential.models import Skill
from seekers import counselling, views
from seekers.choices import SkillLevel, Visibility
from seekers.forms import SeekerSkillForm
from seekers.models import Consent, SeekerSkill
from tests.organisations.factories import MembershipFactory, OrganisationFactory

from .factories import SeekerProfileFactory
from .test_profile import formset_management, profile_post

pytestmark = pytest.mark.django_db

SEARCH_URL = "/mon-profil/competences/"
# The page weight allowed for a seeker with 5 skills, whatever the taxonomy's size: about the
# size of the page with an empty taxonomy (under 20 KB in this test), with room for new fields.
MAX_PROFILE_PAGE_BYTES = 40_000


@pytest.fixture
def skills():
    names = [
        "Électricité du bâtiment",
        "Soudure à l’arc",
        "Soudure TIG",
        "Gestion de la paie",
        "Cœur de réseau",
    ]
    return {
        name: Skill.objects.create(code=f"T{index}", name=name) for index, name in enumerate(names)
    }


@pytest.fixture
def counsellor():
    centre = OrganisationFactory(verified=True, name="Centre des jeunes de Ségou")
    return MembershipFactory(organisation=centre, role=Membership.Role.COUNSELLOR).user


def skill_row(name: str, skill_id: str = "", level: str = SkillLevel.ADVANCED) -> dict[str, str]:
    return {
        **formset_management("skills", total=1),
        "skills-0-skill": name,
        "skills-0-skill_id": skill_id,
        "skills-0-level": level,
    }


def row_form(name: str, skill_id: str = "") -> SeekerSkillForm:
    form = SeekerSkillForm(
        {"skill": name, "skill_id": skill_id, "level": SkillLevel.BEGINNER},
        instance=SeekerSkill(),
    )
    form.is_valid()
    return form


# Resolving a typed name


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Électricité du bâtiment", "Électricité du bâtiment"),
        ("electricite du batiment", "Électricité du bâtiment"),
        ("  ELECTRICITÉ   du  Bâtiment ", "Électricité du bâtiment"),
        ("soudure a l'arc", "Soudure à l’arc"),
        ("coeur de reseau", "Cœur de réseau"),
    ],
)
def test_typed_name_resolved_ignoring_accents(skills, typed, expected):
    form = row_form(typed)

    assert form.errors == {}
    assert form.cleaned_data["skill"] == skills[expected]


def test_partial_name_lists_candidates(skills):
    form = row_form("soudure")

    assert form.errors["skill"] == [
        "Aucune compétence ne s’appelle exactement « soudure ». Recopiez l’une de celles-ci : "
        "« Soudure TIG », « Soudure à l’arc »."
    ]


def test_candidates_limited_to_five():
    for index in range(8):
        Skill.objects.create(code=f"W{index}", name=f"Maçonnerie niveau {index}")

    form = row_form("maconnerie")

    assert form.errors["skill"][0].count("« Maçonnerie niveau") == 5


def test_unknown_name_rejected(skills):
    form = row_form("astrophysique")

    assert form.errors["skill"] == [
        "Aucune compétence ne s’appelle « astrophysique ». Vérifiez l’orthographe ou essayez un "
        "seul mot, par exemple « soudure »."
    ]


def test_shared_name_needs_a_suggestion(skills):
    twin = Skill.objects.create(code="T9", name="Gestion de la paie")

    form = row_form("gestion de la paie")

    assert form.errors["skill"] == [
        "Plusieurs compétences s’appellent « gestion de la paie ». Recopiez l’une de celles-ci, "
        "avec son code : « Gestion de la paie (T3) », « Gestion de la paie (T9) »."
    ]
    # A suggestion's id, or the code after the name, tells the two apart.
    assert row_form("Gestion de la paie", str(twin.pk)).cleaned_data["skill"] == twin
    assert row_form("gestion de la paie (T9)").cleaned_data["skill"] == twin
    assert row_form("Gestion de la paie (T3)").cleaned_data["skill"] == skills["Gestion de la paie"]
    # A code that belongs to another skill is not taken.
    assert "skill" in row_form("Gestion de la paie (T1)").errors


def test_stale_id_ignored_when_name_changed(skills):
    # Without JavaScript the previous skill's id stays in the page.
    form = row_form("soudure tig", str(skills["Gestion de la paie"].pk))

    assert form.cleaned_data["skill"] == skills["Soudure TIG"]


def test_deleted_skill_id_falls_back_to_name(skills):
    gone = Skill.objects.create(code="T8", name="Soudure TIG")
    gone_id = gone.pk
    gone.delete()

    form = row_form("Soudure TIG", str(gone_id))

    assert form.cleaned_data["skill"] == skills["Soudure TIG"]


def test_profile_saved_by_typed_name(client, skills):
    profile = SeekerProfileFactory()
    client.force_login(profile.user)

    response = client.post(
        reverse("seekers:profile"),
        profile_post(profile.region, **skill_row("ELECTRICITE du batiment")),
    )

    assert response.status_code == 302
    saved = SeekerSkill.objects.get(profile=profile)
    assert saved.skill == skills["Électricité du bâtiment"]
    assert saved.level == SkillLevel.ADVANCED


def test_ambiguous_name_saves_nothing(client, skills, caplog):
    profile = SeekerProfileFactory(visibility=Visibility.APPLIED_ONLY)
    client.force_login(profile.user)
    data = profile_post(profile.region, **skill_row("soudure"))

    with caplog.at_level(logging.INFO, logger="seekers.skill_input"):
        response = client.post(reverse("seekers:profile"), data)

    assert response.status_code == 200
    assert "Recopiez l’une de celles-ci : « Soudure TIG », « Soudure à l’arc »." in (
        response.content.decode()
    )
    assert not SeekerSkill.objects.filter(profile=profile).exists()
    assert not Consent.objects.filter(user=profile.user).exists()
    profile.refresh_from_db()
    assert profile.visibility == Visibility.APPLIED_ONLY
    assert "Skill name not resolved: candidates=2" in caplog.text


def test_unchanged_row_and_deleted_row(client, skills):
    profile = SeekerProfileFactory()
    kept = SeekerSkill.objects.create(
        profile=profile, skill=skills["Soudure TIG"], level=SkillLevel.BEGINNER
    )
    removed = SeekerSkill.objects.create(
        profile=profile, skill=skills["Gestion de la paie"], level=SkillLevel.EXPERT
    )
    client.force_login(profile.user)
    data = profile_post(profile.region)
    data.update(
        {
            "skills-TOTAL_FORMS": "3",
            "skills-INITIAL_FORMS": "2",
            "skills-0-id": str(kept.pk),
            "skills-0-skill": "Soudure TIG",
            "skills-0-skill_id": str(kept.skill_id),
            "skills-0-level": SkillLevel.BEGINNER,
            "skills-1-id": str(removed.pk),
            "skills-1-skill": "Gestion de la paie",
            "skills-1-skill_id": str(removed.skill_id),
            "skills-1-level": SkillLevel.EXPERT,
            "skills-1-DELETE": "on",
            "skills-2-skill": "",
            "skills-2-skill_id": "",
            "skills-2-level": "",
        }
    )

    response = client.post(reverse("seekers:profile"), data)

    assert response.status_code == 302
    assert list(SeekerSkill.objects.filter(profile=profile)) == [kept]


def test_counsellor_saves_skill_by_name(client, counsellor, skills):
    centre = counsellor.memberships.get().organisation
    profile = counselling.register_seeker(
        counsellor,
        centre,
        first_name="Fatoumata",
        last_name="Coulibaly",
        visibility=Visibility.SEARCHABLE,
        method=Consent.Method.PAPER_FORM,
        given_on=datetime.date(2026, 1, 5),
        note="",
    )
    region = SeekerProfileFactory().region
    data = {"region": region.pk, "date_of_birth": "2004-02-03", "nationality": "ML"}
    for prefix in ("languages", "experiences", "trainings"):
        data.update(formset_management(prefix))
    data.update(skill_row("gestion de la paie"))
    client.force_login(counsellor)

    response = client.post(reverse("counselling:profile", args=[profile.user_id]), data)

    assert response.status_code == 302
    assert SeekerSkill.objects.get(profile=profile).skill == skills["Gestion de la paie"]


# The rendered rows


def test_rows_render_only_chosen_skill(client, skills):
    profile = SeekerProfileFactory()
    chosen = skills["Soudure à l’arc"]
    SeekerSkill.objects.create(profile=profile, skill=chosen, level=SkillLevel.ADVANCED)
    client.force_login(profile.user)

    html = client.get(reverse("seekers:profile")).content.decode()

    assert '<select name="skills-0-skill"' not in html
    assert re.search(r'<input type="text" name="skills-0-skill" value="Soudure à l’arc"', html)
    assert f'<input type="hidden" name="skills-0-skill_id" value="{chosen.pk}"' in html
    # The empty extra row names no skill.
    assert re.search(r'<input type="text" name="skills-1-skill" value=""', html)
    for name in skills:
        if name != chosen.name:
            assert name not in html, name
    assert "seekers/skill-input.js" in html


def test_counsellor_page_renders_only_chosen_skill(client, counsellor, skills):
    centre = counsellor.memberships.get().organisation
    profile = counselling.register_seeker(
        counsellor,
        centre,
        first_name="Awa",
        last_name="Traoré",
        visibility=Visibility.SEARCHABLE,
        method=Consent.Method.PAPER_FORM,
        given_on=datetime.date(2026, 1, 5),
        note="",
    )
    SeekerSkill.objects.create(
        profile=profile, skill=skills["Soudure TIG"], level=SkillLevel.BEGINNER
    )
    client.force_login(counsellor)

    html = client.get(reverse("counselling:profile", args=[profile.user_id])).content.decode()

    assert 'value="Soudure TIG"' in html
    assert "Gestion de la paie" not in html
    assert '<select name="skills-0-skill"' not in html


def test_profile_page_weight_bounded(client, django_assert_max_num_queries):
    Skill.objects.bulk_create(
        Skill(code=f"B{index}", name=f"Compétence du référentiel numéro {index}")
        for index in range(5000)
    )
    profile = SeekerProfileFactory()
    for skill in Skill.objects.order_by("pk")[:5]:
        SeekerSkill.objects.create(profile=profile, skill=skill, level=SkillLevel.ADVANCED)
    client.force_login(profile.user)

    response = client.get(reverse("seekers:profile"))

    assert response.status_code == 200
    assert len(response.content) < MAX_PROFILE_PAGE_BYTES
    assert response.content.decode().count("Compétence du référentiel numéro") == 5


# The search endpoint


def test_search_anonymous_rejected(client, skills):
    response = client.get(SEARCH_URL, {"q": "soudure"})

    assert response.status_code == 403
    assert response.json() == {
        "error": "Vous n’avez pas l’autorisation de chercher des compétences."
    }


def test_search_by_seeker_ignores_accents(client, skills):
    client.force_login(SeekerProfileFactory().user)

    response = client.get(SEARCH_URL, {"q": "electricite"})

    assert response.status_code == 200
    assert response.json() == {
        "results": [{"id": skills["Électricité du bâtiment"].pk, "name": "Électricité du bâtiment"}]
    }


def test_search_returns_at_most_twenty(client):
    Skill.objects.bulk_create(
        Skill(code=f"S{index}", name=f"Soudure type {index}") for index in range(30)
    )
    client.force_login(SeekerProfileFactory().user)

    results = client.get(SEARCH_URL, {"q": "soudure"}).json()["results"]

    assert len(results) == MAX_RESULTS == 20


def test_search_by_counsellor_of_other_seeker(client, counsellor, skills):
    # The counsellor counsels another seeker: the search is about the taxonomy, not a profile.
    client.force_login(counsellor)

    response = client.get(SEARCH_URL, {"q": "soudure"})

    assert response.status_code == 200
    assert {skill["name"] for skill in response.json()["results"]} == {
        "Soudure TIG",
        "Soudure à l’arc",
    }


def test_search_by_counsellor_of_pending_centre_rejected(client, skills):
    pending = OrganisationFactory(verified=False)
    client.force_login(
        MembershipFactory(organisation=pending, role=Membership.Role.COUNSELLOR).user
    )

    assert client.get(SEARCH_URL, {"q": "soudure"}).status_code == 403


@pytest.mark.parametrize("role", [Membership.Role.MEMBER, Membership.Role.ADMIN])
def test_search_by_ngo_member_rejected(client, skills, role, caplog):
    member = MembershipFactory(organisation=OrganisationFactory(verified=True), role=role).user
    client.force_login(member)

    with caplog.at_level(logging.INFO, logger="seekers.views"):
        response = client.get(SEARCH_URL, {"q": "soudure"})

    assert response.status_code == 403
    assert f"Skill search rejected, no permission: user={member.pk}" in caplog.text


def test_search_rate_limited(client, skills, monkeypatch, caplog):
    monkeypatch.setattr(views, "SKILL_SEARCH_RATE", 3)
    # Counts of an earlier test's user with the same id must not carry over.
    cache.clear()
    user = SeekerProfileFactory().user
    client.force_login(user)

    statuses = [client.get(SEARCH_URL, {"q": "soudure"}).status_code for _ in range(5)]

    assert statuses == [200, 200, 200, 429, 429]
    assert client.get(SEARCH_URL, {"q": "soudure"}).json() == {
        "results": [],
        "error": "Trop de requêtes : réessayez dans une minute.",
    }
    assert caplog.text.count("Skill search rate limited") == 1


def test_search_rejects_post(client):
    client.force_login(SeekerProfileFactory().user)

    assert client.post(SEARCH_URL, {"q": "soudure"}).status_code == 405
