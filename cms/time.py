"""Dates in Mali's time zone, in which closing dates are written and read."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

BAMAKO = ZoneInfo("Africa/Bamako")


def bamako_today(now: datetime.datetime | None = None) -> datetime.date:
    """Return the date in Bamako at `now`, or at the current time."""
    return timezone.localtime(now or timezone.now(), BAMAKO).date()
