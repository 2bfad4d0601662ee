"""
NGOs finding seekers whose consent lets NGOs find them.

Only profiles whose visibility is `SEARCHABLE` are ever returned, to members of verified
organisations. Every search and every profile opened writes a `ProfileEvent`, so the platform
can tell who looked for and at whom; a seeker's own export lists the views of their profile.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from accounts.roles import Permission, can

from .choices import Visibility
from .exceptions import NotAllowed, SeekerNotFound
from .models import ProfileEvent, SeekerProfile

if TYPE_CHECKING:
    from accounts.models import User
    from organisations.models import Organisation

logger = logging.getLogger(__name__)

MAX_RESULTS = 50


@dataclass(frozen=True)
class SeekerFilters:
    """What an NGO looks for; None or "" means any value."""

    region: Any = None
    cercle: Any = None
    occupation: Any = None
    skill: Any = None
    education_level: str = ""

    def as_audit(self) -> dict[str, str]:
        """Return the filters set, by code, as the audit entry stores them."""
        values = {
            "region": getattr(self.region, "code", None),
            "cercle": getattr(self.cercle, "code", None),
            "occupation": getattr(self.occupation, "code", None),
            "skill": getattr(self.skill, "code", None),
            "education_level": self.education_level or None,
        }
        return {name: value for name, value in values.items() if value}


def searchable_profiles() -> QuerySet[SeekerProfile]:
    """Return the profiles of active seekers who let NGOs find them, and no other."""
    return SeekerProfile.objects.filter(visibility=Visibility.SEARCHABLE, user__is_active=True)


def _check(user: User, organisation: Organisation) -> None:
    if not can(user, Permission.SEARCH_SEEKERS, organisation):
        logger.info(
            "Seeker search rejected, no permission: organisation=%s user=%s",
            organisation.pk,
            user.pk,
        )
        raise NotAllowed()


def search_seekers(
    user: User, organisation: Organisation, filters: SeekerFilters
) -> list[SeekerProfile]:
    """Return up to `MAX_RESULTS` searchable profiles matching `filters`, and audit the search."""
    _check(user, organisation)

    profiles = searchable_profiles()
    if filters.region is not None:
        profiles = profiles.filter(region=filters.region)
    if filters.cercle is not None:
        profiles = profiles.filter(cercle=filters.cercle)
    if filters.occupation is not None:
        profiles = profiles.filter(desired_occupations=filters.occupation)
    if filters.skill is not None:
        profiles = profiles.filter(skills__skill=filters.skill)
    if filters.education_level:
        profiles = profiles.filter(education_level=filters.education_level)
    results = list(
        profiles.distinct()
        .select_related("user", "region", "cercle")
        .prefetch_related("desired_occupations", "skills__skill")
        .order_by("-updated_at", "pk")[:MAX_RESULTS]
    )

    ProfileEvent.objects.create(
        action=ProfileEvent.Action.SEARCHED,
        actor=user,
        organisation=organisation,
        details={"filters": filters.as_audit(), "results": len(results)},
    )
    logger.info(
        "Seekers searched: organisation=%s user=%s results=%s",
        organisation.pk,
        user.pk,
        len(results),
    )
    return results


def view_seeker(user: User, organisation: Organisation, seeker_id: int) -> SeekerProfile:
    """Return a searchable profile for an NGO member and audit the view; 404 for the others."""
    _check(user, organisation)
    profile = (
        searchable_profiles()
        .select_related("user", "region", "cercle", "commune", "counsellor_organisation")
        .filter(user_id=seeker_id)
        .first()
    )
    if profile is None:
        logger.info(
            "Seeker view rejected, not searchable: seeker=%s organisation=%s user=%s",
            seeker_id,
            organisation.pk,
            user.pk,
        )
        raise SeekerNotFound()

    ProfileEvent.objects.create(
        profile=profile, action=ProfileEvent.Action.VIEWED, actor=user, organisation=organisation
    )
    logger.info(
        "Seeker profile viewed: profile=%s organisation=%s user=%s",
        profile.pk,
        organisation.pk,
        user.pk,
    )
    return profile
