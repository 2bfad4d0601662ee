"""
What the screens ask of matching: offers for a seeker, candidates for an offer, trainings.

Recommendations come from the rows the nightly batch and the incremental updates store; a
seeker without enough stored rows is scored on the spot against the open catalogue. Offers that
are closed, expired or already applied to are filtered out at read time in both cases.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext_lazy as _

from cms.models import OfferPage, TrainingPage
from cms.time import bamako_today
from referential.models import Skill
from seekers.choices import Visibility
from seekers.models import Application, SeekerProfile

from . import catalogue
from .data import SeekerData
from .engine import Engine, distance_km, explain_pair
from .extract import applied_offer_ids, offer_record, open_offers, seeker_record, seeker_records
from .models import Recommendation

logger = logging.getLogger(__name__)

# Offers within this distance count as "near" a seeker for training suggestions.
NEAR_KM = 100.0
# How old the per-process engine may be when a screen scores on the spot (see
# catalogue.current_engine); newly published offers reach the stored rows without it.
STALE_ENGINE_SECONDS = 600

REASON_TEXTS = {
    "occupation": _("Ce métier fait partie de ceux que vous recherchez."),
    "sector": _("Ce secteur fait partie de ceux que vous recherchez."),
    "education_met": _("Votre niveau d’études correspond au niveau demandé."),
    "education_below": _("Le niveau d’études demandé est supérieur au vôtre."),
    "experience_met": _("Votre expérience couvre les années demandées."),
    "experience_below": _(
        "L’offre demande plus d’années d’expérience que votre profil n’en indique."
    ),
    "languages_met": _("Vous parlez les langues demandées."),
    "languages_missing": _("Vous ne parlez pas toutes les langues demandées."),
    "no_skills_listed": _("L’offre ne précise pas de compétences."),
    "profile_empty": _(
        "Complétez votre profil (compétences, métiers recherchés, commune) pour des "
        "recommandations plus précises."
    ),
}


@dataclass(frozen=True)
class SkillSource:
    """A skill the seeker has through a completed training."""

    skill: Skill
    training_label: str


@dataclass(frozen=True)
class Explanation:
    """Reasons an offer and a seeker match, read from the features the score used."""

    matched_skills: list[Skill]
    missing_skills: list[Skill]
    from_trainings: list[SkillSource]
    distance_km: float | None
    reasons: list[str]


@dataclass(frozen=True)
class OfferRecommendation:
    offer: OfferPage
    score: float
    explanation: Explanation


@dataclass(frozen=True)
class CandidateSuggestion:
    profile: SeekerProfile
    score: float
    explanation: Explanation


@dataclass(frozen=True)
class TrainingSuggestion:
    training: TrainingPage
    skills: list[Skill]
    opened_offers: int


# Offers for a seeker


def recommend_offers(profile: SeekerProfile, limit: int = 10) -> list[OfferRecommendation]:
    """Return up to `limit` open offers for `profile`, best first, never one applied to.

    An unsaved or empty profile gets the open offers closest to its place, or closing last, with
    a reason inviting the seeker to complete the profile.
    """
    if limit <= 0:
        return []
    applied = _applied(profile)

    if profile.pk is not None:
        stored = _stored_recommendations(profile, applied, limit)
        if len(stored) >= limit:
            return stored

    record = _record_of(profile)
    if _is_empty(record):
        return _fallback_offers(profile, record, applied, limit)

    engine = catalogue.current_engine(max_stale_seconds=STALE_ENGINE_SECONDS)
    # A slightly stale engine may still list offers closed since, which the read drops: ask for
    # a few more than needed.
    results = []
    for _seeker, best in engine.top_offers([record], limit + 10, exclude={record.id: applied}):
        results = best
    return _offer_recommendations(engine, record, results)[:limit]


def _applied(profile: SeekerProfile) -> set[int]:
    if profile.user_id is None:
        return set()
    return applied_offer_ids([profile.user_id]).get(profile.user_id, set())


def _record_of(profile: SeekerProfile) -> SeekerData:
    if profile.pk is None:
        return SeekerData(id=0, text="", skill_ids=frozenset())
    records = seeker_records(SeekerProfile.objects.filter(pk=profile.pk))
    return records[0] if records else seeker_record(profile)


def _is_empty(record: SeekerData) -> bool:
    return not record.text.strip() and not record.skill_ids and not record.occupation_ids


def _stored_recommendations(
    profile: SeekerProfile, applied: set[int], limit: int
) -> list[OfferRecommendation]:
    open_ids = open_offers().values("pk")
    rows = (
        Recommendation.objects.filter(profile=profile, offer_id__in=open_ids)
        .exclude(offer_id__in=applied)
        .select_related("offer")
        .order_by("-score", "offer_id")[:limit]
    )
    rows = list(rows)
    skills = _skills_by_id(rows_explanations=[row.explanation for row in rows])
    return [
        OfferRecommendation(
            offer=row.offer, score=row.score, explanation=_explanation(row.explanation, skills)
        )
        for row in rows
    ]


def _fallback_offers(
    profile: SeekerProfile, record: SeekerData, applied: set[int], limit: int
) -> list[OfferRecommendation]:
    """Return open offers nearest to the seeker's commune, else those closing last."""
    offers = list(
        open_offers()
        .exclude(pk__in=applied)
        .select_related("commune")
        .prefetch_related("skills")
        .order_by("-closing_date", "pk")
    )
    if record.latitude is not None or profile.commune_id is not None:
        if record.latitude is None:
            record = seeker_record(profile)
        distances = {o.pk: distance_km(record, offer_record(o)) for o in offers}
        offers.sort(key=lambda o: (distances[o.pk] is None, distances[o.pk] or 0.0))
    else:
        distances = {o.pk: None for o in offers}
    results = []
    for offer in offers[:limit]:
        explanation = Explanation(
            matched_skills=[],
            missing_skills=sorted(offer.skills.all(), key=lambda skill: skill.name),
            from_trainings=[],
            distance_km=None if distances[offer.pk] is None else round(distances[offer.pk], 1),
            reasons=[str(REASON_TEXTS["profile_empty"])],
        )
        results.append(OfferRecommendation(offer=offer, score=0.0, explanation=explanation))
    logger.info("Fallback recommendations for an empty profile: profile=%s", profile.pk)
    return results


