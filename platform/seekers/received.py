"""Applications received by organisations, counted by status for each of their offers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, F

from accounts.roles import Permission, organisations_with
from cms.models import OfferPage

from .choices import ApplicationKind, ApplicationStatus
from .models import Application

if TYPE_CHECKING:
    from accounts.models import User
    from organisations.models import Organisation


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class OfferApplications:
    """One offer with the number of platform applications it received, in total and by status."""

    offer: OfferPage
    total: int
    by_status: list[StatusCount]


@dataclass(frozen=True)
class OrganisationApplications:
    organisation: Organisation
    offers: list[OfferApplications]


def received_applications(user: User) -> list[OrganisationApplications]:
    """Return, for each organisation where `user` reviews applications, its offers and counts.

    Only platform applications are counted, as the offer's inbox lists only those. Live offers
    come first, each group newest first by publication date. Statuses with no application are
    left out.
    """
    organisations = organisations_with(user, Permission.REVIEW_APPLICATIONS)
    if not organisations:
        return []

    # NOTE: a superuser gets every organisation on one unpaginated page, which needs pagination
    # once the platform holds more offers than one page can show.
    offers = list(
        OfferPage.objects.filter(organisation__in=organisations, alias_of__isnull=True).order_by(
            "-live", F("first_published_at").desc(nulls_last=True), "-pk"
        )
    )

    counts: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        Application.objects.filter(offer__in=offers, kind=ApplicationKind.PLATFORM)
        .order_by()
        .values_list("offer_id", "status")
        .annotate(count=Count("pk"))
    )
    for offer_id, status, count in rows:
        counts[offer_id][status] = count

    offers_by_organisation: dict[int, list[OfferApplications]] = defaultdict(list)
    for offer in offers:
        offer_counts = counts.get(offer.pk, {})
        by_status = [
            StatusCount(status=status.value, label=str(status.label), count=offer_counts[status])
            for status in ApplicationStatus
            if offer_counts.get(status)
        ]
        offers_by_organisation[offer.organisation_id].append(
            OfferApplications(offer=offer, total=sum(offer_counts.values()), by_status=by_status)
        )

    return [
        OrganisationApplications(
            organisation=organisation, offers=offers_by_organisation.get(organisation.pk, [])
        )
        for organisation in organisations
    ]
