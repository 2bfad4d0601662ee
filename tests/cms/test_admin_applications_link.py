"""The Wagtail admin links each offer to its applications inbox, for its organisation only."""

import pytest
from django.urls import reverse

from cms.wagtail_hooks import _applications_button
from tests.accounts.factories import UserFactory
from tests.cms.factories import make_offer, organisation_page
from tests.organisations.factories import MembershipFactory, activate_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(org_page):
    return make_offer(org_page)


def test_listing_links_offer_inbox_for_member(client, org_page, offer):
    client.force_login(MembershipFactory(organisation=org_page.organisation).user)

    response = client.get(reverse("wagtailadmin_explore", args=[org_page.pk]))

    assert response.status_code == 200
    assert f'href="{reverse("inbox:offer", args=[offer.pk])}"' in response.content.decode()


def test_edit_view_links_offer_inbox_for_member(client, org_page, offer):
    client.force_login(MembershipFactory(organisation=org_page.organisation).user)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[offer.pk]))

    assert response.status_code == 200
    assert f'href="{reverse("inbox:offer", args=[offer.pk])}"' in response.content.decode()


def test_listing_hides_inbox_from_editor(client, org_page, offer):
    client.force_login(activate_totp(UserFactory(editor=True)))

    response = client.get(reverse("wagtailadmin_explore", args=[org_page.pk]))

    assert response.status_code == 200
    assert reverse("inbox:offer", args=[offer.pk]) not in response.content.decode()


def test_other_organisation_member_gets_no_inbox_button(org_page, offer):
    outsider = MembershipFactory(organisation=organisation_page().organisation).user

    assert _applications_button(offer, outsider, priority=45) is None
    member = MembershipFactory(organisation=org_page.organisation).user
    assert _applications_button(offer, member, priority=45) is not None
