"""
Which verified organisations filed their yearly declaration, and on time.

An organisation has filed for a year when one version of its annual declaration is submitted or
validated. The deadline is the setting `REGISTRY_DECLARATION_DEADLINE`, a (month, day) of the
following year, March 31 by default; a declaration submitted after the end of that day, in the
site's time zone, is late.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Min, Q
from django.utils import timezone

from organisations.models import Organisation

from .models import Declaration, make_period

DEFAULT_DEADLINE = (3, 31)


@dataclass(frozen=True)
class Completeness:
    year: int
    deadline: datetime.date
    missing: list[Organisation]
    late: list[tuple[Organisation, datetime.datetime]]
    on_time: list[tuple[Organisation, datetime.datetime]]


def declaration_deadline(year: int) -> datetime.date:
    """Return the last day to file the annual declaration of `year`."""
    month, day = getattr(settings, "REGISTRY_DECLARATION_DEADLINE", DEFAULT_DEADLINE)
    return datetime.date(year + 1, month, day)


def completeness(year: int) -> Completeness:
    """Sort the verified organisations into missing, late and on-time filers for `year`."""
    deadline = declaration_deadline(year)
    end_of_deadline = timezone.make_aware(
        datetime.datetime.combine(deadline + datetime.timedelta(days=1), datetime.time.min)
    )

    # The earliest submission among the filed versions decides whether the year came in on time.
    filed = dict(
        Declaration.objects.filter(
            Q(status=Declaration.Status.SUBMITTED) | Q(status=Declaration.Status.VALIDATED),
            period=make_period(year, None),
        )
        .values("organisation_id")
        .annotate(first_submitted_at=Min("submitted_at"))
        .values_list("organisation_id", "first_submitted_at")
    )

    missing, late, on_time = [], [], []
    organisations = Organisation.objects.filter(status=Organisation.Status.VERIFIED).order_by(
        "name", "pk"
    )
    for organisation in organisations:
        submitted_at = filed.get(organisation.pk)
        if organisation.pk not in filed:
            missing.append(organisation)
        elif submitted_at is None or submitted_at >= end_of_deadline:
            late.append((organisation, submitted_at))
        else:
            on_time.append((organisation, submitted_at))
    return Completeness(year, deadline, missing, late, on_time)
