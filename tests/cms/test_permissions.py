"""Who edits what: NGO members only in their own organisation's subtree, seekers nowhere."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageLogEntry

from cms.models import OfferPage, OrganisationPage
from cms.permissions import EDITORS_GROUP_NAME
from organisations.services import remove_member, verify_organisation
from tests.accounts.factories import UserFactory
from tests.cms.factories import make_offer, offer_fields, organisation_page
from tests.cms.helpers import offer_form_data
from tests.organisations.factories import MembershipFactory, OrganisationFactory, activate_totp

pytestmark = pytest.mark.django_db


def latest_log_action(page) -> str:
    return PageLogEntry.objects.filter(page=page).order_by("-timestamp", "-pk").first().action


@pytest.fixture
def page_a():
    return organisation_page()


@pytest.fixture
def page_b():
    return organisation_page()


@pytest.fixture
def member_a(page_a):
    return MembershipFactory(organisation=page_a.organisation).user


def test_verification_creates_page_and_group():
    organisation = OrganisationFactory()
    admin = MembershipFactory(organisation=organisation, admin=True).user
    editor = activate_totp(UserFactory(editor=True))

    verify_organisation(editor, organisation)

    page = OrganisationPage.objects.get(organisation=organisation)
    assert page.live
    assert page.title == organisation.name
    assert list(page.members_group.user_set.all()) == [admin]


def test_group_follows_memberships(page_a):
    admin = MembershipFactory(organisation=page_a.organisation, admin=True).user
    membership = MembershipFactory(organisation=page_a.organisation)
    group = page_a.members_group

    assert set(group.user_set.all()) == {admin, membership.user}

    remove_member(admin, membership)

    assert list(group.user_set.all()) == [admin]


def test_editor_role_joins_editors_group():
    editor = UserFactory(editor=True)
    group = Group.objects.get(name=EDITORS_GROUP_NAME)

    assert group in editor.groups.all()

    editor.platform_role = editor.PlatformRole.NONE
    editor.save()

    assert group not in editor.groups.all()


def test_member_creates_offer_in_own_organisation(client, page_a, member_a):
    client.force_login(member_a)
    offer = OfferPage(**offer_fields())

    response = client.post(
        f"/admin/pages/add/cms/offerpage/{page_a.pk}/", offer_form_data(offer, slug="mon-offre")
    )

    assert response.status_code == 302
    created = OfferPage.objects.get(slug="mon-offre")
    assert created.organisation_id == page_a.organisation_id
    assert created.get_parent().pk == page_a.pk
    assert not created.live


def test_member_cannot_create_under_other_organisation(client, page_b, member_a):
    client.force_login(member_a)
    url = f"/admin/pages/add/cms/offerpage/{page_b.pk}/"

    get_response = client.get(url)
    post_response = client.post(url, offer_form_data(OfferPage(**offer_fields()), slug="intrus"))

    assert get_response.status_code in (302, 403)
    assert post_response.status_code in (302, 403)
    assert not OfferPage.objects.filter(slug="intrus").exists()


def test_member_cannot_edit_other_organisation_offer(client, page_b, member_a):
    offer = make_offer(page_b)
    client.force_login(member_a)
    url = f"/admin/pages/{offer.pk}/edit/"

    get_response = client.get(url)
    post_response = client.post(url, offer_form_data(offer, title="Titre piraté"))

    assert get_response.status_code in (302, 403)
    assert post_response.status_code in (302, 403)
    offer.refresh_from_db()
    assert offer.title != "Titre piraté"
    assert offer.latest_revision.as_object().title != "Titre piraté"


def test_member_cannot_submit_other_organisation_offer(client, page_b, member_a):
    offer = make_offer(page_b, live=False)
    client.force_login(member_a)

    response = client.post(
        f"/admin/pages/{offer.pk}/edit/", {**offer_form_data(offer), "action-submit": "1"}
    )

    assert response.status_code in (302, 403)
    assert offer.current_workflow_state is None


def test_member_cannot_withdraw_other_organisation_offer(client, page_b, member_a):
    offer = make_offer(page_b)
    client.force_login(member_a)

    get_response = client.get(f"/admin/job-cluster/retirer/{offer.pk}/")
    post_response = client.post(f"/admin/job-cluster/retirer/{offer.pk}/")

    assert get_response.status_code in (302, 403)
    assert post_response.status_code == 302
    offer.refresh_from_db()
    assert offer.live


def test_member_withdraws_own_offer(client, page_a, member_a):
    offer = make_offer(page_a)
    client.force_login(member_a)

    response = client.post(f"/admin/job-cluster/retirer/{offer.pk}/")

    assert response.status_code == 302
    offer.refresh_from_db()
    assert not offer.live
    assert latest_log_action(offer) == "cms.opportunity_withdrawn"


def test_member_cannot_edit_organisation_fields(client, page_a, member_a):
    """The organisation and trust fields are not in the form, so a crafted POST changes neither."""
    other = OrganisationFactory(verified=True)
    client.force_login(member_a)

    client.post(
        f"/admin/pages/{page_a.pk}/edit/",
        {
            "title": page_a.title,
            "slug": page_a.slug,
            "mission": "Notre mission",
            "organisation": str(other.pk),
            "is_trusted": "on",
        },
    )

    page_a.refresh_from_db()
    assert page_a.organisation_id != other.pk
    assert not page_a.is_trusted


def test_seeker_never_reaches_admin(client, page_a):
    client.force_login(UserFactory())

    home = client.get("/admin/")
    add = client.get(f"/admin/pages/add/cms/offerpage/{page_a.pk}/")
    post = client.post(
        f"/admin/pages/add/cms/offerpage/{page_a.pk}/",
        offer_form_data(OfferPage(**offer_fields()), slug="forgee"),
    )

    assert home.status_code == 403
    assert add.status_code == 403
    assert post.status_code == 403
    assert not OfferPage.objects.exists()


def test_seeker_admin_refusal_is_friendly(client):
    client.force_login(UserFactory())

    response = client.get("/admin/")

    html = response.content.decode()
    assert "Administration réservée" in html
    assert 'href="/espace/"' in html
    assert [template.name for template in response.templates][0] == "accounts/admin_denied.html"


def test_anonymous_admin_goes_to_allauth_login(client):
    first = client.get("/admin/")
    second = client.get(first["Location"])

    assert first.status_code == 302
    assert first["Location"].startswith("/admin/login/")
    assert second.status_code == 302
    assert second["Location"].startswith("/comptes/login/")


def test_editor_without_totp_still_sent_to_totp(client):
    client.force_login(UserFactory(editor=True))

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_ngo_menu_is_trimmed(client, page_a, member_a):
    client.force_login(member_a)

    response = client.get("/admin/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "/admin/images/" not in html
    assert "/admin/documents/" not in html
