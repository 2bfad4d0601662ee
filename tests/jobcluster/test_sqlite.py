"""The embedded SQLite database queues concurrent writers instead of failing."""

import runpy
import threading
import time
from pathlib import Path

from django.db.utils import ConnectionHandler

import jobcluster.settings.base

BASE_SETTINGS = Path(jobcluster.settings.base.__file__)


def sqlite_connections(tmp_path, monkeypatch) -> ConnectionHandler:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    monkeypatch.setenv("DJANGO_SECRET_KEY", "only-for-this-test")
    databases = runpy.run_path(str(BASE_SETTINGS))["DATABASES"]
    return ConnectionHandler(databases)


def test_two_read_then_write_transactions_both_commit(tmp_path, monkeypatch, django_db_blocker):
    # Two requests that read a row and then update it: with SQLite's default deferred
    # transactions the second one fails with "database is locked" instead of waiting.
    connections = sqlite_connections(tmp_path, monkeypatch)
    django_db_blocker.unblock()
    setup = connections["default"]
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE application (id INTEGER PRIMARY KEY, status TEXT)")
        cursor.execute("INSERT INTO application VALUES (1, 'received')")
    setup.close()
    errors = []

    def change_status(status):
        connection = connections["default"]
        try:
            connection.set_autocommit(False)
            connection._start_transaction_under_autocommit()
            with connection.cursor() as cursor:
                cursor.execute("SELECT status FROM application WHERE id = 1")
                time.sleep(0.3)
                cursor.execute("UPDATE application SET status = %s WHERE id = 1", [status])
            connection.commit()
        except Exception as error:  # noqa: BLE001 - the test reports any failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=change_status, args=(s,)) for s in ("review", "shortlist")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    django_db_blocker.restore()

    assert errors == []
