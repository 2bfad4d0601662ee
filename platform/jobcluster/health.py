"""Probes of the services Job Cluster depends on, for /healthz and the test-suite wiring."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)

PROBE_TIMEOUT_SECONDS = 2


@dataclass(frozen=True)
class ServiceState:
    name: str
    backend: str
    up: bool
    detail: str = ""
    index_lag: int | None = None  # live pages missing from the search index, when known

    def as_dict(self) -> dict[str, object]:
        state: dict[str, object] = {
            "backend": self.backend,
            "status": "up" if self.up else "down",
            "detail": self.detail,
        }
        if self.index_lag is not None:
            state["index_lag"] = self.index_lag
        return state


def check_database() -> ServiceState:
    backend = connection.vendor
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any driver error means the database is down
        logger.warning("health check failed service=database error=%s", type(error).__name__)
        return ServiceState("database", backend, False, type(error).__name__)
    return ServiceState("database", backend, True)


def check_search() -> ServiceState:
    if settings.SEARCH_BACKEND != "elasticsearch":
        return ServiceState("search", "database", True, "database search")

    from elasticsearch import Elasticsearch

    client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=PROBE_TIMEOUT_SECONDS)
    try:
        health = client.cluster.health()
    except Exception as error:  # noqa: BLE001 - connection, transport and API errors alike
        logger.warning("health check failed service=search error=%s", type(error).__name__)
        return ServiceState("search", "elasticsearch", False, type(error).__name__)
    finally:
        client.close()
    status = health.get("status", "red")
    return ServiceState(
        "search", "elasticsearch", status in {"green", "yellow"}, status, _index_lag()
    )


def _index_lag() -> int | None:
    from search.indexing import index_lag

    try:
        return index_lag()
    except Exception as error:  # noqa: BLE001 - the lag informs, it never fails the probe
        logger.warning("health check failed service=search-lag error=%s", type(error).__name__)
        return None


def check_broker() -> ServiceState:
    if not settings.CELERY_BROKER_URL:
        return ServiceState("broker", "eager", True, "tasks run in the web process")

    import redis

    client = redis.Redis.from_url(
        settings.CELERY_BROKER_URL,
        socket_timeout=PROBE_TIMEOUT_SECONDS,
        socket_connect_timeout=PROBE_TIMEOUT_SECONDS,
    )
    try:
        client.ping()
    except redis.RedisError as error:
        logger.warning("health check failed service=broker error=%s", type(error).__name__)
        return ServiceState("broker", "redis", False, type(error).__name__)
    finally:
        client.close()
    return ServiceState("broker", "redis", True)


def check_all() -> list[ServiceState]:
    return [check_database(), check_search(), check_broker()]
