"""Celery tasks that keep the search index in step with the published pages."""

from __future__ import annotations

import logging

from celery import shared_task
from elasticsearch import ApiError, ConnectionTimeout, TransportError
from elasticsearch import ConnectionError as ElasticsearchConnectionError

from . import indexing

logger = logging.getLogger(__name__)

RETRY_DELAYS_SECONDS = (10, 60, 300, 900)


class TransientSearchError(Exception):
    """Elasticsearch failed in a way that a later attempt may not, such as a 5xx response."""


def _run(task, function, page_id: int):
    try:
        return function(page_id)
    except (ElasticsearchConnectionError, ConnectionTimeout, TransportError) as error:
        reason = type(error).__name__
    except ApiError as error:
        if error.meta.status < 500:
            raise
        reason = f"status {error.meta.status}"
    attempt = task.request.retries
    logger.warning(
        "Search task failed, retrying: page=%s attempt=%s error=%s", page_id, attempt, reason
    )
    delay = RETRY_DELAYS_SECONDS[min(attempt, len(RETRY_DELAYS_SECONDS) - 1)]
    raise task.retry(
        countdown=delay, max_retries=len(RETRY_DELAYS_SECONDS), exc=TransientSearchError(reason)
    )


@shared_task(bind=True)
def index_page(self, page_id: int) -> bool:
    """Index page `page_id`, or remove it when it is no longer live; safe to run twice."""
    return _run(self, indexing.index_page, page_id)


@shared_task(bind=True)
def remove_page(self, page_id: int) -> None:
    """Remove page `page_id` from the index; safe to run twice."""
    return _run(self, indexing.remove_page, page_id)


@shared_task
def reconcile_index() -> dict[str, int]:
    """Repair the documents that the queue missed; the reconciliation catches up after outages."""
    return indexing.reconcile()


@shared_task
def send_search_alerts(frequency: str) -> dict[str, int]:
    """Send the digests of saved searches with `frequency` (daily or weekly); safe to run twice."""
    from .alerts import send_digests

    return send_digests(frequency)
