"""Background matching work: the nightly batch and the updates after a profile or offer change."""

from __future__ import annotations

import logging

from celery import shared_task

from . import batch
from .ranker import NotEnoughInteractions

logger = logging.getLogger(__name__)


@shared_task
def nightly_matching() -> int:
    """Retrain the ranker when the interactions allow it, then recompute every seeker's list."""
    try:
        batch.train_from_database(apply=True)
    except NotEnoughInteractions as error:
        logger.info("Ranker not retrained, content-only scores kept: %s", error)
    return batch.compute_recommendations()


@shared_task
def refresh_seeker(profile_id: int) -> int:
    """Recompute the stored recommendations of one seeker profile."""
    return batch.compute_recommendations([profile_id])


@shared_task
def refresh_offer(offer_id: int) -> int:
    """Add a published offer to the lists it enters, or remove an unpublished or expired one."""
    return batch.refresh_offer(offer_id)
