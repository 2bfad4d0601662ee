"""
Every change to a declaration goes through a function here.

Each function checks the permission with `accounts.roles.can`, writes the change and a
`DeclarationEvent` in one transaction, and logs one line with ids only. Errors are
`registry.exceptions.RegistryError` subclasses carrying a French message; nothing is saved when
one is raised.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.roles import Permission, can

from . import validation as rules
from .exceptions import (
    DeclarationExists,
    DeclarationInvalid,
    DeclarationLocked,
    DuplicateImport,
    ImportFailed,
    InvalidPeriod,
    InvalidTransition,
    MissingComments,
    NotAllowed,
)
from .importer import ParsedFile, parse_file
from .lines import StaffLineData, TrainingLineData, staff_data_of, training_data_of
from .models import Declaration, DeclarationEvent, ImportedFile, StaffLine, TrainingLine
from .validation import DeclaredTotals

if TYPE_CHECKING:
    from accounts.models import User
    from organisations.models import Organisation

logger = logging.getLogger(__name__)

Status = Declaration.Status
Action = DeclarationEvent.Action

FIRST_YEAR = 2000


# Reading


def can_review(user: User) -> bool:
    """Tell whether `user` may read every organisation's declarations and review them."""
    return can(user, Permission.VALIDATE_DECLARATIONS)


def can_read(user: User, declaration: Declaration) -> bool:
    return can_review(user) or can(user, Permission.FILE_DECLARATION, declaration.organisation)


def declarations_of(user: User) -> QuerySet[Declaration]:
    """Return the declarations of the organisations where `user` files declarations."""
    organisation_ids = [
        membership.organisation_id
        for membership in user.memberships.select_related("organisation")
        if can(user, Permission.FILE_DECLARATION, membership.organisation)
    ]
    return (
        Declaration.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation")
        .order_by("-year", "quarter", "organisation__name", "-version")
    )


def submitted_declarations(user: User) -> QuerySet[Declaration]:
    """Return the declarations awaiting an analyst's review, oldest submission first."""
    _require(user, Permission.VALIDATE_DECLARATIONS)
    return (
        Declaration.objects.filter(status=Status.SUBMITTED)
        .select_related("organisation")
        .order_by("submitted_at", "pk")
    )


def published_declaration(organisation: Organisation, period: str) -> Declaration | None:
    """Return the validated version with the highest number for `period`: the published figure."""
    return (
        Declaration.objects.filter(
            organisation=organisation, period=period, status=Status.VALIDATED
        )
        .order_by("-version")
        .first()
    )


# Drafting


def create_declaration(
    user: User, organisation: Organisation, year: int, quarter: int | None = None
) -> Declaration:
    """Create the first draft of `organisation`'s declaration for a year or a quarter."""
    _require(user, Permission.FILE_DECLARATION, organisation)
    if not FIRST_YEAR <= year <= timezone.localdate().year or quarter not in (None, 1, 2, 3, 4):
        logger.info("Declaration creation rejected: organisation=%s year=%s", organisation.pk, year)
        raise InvalidPeriod

    try:
        with transaction.atomic():
            declaration = Declaration.objects.create(
                organisation=organisation, year=year, quarter=quarter
            )
            _record(
                declaration,
                user,
                Action.CREATED,
                before=None,
                after={"period": declaration.period, "version": 1, "status": Status.DRAFT},
            )
    except IntegrityError:
        logger.info("Declaration creation rejected as duplicate: organisation=%s", organisation.pk)
        raise DeclarationExists from None

    logger.info(
        "Declaration created: declaration=%s organisation=%s user=%s",
        declaration.pk,
        organisation.pk,
        user.pk,
    )
    return declaration


def update_declaration(
    user: User,
    declaration: Declaration,
    totals: DeclaredTotals,
    staff_lines: Sequence[StaffLineData],
    training_lines: Sequence[TrainingLineData],
) -> Declaration:
    """Replace the declared totals and every line of a draft or returned declaration.

    Lines with unknown values or negative counts are rejected. Totals that do not add up are
    accepted, so a draft can be saved half-done, and they block the submission instead.
    """
    _require(user, Permission.FILE_DECLARATION, declaration.organisation)

    errors = rules.check_totals_not_negative(totals)
    for number, line in enumerate(staff_lines, start=1):
        errors += rules.check_staff_line(number, line)
    for number, line in enumerate(training_lines, start=1):
        errors += rules.check_training_line(number, line)
    if errors:
        logger.info(
            "Declaration update rejected: declaration=%s errors=%s", declaration.pk, len(errors)
        )
        raise DeclarationInvalid(errors)

    with transaction.atomic():
        declaration = _lock_editable(declaration, user)
        before = _snapshot(declaration)
        _apply_totals(declaration, totals)
        _replace_staff_lines(declaration, staff_lines)
        _replace_training_lines(declaration, training_lines)
        _reopen_if_returned(declaration)
        declaration.save()
        _record(declaration, user, Action.UPDATED, before=before, after=_snapshot(declaration))

    logger.info("Declaration updated: declaration=%s user=%s", declaration.pk, user.pk)
    return declaration


