"""
Applications to offers and the state machine of their statuses.

Seekers apply and withdraw; members of the offer's organisation with the permission to review
applications move them along `TRANSITIONS`. Every change writes an `ApplicationEvent`, logs one
line with ids, and notifies the seeker after the transaction commits. A hire queues the task that
records the placement in the registry; enough hires close the offer and the other applications,
and undoing one of those hires within `HIRE_UNDO_DAYS` reopens them.
"""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.actions.publish_revision import PublishRevisionAction

from accounts.roles import Permission, can
from cms import services as cms_services
from cms.choices import ApplicationMethod
from cms.models import OfferPage
from cms.time import bamako_today
from observatory.models import Placement

from . import notifications, tasks
from .choices import ApplicationKind, ApplicationStatus, ClosingReason, RejectionReason
from .exceptions import (
    AlreadyApplied,
    ApplicationNotFound,
    HireUndoTooLate,
    IllegalTransition,
    MissingCv,
    MissingRejectionReason,
    NotAllowed,
    OfferClosed,
    ProfileIncomplete,
)
from .models import Application, ApplicationEvent, OfferFilling
from .profiles import profile_of

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

S = ApplicationStatus

# Statuses an organisation may move an application to, from each status. Withdrawal belongs to
# the seeker and `CLOSED` to the platform, so neither is listed.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.IN_REVIEW, S.REJECTED}),
    S.IN_REVIEW: frozenset({S.SHORTLISTED, S.REJECTED}),
    S.SHORTLISTED: frozenset({S.INTERVIEW, S.REJECTED}),
    S.INTERVIEW: frozenset({S.HIRED, S.REJECTED}),
    # Undoing a hire, allowed for `HIRE_UNDO_DAYS`.
    S.HIRED: frozenset({S.INTERVIEW}),
}
WITHDRAWABLE = frozenset({S.RECEIVED, S.IN_REVIEW, S.SHORTLISTED, S.INTERVIEW, S.EXTERNAL})
OPEN_STATUSES = frozenset({S.RECEIVED, S.IN_REVIEW, S.SHORTLISTED, S.INTERVIEW})
HIRE_UNDO_DAYS = 7


def placement_key(application_id: int) -> str:
    """Return the registry's key of the placement made by application `application_id`."""
    return f"application:{application_id}"


# Applying


def is_open(offer: OfferPage) -> bool:
    """Tell whether `offer` takes applications: published and its closing date not passed."""
    return offer.live and not offer.expired and offer.closing_date >= bamako_today()


def apply(
    user: User,
    offer: OfferPage,
    message: str = "",
    cv: UploadedFile | None = None,
    *,
    actor: User | None = None,
) -> Application:
    """Apply to `offer` on the platform, or record the intent to apply by its external method.

    `cv` is a new CV already checked by `cv.check_cv`; without it the profile's CV is copied.
    `actor` is the counsellor applying for `user`, whose right to do so the caller checked
    (see `counselling.apply_for`); the application and its first event name them.
    """
    if not can(user, Permission.APPLY):
        logger.info("Application rejected, no permission: offer=%s user=%s", offer.pk, user.pk)
        raise NotAllowed()
    if not is_open(offer):
        logger.info("Application rejected, offer closed: offer=%s user=%s", offer.pk, user.pk)
        raise OfferClosed()
    profile = profile_of(user)
    if profile.date_of_birth is None or profile.region_id is None:
        logger.info("Application rejected, profile incomplete: offer=%s user=%s", offer.pk, user.pk)
        raise ProfileIncomplete()

    on_platform = offer.application_method == ApplicationMethod.PLATFORM
    if on_platform and cv is None and not profile.cv:
        logger.info("Application rejected, no CV: offer=%s user=%s", offer.pk, user.pk)
        raise MissingCv()

    application = Application(
        seeker=user,
        offer=offer,
        organisation_id=offer.organisation_id,
        kind=ApplicationKind.PLATFORM if on_platform else ApplicationKind.EXTERNAL_INTENT,
        status=S.RECEIVED if on_platform else S.EXTERNAL,
        message=message.strip() if on_platform else "",
        submitted_by=actor or user,
    )
    try:
        with transaction.atomic():
            if on_platform:
                application.cv = cv if cv is not None else profile.cv.name
            application.save()
            ApplicationEvent.objects.create(
                application=application, to_status=application.status, actor=actor or user
            )
    except IntegrityError:
        # A double submit: another request already created this seeker's application to the offer.
        logger.info("Application rejected, already applied: offer=%s user=%s", offer.pk, user.pk)
        raise AlreadyApplied() from None

    logger.info(
        "Application created: application=%s offer=%s organisation=%s kind=%s",
        application.pk,
        offer.pk,
        offer.organisation_id,
        application.kind,
    )
    return application


