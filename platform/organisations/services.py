"""
Every change to organisations, their status and their members goes through a function here.

Each function checks the permission with `accounts.roles.can`, writes the change and an
`OrganisationEvent` in one transaction, sends the notifications once the transaction commits, and
logs one line with ids only. Errors are `organisations.exceptions.OrganisationError` subclasses
carrying a French message; nothing is saved when one is raised.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.phone import normalize_phone
from accounts.roles import Permission, can

from . import notifications, signals
from .exceptions import (
    AlreadyMember,
    CannotPublish,
    DuplicateInvitation,
    DuplicateRegistrationNumber,
    InvalidRecipient,
    InvalidRole,
    InvalidStatusChange,
    InvitationAlreadyUsed,
    InvitationExpired,
    InvitationRecipientMismatch,
    LastAdministrator,
    MissingRejectionReason,
    NotAllowed,
    OrganisationNotVerified,
)
from .models import (
    Invitation,
    Membership,
    Organisation,
    OrganisationEvent,
    clean_registration_number,
    make_registration_number_key,
)

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

INVITATION_VALIDITY = timedelta(days=7)

Status = Organisation.Status
Action = OrganisationEvent.Action


@dataclass
class OrganisationDetails:
    """The fields an NGO fills in when it registers or edits its organisation."""

    name: str
    registration_number: str
    kind: str
    acronym: str = ""
    sectors: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    contact_email: str = ""
    contact_phone: str = ""
    website: str = ""


# Reading


def organisations_of(user: User) -> QuerySet[Membership]:
    """Return the user's memberships with their organisations, by organisation name."""
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name", "organisation__pk")
    )


def pending_organisations(user: User) -> QuerySet[Organisation]:
    """Return the organisations awaiting verification, oldest first, for an editor."""
    _require(user, Permission.VERIFY_ORGANISATIONS)
    return Organisation.objects.filter(status=Status.PENDING).order_by("created_at", "pk")


def members_of(organisation: Organisation) -> QuerySet[Membership]:
    """Return the memberships of `organisation`, administrators first."""
    return organisation.memberships.select_related("user").order_by("role", "created_at", "pk")


