"""The expiry task unpublishes exactly the offers whose closing date has passed in Bamako."""

import datetime

import pytest
from django.utils import timezone

from cms import services, tasks
from cms.models import OfferPage
from tests.cms.factories import make_offer

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
CLOSING = datetime.date(2026, 6, 19)


@pytest.fixture
def offers(org_page, monkeypatch):
    # Created while the closing dates are still to come, as an NGO would have posted them.
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 6, 1, 12, 0, tzinfo=UTC))
    closing_today = make_offer(org_page, closing_date=CLOSING, slug="ferme-le-19")
    closing_tomorrow = make_offer(
        org_page, closing_date=CLOSING + datetime.timedelta(days=1), slug="ferme-le-20"
    )
    draft = make_offer(org_page, live=False, closing_date=CLOSING, slug="brouillon")
    monkeypatch.undo()
    return closing_today, closing_tomorrow, draft


def live_slugs() -> set[str]:
    return set(OfferPage.objects.live().values_list("slug", flat=True))


def test_offer_stays_until_bamako_midnight(offers):
    last_second = datetime.datetime(2026, 6, 19, 23, 59, 59, tzinfo=UTC)

    expired = services.expire_closed_offers(now=last_second)

    assert expired == []
    assert live_slugs() == {"ferme-le-19", "ferme-le-20"}


def test_offer_expires_after_bamako_midnight(offers):
    closing_today, _closing_tomorrow, draft = offers
    first_second = datetime.datetime(2026, 6, 20, 0, 0, 0, tzinfo=UTC)

    expired = services.expire_closed_offers(now=first_second)

    assert expired == [closing_today.pk]
    assert live_slugs() == {"ferme-le-20"}
    closing_today.refresh_from_db()
    assert closing_today.expired
    draft.refresh_from_db()
    assert not draft.expired


def test_expiry_uses_bamako_not_server_zone(offers, settings):
    """A server set to another time zone still expires on Bamako's date."""
    settings.TIME_ZONE = "Asia/Tokyo"
    # 2026-06-20 08:00 in Tokyo is still 2026-06-19 in Bamako.
    tokyo_morning = datetime.datetime(2026, 6, 19, 23, 0, tzinfo=UTC)

    assert services.expire_closed_offers(now=tokyo_morning) == []


def test_expiry_task_is_idempotent(offers, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 6, 21, 0, 5, tzinfo=UTC))

    first = tasks.expire_closed_offers.delay().get()
    second = tasks.expire_closed_offers.delay().get()

    assert len(first) == 2
    assert second == []
    assert live_slugs() == set()


def test_beat_schedules_expiry(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["expire-closed-offers"]

    assert entry["task"] == "cms.tasks.expire_closed_offers"
    assert tasks.expire_closed_offers.name == "cms.tasks.expire_closed_offers"
