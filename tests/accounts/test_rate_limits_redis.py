import os
import uuid

import pytest
import redis

from .factories import PASSWORD, UserFactory
from .test_password_reset import LOCKED_OUT, LOGIN_URL

pytestmark = [pytest.mark.django_db, pytest.mark.redis]


@pytest.fixture
def redis_cache(settings):
    """Point Django's cache at the real Redis under a prefix of its own, and clean it up."""
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": prefix,
        }
    }
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    yield client, prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
    client.close()


def test_lockout_kept_in_redis(client, redis_cache):
    redis_client, prefix = redis_cache
    UserFactory(email="awa@example.ml", verified=True)
    for _ in range(5):
        client.post(LOGIN_URL, {"login": "awa@example.ml", "password": "mauvais"})

    response = client.post(LOGIN_URL, {"login": "awa@example.ml", "password": PASSWORD})

    assert response.context["form"].non_field_errors() == [LOCKED_OUT]
    assert list(redis_client.scan_iter(f"{prefix}:*")), "the rate-limit counters are not in Redis"
