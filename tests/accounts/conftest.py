import pytest

from accounts import sms


@pytest.fixture(autouse=True)
def sms_outbox():
    """Return the locmem SMS outbox, empty at the start and end of each test."""
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()
