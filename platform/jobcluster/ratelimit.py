"""Request counting in the cache, shared by the rate limits of the JSON endpoints and forms."""

from django.core.cache import cache


def count_request(key: str, seconds: int) -> int:
    """Count one request under `key`, an entry kept `seconds`, and return the count so far."""
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key)
    except ValueError:
        # The entry expired between add and incr: this request opens the next count.
        return 1
