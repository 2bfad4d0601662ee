"""Moderation: draft, submitted, published or changes requested, trusted organisations, and the
refusal to publish for an unverified organisation."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import WorkflowState

from cms import services
from cms.models import OfferPage
from cms.permissions import REVIEW_WORKFLOW_NAME
from organisations.exceptions import NotAllowed, OrganisationNotVerified
from tests.accounts.factories import UserFactory
from tests.cms.factories import make_offer, organisation_page
from tests.cms.helpers import offer_form_data
from tests.organisations.factories import MembershipFactory, activate_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return activate_totp(UserFactory(editor=True))


@pytest.fixture
def member(org_page):
    return MembershipFactory(organisation=org_page.organisation).user


def submit(client, offer):
    return client.post(
        f"/admin/pages/{offer.pk}/edit/", {**offer_form_data(offer), "action-submit": "1"}
    )


def workflow_action(client, offer, action, comment=""):
    task_state = offer.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[offer.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def test_organisation_pages_follow_review_workflow(org_page):
    offer = make_offer(org_page, live=False)

    assert offer.get_workflow().name == REVIEW_WORKFLOW_NAME


def test_member_submits_draft(client, org_page, member):
    offer = make_offer(org_page, live=False)
    client.force_login(member)

    response = submit(client, offer)

    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not offer.live


def test_member_publish_without_trust_not_live(client, org_page, member):
    offer = make_offer(org_page, live=False)
    client.force_login(member)

    client.post(f"/admin/pages/{offer.pk}/edit/", {**offer_form_data(offer), "action-publish": "1"})

    offer.refresh_from_db()
    assert not offer.live


def test_editor_approves_submission(client, org_page, member, editor):
    offer = make_offer(org_page, live=False)
    client.force_login(member)
    submit(client, offer)
    offer.refresh_from_db()
    client.force_login(editor)

    response = workflow_action(client, offer, "approve")

    assert response.status_code in (200, 302)
    offer.refresh_from_db()
    assert offer.live
    assert offer.current_workflow_state is None


def test_editor_requests_changes_with_comment(client, org_page, member, editor):
    offer = make_offer(org_page, live=False)
    client.force_login(member)
    submit(client, offer)
    offer.refresh_from_db()
    task_state = offer.current_workflow_state.current_task_state
    client.force_login(editor)

    workflow_action(client, offer, "reject", comment="Précisez le salaire, s’il vous plaît.")

    offer.refresh_from_db()
    task_state.refresh_from_db()
    assert not offer.live
    assert offer.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert task_state.comment == "Précisez le salaire, s’il vous plaît."


def test_member_cannot_approve(client, org_page, member):
    offer = make_offer(org_page, live=False)
    client.force_login(member)
    submit(client, offer)
    offer.refresh_from_db()

    workflow_action(client, offer, "approve")

    offer.refresh_from_db()
    assert not offer.live


def test_trusted_member_publishes_directly(client, org_page, member, editor):
    services.set_trusted(editor, org_page, True)
    offer = make_offer(org_page, live=False)
    client.force_login(member)

    client.post(f"/admin/pages/{offer.pk}/edit/", {**offer_form_data(offer), "action-publish": "1"})

    offer.refresh_from_db()
    assert offer.live


def test_trust_withdrawn_requires_review_again(client, org_page, member, editor):
    services.set_trusted(editor, org_page, True)
    services.set_trusted(editor, org_page, False)
    offer = make_offer(org_page, live=False)
    client.force_login(member)

    client.post(f"/admin/pages/{offer.pk}/edit/", {**offer_form_data(offer), "action-publish": "1"})

    offer.refresh_from_db()
    assert not offer.live


def test_editor_marks_trusted_through_admin(client, org_page, editor):
    client.force_login(editor)

    response = client.post(f"/admin/job-cluster/confiance/{org_page.pk}/", {"trusted": "1"})

    assert response.status_code == 302
    org_page.refresh_from_db()
    assert org_page.is_trusted


def test_member_cannot_mark_trusted(org_page, member):
    with pytest.raises(NotAllowed):
        services.set_trusted(member, org_page, True)

    org_page.refresh_from_db()
    assert not org_page.is_trusted


def test_unverified_organisation_cannot_publish(client, editor):
    """Even trusted, a page of an unverified organisation never goes live."""
    page = organisation_page(verified=False)
    services.set_trusted(editor, page, True)
    member = MembershipFactory(organisation=page.organisation).user
    offer = make_offer(page, live=False)
    client.force_login(member)

    response = client.post(
        f"/admin/pages/{offer.pk}/edit/", {**offer_form_data(offer), "action-publish": "1"}
    )

    assert response.status_code == 302
    offer.refresh_from_db()
    assert not offer.live
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages == [str(OrganisationNotVerified.default_message)]


def test_unverified_organisation_publish_fails_in_model(editor):
    page = organisation_page(verified=False)
    offer = make_offer(page, live=False)

    with pytest.raises(ValidationError):
        offer.save_revision(user=editor).publish(user=editor)

    assert not OfferPage.objects.get(pk=offer.pk).live


def test_ensure_can_publish_page_for_editor_and_unverified(editor):
    page = organisation_page(verified=False)

    with pytest.raises(services.CannotPublish):
        services.ensure_can_publish_page(editor, page)