def _offer_recommendations(
    engine: Engine, record: SeekerData, best: list[tuple[int, float]]
) -> list[OfferRecommendation]:
    if not best:
        return []
    rows = np.array([column for column, _score in best])
    features = engine.pair_features(engine.seekers([record]).take(np.zeros(len(rows), int)), rows)
    stored = [explain_pair(record, engine.offers[c], features[i]) for i, (c, _s) in enumerate(best)]
    skills = _skills_by_id(rows_explanations=stored)
    pages = open_offers().in_bulk([engine.offers[column].id for column, _score in best])
    scores = engine.ranker.display_score(np.array([score for _column, score in best]))
    results = []
    for (column, _raw), score, explanation in zip(best, scores, stored, strict=True):
        page = pages.get(engine.offers[column].id)
        if page is None:
            continue
        results.append(
            OfferRecommendation(
                offer=page, score=float(score), explanation=_explanation(explanation, skills)
            )
        )
    return results


# Explanations


def _skills_by_id(rows_explanations: list[dict]) -> dict[int, Skill]:
    ids: set[int] = set()
    for explanation in rows_explanations:
        ids.update(explanation.get("matched", []))
        ids.update(explanation.get("missing", []))
    # A skill deleted from the taxonomy since the score was stored is simply left out.
    return Skill.objects.in_bulk(ids)


def _explanation(stored: dict, skills: dict[int, Skill]) -> Explanation:
    """Turn the stored form of `matching.engine.explain_pair` into the screens' Explanation."""
    matched = [skills[pk] for pk in stored.get("matched", []) if pk in skills]
    missing = [skills[pk] for pk in stored.get("missing", []) if pk in skills]
    sources = stored.get("from_trainings", {})
    from_trainings = [
        SkillSource(skill=skills[int(pk)], training_label=label)
        for pk, label in sources.items()
        if int(pk) in skills
    ]
    reasons = [
        str(REASON_TEXTS[code]) for code in stored.get("reasons", []) if code in REASON_TEXTS
    ]
    return Explanation(
        matched_skills=sorted(matched, key=lambda skill: skill.name),
        missing_skills=sorted(missing, key=lambda skill: skill.name),
        from_trainings=sorted(from_trainings, key=lambda source: source.skill.name),
        distance_km=stored.get("distance_km"),
        reasons=reasons,
    )


# Candidates for an offer


