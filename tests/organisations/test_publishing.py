import pytest

from organisations.exceptions import CannotPublish, OrganisationNotVerified
from organisations.services import ensure_can_publish
from tests.accounts.factories import UserFactory

from .factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_verified_member_may_publish():
    member = MembershipFactory(organisation=OrganisationFactory(verified=True))

    ensure_can_publish(member.user, member.organisation)


def test_unverified_member_cannot_publish():
    member = MembershipFactory(admin=True)

    with pytest.raises(OrganisationNotVerified) as excinfo:
        ensure_can_publish(member.user, member.organisation)

    assert excinfo.value.message == (
        "Votre organisation n’est pas encore vérifiée par les éditeurs\u00a0: vous pouvez "
        "préparer du contenu, mais pas le publier."
    )


def test_rejected_member_cannot_publish():
    member = MembershipFactory(organisation=OrganisationFactory(rejected=True))

    with pytest.raises(OrganisationNotVerified):
        ensure_can_publish(member.user, member.organisation)


def test_other_organisation_member_cannot_publish():
    member = MembershipFactory(organisation=OrganisationFactory(verified=True))
    target = OrganisationFactory(verified=True)

    with pytest.raises(CannotPublish) as excinfo:
        ensure_can_publish(member.user, target)

    assert not isinstance(excinfo.value, OrganisationNotVerified)
    assert excinfo.value.message == "Vous ne pouvez pas publier de contenu pour cette organisation."


def test_seeker_cannot_publish():
    with pytest.raises(CannotPublish):
        ensure_can_publish(UserFactory(), OrganisationFactory(verified=True))
