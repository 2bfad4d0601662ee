"""
A pytest plugin that runs the suites against the real services the environment names.

DATABASE_URL chooses the database of every test (PostgreSQL, or SQLite when unset). A test that
needs Redis, Elasticsearch or PostgreSQL itself carries the `redis`, `elasticsearch` or
`postgres` marker. When that service is not configured or does not respond, the test is skipped,
except under CI=true, where it fails. The summary says how many tests ran against each service
and which were skipped.
"""

from __future__ import annotations

import os
import socket
from collections import Counter
from functools import cache
from urllib.parse import urlsplit

import pytest

SERVICE_MARKERS = ("postgres", "redis", "elasticsearch")
CONNECT_TIMEOUT_SECONDS = 3

_passed: Counter[str] = Counter()
_failed: Counter[str] = Counter()
_skipped: Counter[str] = Counter()


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def _reachable(url: str) -> bool:
    parts = urlsplit(url)
    default_ports = {"redis": 6379, "rediss": 6380, "http": 80, "https": 443, "postgres": 5432}
    port = parts.port or default_ports.get(parts.scheme, 0)
    try:
        with socket.create_connection(
            (parts.hostname or "localhost", port), CONNECT_TIMEOUT_SECONDS
        ):
            return True
    except OSError:
        return False


@cache
def service_problem(name: str) -> str | None:
    """Return why service `name` cannot be used, or None when it is configured and responds."""
    variable = {
        "postgres": "DATABASE_URL",
        "redis": "REDIS_URL",
        "elasticsearch": "ELASTICSEARCH_URL",
    }[name]
    url = os.environ.get(variable, "").strip()
    if not url:
        return f"{variable} is not set"
    if name == "postgres" and not url.startswith(("postgres://", "postgresql://")):
        return f"{variable} does not name a PostgreSQL database"
    if not _reachable(url):
        return f"{variable} names a server that does not answer"
    return None


def _services_of(item: pytest.Item) -> set[str]:
    names = {marker for marker in SERVICE_MARKERS if item.get_closest_marker(marker)}
    uses_database = bool(item.get_closest_marker("django_db")) or bool(
        {"db", "transactional_db", "django_db_setup"} & set(getattr(item, "fixturenames", ()))
    )
    if uses_database and service_problem("postgres") is None:
        names.add("postgres")
    return names


def pytest_runtest_setup(item: pytest.Item) -> None:
    for name in SERVICE_MARKERS:
        if not item.get_closest_marker(name):
            continue
        problem = service_problem(name)
        if problem is None:
            continue
        if in_ci():
            pytest.fail(f"{name} is required under CI=true: {problem}", pytrace=False)
        pytest.skip(f"{name} not available: {problem}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" or (report.when == "setup" and not report.passed):
        for name in _services_of(item):
            if report.passed:
                _passed[name] += 1
            elif report.skipped:
                _skipped[name] += 1
            else:
                _failed[name] += 1


def _server_version(name: str) -> str:
    """Return the version the server of `name` reports, or an empty string if it cannot."""
    try:
        if name == "postgres":
            import psycopg

            with psycopg.connect(os.environ["DATABASE_URL"], connect_timeout=3) as connection:
                return connection.execute("SHOW server_version").fetchone()[0]
        if name == "redis":
            import redis

            client = redis.Redis.from_url(os.environ["REDIS_URL"], socket_timeout=3)
            return client.info("server")["redis_version"]
        if name == "elasticsearch":
            import json
            from urllib.request import urlopen

            with urlopen(os.environ["ELASTICSEARCH_URL"], timeout=3) as response:  # noqa: S310
                return json.load(response)["version"]["number"]
    except Exception as error:  # noqa: BLE001 - the header only informs
        return f"version unknown: {type(error).__name__}"
    return ""


def pytest_report_header(config) -> list[str]:
    lines = []
    for name in SERVICE_MARKERS:
        problem = service_problem(name)
        state = f"available, version {_server_version(name)}" if problem is None else problem
        lines.append(f"service {name}: {state}")
    lines.append(f"CI mode (a missing service fails): {in_ci()}")
    return lines


def pytest_terminal_summary(terminalreporter) -> None:
    terminalreporter.section("real services")
    for name in SERVICE_MARKERS:
        # Worded unlike pytest's closing line, which tools read as the run's result.
        terminalreporter.write_line(
            f"tests against {name}: {_passed[name]} succeeded, {_failed[name]} did not, "
            f"{_skipped[name]} were skipped"
        )
