"""The profile's skill rows in Chromium: the combobox by keyboard, a typed name without script."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.test import Client

from referential.models import Skill
from seekers.models import SeekerSkill
from tests.seekers.factories import SeekerProfileFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TIMEOUT_MS = 15_000


@pytest.fixture
def skills(settings):
    settings.ALLOWED_HOSTS = ["*"]
    return [
        Skill.objects.create(code=f"K{index}", name=name)
        for index, name in enumerate(["Soudure à l’arc", "Soudure TIG", "Électricité du bâtiment"])
    ]


def seeker_page(chromium, live_server, *, javascript: bool):
    """Open /mon-profil/ as a new seeker; return the browser context, the page and the profile."""
    profile = SeekerProfileFactory()
    client = Client()
    client.force_login(profile.user)
    context = chromium.new_context(locale="fr-FR", java_script_enabled=javascript)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto(live_server.url + "/mon-profil/")
    return context, page, profile


def test_skill_combobox_by_keyboard(chromium, live_server, skills):
    context, page, profile = seeker_page(chromium, live_server, javascript=True)
    box = page.locator("#id_skills-0-skill")

    box.press_sequentially("soud")
    options = page.locator("#id_skills-0-skill-suggestions [role=option]")
    options.first.wait_for()
    box.press("ArrowDown")
    box.press("ArrowDown")

    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-controls") == "id_skills-0-skill-suggestions"
    assert options.all_text_contents() == ["Soudure TIG", "Soudure à l’arc"]
    assert box.get_attribute("aria-activedescendant") == options.nth(1).get_attribute("id")

    # Enter picks the highlighted skill and does not submit the profile.
    box.press("Enter")
    assert box.input_value() == "Soudure à l’arc"
    assert box.get_attribute("aria-expanded") == "false"
    assert page.input_value("input[name=skills-0-skill_id]") == str(skills[0].pk)
    assert page.url.endswith("/mon-profil/")

    page.select_option("#id_skills-0-level", "advanced")
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer mon profil").click()

    assert SeekerSkill.objects.get(profile=profile).skill == skills[0]
    context.close()


def test_skill_typed_without_javascript(chromium, live_server, skills):
    context, page, profile = seeker_page(chromium, live_server, javascript=False)

    page.fill("#id_skills-0-skill", "electricite du batiment")
    page.select_option("#id_skills-0-level", "beginner")
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer mon profil").click()

    assert page.locator("#id_skills-0-skill").get_attribute("role") is None
    assert SeekerSkill.objects.get(profile=profile).skill == skills[2]
    context.close()