def suggest_candidates(offer: OfferPage, limit: int = 10) -> list[CandidateSuggestion]:
    """Return up to `limit` seekers for `offer`, best first.

    Only seekers who chose to let NGOs find them (Visibility.SEARCHABLE) with an active account
    are considered, and never those who already applied to the offer.
    """
    if limit <= 0:
        return []
    applicants = Application.objects.filter(offer=offer, seeker__isnull=False).values("seeker_id")
    profiles = SeekerProfile.objects.filter(
        visibility=Visibility.SEARCHABLE, user__is_active=True
    ).exclude(user_id__in=applicants)
    # NOTE: every searchable profile is scored on each call, which stays fast for a few thousand
    # seekers; beyond that, read the stored Recommendation rows of the offer instead.
    seekers = seeker_records(profiles)
    if not seekers:
        return []

    engine = catalogue.current_engine(max_stale_seconds=STALE_ENGINE_SECONDS)
    target = offer_record(offer)
    if target.id not in engine.position:
        engine = Engine([*engine.offers, target], engine.today, engine.ranker)
    column = engine.position[target.id]
    prepared = engine.seekers(seekers)
    scores = engine.score_block(prepared, engine.catalogue.take(np.array([column])))[:, 0]
    order = np.lexsort((np.arange(len(seekers)), -scores))[:limit]

    features = engine.pair_features(prepared.take(order), np.full(len(order), column))
    stored = [explain_pair(seekers[i], target, features[n]) for n, i in enumerate(order)]
    skills = _skills_by_id(rows_explanations=stored)
    display = engine.ranker.display_score(scores[order])
    pages = SeekerProfile.objects.in_bulk([seekers[i].id for i in order])
    return [
        CandidateSuggestion(
            profile=pages[seekers[i].id],
            score=float(display[n]),
            explanation=_explanation(stored[n], skills),
        )
        for n, i in enumerate(order)
        if seekers[i].id in pages
    ]


# Trainings


def recommend_trainings(profile: SeekerProfile, limit: int = 3) -> list[TrainingSuggestion]:
    """Return up to `limit` trainings teaching the skills the seeker most often lacks nearby.

    An offer counts as opened by a training when the seeker lacks some of its skills and the
    training teaches all of them but at most one.
    """
    if limit <= 0:
        return []
    record = _record_of(profile)
    applied = _applied(profile)
    near = _near_offers(record, profile, applied)

    lacking: dict[int, frozenset[int]] = {}
    counts: Counter[int] = Counter()
    for offer in near:
        missing = offer.skill_ids - record.skill_ids
        if missing:
            lacking[offer.id] = missing
            counts.update(missing)
    if not lacking:
        return []

    today = bamako_today()
    completed = (
        set(profile.trainings.values_list("training_id", flat=True)) if profile.pk else set()
    )
    trainings = (
        TrainingPage.objects.live()
        .public()
        .filter(end_date__gte=today, skills__in=list(counts))
        .exclude(pk__in=[pk for pk in completed if pk is not None])
        .distinct()
        .prefetch_related("skills")
    )
    suggestions = []
    for training in trainings:
        taught = {skill.pk: skill for skill in training.skills.all()}
        useful = [taught[pk] for pk in taught if pk in counts]
        opened = sum(
            1
            for missing in lacking.values()
            if missing & taught.keys() and len(missing - taught.keys()) <= 1
        )
        if opened and useful:
            useful.sort(key=lambda skill: (-counts[skill.pk], skill.name))
            suggestions.append(
                TrainingSuggestion(training=training, skills=useful, opened_offers=opened)
            )
    suggestions.sort(key=lambda s: (-s.opened_offers, -len(s.skills), s.training.pk))
    return suggestions[:limit]


def _near_offers(record: SeekerData, profile: SeekerProfile, applied: set[int]):
    offers = offer_records_open(applied)
    if record.latitude is None:
        if profile.region_id is None:
            return offers
        region_offers = set(
            open_offers().filter(region_id=profile.region_id).values_list("pk", flat=True)
        )
        return [offer for offer in offers if offer.id in region_offers or offer.latitude is None]
    return [
        offer
        for offer in offers
        if (distance := distance_km(record, offer)) is None or distance <= NEAR_KM
    ]


def offer_records_open(applied: set[int]):
    engine = catalogue.current_engine(max_stale_seconds=STALE_ENGINE_SECONDS)
    open_ids = set(open_offers().values_list("pk", flat=True))
    return [offer for offer in engine.offers if offer.id in open_ids and offer.id not in applied]
