"""Who may download which CV, and the audit of NGO downloads.

A profile CV goes to its seeker and to the counsellors of the organisation that registered them.
NGOs never get a profile CV, because the NGO search page (`discovery`) shows no CV even for a
searchable profile. An application CV goes to its seeker, their counsellors and the members of the
organisation the application was sent to who may review applications.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import TYPE_CHECKING

from accounts.roles import Permission, can

from .models import Application, ProfileEvent, SeekerProfile

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)


class CvReader(StrEnum):
    """Why a user may download a CV."""

    SEEKER = "seeker"
    COUNSELLOR = "counsellor"
    ORGANISATION = "organisation"


def _counsels(user: User, profile: SeekerProfile | None) -> bool:
    return (
        profile is not None
        and profile.counsellor_organisation_id is not None
        and can(user, Permission.COUNSEL_SEEKERS, profile.counsellor_organisation)
    )


def profile_cv_reader(user: User, profile: SeekerProfile) -> CvReader | None:
    """Return why `user` may download the profile CV of `profile`, or None if they may not."""
    if user.is_authenticated and profile.user_id == user.pk:
        return CvReader.SEEKER
    if _counsels(user, profile):
        return CvReader.COUNSELLOR
    return None


def application_cv_reader(user: User, application: Application) -> CvReader | None:
    """Return why `user` may download the CV sent with `application`, or None if they may not."""
    if not user.is_authenticated:
        return None
    if application.seeker_id is not None and application.seeker_id == user.pk:
        return CvReader.SEEKER
    if can(user, Permission.REVIEW_APPLICATIONS, application.organisation):
        return CvReader.ORGANISATION
    if application.seeker_id is not None:
        profile = SeekerProfile.objects.filter(user_id=application.seeker_id).first()
        if _counsels(user, profile):
            return CvReader.COUNSELLOR
    return None


def record_organisation_download(user: User, application: Application) -> None:
    """Write the audit entry of an NGO member downloading an application's CV.

    The entry is attached to the seeker's profile, so the seeker's data export lists it.
    """
    profile = SeekerProfile.objects.filter(user_id=application.seeker_id).first()
    ProfileEvent.objects.create(
        profile=profile,
        action=ProfileEvent.Action.CV_DOWNLOADED,
        actor=user,
        organisation=application.organisation,
        details={"application": application.pk, "offer": application.offer_id},
    )
    logger.info(
        "Application CV downloaded by organisation: application=%s organisation=%s user=%s",
        application.pk,
        application.organisation_id,
        user.pk,
    )
