"""Periodic publishing work, run by Celery beat."""

import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task
def expire_closed_offers() -> list[int]:
    """Unpublish the offers whose closing date has passed in Bamako; a second run does nothing."""
    expired = services.expire_closed_offers()
    logger.info("Offer expiry finished: expired=%s", len(expired))
    return expired
