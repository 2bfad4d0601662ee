import logging

import pytest

from accounts.roles import Permission, can
from organisations import services
from organisations.choices import Region, Sector
from organisations.exceptions import DuplicateRegistrationNumber, NotAllowed
from organisations.models import Membership, Organisation, OrganisationEvent
from tests.accounts.factories import UserFactory

from .factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def details(**overrides):
    values = {
        "name": "Association pour l’emploi des jeunes",
        "acronym": "APEJ-ONG",
        "registration_number": "0123/MATD-DGAT",
        "kind": Organisation.Kind.NATIONAL,
        "sectors": [Sector.VOCATIONAL_TRAINING],
        "regions": [Region.SEGOU, Region.MOPTI],
        "contact_email": "contact@apej.example.ml",
        "contact_phone": "+22370123456",
        "website": "https://apej.example.ml",
    }
    values.update(overrides)
    return services.OrganisationDetails(**values)


def service_messages(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "organisations.services"]


def test_register_creates_pending_organisation():
    user = UserFactory()

    organisation = services.register_organisation(user, details())

    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.PENDING
    assert organisation.name == "Association pour l’emploi des jeunes"
    assert organisation.regions == ["ML04", "ML05"]
    assert organisation.sectors == ["formation-professionnelle"]
    assert organisation.registration_number_key == "0123/MATD-DGAT"


def test_register_makes_user_administrator():
    user = UserFactory()

    organisation = services.register_organisation(user, details())

    membership = Membership.objects.get(organisation=organisation)
    assert membership.user == user
    assert membership.role == Membership.Role.ADMIN
    assert can(user, Permission.MANAGE_MEMBERS, organisation)


def test_register_writes_audit_entry():
    user = UserFactory()

    organisation = services.register_organisation(user, details())

    event = OrganisationEvent.objects.get(organisation=organisation)
    assert event.action == OrganisationEvent.Action.REGISTERED
    assert event.actor == user
    assert event.before is None
    assert event.after == {"status": "pending", "administrator": user.pk}


def test_register_duplicate_number_rejected(caplog):
    caplog.set_level(logging.INFO, logger="organisations")
    OrganisationFactory(registration_number="0123/MATD-DGAT")
    user = UserFactory()

    with pytest.raises(DuplicateRegistrationNumber) as excinfo:
        services.register_organisation(user, details(registration_number="  0123 / matd-dgat "))

    assert excinfo.value.message == (
        "Une organisation est déjà inscrite avec ce numéro d’enregistrement. "
        "Si c’est la vôtre, demandez à son administrateur de vous inviter."
    )
    assert Organisation.objects.count() == 1
    assert not Membership.objects.filter(user=user).exists()
    assert not OrganisationEvent.objects.exists()
    assert service_messages(caplog) == [
        f"Organisation registration rejected as duplicate: user={user.pk}"
    ]


def test_register_cleans_number_whitespace():
    organisation = services.register_organisation(
        UserFactory(), details(registration_number="  0456\t/  MATD ")
    )

    assert organisation.registration_number == "0456 / MATD"
    assert organisation.registration_number_key == "0456/MATD"


def test_register_denied_for_ngo_member():
    membership = MembershipFactory()

    with pytest.raises(NotAllowed):
        services.register_organisation(membership.user, details())

    assert Organisation.objects.count() == 1


def test_update_records_changed_fields():
    admin = MembershipFactory(admin=True)
    organisation = admin.organisation
    new = details(
        name=organisation.name,
        acronym=organisation.acronym,
        registration_number=organisation.registration_number,
        kind=organisation.kind,
        sectors=organisation.sectors,
        regions=[Region.KIDAL],
        contact_email=organisation.contact_email,
        contact_phone="",
        website="",
    )

    services.update_organisation(admin.user, organisation, new)

    organisation.refresh_from_db()
    assert organisation.regions == ["ML08"]
    event = organisation.events.get()
    assert event.action == OrganisationEvent.Action.UPDATED
    assert event.before == {"regions": ["ML09", "ML03"]}
    assert event.after == {"regions": ["ML08"]}


def test_update_duplicate_number_keeps_values():
    OrganisationFactory(registration_number="9999/MATD")
    admin = MembershipFactory(admin=True)
    organisation = admin.organisation
    original = organisation.registration_number

    with pytest.raises(DuplicateRegistrationNumber):
        services.update_organisation(
            admin.user, organisation, details(registration_number="9999/matd")
        )

    organisation.refresh_from_db()
    assert organisation.registration_number == original
    assert organisation.name != "Association pour l’emploi des jeunes"
    assert not organisation.events.exists()


def test_update_denied_for_plain_member():
    member = MembershipFactory()

    with pytest.raises(NotAllowed):
        services.update_organisation(member.user, member.organisation, details())

    member.organisation.refresh_from_db()
    assert member.organisation.name != "Association pour l’emploi des jeunes"
