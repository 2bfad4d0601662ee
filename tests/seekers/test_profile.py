import datetime

import pytest
from django.urls import reverse

from seekers.choices import Visibility
from seekers.models import Consent, SeekerProfile, SeekerSkill
from seekers.profiles import age_band, check_date_of_birth, completeness
from tests.accounts.factories import UserFactory
from tests.cms.factories import CercleFactory, OccupationFactory, RegionFactory, SkillFactory

from .factories import PLAIN_PDF, SeekerProfileFactory, pdf_upload

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


def formset_management(prefix: str, total: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def profile_post(region, **overrides) -> dict:
    data = {
        "region": str(region.pk),
        "date_of_birth": "2000-03-04",
        "sex": "F",
        "nationality": "ml",
        "education_level": "bac",
        "mobility": "region",
        "availability": "immediate",
        "visibility": Visibility.SEARCHABLE,
    }
    for prefix in ("skills", "languages", "experiences", "trainings"):
        data.update(formset_management(prefix))
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("born", "expected"),
    [
        (datetime.date(2026, 6, 15), "La date de naissance doit être dans le passé."),
        (datetime.date(2027, 1, 1), "La date de naissance doit être dans le passé."),
        (
            datetime.date(2011, 6, 16),
            "Il faut avoir au moins 15 ans pour s’inscrire comme chercheur d’emploi.",
        ),
        (datetime.date(2011, 6, 15), None),
        (datetime.date(1925, 6, 16), None),
        (
            datetime.date(1925, 6, 15),
            "Cette date de naissance donne plus de 100 ans : vérifiez l’année, par exemple 1980.",
        ),
        (
            datetime.date(1800, 1, 1),
            "Cette date de naissance donne plus de 100 ans : vérifiez l’année, par exemple 1980.",
        ),
    ],
    ids=["today", "future", "fourteen", "fifteen-today", "hundred", "hundred-and-one", "1800"],
)
def test_date_of_birth_checked(born, expected):
    assert check_date_of_birth(born, today=TODAY) == expected


@pytest.mark.parametrize(
    ("age", "band"), [(15, "15-24"), (24, "15-24"), (25, "25-35"), (35, "25-35"), (36, "36+")]
)
def test_age_bands(age, band):
    assert age_band(age) == band


def test_profile_saved_with_skills_and_consent(client):
    user = UserFactory()
    region = RegionFactory(code="ML03", name="Sikasso")
    occupation = OccupationFactory()
    skill = SkillFactory()
    client.force_login(user)
    data = profile_post(
        region,
        desired_occupations=[str(occupation.pk)],
        cv=pdf_upload(),
        **formset_management("skills", total=1),
        **{
            "skills-0-skill": skill.name,
            "skills-0-skill_id": str(skill.pk),
            "skills-0-level": "advanced",
        },
    )

    response = client.post(reverse("seekers:profile"), data)

    assert response.status_code == 302
    profile = SeekerProfile.objects.get(user=user)
    assert profile.date_of_birth == datetime.date(2000, 3, 4)
    assert profile.nationality == "ML"
    assert list(profile.desired_occupations.all()) == [occupation]
    assert SeekerSkill.objects.get(profile=profile).level == "advanced"
    with profile.cv.open("rb") as stored:
        assert stored.read() == PLAIN_PDF
    consent = Consent.objects.get(user=user)
    assert consent.visibility == Visibility.SEARCHABLE
    assert consent.recorded_by == user
    assert profile.visibility_changed_at is not None


def test_consent_recorded_only_on_change(client):
    profile = SeekerProfileFactory(visibility=Visibility.SEARCHABLE)
    client.force_login(profile.user)

    client.post(reverse("seekers:profile"), profile_post(profile.region))

    assert Consent.objects.filter(user=profile.user).count() == 0


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"date_of_birth": "2099-01-01"},
            "date_of_birth",
            "La date de naissance doit être dans le passé.",
        ),
        (
            {"date_of_birth": "1800-01-01"},
            "date_of_birth",
            "Cette date de naissance donne plus de 100 ans : vérifiez l’année, par exemple 1980.",
        ),
        (
            {"nationality": "M1"},
            "nationality",
            "Indiquez le code pays à deux lettres, par exemple ML pour le Mali.",
        ),
    ],
)
def test_bad_profile_input_saves_nothing(client, overrides, field, message):
    user = UserFactory()
    client.force_login(user)
    region = RegionFactory(code="ML03", name="Sikasso")

    response = client.post(reverse("seekers:profile"), profile_post(region, **overrides))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not SeekerProfile.objects.filter(user=user).exists()
    assert not Consent.objects.exists()


def test_exe_renamed_pdf_saves_nothing(client, caplog):
    user = UserFactory()
    client.force_login(user)
    region = RegionFactory(code="ML03", name="Sikasso")
    exe = pdf_upload(b"MZ\x90\x00" + b"\x00" * 200, name="cv.pdf")

    response = client.post(reverse("seekers:profile"), profile_post(region, cv=exe))

    assert response.status_code == 200
    assert response.context["form"].errors["cv"] == [
        "Ce fichier n’est pas un PDF : enregistrez votre CV au format PDF puis réessayez."
    ]
    assert not SeekerProfile.objects.filter(user=user).exists()


def test_cercle_outside_region_rejected(client):
    user = UserFactory()
    client.force_login(user)
    region = RegionFactory(code="ML03", name="Sikasso")
    cercle = CercleFactory(region=RegionFactory(code="ML04", name="Ségou"))

    response = client.post(reverse("seekers:profile"), profile_post(region, cercle=cercle.pk))

    assert response.context["form"].errors["cercle"] == [
        "Ce cercle n’est pas dans la région choisie."
    ]
    assert not SeekerProfile.objects.exists()


def test_completeness_lists_missing_items():
    profile = SeekerProfileFactory(education_level="bac", mobility="region")

    result = completeness(profile)

    assert result.percent == 50
    assert result.missing == [
        "au moins une compétence",
        "les langues que vous parlez",
        "vos expériences",
        "les métiers recherchés",
        "votre disponibilité",
    ]


def test_empty_profile_page_shows_zero(client):
    client.force_login(UserFactory())

    response = client.get(reverse("seekers:profile"))

    assert response.status_code == 200
    assert response.context["completeness"].percent == 0
    assert len(response.context["completeness"].missing) == 10
    assert len(response.content) < 100_000