def import_file(user: User, declaration: Declaration, filename: str, content: bytes) -> ParsedFile:
    """Replace the lines of the tables found in an XLSX or CSV file, all or nothing.

    A file whose SHA-256 was already imported into this declaration is rejected with
    `DuplicateImport`; any bad cell rejects the whole file with `ImportFailed`.
    """
    _require(user, Permission.FILE_DECLARATION, declaration.organisation)
    sha256 = hashlib.sha256(content).hexdigest()

    with transaction.atomic():
        declaration = _lock_editable(declaration, user)
        if declaration.imported_files.filter(sha256=sha256).exists():
            logger.info("Import rejected as duplicate: declaration=%s", declaration.pk)
            raise DuplicateImport

        try:
            parsed = parse_file(filename, content)
        except ImportFailed as exc:
            logger.info(
                "Import rejected: declaration=%s issues=%s", declaration.pk, len(exc.issues)
            )
            raise

        before = _snapshot(declaration)
        if parsed.staff_lines is not None:
            _replace_staff_lines(declaration, parsed.staff_lines)
        if parsed.training_lines is not None:
            _replace_training_lines(declaration, parsed.training_lines)
        _reopen_if_returned(declaration)
        declaration.save()
        ImportedFile.objects.create(
            declaration=declaration, sha256=sha256, filename=filename[:255], imported_by=user
        )
        after = _snapshot(declaration)
        after["file_sha256"] = sha256
        _record(declaration, user, Action.IMPORTED, before=before, after=after)

    logger.info(
        "Declaration file imported: declaration=%s user=%s staff_lines=%s training_lines=%s",
        declaration.pk,
        user.pk,
        len(parsed.staff_lines or []),
        len(parsed.training_lines or []),
    )
    return parsed


# Workflow


def submit_declaration(user: User, declaration: Declaration) -> Declaration:
    """Send a draft or returned declaration to the analysts once it passes every rule."""
    _require(user, Permission.FILE_DECLARATION, declaration.organisation)

    with transaction.atomic():
        declaration = _lock_editable(declaration, user)
        errors = rules.validate_declaration(
            DeclaredTotals.of(declaration),
            declaration.staff_lines.all(),
            declaration.training_lines.all(),
        )
        if errors:
            logger.info(
                "Declaration submission rejected: declaration=%s errors=%s",
                declaration.pk,
                len(errors),
            )
            raise DeclarationInvalid(errors)

        before_status = declaration.status
        declaration.status = Status.SUBMITTED
        declaration.submitted_at = timezone.now()
        declaration.save(update_fields=["status", "submitted_at", "updated_at"])
        _record(
            declaration,
            user,
            Action.SUBMITTED,
            before={"status": before_status},
            after={"status": Status.SUBMITTED},
        )

    logger.info("Declaration submitted: declaration=%s user=%s", declaration.pk, user.pk)
    return declaration


def validate_declaration(user: User, declaration: Declaration) -> Declaration:
    """Validate a submitted declaration, which locks it and makes it the published figure."""
    _require(user, Permission.VALIDATE_DECLARATIONS)

    with transaction.atomic():
        declaration = _lock(declaration)
        _require_status(declaration, Status.SUBMITTED, user, "validate")
        declaration.status = Status.VALIDATED
        declaration.validated_at = timezone.now()
        declaration.validated_by = user
        declaration.review_comments = ""
        declaration.save(
            update_fields=[
                "status",
                "validated_at",
                "validated_by",
                "review_comments",
                "updated_at",
            ]
        )
        _record(
            declaration,
            user,
            Action.VALIDATED,
            before={"status": Status.SUBMITTED},
            after={"status": Status.VALIDATED},
        )

    logger.info("Declaration validated: declaration=%s user=%s", declaration.pk, user.pk)
    return declaration


def return_declaration(user: User, declaration: Declaration, comments: str) -> Declaration:
    """Send a submitted declaration back to its organisation with the analyst's comments."""
    _require(user, Permission.VALIDATE_DECLARATIONS)
    comments = comments.strip()
    if not comments:
        raise MissingComments

    with transaction.atomic():
        declaration = _lock(declaration)
        _require_status(declaration, Status.SUBMITTED, user, "return")
        declaration.status = Status.RETURNED
        declaration.review_comments = comments
        declaration.save(update_fields=["status", "review_comments", "updated_at"])
        _record(
            declaration,
            user,
            Action.RETURNED,
            before={"status": Status.SUBMITTED},
            after={"status": Status.RETURNED, "review_comments": comments},
        )

    logger.info("Declaration returned: declaration=%s user=%s", declaration.pk, user.pk)
    return declaration