def open_invitations(organisation: Organisation) -> QuerySet[Invitation]:
    """Return the invitations of `organisation` that are neither accepted nor expired."""
    return organisation.invitations.filter(
        accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("expires_at", "pk")


# Registration and edition


def register_organisation(user: User, details: OrganisationDetails) -> Organisation:
    """Create a pending organisation whose administrator is `user`."""
    _require(user, Permission.REGISTER_ORGANISATION)

    try:
        with transaction.atomic():
            _check_registration_number_free(details.registration_number)
            organisation = Organisation(status=Status.PENDING, **asdict(details))
            _save_unique(organisation)
            Membership.objects.create(
                organisation=organisation, user=user, role=Membership.Role.ADMIN
            )
            _record(
                organisation,
                user,
                Action.REGISTERED,
                before=None,
                after={"status": Status.PENDING, "administrator": user.pk},
            )
    except DuplicateRegistrationNumber:
        logger.info("Organisation registration rejected as duplicate: user=%s", user.pk)
        raise

    logger.info("Organisation registered: organisation=%s user=%s", organisation.pk, user.pk)
    return organisation


def update_organisation(
    user: User, organisation: Organisation, details: OrganisationDetails
) -> Organisation:
    """Save new details for `organisation`, keeping its status.

    NOTE: a verified organisation stays verified after an edit, even of its registration
    number; editors see the change in the audit log only.
    """
    _require(user, Permission.MANAGE_MEMBERS, organisation)

    new_values = asdict(details)
    new_values["registration_number"] = clean_registration_number(details.registration_number)
    before = {}
    after = {}
    for name, value in new_values.items():
        if getattr(organisation, name) != value:
            before[name] = getattr(organisation, name)
            after[name] = value
    if not after:
        return organisation

    try:
        with transaction.atomic():
            if "registration_number" in after:
                _check_registration_number_free(details.registration_number, excluding=organisation)
            for name, value in after.items():
                setattr(organisation, name, value)
            _save_unique(organisation)
            _record(organisation, user, Action.UPDATED, before=before, after=after)
    except DuplicateRegistrationNumber:
        organisation.refresh_from_db()
        logger.info(
            "Organisation update rejected as duplicate: organisation=%s user=%s",
            organisation.pk,
            user.pk,
        )
        raise

    logger.info("Organisation updated: organisation=%s user=%s", organisation.pk, user.pk)
    return organisation


def resubmit_organisation(user: User, organisation: Organisation) -> Organisation:
    """Send a rejected organisation back to the editors' queue after its administrator fixed it."""
    _require(user, Permission.MANAGE_MEMBERS, organisation)

    with transaction.atomic():
        organisation = _lock(organisation)
        _require_status(organisation, Status.REJECTED, user, "resubmit")
        organisation.status = Status.PENDING
        organisation.save(update_fields=["status", "updated_at"])
        _record(
            organisation,
            user,
            Action.RESUBMITTED,
            before={"status": Status.REJECTED, "rejection_reason": organisation.rejection_reason},
            after={"status": Status.PENDING},
        )

    logger.info("Organisation resubmitted: organisation=%s user=%s", organisation.pk, user.pk)
    return organisation


# Verification


def verify_organisation(user: User, organisation: Organisation) -> Organisation:
    """Mark a pending organisation verified, so that its members may publish."""
    _require(user, Permission.VERIFY_ORGANISATIONS)

    with transaction.atomic():
        organisation = _lock(organisation)
        _require_status(organisation, Status.PENDING, user, "verify")
        organisation.status = Status.VERIFIED
        organisation.verified_at = timezone.now()
        organisation.verified_by = user
        organisation.rejection_reason = ""
        organisation.save(
            update_fields=["status", "verified_at", "verified_by", "rejection_reason", "updated_at"]
        )
        _record(
            organisation,
            user,
            Action.VERIFIED,
            before={"status": Status.PENDING},
            after={"status": Status.VERIFIED},
        )
        signals.organisation_verified.send(Organisation, organisation=organisation, user=user)
        transaction.on_commit(lambda: notifications.notify_verified(organisation))

    logger.info("Organisation verified: organisation=%s editor=%s", organisation.pk, user.pk)
    return organisation


def reject_organisation(user: User, organisation: Organisation, reason: str) -> Organisation:
    """Reject a pending organisation and send `reason` to its administrators."""
    _require(user, Permission.VERIFY_ORGANISATIONS)
    reason = reason.strip()
    if not reason:
        logger.info(
            "Organisation rejection rejected without reason: organisation=%s editor=%s",
            organisation.pk,
            user.pk,
        )
        raise MissingRejectionReason()

    with transaction.atomic():
        organisation = _lock(organisation)
        _require_status(organisation, Status.PENDING, user, "reject")
        organisation.status = Status.REJECTED
        organisation.rejection_reason = reason
        organisation.save(update_fields=["status", "rejection_reason", "updated_at"])
        _record(
            organisation,
            user,
            Action.REJECTED,
            before={"status": Status.PENDING},
            after={"status": Status.REJECTED, "rejection_reason": reason},
        )
        transaction.on_commit(lambda: notifications.notify_rejected(organisation))

    logger.info("Organisation rejected: organisation=%s editor=%s", organisation.pk, user.pk)
    return organisation


# Members


def invite_member(
    user: User,
    organisation: Organisation,
    *,
    email: str = "",
    phone: str = "",
    role: str = Membership.Role.MEMBER,
) -> Invitation:
    """Create an invitation to `organisation` and send its link by e-mail, or by SMS if no
    e-mail address is given."""
    _require(user, Permission.MANAGE_MEMBERS, organisation)

    email = email.strip().lower()
    try:
        phone = normalize_phone(phone) if phone.strip() else ""
    except ValidationError as exc:
        logger.info(
            "Invitation rejected, invalid phone: organisation=%s user=%s", organisation.pk, user.pk
        )
        raise InvalidRecipient(exc.messages[0]) from exc
    if not email and not phone:
        logger.info(
            "Invitation rejected, no recipient: organisation=%s user=%s", organisation.pk, user.pk
        )
        raise InvalidRecipient()
    if role not in Membership.Role.values:
        logger.info(
            "Invitation rejected, unknown role: organisation=%s user=%s", organisation.pk, user.pk
        )
        raise InvalidRole()

    with transaction.atomic():
        # Locking the organisation serialises concurrent invitations, so two requests cannot
        # both find no open invitation and create one each.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        duplicates = open_invitations(organisation)
        if email and duplicates.filter(email__iexact=email).exists():
            _reject_duplicate_invitation(organisation, user)
        if phone and duplicates.filter(phone=phone).exists():
            _reject_duplicate_invitation(organisation, user)

        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email,
            phone=phone,
            role=role,
            token=secrets.token_urlsafe(32),
            invited_by=user,
            expires_at=timezone.now() + INVITATION_VALIDITY,
        )
        _record(
            organisation,
            user,
            Action.MEMBER_INVITED,
            before=None,
            after={"invitation": invitation.pk, "role": role},
        )
        transaction.on_commit(lambda: notifications.send_invitation(invitation))

    logger.info(
        "Member invited: organisation=%s invitation=%s user=%s",
        organisation.pk,
        invitation.pk,
        user.pk,
    )
    return invitation


def _reject_duplicate_invitation(organisation: Organisation, user: User) -> None:
    logger.info(
        "Invitation rejected, already pending for this recipient: organisation=%s user=%s",
        organisation.pk,
        user.pk,
    )
    raise DuplicateInvitation()


def find_invitation(token: str) -> Invitation | None:
    """Return the invitation with `token`, or None."""
    return Invitation.objects.select_related("organisation").filter(token=token).first()


