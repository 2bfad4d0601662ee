import functools

import pytest

from accounts import sms


@pytest.fixture(autouse=True)
def sms_outbox():
    """Return the locmem SMS outbox, empty at the start and end of each test."""
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Return a context manager that runs the transaction.on_commit callbacks registered in it,
    as a real commit would."""
    return functools.partial(django_capture_on_commit_callbacks, execute=True)
