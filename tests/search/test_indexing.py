"""Which trainings belong in the index: they stay as long as the publishing side keeps them."""

import datetime

import pytest

from cms.time import bamako_today
from search import indexing
from tests.cms.factories import make_training, organisation_page

pytestmark = pytest.mark.django_db


def indexed_on(day: datetime.date, monkeypatch) -> set[int]:
    monkeypatch.setattr(indexing, "bamako_today", lambda: day)
    return set(indexing.live_ids())


def test_training_started_stays_indexed_until_end(monkeypatch):
    training = make_training(organisation_page())
    started = training.start_date + datetime.timedelta(days=1)

    assert training.pk in indexed_on(started, monkeypatch)
    assert training.pk in indexed_on(training.end_date, monkeypatch)
    assert training.pk not in indexed_on(
        training.end_date + datetime.timedelta(days=1), monkeypatch
    )


def test_training_leaves_index_after_deadline(monkeypatch):
    deadline = bamako_today() + datetime.timedelta(days=5)
    training = make_training(organisation_page(), application_deadline=deadline)

    assert indexing.closing_date_of(training) == deadline
    assert training.pk in indexed_on(deadline, monkeypatch)
    assert training.pk not in indexed_on(deadline + datetime.timedelta(days=1), monkeypatch)
