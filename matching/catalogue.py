"""The engine over the open offers, rebuilt only when the offers or the stored ranker change."""

from __future__ import annotations

import logging
import threading
import time

from django.db.models import Count, Max

from cms.time import bamako_today

from .engine import Engine
from .extract import offer_records, open_offers
from .models import RankerModel
from .ranker import load_ranker

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_cached: tuple[tuple, float, Engine] | None = None


def _signature() -> tuple:
    """Return what identifies the open catalogue and the ranker, in two small queries."""
    today = bamako_today()
    offers = open_offers(today).aggregate(
        count=Count("pk"),
        published=Max("last_published_at"),
        revised=Max("latest_revision_created_at"),
        largest=Max("pk"),
    )
    latest = RankerModel.objects.order_by("-version").values_list("version", "sha256").first()
    return (today, *offers.values(), latest)


def current_engine(max_stale_seconds: float = 0) -> Engine:
    """Return the engine over today's open offers with the stored ranker, cached per process.

    With `max_stale_seconds`, an engine built that recently is returned even if offers changed
    since, and the caller must filter out offers that closed meanwhile. Web requests pass it, so
    that a publication does not make the next page view rebuild the engine.
    """
    global _cached
    signature = _signature()
    with _lock:
        if _cached is not None:
            cached_signature, built_at, engine = _cached
            fresh = cached_signature == signature
            recent = time.monotonic() - built_at <= max_stale_seconds
            same_ranker = cached_signature[-1] == signature[-1]
            if fresh or (recent and same_ranker and cached_signature[0] == signature[0]):
                return engine
        today = signature[0]
        engine = Engine(offer_records(open_offers(today)), today.toordinal(), load_ranker())
        _cached = (signature, time.monotonic(), engine)
        logger.info(
            "Matching catalogue built: offers=%s ranker=%s",
            len(engine.offers),
            engine.ranker.version,
        )
        return engine


def clear() -> None:
    global _cached
    with _lock:
        _cached = None
