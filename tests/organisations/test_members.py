import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from organisations import services
from organisations.exceptions import (
    AlreadyMember,
    DuplicateInvitation,
    InvalidRecipient,
    InvitationAlreadyUsed,
    InvitationExpired,
    InvitationRecipientMismatch,
    LastAdministrator,
    NotAllowed,
)
from organisations.models import Invitation, Membership, OrganisationEvent
from tests.accounts.factories import UserFactory

from .factories import InvitationFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return MembershipFactory(admin=True)


def test_invite_by_email_sends_link(admin, committing):
    with committing():
        invitation = services.invite_member(
            admin.user, admin.organisation, email=" Moussa@Example.ML ", role="member"
        )

    assert invitation.email == "moussa@example.ml"
    assert len(invitation.token) >= 40
    assert timedelta(days=6, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=7)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["moussa@example.ml"]
    assert message.subject == f"[Job Cluster] Invitation à rejoindre {admin.organisation.name}"
    assert f"http://localhost:8000/organisations/invitations/{invitation.token}/" in message.body


def test_invite_by_phone_sends_sms(admin, committing, sms_outbox):
    with committing():
        invitation = services.invite_member(
            admin.user, admin.organisation, phone="70 12 34 56", role="admin"
        )

    assert invitation.phone == "+22370123456"
    assert invitation.role == Membership.Role.ADMIN
    assert len(mail.outbox) == 0
    assert [message.to for message in sms_outbox] == ["+22370123456"]
    assert f"/organisations/invitations/{invitation.token}/" in sms_outbox[0].body


def test_invite_writes_audit_entry(admin):
    invitation = services.invite_member(admin.user, admin.organisation, email="a@example.ml")

    event = admin.organisation.events.get()
    assert event.action == OrganisationEvent.Action.MEMBER_INVITED
    assert event.after == {"invitation": invitation.pk, "role": "member"}


def test_invite_invalid_phone_rejected(admin, caplog):
    caplog.set_level(logging.INFO, logger="organisations")

    with pytest.raises(InvalidRecipient) as excinfo:
        services.invite_member(admin.user, admin.organisation, phone="12")

    assert excinfo.value.message.startswith("«\u00a012\u00a0» n’est pas un numéro de téléphone")
    assert not Invitation.objects.exists()
    assert [r.getMessage() for r in caplog.records if r.name == "organisations.services"] == [
        "Invitation rejected, invalid phone: "
        f"organisation={admin.organisation.pk} user={admin.user.pk}"
    ]


def test_invite_without_recipient_rejected(admin):
    with pytest.raises(InvalidRecipient) as excinfo:
        services.invite_member(admin.user, admin.organisation)

    assert excinfo.value.message == "Indiquez une adresse e-mail ou un numéro de téléphone."
    assert not Invitation.objects.exists()


DUPLICATE_MESSAGE = (
    "Une invitation en attente a déjà été envoyée à cette adresse e-mail ou à ce numéro de "
    "téléphone. Elle reste valable 7 jours : demandez à la personne de consulter ses e-mails ou "
    "ses SMS."
)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"email": "moussa@example.ml"}, {"email": " Moussa@Example.ML "}),
        ({"phone": "+223 70 00 00 01"}, {"phone": "70000001"}),
        ({"email": "moussa@example.ml"}, {"email": "moussa@example.ml", "phone": "70000001"}),
        ({"phone": "70000001"}, {"email": "autre@example.ml", "phone": "70000001"}),
    ],
    ids=["same-email", "same-phone", "email-then-both", "phone-then-both"],
)
def test_invite_twice_rejected(admin, caplog, first, second):
    caplog.set_level(logging.INFO, logger="organisations")
    services.invite_member(admin.user, admin.organisation, **first)
    caplog.clear()

    with pytest.raises(DuplicateInvitation) as excinfo:
        services.invite_member(admin.user, admin.organisation, **second)

    assert excinfo.value.message == DUPLICATE_MESSAGE
    assert Invitation.objects.count() == 1
    assert admin.organisation.events.count() == 1
    assert [r.getMessage() for r in caplog.records if r.name == "organisations.services"] == [
        "Invitation rejected, already pending for this recipient: "
        f"organisation={admin.organisation.pk} user={admin.user.pk}"
    ]


@pytest.mark.parametrize("trait", ["expired", "used"])
def test_invite_again_after_closed_invitation(admin, trait):
    InvitationFactory(organisation=admin.organisation, email="moussa@example.ml", **{trait: True})

    invitation = services.invite_member(admin.user, admin.organisation, email="moussa@example.ml")

    assert Invitation.objects.count() == 2
    assert invitation.accepted_at is None


def test_invite_same_recipient_to_other_organisation(admin):
    other = MembershipFactory(admin=True)
    services.invite_member(admin.user, admin.organisation, email="moussa@example.ml")

    services.invite_member(other.user, other.organisation, email="moussa@example.ml")

    assert Invitation.objects.filter(email="moussa@example.ml").count() == 2


