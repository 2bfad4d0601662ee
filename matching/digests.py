"""The "recommended for you" block of the saved-search e-mail digests."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import DatabaseError, transaction

from organisations.notifications import absolute_url
from search.models import SavedSearch, SentAlert
from seekers.models import SeekerProfile

from . import services

logger = logging.getLogger(__name__)

DIGEST_OFFERS = 3
# Recommendations read to fill the block after leaving out the offers already sent.
CANDIDATE_OFFERS = 20


@dataclass(frozen=True)
class DigestOffer:
    title: str
    organisation_name: str
    place: str
    url: str
    matched_skills: list[str]


def _absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else absolute_url(url)


def digest_recommendations(saved: SavedSearch) -> list[DigestOffer]:
    """Return a few offers recommended to the owner of `saved`, and record them as sent.

    Call it inside the digest's transaction, after the digest's own offers are recorded. An offer
    already sent to the seeker, as a search result or a recommendation, is never recommended
    again. A failed send rolls these records back with the rest. Seekers without a saved profile
    get no block, because their recommendations would not be personal.
    """
    profile = SeekerProfile.objects.filter(user_id=saved.user_id).first()
    if profile is None:
        return []
    try:
        # A savepoint, so that a failing recommender leaves the digest's transaction usable.
        with transaction.atomic():
            sent = set(
                SentAlert.objects.filter(user_id=saved.user_id).values_list("page_id", flat=True)
            )
            chosen = [
                item
                for item in services.recommend_offers(profile, limit=CANDIDATE_OFFERS)
                if item.offer.pk not in sent
            ][:DIGEST_OFFERS]
            SentAlert.objects.bulk_create(
                [
                    SentAlert(user_id=saved.user_id, saved_search=saved, page_id=item.offer.pk)
                    for item in chosen
                ]
            )
    except (DatabaseError, LookupError, ValueError, OSError) as error:
        # The digest goes out without the block rather than not at all.
        logger.error(
            "Digest recommendations failed: saved_search=%s user=%s error=%s",
            saved.pk,
            saved.user_id,
            type(error).__name__,
        )
        return []
    return [
        DigestOffer(
            title=item.offer.title,
            organisation_name=item.offer.organisation.name,
            place=item.offer.place_label,
            url=_absolute(item.offer.get_url() or ""),
            matched_skills=[skill.name for skill in item.explanation.matched_skills],
        )
        for item in chosen
    ]
