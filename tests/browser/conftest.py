"""
Fixtures of the browser tests: Debian's Chromium driven by Playwright, a live server, and the
services the environment names.

The live server runs in the test process. When REDIS_URL is set, a real Celery worker process
runs the tasks that the server queues, against the same database (PostgreSQL, since a SQLite
test database lives in memory). When ELASTICSEARCH_URL is set, search uses Elasticsearch with an
index prefix of the test's own. Under CI=true all three services are required.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.services import in_ci, service_problem

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = Path(os.environ.get("JOURNEY_ARTEFACTS", ROOT / "var" / "artefacts" / "journey"))
AXE_SCRIPT = ROOT / "var" / "node" / "node_modules" / "axe-core" / "axe.min.js"
WORKER_START_SECONDS = 180


@pytest.fixture(scope="module")
def chromium():
    """Launch the system Chromium for a test module; Playwright never downloads a browser."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    # Playwright's synchronous API runs an event loop in this thread, so Django would reject the
    # test's ORM calls as async-unsafe. They are plain synchronous code all the same.
    # The variable is removed again with the browser, so other modules keep Django's check.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run scripts/install-axe.", pytrace=False)
    return AXE_SCRIPT.read_text(encoding="utf-8")


@pytest.fixture
def artefacts() -> Path:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTEFACTS.glob("*.png"):
        old.unlink()
    return ARTEFACTS


def _require_full_stack_in_ci() -> None:
    if not in_ci():
        return
    for name in ("postgres", "redis", "elasticsearch"):
        problem = service_problem(name)
        if problem is not None:
            pytest.fail(f"{name} is required under CI=true: {problem}", pytrace=False)


@pytest.fixture
def search_backend(request, settings):
    """Use Elasticsearch with a fresh index prefix when it is configured, else the database."""
    url = os.environ.get("ELASTICSEARCH_URL", "").strip()
    if not url or service_problem("elasticsearch"):
        settings.SEARCH_BACKEND = "database"
        settings.ELASTICSEARCH_URL = None
        yield "database"
        return

    from elasticsearch import Elasticsearch

    # The marker makes the run's summary count this test among those against Elasticsearch.
    request.node.add_marker(pytest.mark.elasticsearch)
    prefix = f"test-journey-{uuid.uuid4().hex[:8]}"
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = url
    settings.SEARCH_INDEX_PREFIX = prefix
    yield "elasticsearch"
    es = Elasticsearch(url)
    try:
        for name in es.indices.get(index=f"{prefix}-*", expand_wildcards="all"):
            es.indices.delete(index=name)
    finally:
        es.close()


@pytest.fixture
def celery_worker_process(request, settings, search_backend, tmp_path):
    """Start `celery worker` as a separate process on a queue of its own, when Redis is set.

    The app in this process stops running tasks eagerly and sends them to that queue. Yields
    "worker" or "eager", and stops the worker with SIGTERM after the test.
    """
    _require_full_stack_in_ci()
    redis_url = os.environ.get("REDIS_URL", "").strip()
    if not redis_url or service_problem("redis"):
        yield "eager"
        return

    from django.db import connection

    from jobcluster.celery import app

    request.node.add_marker(pytest.mark.redis)

    database = connection.settings_dict
    if database["ENGINE"] != "django.db.backends.postgresql":
        pytest.fail(
            "A Celery worker process needs the test database in PostgreSQL: set DATABASE_URL.",
            pytrace=False,
        )
    database_url = "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**database)
    if database.get("PASSWORD"):
        database_url = database_url.replace("@", f":{database['PASSWORD']}@", 1)

    queue = f"journey-{uuid.uuid4().hex[:8]}"
    node_name = f"{queue}@localhost"
    saved = {
        key: app.conf[key]
        for key in ("task_always_eager", "broker_url", "result_backend", "task_default_queue")
    }
    app.conf.update(
        task_always_eager=False,
        broker_url=redis_url,
        result_backend=None,
        task_default_queue=queue,
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jobcluster.settings.test",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": redis_url,
        "SEARCH_INDEX_PREFIX": settings.SEARCH_INDEX_PREFIX,
        "SMS_BACKEND": "accounts.sms.FileBackend",
        "SMS_FILE_PATH": str(settings.SMS_FILE_PATH),
    }
    if search_backend == "database":
        environment.pop("ELASTICSEARCH_URL", None)
    log = tmp_path / "celery-worker.log"
    with log.open("w") as output:
        worker = subprocess.Popen(  # noqa: S603 - a fixed command line
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "jobcluster",
                "worker",
                "--pool=solo",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                f"--queues={queue}",
                f"--hostname={node_name}",
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_worker(app, node_name, log, worker)
        yield "worker"
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
        app.conf.update(saved)
        sys.stdout.write(f"\nCelery worker log ({log}):\n{log.read_text()[-3000:]}\n")


def _wait_for_worker(app, node_name: str, log: Path, worker: subprocess.Popen) -> None:
    """Wait until the worker replies to a ping through the broker, or fail with its log."""
    deadline = time.monotonic() + WORKER_START_SECONDS
    while not app.control.ping(destination=[node_name], timeout=1.0):
        if worker.poll() is not None:
            pytest.fail(f"The Celery worker exited:\n{log.read_text()[-3000:]}", pytrace=False)
        if time.monotonic() > deadline:
            pytest.fail(
                f"The Celery worker did not answer within {WORKER_START_SECONDS} s:\n"
                f"{log.read_text()[-3000:]}",
                pytrace=False,
            )
