"""The search box's autocomplete in Chromium: the ARIA combobox by keyboard, and no script."""

from __future__ import annotations

import pytest

from tests.cms.factories import make_offer, organisation_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TIMEOUT_MS = 15_000


@pytest.fixture
def offer(search_backend, settings, django_capture_on_commit_callbacks):
    settings.ALLOWED_HOSTS = ["*"]
    with django_capture_on_commit_callbacks(execute=True):
        return make_offer(
            organisation_page(name="Routes du Sahel"), title="Développeur web", slug="dev"
        )


def test_combobox_by_keyboard(chromium, live_server, offer):
    context = chromium.new_context(locale="fr-FR")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(live_server.url + "/recherche/")
    box = page.locator("#id_q")

    box.press_sequentially("dév")
    option = page.locator("#id_q-suggestions [role=option]").first
    option.wait_for()
    box.press("ArrowDown")

    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-controls") == "id_q-suggestions"
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    assert option.get_attribute("aria-selected") == "true"
    assert option.text_content() == "Développeur web"
    assert page.locator("#id_q-status").text_content().startswith("Suggestions disponibles : 1.")

    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.press("ArrowDown")
    option.wait_for()
    box.press("ArrowDown")
    with page.expect_navigation():
        box.press("Enter")

    assert "q=D%C3%A9veloppeur+web" in page.url
    assert page.locator(".search-results h2").all_text_contents() == ["Développeur web"]
    context.close()


def test_search_without_javascript(chromium, live_server, offer):
    context = chromium.new_context(locale="fr-FR", java_script_enabled=False)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(live_server.url + "/recherche/")

    page.fill("#id_q", "developpeur")
    with page.expect_navigation():
        page.press("#id_q", "Enter")

    assert page.locator("#id_q").get_attribute("role") is None
    assert page.locator(".search-results h2").all_text_contents() == ["Développeur web"]
    context.close()
