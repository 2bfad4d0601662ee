"""
Counsellor mode: a counsellor of a verified youth centre or NGO acts for seekers it registered.

Seekers without a smartphone or an e-mail address get an account with neither, flagged
`reached_through_counsellor`, and no usable password. Any counsellor of the registering
organisation may then edit the profile, record consent and apply; each action names the
counsellor (`updated_by`, `recorded_by`, `submitted_by`, event actors) and writes a
`ProfileEvent`. Notices about such a seeker go to the counsellor who registered them.
"""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.roles import Permission, can, organisations_with
from cms.models import OfferPage

from . import profiles, services
from .exceptions import NotAllowed, SeekerNotFound
from .models import Application, Consent, ProfileEvent, SeekerProfile

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.forms import BaseInlineFormSet, ModelForm

    from accounts.models import User
    from organisations.models import Organisation

logger = logging.getLogger(__name__)


def counselled_profiles(counsellor: User) -> QuerySet[SeekerProfile]:
    """Return the profiles registered by the organisations in which `counsellor` counsels."""
    return (
        SeekerProfile.objects.filter(
            counsellor_organisation__in=organisations_with(counsellor, Permission.COUNSEL_SEEKERS)
        )
        .select_related("user", "counsellor_organisation", "updated_by")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def counselled_profile(counsellor: User, user_id: int) -> SeekerProfile:
    """Return the profile of seeker `user_id` if `counsellor` may act for them, else raise 404.

    A counsellor acts only for seekers their own verified organisation registered, so the
    profiles of other seekers stay hidden (`SeekerNotFound` is a 404).
    """
    profile = (
        SeekerProfile.objects.select_related("user", "counsellor_organisation")
        .filter(user_id=user_id, counsellor_organisation__isnull=False)
        .first()
    )
    if profile is None or not can(
        counsellor, Permission.COUNSEL_SEEKERS, profile.counsellor_organisation
    ):
        logger.info("Counselling rejected, not found: seeker=%s user=%s", user_id, counsellor.pk)
        raise SeekerNotFound()
    return profile


def register_seeker(
    counsellor: User,
    organisation: Organisation,
    *,
    first_name: str,
    last_name: str,
    visibility: str,
    method: str,
    given_on: datetime.date,
    note: str = "",
) -> SeekerProfile:
    """Create the account and empty profile of a seeker without a phone or e-mail address.

    The seeker's consent is recorded with how (`method`) and when (`given_on`) they gave it.
    """
    if not can(counsellor, Permission.COUNSEL_SEEKERS, organisation):
        logger.info(
            "Seeker registration rejected, no permission: organisation=%s user=%s",
            organisation.pk,
            counsellor.pk,
        )
        raise NotAllowed()

    with transaction.atomic():
        user = get_user_model().objects.create_user(
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            reached_through_counsellor=True,
        )
        profile = SeekerProfile.objects.create(
            user=user,
            counsellor=counsellor,
            counsellor_organisation=organisation,
            updated_by=counsellor,
            visibility=visibility,
            visibility_changed_at=timezone.now(),
        )
        ProfileEvent.objects.create(
            profile=profile,
            action=ProfileEvent.Action.REGISTERED,
            actor=counsellor,
            organisation=organisation,
        )
        _record_consent(counsellor, profile, visibility, method, given_on, note)

    logger.info(
        "Seeker registered by counsellor: profile=%s user=%s organisation=%s counsellor=%s",
        profile.pk,
        user.pk,
        organisation.pk,
        counsellor.pk,
    )
    return profile


def record_consent(
    counsellor: User,
    profile: SeekerProfile,
    *,
    visibility: str,
    method: str,
    given_on: datetime.date,
    note: str = "",
) -> Consent:
    """Record the visibility choice a counselled seeker gave, with how and when they gave it."""
    profile = counselled_profile(counsellor, profile.user_id)
    with transaction.atomic():
        profile.visibility = visibility
        profile.visibility_changed_at = timezone.now()
        profile.updated_by = counsellor
        profile.save(update_fields=["visibility", "visibility_changed_at", "updated_by"])
        consent = _record_consent(counsellor, profile, visibility, method, given_on, note)
    logger.info(
        "Consent recorded by counsellor: profile=%s consent=%s method=%s counsellor=%s",
        profile.pk,
        consent.pk,
        method,
        counsellor.pk,
    )
    return consent


def _record_consent(
    counsellor: User,
    profile: SeekerProfile,
    visibility: str,
    method: str,
    given_on: datetime.date,
    note: str,
) -> Consent:
    consent = Consent.objects.create(
        user=profile.user,
        visibility=visibility,
        method=method,
        recorded_by=counsellor,
        given_on=given_on,
        note=note.strip(),
    )
    ProfileEvent.objects.create(
        profile=profile,
        action=ProfileEvent.Action.CONSENT_RECORDED,
        actor=counsellor,
        organisation=profile.counsellor_organisation,
        details={"visibility": visibility, "method": method},
    )
    return consent


def save_profile_for(
    counsellor: User,
    profile: SeekerProfile,
    form: ModelForm,
    formsets: list[BaseInlineFormSet],
) -> SeekerProfile:
    """Save a counselled seeker's validated profile form, naming the counsellor as its editor."""
    profile = counselled_profile(counsellor, profile.user_id)
    with transaction.atomic():
        saved = profiles.save_profile(profile.user, form, formsets, actor=counsellor)
        ProfileEvent.objects.create(
            profile=saved,
            action=ProfileEvent.Action.EDITED,
            actor=counsellor,
            organisation=profile.counsellor_organisation,
        )
    return saved


def apply_for(
    counsellor: User,
    profile: SeekerProfile,
    offer: OfferPage,
    message: str = "",
    cv: UploadedFile | None = None,
) -> Application:
    """Apply to `offer` for a counselled seeker; the application names the counsellor."""
    profile = counselled_profile(counsellor, profile.user_id)
    with transaction.atomic():
        application = services.apply(profile.user, offer, message, cv, actor=counsellor)
        ProfileEvent.objects.create(
            profile=profile,
            action=ProfileEvent.Action.APPLIED,
            actor=counsellor,
            organisation=profile.counsellor_organisation,
            details={"application": application.pk, "offer": offer.pk},
        )
    logger.info(
        "Application made by counsellor: application=%s offer=%s counsellor=%s",
        application.pk,
        offer.pk,
        counsellor.pk,
    )
    return application
