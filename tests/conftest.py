"""Fixtures shared by every suite. The wiring of the real services is in tests/services.py."""

import pytest

pytest_plugins = ["tests.services"]


@pytest.fixture(autouse=True)
def _isolated_cache():
    """Clear the cache around each test, so rate limits and cached values never leak."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _isolated_matching_catalogue():
    """Drop the matching engine cached by the process, so no test scores against another's
    offers: web requests accept an engine up to ten minutes old."""
    from matching import catalogue

    catalogue.clear()
    yield
    catalogue.clear()


@pytest.fixture(autouse=True)
def sms_outbox():
    """Return the locmem SMS outbox, empty at the start and end of each test."""
    from accounts import sms

    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SMS_FILE_PATH = str(tmp_path / "sms")
