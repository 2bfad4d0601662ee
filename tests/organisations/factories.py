"""Factories for organisations, memberships and invitations."""

import secrets
from datetime import timedelta

import factory
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from accounts.models import User
from organisations.choices import Region, Sector
from organisations.models import Invitation, Membership, Organisation
from tests.accounts.factories import UserFactory


def activate_totp(user: User) -> User:
    """Give `user` a TOTP authenticator, which staff accounts need to get past the MFA check."""
    TOTP.activate(user, generate_totp_secret())
    return user


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A pending national NGO. Traits: `verified`, `rejected`."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Association malienne n°{n}")
    acronym = factory.Sequence(lambda n: f"AM{n}")
    registration_number = factory.Sequence(lambda n: f"{n:04d}/MATD-DGAT")
    kind = Organisation.Kind.NATIONAL
    sectors = factory.LazyFunction(lambda: [Sector.EDUCATION, Sector.VOCATIONAL_TRAINING])
    regions = factory.LazyFunction(lambda: [Region.BAMAKO, Region.SIKASSO])
    contact_email = factory.Sequence(lambda n: f"contact{n}@ong.example.ml")
    status = Organisation.Status.PENDING

    class Params:
        verified = factory.Trait(
            status=Organisation.Status.VERIFIED,
            verified_at=factory.LazyFunction(timezone.now),
        )
        rejected = factory.Trait(
            status=Organisation.Status.REJECTED,
            rejection_reason="Le récépissé joint est illisible.",
        )


class MembershipFactory(factory.django.DjangoModelFactory):
    """A plain member of a pending organisation. Trait: `admin`."""

    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER

    class Params:
        admin = factory.Trait(role=Membership.Role.ADMIN)


class InvitationFactory(factory.django.DjangoModelFactory):
    """An open invitation by e-mail, valid for seven days. Traits: `expired`, `used`."""

    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invite{n}@example.ml")
    role = Membership.Role.MEMBER
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))

    class Params:
        expired = factory.Trait(
            expires_at=factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=1))
        )
        used = factory.Trait(accepted_at=factory.LazyFunction(timezone.now))
