import logging

import pytest
from django.core import mail

from organisations import services
from organisations.exceptions import InvalidStatusChange, MissingRejectionReason, NotAllowed
from organisations.models import Organisation, OrganisationEvent
from tests.accounts.factories import UserFactory

from .factories import MembershipFactory, OrganisationFactory, activate_totp

pytestmark = pytest.mark.django_db

REASON = "Le numéro d’enregistrement ne correspond à aucun récépissé du ministère."


@pytest.fixture
def editor():
    return activate_totp(UserFactory(editor=True))


def test_verify_sets_status_and_verifier(editor, committing):
    organisation = OrganisationFactory()

    with committing():
        services.verify_organisation(editor, organisation)

    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.VERIFIED
    assert organisation.verified_by == editor
    assert organisation.verified_at is not None


def test_verify_writes_audit_entry(editor, committing):
    organisation = OrganisationFactory()

    with committing():
        services.verify_organisation(editor, organisation)

    event = organisation.events.get()
    assert event.action == OrganisationEvent.Action.VERIFIED
    assert event.actor == editor
    assert event.before == {"status": "pending"}
    assert event.after == {"status": "verified"}


def test_verify_notifies_administrators(editor, committing):
    admin = MembershipFactory(admin=True)
    MembershipFactory(organisation=admin.organisation)

    with committing():
        services.verify_organisation(editor, admin.organisation)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [admin.user.email]
    assert mail.outbox[0].subject == f"[Job Cluster] {admin.organisation.name} est vérifiée"


def test_verify_denied_for_ngo_admin():
    admin = MembershipFactory(admin=True)

    with pytest.raises(NotAllowed):
        services.verify_organisation(admin.user, admin.organisation)

    admin.organisation.refresh_from_db()
    assert admin.organisation.status == Organisation.Status.PENDING
    assert not admin.organisation.events.exists()


def test_verify_rejected_organisation_fails(editor):
    organisation = OrganisationFactory(rejected=True)

    with pytest.raises(InvalidStatusChange):
        services.verify_organisation(editor, organisation)

    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.REJECTED


def test_reject_emails_reason_to_admins(editor, committing):
    admin = MembershipFactory(admin=True)
    second_admin = MembershipFactory(admin=True, organisation=admin.organisation)
    member = MembershipFactory(organisation=admin.organisation)

    with committing():
        services.reject_organisation(editor, admin.organisation, f"  {REASON}\n")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted([admin.user.email, second_admin.user.email])
    assert member.user.email not in message.to
    assert message.subject == f"[Job Cluster] Inscription de {admin.organisation.name} refusée"
    assert REASON in message.body
    assert f"http://localhost:8000/organisations/{admin.organisation.pk}/" in message.body


def test_reject_texts_admins_with_phone(editor, committing, sms_outbox):
    admin = MembershipFactory(admin=True, user=UserFactory(with_phone=True))

    with committing():
        services.reject_organisation(editor, admin.organisation, REASON)

    assert [message.to for message in sms_outbox] == [admin.user.phone]
    assert REASON in sms_outbox[0].body


def test_reject_stores_reason_and_audit(editor, committing):
    organisation = OrganisationFactory()

    with committing():
        services.reject_organisation(editor, organisation, REASON)

    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.REJECTED
    assert organisation.rejection_reason == REASON
    event = organisation.events.get()
    assert event.action == OrganisationEvent.Action.REJECTED
    assert event.actor == editor
    assert event.after == {"status": "rejected", "rejection_reason": REASON}


def test_reject_requires_reason(editor, caplog):
    caplog.set_level(logging.INFO, logger="organisations")
    organisation = OrganisationFactory()

    with pytest.raises(MissingRejectionReason) as excinfo:
        services.reject_organisation(editor, organisation, "   ")

    assert excinfo.value.message == (
        "Indiquez le motif du refus\u00a0: il sera envoyé aux administrateurs de l’ONG."
    )
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.PENDING
    assert not organisation.events.exists()
    assert len(mail.outbox) == 0
    assert [r.getMessage() for r in caplog.records if r.name == "organisations.services"] == [
        "Organisation rejection rejected without reason: "
        f"organisation={organisation.pk} editor={editor.pk}"
    ]


def test_resubmit_returns_to_pending():
    admin = MembershipFactory(admin=True, organisation=OrganisationFactory(rejected=True))

    services.resubmit_organisation(admin.user, admin.organisation)

    admin.organisation.refresh_from_db()
    assert admin.organisation.status == Organisation.Status.PENDING
    event = admin.organisation.events.get()
    assert event.action == OrganisationEvent.Action.RESUBMITTED
    assert event.before == {
        "status": "rejected",
        "rejection_reason": "Le récépissé joint est illisible.",
    }


def test_resubmit_pending_fails():
    admin = MembershipFactory(admin=True)

    with pytest.raises(InvalidStatusChange):
        services.resubmit_organisation(admin.user, admin.organisation)

    assert not admin.organisation.events.exists()


def test_pending_list_oldest_first(editor):
    first = OrganisationFactory()
    OrganisationFactory(verified=True)
    OrganisationFactory(rejected=True)
    second = OrganisationFactory()

    assert list(services.pending_organisations(editor)) == [first, second]
