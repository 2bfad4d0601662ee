"""A real Celery worker on the real Redis broker runs the publishing tasks."""

import datetime
import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from cms import tasks
from cms.models import OfferPage
from jobcluster.celery import app
from tests.cms.factories import make_offer, organisation_page

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def redis_worker():
    """Point the Celery app at the real Redis, start a worker thread, and restore the app after.

    No result backend: the test reads the task's effect from the database.
    """
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url", "result_backend")}
    app.conf.update(
        task_always_eager=False,
        broker_url=os.environ["REDIS_URL"],
        result_backend=os.environ["REDIS_URL"],
    )
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        yield app
    app.conf.update(saved)


def test_worker_expires_closed_offer(monkeypatch, redis_worker):
    org_page = organisation_page()
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC))
    closed = make_offer(org_page, closing_date=datetime.date(2026, 6, 10), slug="fermee")
    open_offer = make_offer(org_page, closing_date=datetime.date(2099, 1, 1), slug="ouverte")
    monkeypatch.undo()

    tasks.expire_closed_offers.delay()

    deadline = time.monotonic() + 60
    while OfferPage.objects.filter(pk=closed.pk, live=True).exists():
        assert time.monotonic() < deadline, "the worker did not expire the offer within 60 s"
        time.sleep(0.2)
    assert set(OfferPage.objects.live().values_list("pk", flat=True)) == {open_offer.pk}
