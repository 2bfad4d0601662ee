"""Counting requests in the cache for the rate limits."""

from django.core.cache import cache

from jobcluster.ratelimit import count_request


def test_counts_requests_under_one_key():
    counts = [count_request("test:client", 60) for _ in range(3)]

    assert counts == [1, 2, 3]
    assert count_request("test:other-client", 60) == 1


def test_entry_expired_before_increment_counts_one(monkeypatch):
    # The entry disappears between add and incr, as when its time runs out in between.
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: None)

    assert count_request("test:expired", 60) == 1
