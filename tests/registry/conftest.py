import pytest

from tests.accounts.factories import UserFactory
from tests.organisations.factories import MembershipFactory, OrganisationFactory, activate_totp

from .factories import DeclarationFactory


@pytest.fixture
def organisation():
    return OrganisationFactory(verified=True)


@pytest.fixture
def ngo_admin(organisation):
    """An administrator of `organisation`, who files its declarations."""
    return MembershipFactory(organisation=organisation, admin=True).user


@pytest.fixture
def analyst():
    return activate_totp(UserFactory(analyst=True))


@pytest.fixture
def declaration(organisation):
    return DeclarationFactory(organisation=organisation)
