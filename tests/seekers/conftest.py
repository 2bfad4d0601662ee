import pytest

from organisations.models import Membership
from tests.cms.factories import make_offer, organisation_page
from tests.organisations.factories import MembershipFactory

from .factories import SeekerProfileFactory


@pytest.fixture
def org_page(db):
    return organisation_page()


@pytest.fixture
def offer(org_page):
    """A live offer for two positions, applied to on the platform."""
    return make_offer(org_page, positions=2)


@pytest.fixture
def seeker(db):
    return SeekerProfileFactory().user


@pytest.fixture
def reviewer(org_page):
    """A member of the offer's organisation, who reviews its applications."""
    return MembershipFactory(organisation=org_page.organisation, role=Membership.Role.MEMBER).user


@pytest.fixture
def outsider():
    """An administrator of another verified organisation."""
    other = organisation_page()
    return MembershipFactory(organisation=other.organisation, role=Membership.Role.ADMIN).user