# Status changes


def applications_for_review(user: User, offer: OfferPage):
    """Return the applications to `offer` that `user` may review, raising 404 otherwise."""
    if not can(user, Permission.REVIEW_APPLICATIONS, offer.organisation):
        raise ApplicationNotFound()
    return (
        Application.objects.filter(offer=offer, kind=ApplicationKind.PLATFORM)
        .select_related("seeker__seeker_profile")
        .order_by("created_at", "pk")
    )


def change_status(user: User, application_id: int, status: str, reason: str = "") -> Application:
    """Move an application to `status`, as its seeker (withdrawal only) or its organisation.

    Raises `ApplicationNotFound` (a 404) when `user` is neither, so other organisations learn
    nothing; `IllegalTransition`, `MissingRejectionReason` or `HireUndoTooLate` on bad input.
    """
    with transaction.atomic():
        application = (
            Application.objects.select_for_update()
            .select_related("organisation")
            .filter(pk=application_id)
            .first()
        )
        if application is None:
            raise ApplicationNotFound()
        is_seeker = application.seeker_id is not None and application.seeker_id == user.pk
        is_reviewer = can(user, Permission.REVIEW_APPLICATIONS, application.organisation)
        if not is_seeker and not is_reviewer:
            logger.info(
                "Status change rejected, not found for user: application=%s user=%s",
                application_id,
                user.pk,
            )
            raise ApplicationNotFound()

        previous = application.status
        _check_transition(application, user, status, reason, is_seeker, is_reviewer)

        application.status = status
        application.rejection_reason = reason if status == S.REJECTED else ""
        if status == S.HIRED:
            application.hired_at = timezone.now()
        elif previous == S.HIRED:
            application.hired_at = None
            Placement.objects.filter(source_key=placement_key(application.pk)).delete()
        application.save()
        event = ApplicationEvent.objects.create(
            application=application,
            from_status=previous,
            to_status=status,
            reason=application.rejection_reason,
            actor=user,
        )
        _notify_after_commit(event.pk)

        closed_ids: list[int] = []
        reopened_ids: list[int] = []
        if status == S.HIRED:
            transaction.on_commit(lambda: tasks.record_hire_placement.delay(application.pk))
            closed_ids = _close_filled_offer(user, application)
        elif previous == S.HIRED:
            reopened_ids = _reopen_unfilled_offer(user, application)

    logger.info(
        "Application status changed: application=%s offer=%s from=%s to=%s user=%s closed=%s "
        "reopened=%s",
        application.pk,
        application.offer_id,
        previous,
        status,
        user.pk,
        len(closed_ids),
        len(reopened_ids),
    )
    return application


def next_statuses(application: Application) -> list[str]:
    """Return the statuses its organisation may move `application` to now, in pipeline order.

    These are the moves `_check_transition` accepts from a reviewer: undoing a hire only within
    `HIRE_UNDO_DAYS` of it.
    """
    allowed = TRANSITIONS.get(application.status, frozenset())
    if application.status == S.HIRED:
        limit = timezone.now() - datetime.timedelta(days=HIRE_UNDO_DAYS)
        if application.hired_at is None or application.hired_at < limit:
            return []
    return [status for status in S.values if status in allowed]


