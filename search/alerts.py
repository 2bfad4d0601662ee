"""Digests of new offers for saved searches, sent by e-mail or SMS, each offer once per seeker."""

from __future__ import annotations

import datetime
import logging
import smtplib
from dataclasses import replace

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from accounts.sms import SmsSendError, send_sms
from jobcluster.mail import render_subject
from organisations.notifications import absolute_url

from . import service
from .models import SavedSearch, SentAlert
from .saved import query_of, unsubscribe_token

logger = logging.getLogger(__name__)

# A page is indexed shortly after it is published, through the queue. Looking back this far
# before the previous run catches pages indexed late; SentAlert keeps them from being sent twice.
INDEXING_GRACE = datetime.timedelta(hours=2)
# The digest reads at most this many result pages, newest first, per saved search.
MAX_RESULT_PAGES = 3
MAX_EMAIL_ITEMS = 20


def send_digests(frequency: str, now: datetime.datetime | None = None) -> dict[str, int]:
    """Send one digest per saved search of `frequency` that has new matching offers.

    Safe to run twice: offers already sent to a seeker are skipped. Return the counts.
    """
    now = now or timezone.now()
    counts = {"searches": 0, "emails": 0, "sms": 0, "offers": 0, "failed": 0}
    ids = (
        SavedSearch.objects.filter(frequency=frequency).order_by("pk").values_list("pk", flat=True)
    )
    for saved_search_id in list(ids):
        counts["searches"] += 1
        outcome, offers = _send_digest(saved_search_id, now)
        if outcome in ("emails", "sms", "failed"):
            counts[outcome] += 1
        counts["offers"] += offers
    logger.info(
        "Search alerts run: frequency=%s searches=%s emails=%s sms=%s offers=%s failed=%s",
        frequency,
        *counts.values(),
    )
    return counts


def _send_digest(saved_search_id: int, now: datetime.datetime) -> tuple[str, int]:
    with transaction.atomic():
        # The row lock keeps two concurrent runs from sending the same digest.
        saved = (
            SavedSearch.objects.select_for_update()
            .select_related("user")
            .filter(pk=saved_search_id)
            .first()
        )
        if saved is None:
            return "gone", 0
        if saved.last_checked_at is None:
            since = saved.created_at
        else:
            since = saved.last_checked_at - INDEXING_GRACE
        already_sent = set(
            SentAlert.objects.filter(user_id=saved.user_id).values_list("page_id", flat=True)
        )
        hits = [hit for hit in new_hits(saved, since) if hit.id not in already_sent]
        saved.last_checked_at = now
        saved.save(update_fields=["last_checked_at"])
        if not hits:
            return "nothing", 0

        # The records are written before sending, so a failed send rolls them back with the
        # transaction and the next run tries again.
        SentAlert.objects.bulk_create(
            [SentAlert(user_id=saved.user_id, saved_search=saved, page_id=hit.id) for hit in hits]
        )
        try:
            if saved.channel == SavedSearch.Channel.SMS:
                _send_sms(saved, hits)
                outcome = "sms"
            else:
                _send_email(saved, hits)
                outcome = "emails"
        except (smtplib.SMTPException, SmsSendError, OSError) as error:
            transaction.set_rollback(True)
            logger.error(
                "Search alert failed: saved_search=%s user=%s channel=%s error=%s",
                saved.pk,
                saved.user_id,
                saved.channel,
                type(error).__name__,
            )
            return "failed", 0
    logger.info(
        "Search alert sent: saved_search=%s user=%s channel=%s offers=%s",
        saved.pk,
        saved.user_id,
        saved.channel,
        len(hits),
    )
    return outcome, len(hits)


def new_hits(saved: SavedSearch, since: datetime.datetime) -> list[service.Hit]:
    """Return the live opportunities matching `saved` first published at or after `since`."""
    query = replace(query_of(saved), sort=service.SORT_NEWEST)
    hits: list[service.Hit] = []
    for page in range(1, MAX_RESULT_PAGES + 1):
        result = service.search(replace(query, page=page))
        for hit in result.hits:
            if hit.published_at < since:
                return hits
            hits.append(hit)
        if page >= result.num_pages:
            break
    return hits


def _links(saved: SavedSearch) -> dict[str, str]:
    search_path = reverse("search:search")
    if saved.query_string:
        search_path += "?" + saved.query_string
    return {
        "search_url": absolute_url(search_path),
        "unsubscribe_url": absolute_url(
            reverse("search:unsubscribe", args=[unsubscribe_token(saved)])
        ),
        "manage_url": absolute_url(reverse("search:saved")),
    }


def _page_url(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else absolute_url(url)


def _send_email(saved: SavedSearch, hits: list[service.Hit]) -> None:
    links = _links(saved)
    # Matching's "recommended for you" block, recorded as sent like the hits (e-mail only).
    from matching.digests import digest_recommendations

    recommended = digest_recommendations(saved)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "count": len(hits),
            "hits": [(hit, _page_url(hit.url)) for hit in hits[:MAX_EMAIL_ITEMS]],
            "more": max(0, len(hits) - MAX_EMAIL_ITEMS),
            "recommended": recommended,
            **links,
        }
        subject = render_subject("search/emails/alert_subject.txt", context)
        body = render_to_string("search/emails/alert_body.txt", context)
    message = EmailMessage(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body,
        None,
        [saved.user.email],
        # One-click unsubscribe from the mail client (RFC 8058): it POSTs to the link.
        headers={
            "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.send()


def _send_sms(saved: SavedSearch, hits: list[service.Hit]) -> None:
    links = _links(saved)
    with translation.override(settings.LANGUAGE_CODE):
        body = ngettext(
            "Job Cluster : %(count)s nouvelle offre pour votre recherche. %(url)s",
            "Job Cluster : %(count)s nouvelles offres pour votre recherche. %(url)s",
            len(hits),
        ) % {"count": len(hits), "url": links["search_url"]}
    send_sms(saved.user.phone, body)
