"""
Publishing operations on the page tree: organisation pages, trust, withdrawal, expiry, reports.

Each function that acts for a user checks the permission with `accounts.roles.can`. Every change
is written to the page's audit log (Wagtail's actions do it, or `log` for trust), and one line
with ids only goes to the logger. Errors are `organisations.exceptions.OrganisationError`
subclasses carrying a French message.
"""

from __future__ import annotations

import datetime
import logging
from difflib import SequenceMatcher
from functools import partial
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log
from wagtail.models import Page, WorkflowPage

from accounts.roles import Permission, can
from jobcluster.ratelimit import count_request
from organisations.exceptions import CannotPublish, NotAllowed
from organisations.services import ensure_can_publish

from . import permissions, tasks
from .exceptions import NotAnOpportunity, NotPublished, TooManyReports
from .models import (
    HomePage,
    OfferPage,
    OfferReport,
    OrganisationIndexPage,
    OrganisationPage,
    TrainingPage,
)
from .models.opportunities import OpportunityPage
from .time import bamako_today

if TYPE_CHECKING:
    from accounts.models import User
    from organisations.models import Organisation

logger = logging.getLogger(__name__)

TRUST_ACTION = "cms.organisation_trusted"
DISTRUST_ACTION = "cms.organisation_distrusted"
WITHDRAW_ACTION = "cms.opportunity_withdrawn"
EXPIRE_ACTION = "cms.offer_expired"
TRAINING_EXPIRE_ACTION = "cms.training_expired"


# The organisation directory


def organisation_index() -> OrganisationIndexPage:
    """Return the NGO directory page, creating it under the home page if missing.

    The directory and every page under it follow the editors' review workflow.
    """
    index = OrganisationIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.first()
        if home is None:
            raise LookupError("No HomePage: run the migrations before creating organisation pages.")
        index = home.add_child(
            instance=OrganisationIndexPage(title="Les ONG", slug="ong", draft_title="Les ONG")
        )
        index.save_revision().publish()
        logger.info("Organisation directory created: page=%s", index.pk)

    WorkflowPage.objects.update_or_create(
        page=index, defaults={"workflow": permissions.ensure_review_workflow()}
    )
    return index


def ensure_organisation_page(organisation: Organisation) -> OrganisationPage:
    """Return the public page of a verified organisation, creating and publishing it if missing."""
    page = OrganisationPage.objects.filter(organisation=organisation).first()
    if page is not None:
        permissions.ensure_members_group(page)
        return page

    with transaction.atomic():
        index = organisation_index()
        slug = f"{slugify(organisation.acronym or organisation.name)[:60]}-{organisation.pk}"
        page = index.add_child(
            instance=OrganisationPage(
                title=organisation.name,
                draft_title=organisation.name,
                slug=slug,
                organisation=organisation,
            )
        )
        page.save_revision().publish()
        permissions.ensure_members_group(page)

    logger.info("Organisation page created: organisation=%s page=%s", organisation.pk, page.pk)
    return page


def set_trusted(user: User, page: OrganisationPage, trusted: bool) -> OrganisationPage:
    """Mark an organisation trusted, so that its pages publish without review, or withdraw that."""
    if not may_moderate(user):
        logger.info("Trust change rejected, no permission: page=%s user=%s", page.pk, user.pk)
        raise NotAllowed()

    with transaction.atomic():
        page = OrganisationPage.objects.select_for_update().get(pk=page.pk)
        if page.is_trusted == trusted:
            return page
        page.is_trusted = trusted
        OrganisationPage.objects.filter(pk=page.pk).update(is_trusted=trusted)
        permissions.ensure_members_group(page)
        log(instance=page, action=TRUST_ACTION if trusted else DISTRUST_ACTION, user=user)

    logger.info(
        "Organisation trust changed: organisation=%s page=%s trusted=%s editor=%s",
        page.organisation_id,
        page.pk,
        trusted,
        user.pk,
    )
    return page


# Publishing checks


def organisation_of(page: Page) -> Organisation | None:
    """Return the organisation that owns `page`, or None for the editors' own pages."""
    specific = page.specific
    if isinstance(specific, OrganisationPage | OpportunityPage):
        return specific.organisation
    return None


def ensure_can_publish_page(user: User, page: Page) -> None:
    """Raise `CannotPublish` unless `user` may publish `page` now.

    Pages of an unverified organisation are never published, even by an editor. An NGO member
    publishes directly only when their organisation is trusted, and Wagtail's publish permission
    enforces that part because the members group holds it only then.
    """
    organisation = organisation_of(page)
    if organisation is None:
        return
    if may_moderate(user):
        if not organisation.is_verified:
            logger.info(
                "Publishing rejected, organisation not verified: organisation=%s page=%s editor=%s",
                organisation.pk,
                page.pk,
                user.pk,
            )
            raise CannotPublish(
                _(
                    "Cette organisation n’est pas encore vérifiée : "
                    "ses pages ne peuvent pas être publiées."
                )
            )
        return
    ensure_can_publish(user, organisation)


# Withdrawal and expiry


def may_moderate(user: User) -> bool:
    """Tell whether `user` reviews the organisations' pages."""
    return can(user, Permission.MODERATE_CONTENT)


def may_edit_pages(user: User) -> bool:
    """Tell whether `user` writes pages for an organisation or reviews them."""
    return can(user, Permission.PREPARE_CONTENT) or may_moderate(user)


def may_withdraw(user: User, page: Page) -> bool:
    """Tell whether `user` may take `page` offline: its organisation's members and editors."""
    specific = page.specific
    if not isinstance(specific, OpportunityPage):
        return False
    return can(user, Permission.PREPARE_CONTENT, specific.organisation) or may_moderate(user)


