"""The profile's lists: duplicate rows named in French, places in alphabetical order."""

import pytest
from django.urls import reverse

from seekers.choices import Visibility
from seekers.forms import ProfileForm, SeekerSearchForm
from seekers.models import SeekerLanguage, SeekerProfile, SeekerSkill
from tests.accounts.factories import UserFactory
from tests.cms.factories import CercleFactory, RegionFactory, SkillFactory

pytestmark = pytest.mark.django_db

LIST_PREFIXES = ("skills", "languages", "experiences", "trainings")


def profile_data(region, rows: dict[str, list[dict[str, str]]]) -> dict[str, str]:
    data = {
        "region": str(region.pk),
        "date_of_birth": "2000-03-04",
        "sex": "F",
        "nationality": "ML",
        "education_level": "bac",
        "mobility": "region",
        "availability": "immediate",
        "visibility": Visibility.SEARCHABLE,
    }
    for prefix in LIST_PREFIXES:
        prefix_rows = rows.get(prefix, [])
        data[f"{prefix}-TOTAL_FORMS"] = str(len(prefix_rows))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        for index, row in enumerate(prefix_rows):
            data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def test_duplicate_skill_message_names_skill(client):
    user = UserFactory()
    skill = SkillFactory(name="Soudure")
    row = {"skill": skill.name, "skill_id": str(skill.pk), "level": "advanced"}
    client.force_login(user)

    response = client.post(
        reverse("seekers:profile"), profile_data(RegionFactory(), {"skills": [row, dict(row)]})
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Une compétence figure deux fois dans la liste" in page
    assert "dans skill" not in page
    assert not SeekerProfile.objects.filter(user=user).exists()
    assert not SeekerSkill.objects.exists()


def test_duplicate_language_rejected(client):
    user = UserFactory()
    row = {"language": "bm", "spoken": "good", "written": "basic"}
    client.force_login(user)

    response = client.post(
        reverse("seekers:profile"),
        profile_data(RegionFactory(), {"languages": [row, {**row, "written": "good"}]}),
    )

    assert response.status_code == 200
    assert "Une langue figure deux fois dans la liste" in response.content.decode()
    assert not SeekerLanguage.objects.exists()


def test_two_other_languages_accepted(client):
    user = UserFactory()
    rows = [
        {"language": "other", "other_name": "Anglais", "spoken": "good", "written": "good"},
        {"language": "other", "other_name": "Arabe", "spoken": "basic", "written": "none"},
    ]
    client.force_login(user)

    response = client.post(
        reverse("seekers:profile"), profile_data(RegionFactory(), {"languages": rows})
    )

    assert response.status_code == 302
    names = set(SeekerLanguage.objects.values_list("other_name", flat=True))
    assert names == {"Anglais", "Arabe"}


# Places in the profile form and in the NGO search form, in alphabetical order


@pytest.mark.parametrize("form_class", [ProfileForm, SeekerSearchForm])
def test_region_and_cercle_lists_ignore_accents(form_class):
    regions = {
        name: RegionFactory(code=code, name=name)
        for code, name in [("ML03", "Sikasso"), ("ML04", "Ségou"), ("ML05", "Mopti")]
    }
    CercleFactory(region=regions["Sikasso"], name="Sikasso")
    CercleFactory(region=regions["Ségou"], name="Ségou")
    CercleFactory(region=regions["Mopti"], name="Ménaka")

    form = form_class()

    region_labels = [label for value, label in form.fields["region"].choices if value]
    cercle_labels = [label for value, label in form.fields["cercle"].choices if value]
    assert region_labels == ["Mopti", "Ségou", "Sikasso"]
    assert cercle_labels == ["Ménaka", "Ségou", "Sikasso"]