def accept_invitation(user: User, invitation: Invitation) -> Membership:
    """Make `user` a member of the invitation's organisation, once.

    The invitation must be unused and unexpired, and addressed to the user's e-mail address or
    phone number.
    """
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        _check_invitation_usable(user, invitation)

        organisation = invitation.organisation
        try:
            with transaction.atomic():
                membership = Membership.objects.create(
                    organisation=organisation, user=user, role=invitation.role
                )
        except IntegrityError:
            logger.info(
                "Invitation rejected, already a member: invitation=%s user=%s",
                invitation.pk,
                user.pk,
            )
            raise AlreadyMember() from None

        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        _record(
            organisation,
            user,
            Action.MEMBER_JOINED,
            before=None,
            after={"user": user.pk, "role": membership.role, "invitation": invitation.pk},
        )

    logger.info(
        "Invitation accepted: organisation=%s invitation=%s user=%s",
        organisation.pk,
        invitation.pk,
        user.pk,
    )
    return membership


def remove_member(user: User, membership: Membership) -> None:
    """Remove a member from their organisation, unless they are its last administrator."""
    organisation = membership.organisation
    _require(user, Permission.MANAGE_MEMBERS, organisation)

    with transaction.atomic():
        # Lock the organisation's memberships so that two administrators removing each other
        # at the same time cannot leave it without any.
        admins = list(
            Membership.objects.select_for_update()
            .filter(organisation=organisation, role=Membership.Role.ADMIN)
            .values_list("pk", flat=True)
        )
        if membership.role == Membership.Role.ADMIN and admins == [membership.pk]:
            logger.info(
                "Member removal rejected, last administrator: "
                "organisation=%s membership=%s user=%s",
                organisation.pk,
                membership.pk,
                user.pk,
            )
            raise LastAdministrator()

        _record(
            organisation,
            user,
            Action.MEMBER_REMOVED,
            before={"user": membership.user_id, "role": membership.role},
            after=None,
        )
        membership_pk = membership.pk
        membership.delete()

    logger.info(
        "Member removed: organisation=%s membership=%s user=%s",
        organisation.pk,
        membership_pk,
        user.pk,
    )


# Publishing


def ensure_can_publish(user: User, organisation: Organisation) -> None:
    """Raise `CannotPublish` unless `user` may publish content for `organisation` now.

    An unverified organisation may prepare content but never publish it, so the check fails
    with `OrganisationNotVerified` for its members, and with `CannotPublish` for users who are
    not its members.
    """
    if can(user, Permission.PUBLISH_CONTENT, organisation):
        return

    if not organisation.is_verified and can(user, Permission.PREPARE_CONTENT, organisation):
        logger.info(
            "Publishing rejected, organisation not verified: organisation=%s user=%s",
            organisation.pk,
            user.pk,
        )
        raise OrganisationNotVerified()
    logger.info(
        "Publishing rejected, no permission: organisation=%s user=%s", organisation.pk, user.pk
    )
    raise CannotPublish()


# Helpers


def _require(user: User, permission: Permission, organisation: Organisation | None = None) -> None:
    if not can(user, permission, organisation):
        logger.info(
            "Permission denied: permission=%s organisation=%s user=%s",
            permission,
            organisation.pk if organisation is not None else None,
            user.pk,
        )
        raise NotAllowed()


def _require_status(organisation: Organisation, expected: str, user: User, operation: str) -> None:
    if organisation.status != expected:
        logger.info(
            "Status change rejected: operation=%s organisation=%s status=%s user=%s",
            operation,
            organisation.pk,
            organisation.status,
            user.pk,
        )
        raise InvalidStatusChange()


def _lock(organisation: Organisation) -> Organisation:
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def _check_registration_number_free(
    registration_number: str, excluding: Organisation | None = None
) -> None:
    others = Organisation.objects.filter(
        registration_number_key=make_registration_number_key(registration_number)
    )
    if excluding is not None:
        others = others.exclude(pk=excluding.pk)
    if others.exists():
        raise DuplicateRegistrationNumber()


def _save_unique(organisation: Organisation) -> None:
    # The unique constraint catches a registration made between the check and this save.
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:
        raise DuplicateRegistrationNumber() from None


def _check_invitation_usable(user: User, invitation: Invitation) -> None:
    if invitation.is_used:
        error: Exception = InvitationAlreadyUsed()
    elif invitation.is_expired:
        error = InvitationExpired()
    elif not _is_addressed_to(invitation, user):
        error = InvitationRecipientMismatch()
    else:
        return
    logger.info(
        "Invitation rejected: reason=%s invitation=%s user=%s",
        type(error).__name__,
        invitation.pk,
        user.pk,
    )
    raise error


def _is_addressed_to(invitation: Invitation, user: User) -> bool:
    if invitation.email and user.email and invitation.email.lower() == user.email.lower():
        return True
    return bool(invitation.phone and user.phone and invitation.phone == user.phone)


def _record(
    organisation: Organisation,
    actor: User,
    action: str,
    *,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> OrganisationEvent:
    return OrganisationEvent.objects.create(
        organisation=organisation, actor=actor, action=action, before=before, after=after
    )
