"""Concurrent status changes of one application wait for each other on PostgreSQL."""

import threading
import time

import pytest
from django.db import connections

from seekers import services
from seekers.choices import ApplicationStatus as S
from seekers.exceptions import IllegalTransition

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgres,
]


def test_concurrent_status_changes_serialised(seeker, offer, reviewer, monkeypatch):
    application = services.apply(seeker, offer, "Je suis disponible.")
    check_transition = services._check_transition

    def slow_check(*args, **kwargs):
        # Holding the row lock a while lets the other request reach its own SELECT ... FOR UPDATE.
        check_transition(*args, **kwargs)
        time.sleep(0.5)

    monkeypatch.setattr(services, "_check_transition", slow_check)
    outcomes = []

    def move_to_review():
        try:
            services.change_status(reviewer, application.pk, S.IN_REVIEW)
            outcomes.append("changed")
        except IllegalTransition:
            outcomes.append("rejected")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=move_to_review) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # Without the row lock both requests read "received" and both record a change.
    assert sorted(outcomes) == ["changed", "rejected"]
    assert list(application.events.values_list("from_status", "to_status")) == [
        ("", S.RECEIVED),
        (S.RECEIVED, S.IN_REVIEW),
    ]
