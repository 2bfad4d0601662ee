import shutil
import socket
import subprocess
import time

import pytest
from django.conf import settings as django_settings

pytestmark = pytest.mark.django_db


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_healthz_embedded_defaults(client, settings):
    settings.CELERY_BROKER_URL = None
    settings.SEARCH_BACKEND = "database"

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["services"]["database"]["status"] == "up"
    expected_vendor = {"sqlite3": "sqlite", "postgresql": "postgresql"}[
        django_settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    ]
    assert body["services"]["database"]["backend"] == expected_vendor
    assert body["services"]["search"] == {
        "backend": "database",
        "status": "up",
        "detail": "database search",
    }
    assert body["services"]["broker"]["backend"] == "eager"


def test_healthz_unreachable_broker_is_down(client, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded"
    assert body["services"]["broker"]["status"] == "down"
    assert body["services"]["broker"]["detail"] == "ConnectionError"


def test_healthz_unreachable_search_is_down(client, settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["services"]["search"]["status"] == "down"


def test_healthz_logs_failed_probe(client, settings, caplog):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"

    with caplog.at_level("WARNING", logger="jobcluster.health"):
        client.get("/healthz")

    health_records = [record for record in caplog.records if record.name == "jobcluster.health"]
    assert [record.getMessage() for record in health_records] == [
        "health check failed service=broker error=ConnectionError"
    ]


def test_healthz_rejects_post(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.redis
def test_healthz_real_redis_up(client, settings):
    import os

    settings.CELERY_BROKER_URL = os.environ["REDIS_URL"]

    response = client.get("/healthz")

    assert response.json()["services"]["broker"] == {
        "backend": "redis",
        "status": "up",
        "detail": "",
    }


@pytest.mark.redis
def test_healthz_reports_stopped_redis(client, settings):
    redis_server = shutil.which("redis-server")
    assert redis_server, "redis-server must be installed to run this test"
    port = free_port()
    process = subprocess.Popen(
        [
            redis_server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{port}/0"
    try:
        for _ in range(50):
            if client.get("/healthz").json()["services"]["broker"]["status"] == "up":
                break
            time.sleep(0.1)
        assert client.get("/healthz").json()["services"]["broker"]["status"] == "up"
    finally:
        process.terminate()
        process.wait(timeout=10)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["services"]["broker"]["status"] == "down"


@pytest.mark.elasticsearch
def test_healthz_real_elasticsearch_up(client, settings):
    import os

    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]

    response = client.get("/healthz")

    search = response.json()["services"]["search"]
    assert search["backend"] == "elasticsearch"
    assert search["status"] == "up"
    assert search["detail"] in {"green", "yellow"}


@pytest.mark.postgres
def test_healthz_reports_postgresql(client):
    assert client.get("/healthz").json()["services"]["database"]["backend"] == "postgresql"
