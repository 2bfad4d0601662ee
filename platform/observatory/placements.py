"""Recording hires made through the platform, so the statistics count them with the registry."""

from __future__ import annotations

import datetime
import logging

from django.db import IntegrityError, transaction

from organisations.models import Organisation

from .models import Placement, PlacementSex

logger = logging.getLogger(__name__)


def record_placement(
    *,
    source_key: str,
    organisation: Organisation,
    contract_type: str,
    start_date: datetime.date,
    region: str,
    sex: str,
    age_band: str,
    nationality: str,
    offer_id: int | None = None,
    occupation_code: str = "",
    sector: str = "",
    project_type: str = "",
) -> tuple[Placement, bool]:
    """Record a hire once per `source_key`, such as "application:42".

    Returns the placement and whether this call created it.

    Calling again with the same key returns the first record unchanged, so a retried task or a
    repeated signal never counts a hire twice. `sex` is one of `PlacementSex`: a seeker who gave
    none is recorded as `PlacementSex.NOT_GIVEN`, so the statistics count them in their own row;
    any other value raises ValueError.
    """
    if sex not in PlacementSex.values:
        raise ValueError(f"Invalid placement sex {sex!r}: expected one of {PlacementSex.values}.")
    values = {
        "organisation": organisation,
        "offer_id": offer_id,
        "occupation_code": occupation_code,
        "sector": sector,
        "contract_type": contract_type,
        "start_date": start_date,
        "region": region,
        "project_type": project_type,
        "sex": sex,
        "age_band": age_band,
        "nationality": nationality,
    }
    try:
        with transaction.atomic():
            placement, created = Placement.objects.get_or_create(
                source_key=source_key, defaults=values
            )
    except IntegrityError:
        # A concurrent call inserted the same key between the read and the insert.
        placement, created = Placement.objects.get(source_key=source_key), False

    if created:
        logger.info(
            "Placement recorded: placement=%s organisation=%s offer=%s",
            placement.pk,
            organisation.pk,
            offer_id,
        )
    return placement, created
