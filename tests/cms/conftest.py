import pytest

from tests.cms.factories import organisation_page


@pytest.fixture
def org_page(db):
    """The page of a verified organisation, with its members group."""
    return organisation_page()
