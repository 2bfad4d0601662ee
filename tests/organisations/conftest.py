import functools

import pytest


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Return a context manager that runs the transaction.on_commit callbacks registered in it,
    as a real commit would."""
    return functools.partial(django_capture_on_commit_callbacks, execute=True)
