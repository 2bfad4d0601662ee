"""Turning a hire into the registry's anonymous placement record."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from cms.time import BAMAKO
from observatory.models import PlacementSex
from observatory.placements import record_placement
from organisations.choices import Sector as OrganisationSector

from .choices import ApplicationStatus
from .models import Application, SeekerProfile
from .profiles import age_band

logger = logging.getLogger(__name__)

# The offers' contract types and project types, keyed as the registry keys them.
CONTRACT_TYPES = {
    "cdi": "cdi",
    "cdd": "cdd",
    "consultancy": "consultance",
    "internship": "stage",
    "volunteering": "volontariat",
    "daily-labour": "journalier",
}
PROJECT_TYPES = {"humanitarian": "humanitaire", "development": "developpement"}
MALI = "ML"


def record_hire(application_id: int) -> int | None:
    """Record the placement of a hired application once; return its id, or None if not hired.

    The application is read under a lock, so a hire undone meanwhile is not recorded.
    """
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("offer__occupation", "offer__sector", "offer__region", "organisation")
            .filter(pk=application_id)
            .first()
        )
        if application is None or application.status != ApplicationStatus.HIRED:
            logger.info("Placement skipped, not hired: application=%s", application_id)
            return None
        profile = (
            SeekerProfile.objects.select_related("region")
            .filter(user_id=application.seeker_id)
            .first()
        )
        if profile is None or profile.date_of_birth is None:
            logger.warning("Placement skipped, no seeker profile: application=%s", application_id)
            return None

        from .services import placement_key

        offer = application.offer
        start_date = timezone.localtime(application.hired_at, BAMAKO).date()
        region = offer.region or profile.region
        sector = offer.sector.slug if offer.sector is not None else ""
        placement, _created = record_placement(
            source_key=placement_key(application.pk),
            organisation=application.organisation,
            offer_id=offer.pk,
            occupation_code=offer.occupation.code if offer.occupation is not None else "",
            sector=sector if sector in OrganisationSector.values else "",
            contract_type=CONTRACT_TYPES[offer.contract_type],
            start_date=start_date,
            region=region.code if region is not None else "",
            project_type=PROJECT_TYPES.get(offer.project_type, ""),
            # Sex is optional in the profile; its absence is recorded, not left blank.
            sex=profile.sex or PlacementSex.NOT_GIVEN,
            age_band=age_band(profile.age_on(start_date)),
            nationality="national" if profile.nationality == MALI else "expatrie",
        )
    return placement.pk
