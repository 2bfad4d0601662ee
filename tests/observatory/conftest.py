import pytest

from tests.accounts.factories import UserFactory
from tests.organisations.factories import activate_totp


@pytest.fixture
def analyst():
    return activate_totp(UserFactory(analyst=True))


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client
