"""An offer that reads almost like a live one of the same organisation is held before submission
until the member confirms it is a distinct offer."""

import pytest
from wagtail.models import WorkflowState

from cms.models import OfferPage
from tests.cms.factories import make_offer, offer_fields, organisation_page
from tests.cms.helpers import offer_form_data
from tests.organisations.factories import MembershipFactory

pytestmark = pytest.mark.django_db

WARNING = "Cette offre ressemble beaucoup à une offre déjà en ligne de votre organisation"
CONFIRM_LABEL = "Je confirme qu’il s’agit d’une offre distincte"


@pytest.fixture
def member(org_page):
    return MembershipFactory(organisation=org_page.organisation).user


@pytest.fixture
def live_offer(org_page):
    return make_offer(org_page, title="Comptable principal", slug="comptable-en-ligne")


def add_url(org_page) -> str:
    return f"/admin/pages/add/cms/offerpage/{org_page.pk}/"


def copy_data(live_offer, **overrides) -> dict[str, str]:
    copy = OfferPage(**offer_fields(title=live_offer.title, description=live_offer.description))
    return offer_form_data(copy, slug="comptable-copie", **overrides)


def test_submit_copy_held_with_warning(client, org_page, member, live_offer):
    client.force_login(member)

    response = client.post(add_url(org_page), {**copy_data(live_offer), "action-submit": "1"})

    assert response.status_code == 200
    html = response.content.decode()
    assert WARNING in html
    assert "« Comptable principal »" in html
    assert CONFIRM_LABEL in html
    assert 'type="checkbox" name="confirm_distinct"' in html
    assert not OfferPage.objects.filter(slug="comptable-copie").exists()


def test_confirmed_copy_is_submitted(client, org_page, member, live_offer):
    client.force_login(member)
    data = {**copy_data(live_offer), "action-submit": "1", "confirm_distinct": "on"}

    response = client.post(add_url(org_page), data)

    assert response.status_code == 302
    created = OfferPage.objects.get(slug="comptable-copie")
    assert created.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_draft_copy_saved_without_confirmation(client, org_page, member, live_offer):
    client.force_login(member)

    response = client.post(add_url(org_page), copy_data(live_offer))

    assert response.status_code == 302
    assert OfferPage.objects.filter(slug="comptable-copie", live=False).exists()


def test_edit_submit_copy_held(client, org_page, member, live_offer):
    draft = make_offer(
        org_page,
        live=False,
        slug="comptable-brouillon",
        title=live_offer.title,
        description=live_offer.description,
    )
    client.force_login(member)

    response = client.post(
        f"/admin/pages/{draft.pk}/edit/", {**offer_form_data(draft), "action-submit": "1"}
    )

    assert response.status_code == 200
    assert WARNING in response.content.decode()
    draft.refresh_from_db()
    assert draft.current_workflow_state is None


def test_distinct_offer_form_hides_checkbox(client, org_page, member, live_offer):
    client.force_login(member)
    data = offer_form_data(
        OfferPage(**offer_fields(title="Chauffeur", description="Conduire les équipes.")),
        slug="chauffeur",
    )

    form = client.get(add_url(org_page)).content.decode()
    response = client.post(add_url(org_page), {**data, "action-submit": "1"})

    assert 'type="checkbox" name="confirm_distinct"' not in form
    assert response.status_code == 302
    assert OfferPage.objects.filter(slug="chauffeur").exists()


def test_other_organisation_offer_not_duplicate(client, org_page, member):
    other_live = make_offer(organisation_page(), title="Comptable principal", slug="ailleurs")
    client.force_login(member)

    response = client.post(add_url(org_page), {**copy_data(other_live), "action-submit": "1"})

    assert response.status_code == 302
    assert OfferPage.objects.filter(slug="comptable-copie").exists()