def _check_transition(
    application: Application,
    user: User,
    status: str,
    reason: str,
    is_seeker: bool,
    is_reviewer: bool,
) -> None:
    current = application.status
    if status == S.WITHDRAWN:
        allowed = is_seeker and current in WITHDRAWABLE
    else:
        allowed = is_reviewer and status in TRANSITIONS.get(current, frozenset())
    if not allowed:
        logger.info(
            "Status change rejected, illegal transition: application=%s from=%s to=%s user=%s",
            application.pk,
            current,
            status,
            user.pk,
        )
        raise IllegalTransition()

    if status == S.REJECTED and reason not in RejectionReason.values:
        logger.info("Status change rejected, no reason: application=%s", application.pk)
        raise MissingRejectionReason()

    if current == S.HIRED:
        limit = timezone.now() - datetime.timedelta(days=HIRE_UNDO_DAYS)
        if application.hired_at is None or application.hired_at < limit:
            logger.info("Hire undo rejected, too late: application=%s", application.pk)
            raise HireUndoTooLate()


def _close_filled_offer(user: User, application: Application) -> list[int]:
    """Unpublish the offer once its positions are filled and close its other open applications."""
    offer = OfferPage.objects.get(pk=application.offer_id)
    hires = Application.objects.filter(offer=offer, status=S.HIRED).count()
    if hires < offer.positions:
        return []

    OfferFilling.objects.get_or_create(
        offer=offer, defaults={"live_revision_id": offer.live_revision_id if offer.live else None}
    )
    if offer.live:
        cms_services.withdraw_opportunity(user, offer)

    others = list(
        Application.objects.select_for_update().filter(offer=offer, status__in=OPEN_STATUSES)
    )
    for other in others:
        previous = other.status
        other.status = S.CLOSED
        other.closing_reason = ClosingReason.POSITION_FILLED
        other.save(update_fields=["status", "closing_reason", "updated_at"])
        event = ApplicationEvent.objects.create(
            application=other,
            from_status=previous,
            to_status=S.CLOSED,
            reason=ClosingReason.POSITION_FILLED,
            actor=user,
        )
        _notify_after_commit(event.pk)
    return [other.pk for other in others]


def _reopen_unfilled_offer(user: User, application: Application) -> list[int]:
    """Reopen what `_close_filled_offer` closed, once an undone hire leaves a position free.

    The applications closed as "position filled" go back to the status they had, because
    nothing but the filled positions ended them; the NGO may still reject them. The offer's
    version that was live goes live again unless its closing date has passed meanwhile.
    """
    filling = (
        OfferFilling.objects.select_for_update(of=("self",))
        .select_related("live_revision")
        .filter(offer_id=application.offer_id)
        .first()
    )
    if filling is None:
        return []
    offer = OfferPage.objects.get(pk=application.offer_id)
    hires = Application.objects.filter(offer=offer, status=S.HIRED).count()
    if hires >= offer.positions:
        return []

    # Applications: back to their status before the closing, as recorded in their history.
    closed = list(
        Application.objects.select_for_update().filter(
            offer=offer, status=S.CLOSED, closing_reason=ClosingReason.POSITION_FILLED
        )
    )
    for other in closed:
        closing_event = other.events.filter(to_status=S.CLOSED).order_by("-created_at", "-pk")
        restored = next(iter(closing_event.values_list("from_status", flat=True)[:1]), "")
        other.status = restored if restored in OPEN_STATUSES else S.RECEIVED
        other.closing_reason = ""
        other.save(update_fields=["status", "closing_reason", "updated_at"])
        event = ApplicationEvent.objects.create(
            application=other, from_status=S.CLOSED, to_status=other.status, actor=user
        )
        _notify_after_commit(event.pk)

    # The offer: its last live version is published again, without moderation, because it had
    # already passed it and only the platform took it offline.
    revision = filling.live_revision
    if revision is not None and not offer.live:
        if revision.as_object().closing_date >= bamako_today():
            PublishRevisionAction(revision, user=user).execute(skip_permission_checks=True)
            logger.info("Filled offer reopened: offer=%s user=%s", offer.pk, user.pk)
        else:
            logger.info("Filled offer left closed, closing date passed: offer=%s", offer.pk)
    filling.delete()
    return [other.pk for other in closed]


def _notify_after_commit(event_id: int) -> None:
    transaction.on_commit(lambda: notifications.notify_status_change(event_id))