def start_new_version(user: User, declaration: Declaration) -> Declaration:
    """Open a draft copy of a validated declaration, numbered one higher, to correct it.

    The validated version stays locked and published until the new version is validated.
    """
    _require(user, Permission.FILE_DECLARATION, declaration.organisation)

    with transaction.atomic():
        declaration = _lock(declaration)
        _require_status(declaration, Status.VALIDATED, user, "new_version")
        if not declaration.is_current:
            raise InvalidTransition

        Declaration.objects.filter(pk=declaration.pk).update(is_current=False)
        new = Declaration.objects.create(
            organisation=declaration.organisation,
            year=declaration.year,
            quarter=declaration.quarter,
            version=declaration.version + 1,
            **{name: getattr(declaration, name) for name in _TOTAL_FIELDS.values()},
        )
        _replace_staff_lines(new, [staff_data_of(line) for line in declaration.staff_lines.all()])
        _replace_training_lines(
            new, [training_data_of(line) for line in declaration.training_lines.all()]
        )
        _record(
            new,
            user,
            Action.NEW_VERSION,
            before={"declaration": declaration.pk, "version": declaration.version},
            after={"version": new.version, "status": Status.DRAFT},
        )

    logger.info(
        "Declaration new version: declaration=%s previous=%s user=%s",
        new.pk,
        declaration.pk,
        user.pk,
    )
    return new


# Helpers

_TOTAL_FIELDS = {
    "staff_total": "declared_staff_total",
    "staff_nationals": "declared_staff_nationals",
    "staff_expatriates": "declared_staff_expatriates",
    "jobs_created_total": "declared_jobs_created_total",
    "beneficiaries_total": "declared_beneficiaries_total",
}


def _require(user: User, permission: Permission, organisation: Organisation | None = None) -> None:
    if not can(user, permission, organisation):
        logger.warning(
            "Registry action denied: user=%s permission=%s organisation=%s",
            user.pk,
            permission,
            organisation.pk if organisation is not None else None,
        )
        raise NotAllowed


def _lock(declaration: Declaration) -> Declaration:
    return (
        Declaration.objects.select_for_update()
        .select_related("organisation")
        .get(pk=declaration.pk)
    )


def _lock_editable(declaration: Declaration, user: User) -> Declaration:
    """Lock the row and re-read it, rejecting any declaration that is not draft or returned."""
    declaration = _lock(declaration)
    if not declaration.is_editable:
        logger.warning(
            "Edit of locked declaration rejected: declaration=%s status=%s user=%s",
            declaration.pk,
            declaration.status,
            user.pk,
        )
        raise DeclarationLocked
    return declaration


def _require_status(declaration: Declaration, status: str, user: User, action: str) -> None:
    if declaration.status != status:
        logger.info(
            "Declaration %s rejected: declaration=%s status=%s user=%s",
            action,
            declaration.pk,
            declaration.status,
            user.pk,
        )
        raise InvalidTransition


def _apply_totals(declaration: Declaration, totals: DeclaredTotals) -> None:
    for name, field in _TOTAL_FIELDS.items():
        setattr(declaration, field, getattr(totals, name))


def _reopen_if_returned(declaration: Declaration) -> None:
    # A returned declaration goes back to draft as soon as its organisation changes it.
    if declaration.status == Status.RETURNED:
        declaration.status = Status.DRAFT


def _replace_staff_lines(declaration: Declaration, lines: Sequence[StaffLineData]) -> None:
    declaration.staff_lines.all().delete()
    StaffLine.objects.bulk_create(
        StaffLine(declaration=declaration, **asdict(line)) for line in lines
    )


def _replace_training_lines(declaration: Declaration, lines: Sequence[TrainingLineData]) -> None:
    declaration.training_lines.all().delete()
    TrainingLine.objects.bulk_create(
        TrainingLine(declaration=declaration, **asdict(line)) for line in lines
    )


def _snapshot(declaration: Declaration) -> dict[str, Any]:
    """Return the totals, status and lines of a declaration as JSON-ready values."""
    return {
        "status": declaration.status,
        "totals": {field: getattr(declaration, field) for field in _TOTAL_FIELDS.values()},
        "staff_lines": [staff_data_of(line).as_dict() for line in declaration.staff_lines.all()],
        "training_lines": [
            training_data_of(line).as_dict() for line in declaration.training_lines.all()
        ],
    }


def _record(
    declaration: Declaration,
    actor: User,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> DeclarationEvent:
    return DeclarationEvent.objects.create(
        declaration=declaration, actor=actor, action=action, before=before, after=after
    )