def withdraw_opportunity(user: User, page: Page) -> OpportunityPage:
    """Unpublish an offer or training at the request of a member of its organisation."""
    specific = page.specific
    if not isinstance(specific, OpportunityPage):
        raise NotAnOpportunity()
    if not may_withdraw(user, specific):
        logger.info(
            "Withdrawal rejected, no permission: organisation=%s page=%s user=%s",
            specific.organisation_id,
            page.pk,
            user.pk,
        )
        raise NotAllowed()

    with transaction.atomic():
        specific = type(specific).objects.select_for_update().get(pk=page.pk)
        if not specific.live:
            raise NotPublished()
        # The permission was checked above with the platform's own rules; Wagtail's check would
        # ask for the publish permission, which untrusted organisations do not hold.
        UnpublishPageAction(specific, user=user, log_action=WITHDRAW_ACTION).execute(
            skip_permission_checks=True
        )

    logger.info(
        "Opportunity withdrawn: organisation=%s page=%s user=%s",
        specific.organisation_id,
        specific.pk,
        user.pk,
    )
    return specific


def expire_closed_offers(now: datetime.datetime | None = None) -> list[int]:
    """Unpublish the live offers whose closing date is before today in Bamako; return their ids."""
    today = bamako_today(now)
    expired: list[int] = []
    candidate_ids = list(
        OfferPage.objects.live().filter(closing_date__lt=today).values_list("pk", flat=True)
    )
    for page_id in candidate_ids:
        with transaction.atomic():
            # Re-read under lock: the NGO may have withdrawn or extended the offer meanwhile.
            offer = OfferPage.objects.select_for_update().filter(pk=page_id).first()
            if offer is None or not offer.live or offer.closing_date >= today:
                continue
            UnpublishPageAction(offer, set_expired=True, log_action=EXPIRE_ACTION).execute(
                skip_permission_checks=True
            )
        expired.append(page_id)
        logger.info("Offer expired: organisation=%s page=%s", offer.organisation_id, page_id)
    return expired


def expire_finished_trainings(now: datetime.datetime | None = None) -> list[int]:
    """Unpublish the live trainings whose end date or application deadline is before today in
    Bamako; return their ids.

    Unpublishing sends Wagtail's `page_unpublished` signal, on which the search index drops the
    page, as for an expired offer.
    """
    today = bamako_today(now)
    expired: list[int] = []
    candidate_ids = list(
        TrainingPage.objects.live()
        .filter(Q(end_date__lt=today) | Q(application_deadline__lt=today))
        .values_list("pk", flat=True)
    )
    for page_id in candidate_ids:
        with transaction.atomic():
            # Re-read under lock: the NGO may have withdrawn or extended the training meanwhile.
            training = TrainingPage.objects.select_for_update().filter(pk=page_id).first()
            if training is None or not training.live or training.last_day() >= today:
                continue
            UnpublishPageAction(
                training, set_expired=True, log_action=TRAINING_EXPIRE_ACTION
            ).execute(skip_permission_checks=True)
        expired.append(page_id)
        logger.info("Training expired: organisation=%s page=%s", training.organisation_id, page_id)
    return expired


# Reports


# A visitor's IP address may report one page this many times a day, and all pages this many
# times an hour, so that the report form cannot flood the editors' inboxes.
REPORTS_PER_IP_AND_PAGE_PER_DAY = 2
REPORTS_PER_IP_PER_HOUR = 10


def _consume_report_quota(client_ip: str, page_id: int) -> bool:
    """Count one report from `client_ip` on page `page_id`; return False if over a limit."""
    windows = (
        (f"cms:report:{client_ip}:{page_id}", REPORTS_PER_IP_AND_PAGE_PER_DAY, 24 * 3600),
        (f"cms:report:{client_ip}", REPORTS_PER_IP_PER_HOUR, 3600),
    )
    counts = [count_request(key, seconds) for key, _limit, seconds in windows]
    return all(count <= limit for count, (_key, limit, _s) in zip(counts, windows, strict=True))


def report_offer(page: Page, reason: str, message: str = "", client_ip: str = "") -> OfferReport:
    """Record a visitor's warning that a live offer or training looks like a scam, and queue
    the e-mail to the editors once the report is saved.

    Raises `TooManyReports` when `client_ip` went over one of the report limits.
    """
    if not _consume_report_quota(client_ip or "unknown", page.pk):
        logger.info("Offer report rejected, rate limit reached: page=%s", page.pk)
        raise TooManyReports()

    with transaction.atomic():
        report = OfferReport(page=page, reason=reason, message=message.strip())
        report.full_clean()
        report.save()
        transaction.on_commit(partial(tasks.notify_editors_of_report.delay, report.pk))

    logger.info("Offer reported: page=%s report=%s reason=%s", page.pk, report.pk, reason)
    return report


# Near-duplicates

DUPLICATE_SIMILARITY = 0.9


def _normalised_text(offer: OfferPage) -> str:
    return " ".join(f"{offer.title} {offer.description}".lower().split())


def near_duplicate_offers(offer: OfferPage) -> list[OfferPage]:
    """Return the live offers of the same organisation that read almost like `offer`.

    Two offers are near-duplicates when their titles and descriptions, compared without case
    and spacing differences, are at least 90 % alike by `difflib.SequenceMatcher`.
    """
    text = _normalised_text(offer)
    others = (
        OfferPage.objects.live().filter(organisation_id=offer.organisation_id).exclude(pk=offer.pk)
    )
    duplicates = []
    for other in others:
        matcher = SequenceMatcher(None, text, _normalised_text(other), autojunk=False)
        if matcher.ratio() >= DUPLICATE_SIMILARITY:
            duplicates.append(other)
    return duplicates