def test_invite_denied_for_plain_member():
    member = MembershipFactory()

    with pytest.raises(NotAllowed):
        services.invite_member(member.user, member.organisation, email="a@example.ml")

    assert not Invitation.objects.exists()


def test_invite_denied_in_other_organisation(admin):
    other = MembershipFactory(admin=True)

    with pytest.raises(NotAllowed):
        services.invite_member(admin.user, other.organisation, email="a@example.ml")


def test_accept_by_email_creates_membership():
    invitation = InvitationFactory(email="fatou@example.ml", role=Membership.Role.ADMIN)
    user = UserFactory(email="Fatou@example.ml")

    membership = services.accept_invitation(user, invitation)

    assert membership.organisation == invitation.organisation
    assert membership.role == Membership.Role.ADMIN
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None
    event = invitation.organisation.events.get()
    assert event.action == OrganisationEvent.Action.MEMBER_JOINED
    assert event.after == {"user": user.pk, "role": "admin", "invitation": invitation.pk}


def test_accept_by_phone_creates_membership():
    user = UserFactory(with_phone=True)
    invitation = InvitationFactory(email="", phone=user.phone)

    membership = services.accept_invitation(user, invitation)

    assert membership.user == user
    assert membership.role == Membership.Role.MEMBER


def test_accept_twice_rejected():
    user = UserFactory()
    invitation = InvitationFactory(email=user.email)
    services.accept_invitation(user, invitation)

    with pytest.raises(InvitationAlreadyUsed) as excinfo:
        services.accept_invitation(user, invitation)

    assert excinfo.value.message == "Cette invitation a déjà été utilisée."
    assert Membership.objects.filter(user=user).count() == 1


def test_accept_expired_rejected(caplog):
    caplog.set_level(logging.INFO, logger="organisations")
    user = UserFactory()
    invitation = InvitationFactory(email=user.email, expired=True)

    with pytest.raises(InvitationExpired) as excinfo:
        services.accept_invitation(user, invitation)

    assert excinfo.value.message == (
        "Cette invitation a expiré. Demandez à l’administrateur de l’organisation de vous en "
        "envoyer une nouvelle."
    )
    assert not Membership.objects.filter(user=user).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not invitation.organisation.events.exists()
    assert [r.getMessage() for r in caplog.records if r.name == "organisations.services"] == [
        f"Invitation rejected: reason=InvitationExpired invitation={invitation.pk} user={user.pk}"
    ]


def test_accept_by_other_user_rejected():
    invitation = InvitationFactory(email="fatou@example.ml")
    stranger = UserFactory(email="moussa@example.ml")

    with pytest.raises(InvitationRecipientMismatch):
        services.accept_invitation(stranger, invitation)

    assert not Membership.objects.filter(user=stranger).exists()


def test_accept_when_already_member_rejected():
    member = MembershipFactory()
    invitation = InvitationFactory(organisation=member.organisation, email=member.user.email)

    with pytest.raises(AlreadyMember):
        services.accept_invitation(member.user, invitation)

    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert Membership.objects.filter(user=member.user).count() == 1


def test_remove_member_deletes_membership(admin):
    member = MembershipFactory(organisation=admin.organisation)

    services.remove_member(admin.user, member)

    assert not Membership.objects.filter(pk=member.pk).exists()
    event = admin.organisation.events.get()
    assert event.action == OrganisationEvent.Action.MEMBER_REMOVED
    assert event.actor == admin.user
    assert event.before == {"user": member.user_id, "role": "member"}


def test_remove_last_admin_rejected(admin, caplog):
    caplog.set_level(logging.INFO, logger="organisations")

    with pytest.raises(LastAdministrator) as excinfo:
        services.remove_member(admin.user, admin)

    assert excinfo.value.message == (
        "Impossible de retirer le dernier administrateur de l’organisation\u00a0: nommez "
        "d’abord un autre administrateur."
    )
    assert Membership.objects.filter(pk=admin.pk).exists()
    assert not admin.organisation.events.exists()
    assert [r.getMessage() for r in caplog.records if r.name == "organisations.services"] == [
        "Member removal rejected, last administrator: "
        f"organisation={admin.organisation.pk} membership={admin.pk} user={admin.user.pk}"
    ]


def test_remove_admin_when_another_remains(admin):
    other_admin = MembershipFactory(admin=True, organisation=admin.organisation)

    services.remove_member(admin.user, other_admin)

    assert list(admin.organisation.memberships.all()) == [admin]


def test_remove_denied_for_plain_member(admin):
    member = MembershipFactory(organisation=admin.organisation)

    with pytest.raises(NotAllowed):
        services.remove_member(member.user, admin)

    assert admin.organisation.memberships.count() == 2
