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


@shared_task
def expire_finished_trainings() -> list[int]:
    """Unpublish the trainings that ended, or whose application deadline passed, in Bamako; a
    second run does nothing."""
    expired = services.expire_finished_trainings()
    logger.info("Training expiry finished: expired=%s", len(expired))
    return expired


@shared_task
def notify_editors_of_report(report_id: int) -> int:
    """E-mail the editors about report `report_id`; return the number of recipients."""
    from .notifications import notify_editors_of_report as notify

    return notify(report_id)
