"""
Stored recommendations: the nightly recomputation, the incremental updates and training.

Each seeker keeps at most STORED_PER_SEEKER rows, so the screens read a short, ready list; the
services filter closed and applied offers out again when they read it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone

from cms.models import OfferPage
from cms.time import bamako_today
from seekers.models import Application, SeekerProfile

from . import catalogue
from .data import APPLIED, SEEN, Interaction
from .engine import Engine, explain_pair
from .extract import (
    STATUS_GRADES,
    applied_offer_ids,
    offer_records,
    open_offers,
    seeker_records,
)
from .models import Recommendation
from .ranker import check_enough, fit_ranker, save_ranker, training_set

logger = logging.getLogger(__name__)

STORED_PER_SEEKER = 50
PROFILE_CHUNK = 500


def compute_recommendations(profile_ids: Sequence[int] | None = None) -> int:
    """Replace the stored rows of the given profiles (all when None); return the rows written."""
    engine = catalogue.current_engine()
    profiles = SeekerProfile.objects.order_by("pk")
    if profile_ids is not None:
        profiles = profiles.filter(pk__in=list(profile_ids))
    all_ids = list(profiles.values_list("pk", flat=True))
    written = 0
    for start in range(0, len(all_ids), PROFILE_CHUNK):
        written += _compute_chunk(engine, all_ids[start : start + PROFILE_CHUNK])
    logger.info(
        "Recommendations computed: profiles=%s rows=%s ranker=%s",
        len(all_ids),
        written,
        engine.ranker.version,
    )
    return written


def _compute_chunk(engine: Engine, profile_ids: list[int]) -> int:
    seekers = seeker_records(SeekerProfile.objects.filter(pk__in=profile_ids))
    users = dict(SeekerProfile.objects.filter(pk__in=profile_ids).values_list("pk", "user_id"))
    applied_by_user = applied_offer_ids(list(users.values()))
    exclude = {pk: applied_by_user.get(user_id, set()) for pk, user_id in users.items()}

    now = timezone.now()
    rows: list[Recommendation] = []
    for seeker, best in engine.top_offers(seekers, STORED_PER_SEEKER, exclude=exclude):
        if not best:
            continue
        columns = np.array([column for column, _score in best])
        prepared = engine.seekers([seeker]).take(np.zeros(len(columns), dtype=int))
        features = engine.pair_features(prepared, columns)
        scores = engine.ranker.display_score(np.array([score for _column, score in best]))
        for index, column in enumerate(columns):
            offer = engine.offers[column]
            rows.append(
                Recommendation(
                    profile_id=seeker.id,
                    offer_id=offer.id,
                    score=float(scores[index]),
                    explanation=explain_pair(seeker, offer, features[index]),
                    ranker_version=engine.ranker.version,
                    computed_at=now,
                )
            )
    with transaction.atomic():
        Recommendation.objects.filter(profile_id__in=profile_ids).delete()
        Recommendation.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def refresh_offer(offer_id: int) -> int:
    """Insert a newly published offer into the lists it enters, or drop a closed one everywhere.

    Returns the number of rows written or deleted.
    """
    offer = OfferPage.objects.filter(pk=offer_id).first()
    if offer is None or not open_offers().filter(pk=offer_id).exists():
        deleted, _detail = Recommendation.objects.filter(offer_id=offer_id).delete()
        logger.info(
            "Recommendations of a closed offer removed: offer=%s rows=%s", offer_id, deleted
        )
        return deleted

    engine = catalogue.current_engine()
    if offer_id not in engine.position:
        engine = Engine(
            [*engine.offers, *offer_records(OfferPage.objects.filter(pk=offer_id))],
            engine.today,
            engine.ranker,
        )
    column = engine.position[offer_id]
    target = engine.catalogue.take(np.array([column]))
    applicants = set(
        Application.objects.filter(offer_id=offer_id, seeker__isnull=False).values_list(
            "seeker_id", flat=True
        )
    )
    profiles = SeekerProfile.objects.exclude(user_id__in=applicants).order_by("pk")
    all_ids = list(profiles.values_list("pk", flat=True))

    written = 0
    now = timezone.now()
    for start in range(0, len(all_ids), PROFILE_CHUNK):
        chunk = all_ids[start : start + PROFILE_CHUNK]
        seekers = seeker_records(SeekerProfile.objects.filter(pk__in=chunk))
        prepared = engine.seekers(seekers)
        raw = engine.score_block(prepared, target)[:, 0]
        scores = engine.ranker.display_score(raw)
        features = engine.pair_features(prepared, np.full(len(seekers), column))
        current = {
            row["profile_id"]: row
            for row in Recommendation.objects.filter(profile_id__in=chunk)
            .exclude(offer_id=offer_id)
            .values("profile_id")
            .annotate(count=Count("pk"), lowest=Min("score"))
        }
        with transaction.atomic():
            for index, seeker in enumerate(seekers):
                stats = current.get(seeker.id)
                if (
                    stats
                    and stats["count"] >= STORED_PER_SEEKER
                    and scores[index] <= stats["lowest"]
                ):
                    Recommendation.objects.filter(profile_id=seeker.id, offer_id=offer_id).delete()
                    continue
                Recommendation.objects.update_or_create(
                    profile_id=seeker.id,
                    offer_id=offer_id,
                    defaults={
                        "score": float(scores[index]),
                        "explanation": explain_pair(seeker, engine.offers[column], features[index]),
                        "ranker_version": engine.ranker.version,
                        "computed_at": now,
                    },
                )
                written += 1
                if stats and stats["count"] >= STORED_PER_SEEKER:
                    _trim(seeker.id)
    logger.info("Recommendations of an offer updated: offer=%s rows=%s", offer_id, written)
    return written


def _trim(profile_id: int) -> None:
    keep = Recommendation.objects.filter(profile_id=profile_id).order_by("-score", "offer_id")
    kept = list(keep.values_list("pk", flat=True)[:STORED_PER_SEEKER])
    Recommendation.objects.filter(profile_id=profile_id).exclude(pk__in=kept).delete()


# Training on the platform's interactions


def interactions_from_database() -> list[Interaction]:
    """Return applications as graded positives and stored, not applied recommendations as seen.

    NOTE: the platform records no offer views, so "seen" means "was in the seeker's stored
    recommendations"; logging impressions on the screens would give truer negatives.
    """
    profile_of_user = dict(SeekerProfile.objects.values_list("user_id", "pk"))
    interactions: list[Interaction] = []
    applied: set[tuple[int, int]] = set()
    rows = Application.objects.filter(seeker__isnull=False).values_list(
        "seeker_id", "offer_id", "status", "created_at"
    )
    for user_id, offer_id, status, created_at in rows:
        profile_id = profile_of_user.get(user_id)
        if profile_id is None:
            continue
        grade = STATUS_GRADES.get(status, APPLIED)
        interactions.append(Interaction(profile_id, offer_id, created_at.date().toordinal(), grade))
        applied.add((profile_id, offer_id))
    for profile_id, offer_id, computed_at in Recommendation.objects.values_list(
        "profile_id", "offer_id", "computed_at"
    ):
        if (profile_id, offer_id) not in applied:
            interactions.append(
                Interaction(profile_id, offer_id, computed_at.date().toordinal(), SEEN)
            )
    return interactions


def train_from_database(apply: bool = False) -> dict:
    """Train a ranker on the platform's interactions; store it only when `apply` is true.

    Raises NotEnoughInteractions below the thresholds of `matching.ranker`.
    """
    interactions = interactions_from_database()
    check_enough(interactions)
    offer_ids = {interaction.offer_id for interaction in interactions}
    offers = offer_records(OfferPage.objects.filter(pk__in=offer_ids) | open_offers())
    engine = Engine(offers, bamako_today().toordinal())
    seekers = seeker_records(
        SeekerProfile.objects.filter(pk__in={i.seeker_id for i in interactions})
    )
    features, labels, weights = training_set(engine, seekers, interactions)
    ranker = fit_ranker(features, labels, weights)
    summary = {
        "pairs": int(len(labels)),
        "positives": int(labels.sum()),
        "seekers": len(seekers),
        "offers": len(offers),
    }
    if apply:
        record = save_ranker(ranker, {"training": summary})
        summary["version"] = record.version
        catalogue.clear()
    logger.info(
        "Ranker trained: pairs=%s positives=%s stored=%s",
        summary["pairs"],
        summary["positives"],
        apply,
    )
    return summary
