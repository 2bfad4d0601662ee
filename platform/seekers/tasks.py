"""Background work of the applications: writing hires into the registry as placements."""

from __future__ import annotations

import logging

from celery import shared_task

from . import placements

logger = logging.getLogger(__name__)


@shared_task
def record_hire_placement(application_id: int) -> int | None:
    """Record the placement of hired application `application_id`; a second run adds nothing."""
    return placements.record_hire(application_id)
