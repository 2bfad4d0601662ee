"""
Pairwise features of a seeker and an offer, and the linear scores built on them.

Every feature lies in [0, 1] and is computed for whole blocks of seekers against the catalogue
with sparse products and NumPy broadcasting. The explanations read the same arrays and the same
skill sets, so what a recommendation shows is what its score used.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from .data import UNKNOWN_EDUCATION, OfferData, SeekerData
from .text import TextEncoder

# Bumped whenever FEATURE_NAMES or a feature's definition changes: a stored model with another
# schema version is ignored and scoring falls back to the content-only weights.
FEATURE_SCHEMA_VERSION = 1

FEATURE_NAMES = (
    "text_similarity",  # cosine of the TF-IDF vectors of the seeker's and the offer's texts
    "skill_coverage",  # share of the offer's skills the seeker has, 0 when it lists none
    "skill_matches",  # number of matched skills, as 1 - 1 / (1 + n)
    "offer_without_skills",
    "occupation_match",  # the offer's occupation is one the seeker wants
    "sector_match",
    "proximity",  # exp(-distance / 100 km), 0 when a place is unknown
    "distance_unknown",
    "education_fit",  # 1 at or above the required level, 0.5 when the seeker gave none
    "education_gap",  # levels missing, divided by 9
    "experience_fit",  # years of experience over years required, capped at 1
    "language_fit",  # share of the offer's languages the seeker speaks, 1 when none required
    "contract_preference",  # 1 for a contract type applied to before, 0.5 without history
    "closing_soon",  # 1 - days to the closing date / 60, within [0, 1]
    "coverage_x_proximity",
    "text_x_proximity",
)
FEATURE_INDEX = {name: index for index, name in enumerate(FEATURE_NAMES)}

# Cold-start weights, set by hand: what the skills and the words say first, then the place and
# the requirements. They sum to 1, so a content-only score lies in [0, 1].
CONTENT_WEIGHTS = {
    "text_similarity": 0.30,
    "skill_coverage": 0.30,
    "occupation_match": 0.15,
    "sector_match": 0.05,
    "proximity": 0.10,
    "education_fit": 0.05,
    "experience_fit": 0.025,
    "language_fit": 0.025,
}
PROXIMITY_SCALE_KM = 100.0
CLOSING_HORIZON_DAYS = 60.0
EARTH_RADIUS_KM = 6371.0088
BLOCK_SIZE = 64


@dataclass(frozen=True)
class Ranker:
    """A linear scorer over FEATURE_NAMES; learned rankers turn the sum into a probability."""

    weights: np.ndarray
    intercept: float = 0.0
    learned: bool = False
    version: int | None = None

    @classmethod
    def content(cls) -> Ranker:
        weights = np.zeros(len(FEATURE_NAMES), dtype=np.float32)
        for name, weight in CONTENT_WEIGHTS.items():
            weights[FEATURE_INDEX[name]] = weight
        return cls(weights=weights)

    def display_score(self, raw: np.ndarray) -> np.ndarray:
        """Return scores in [0, 1] for display: the probability for a learned ranker."""
        if self.learned:
            return 1.0 / (1.0 + np.exp(-raw))
        return raw


@dataclass
class _Side:
    """Column-aligned arrays for a list of seekers or offers."""

    ids: np.ndarray
    text: object  # sparse or dense rows of unit vectors
    skills: sparse.csr_matrix
    skill_counts: np.ndarray
    occupations: sparse.csr_matrix
    sectors: sparse.csr_matrix
    languages: sparse.csr_matrix
    language_counts: np.ndarray
    contracts: sparse.csr_matrix
    contract_counts: np.ndarray
    latitude: np.ndarray  # radians, NaN when unknown
    longitude: np.ndarray
    education: np.ndarray
    experience: np.ndarray
    closing: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def take(self, rows: np.ndarray) -> _Side:
        return _Side(
            ids=self.ids[rows],
            text=self.text[rows],
            skills=self.skills[rows],
            skill_counts=self.skill_counts[rows],
            occupations=self.occupations[rows],
            sectors=self.sectors[rows],
            languages=self.languages[rows],
            language_counts=self.language_counts[rows],
            contracts=self.contracts[rows],
            contract_counts=self.contract_counts[rows],
            latitude=self.latitude[rows],
            longitude=self.longitude[rows],
            education=self.education[rows],
            experience=self.experience[rows],
            closing=self.closing[rows] if len(self.closing) else self.closing,
        )


def _indicator(rows: Sequence[Sequence], index: dict) -> sparse.csr_matrix:
    """Return a binary matrix with a 1 where row i contains a key of `index`; others are dropped."""
    indptr = [0]
    columns: list[int] = []
    for row in rows:
        columns.extend(index[key] for key in row if key in index)
        indptr.append(len(columns))
    data = np.ones(len(columns), dtype=np.float32)
    return sparse.csr_matrix(
        (data, np.asarray(columns, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
        shape=(len(rows), max(len(index), 1)),
    )


def _radians(values: Sequence[float | None]) -> np.ndarray:
    return np.radians(np.array([np.nan if v is None else v for v in values], dtype=np.float64))


def _cross(left, right, aligned: bool) -> np.ndarray:
    """Return row-by-row dot products (aligned) or all pairwise dot products, densely."""
    if aligned:
        if sparse.issparse(left):
            return np.asarray(left.multiply(right).sum(axis=1), dtype=np.float32).ravel()
        return np.einsum("ij,ij->i", left, right).astype(np.float32)
    product = left @ right.T
    if sparse.issparse(product):
        return product.toarray().astype(np.float32, copy=False)
    return np.asarray(product, dtype=np.float32)


def haversine_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Return great-circle distances in km between points given in radians (NaN if unknown)."""
    dlat = lat2 - lat1
    dlon = lon2 - lon1
    a = np.sin(dlat / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


class Engine:
    """The live catalogue prepared for scoring: text vectors and indicator matrices of offers."""

    def __init__(
        self,
        offers: Sequence[OfferData],
        today: int,
        ranker: Ranker | None = None,
        encoder: TextEncoder | None = None,
    ):
        self.offers = list(offers)
        self.today = today
        self.ranker = ranker or Ranker.content()
        self.encoder = encoder or TextEncoder()
        self.position = {offer.id: index for index, offer in enumerate(self.offers)}

        # Vocabularies come from the catalogue: a seeker's skill that no offer asks for cannot
        # change any score, so it needs no column.
        self.skill_index = _vocabulary(offer.skill_ids for offer in self.offers)
        self.occupation_index = _vocabulary([o.occupation_id] for o in self.offers)
        self.sector_index = _vocabulary([o.sector_id] for o in self.offers)
        self.language_index = _vocabulary(offer.languages for offer in self.offers)
        self.contract_index = _vocabulary([o.contract_type] for o in self.offers)

        text = self.encoder.fit_transform([offer.text for offer in self.offers])
        self.catalogue = self._side(self.offers, text, is_offer=True)

    def _side(self, records, text, is_offer: bool) -> _Side:
        if is_offer:
            occupations = [[r.occupation_id] for r in records]
            sectors = [[r.sector_id] for r in records]
            contracts = [[r.contract_type] for r in records]
        else:
            occupations = [r.occupation_ids for r in records]
            sectors = [r.sector_ids for r in records]
            contracts = [r.contract_types for r in records]
        skills = _indicator([r.skill_ids for r in records], self.skill_index)
        languages = _indicator([r.languages for r in records], self.language_index)
        contract_matrix = _indicator(contracts, self.contract_index)
        return _Side(
            ids=np.array([r.id for r in records], dtype=np.int64),
            text=text,
            skills=skills,
            skill_counts=np.array([len(r.skill_ids) for r in records], dtype=np.float32),
            occupations=_indicator(occupations, self.occupation_index),
            sectors=_indicator(sectors, self.sector_index),
            languages=languages,
            language_counts=np.array([len(r.languages) for r in records], dtype=np.float32),
            contracts=contract_matrix,
            contract_counts=np.array([len(c) for c in contracts], dtype=np.float32),
            latitude=_radians([r.latitude for r in records]),
            longitude=_radians([r.longitude for r in records]),
            education=np.array([r.education_rank for r in records], dtype=np.float32),
            experience=np.array([r.experience_years for r in records], dtype=np.float32),
            closing=(
                np.array([r.closing_day for r in records], dtype=np.float32)
                if is_offer
                else np.zeros(0)
            ),
        )

    def seekers(self, seekers: Sequence[SeekerData]) -> _Side:
        """Prepare seekers against this catalogue's vocabularies."""
        text = self.encoder.transform([seeker.text for seeker in seekers])
        return self._side(seekers, text, is_offer=False)

    # Features

    def iter_features(
        self, seekers: _Side, offers: _Side, aligned: bool, days: np.ndarray | None = None
    ) -> Iterator[tuple[str, np.ndarray]]:
        """Yield (name, values) in FEATURE_NAMES order, for aligned pairs or the full block.

        Aligned: row i of `seekers` with row i of `offers`, values of shape (P,). Otherwise every
        seeker with every offer, values of shape (seekers, offers). `days` gives aligned pairs
        their own reference day (the day of a past interaction) instead of the engine's today.
        """

        def seeker_column(values):
            return values if aligned else values[:, None]

        def offer_row(values):
            return values if aligned else values[None, :]

        text = np.clip(_cross(seekers.text, offers.text, aligned), 0.0, 1.0)
        yield "text_similarity", text

        matched = _cross(seekers.skills, offers.skills, aligned)
        offer_skill_counts = offer_row(offers.skill_counts)
        coverage = np.where(offer_skill_counts > 0, matched / np.maximum(offer_skill_counts, 1), 0)
        coverage = coverage.astype(np.float32)
        yield "skill_coverage", coverage
        yield "skill_matches", (1.0 - 1.0 / (1.0 + matched)).astype(np.float32)
        no_skills = (offer_skill_counts == 0).astype(np.float32)
        yield "offer_without_skills", np.broadcast_to(no_skills, matched.shape)

        yield (
            "occupation_match",
            np.minimum(_cross(seekers.occupations, offers.occupations, aligned), 1),
        )
        yield "sector_match", np.minimum(_cross(seekers.sectors, offers.sectors, aligned), 1)

        distance = haversine_km(
            seeker_column(seekers.latitude),
            seeker_column(seekers.longitude),
            offer_row(offers.latitude),
            offer_row(offers.longitude),
        )
        unknown = np.isnan(distance)
        proximity = np.where(unknown, 0.0, np.exp(-np.nan_to_num(distance) / PROXIMITY_SCALE_KM))
        proximity = proximity.astype(np.float32)
        yield "proximity", proximity
        yield "distance_unknown", unknown.astype(np.float32)

        seeker_education = seeker_column(seekers.education)
        required_education = offer_row(offers.education)
        known = seeker_education != UNKNOWN_EDUCATION
        education_fit = np.where(known, (seeker_education >= required_education), 0.5)
        yield "education_fit", education_fit.astype(np.float32)
        gap = np.where(known, np.maximum(required_education - seeker_education, 0) / 9.0, 0)
        yield "education_gap", gap.astype(np.float32)

        required_years = offer_row(offers.experience)
        years = seeker_column(seekers.experience)
        experience_fit = np.where(
            required_years > 0, np.minimum(years / np.maximum(required_years, 1e-6), 1.0), 1.0
        )
        yield "experience_fit", experience_fit.astype(np.float32)

        spoken = _cross(seekers.languages, offers.languages, aligned)
        offer_language_counts = offer_row(offers.language_counts)
        language_fit = np.where(
            offer_language_counts > 0, spoken / np.maximum(offer_language_counts, 1), 1.0
        )
        yield "language_fit", language_fit.astype(np.float32)

        preferred = np.minimum(_cross(seekers.contracts, offers.contracts, aligned), 1)
        history = seeker_column(seekers.contract_counts) > 0
        yield "contract_preference", np.where(history, preferred, 0.5).astype(np.float32)

        reference = self.today if days is None else days
        days_left = offer_row(offers.closing) - reference
        closing_soon = np.clip(1.0 - days_left / CLOSING_HORIZON_DAYS, 0.0, 1.0)
        yield "closing_soon", np.broadcast_to(closing_soon.astype(np.float32), matched.shape)

        yield "coverage_x_proximity", coverage * proximity
        yield "text_x_proximity", text * proximity

    def pair_features(
        self, seekers: _Side, offer_rows: np.ndarray, days: np.ndarray | None = None
    ) -> np.ndarray:
        """Return the (pairs, features) matrix of seeker row i with catalogue row offer_rows[i]."""
        offers = self.catalogue.take(offer_rows)
        features = self.iter_features(seekers, offers, aligned=True, days=days)
        columns = [values for _, values in features]
        return np.column_stack(columns).astype(np.float32)

    def score_block(self, seekers: _Side, offers: _Side | None = None) -> np.ndarray:
        """Return raw scores of every seeker (rows) against every offer (columns)."""
        offers = offers if offers is not None else self.catalogue
        weights = self.ranker.weights
        scores = np.full((len(seekers.ids), len(offers.ids)), self.ranker.intercept, np.float32)
        for index, (_, values) in enumerate(self.iter_features(seekers, offers, aligned=False)):
            if weights[index] != 0:
                scores += weights[index] * values
        return scores

    # Ranking

    def top_offers(
        self,
        seekers: Sequence[SeekerData],
        limit: int,
        exclude: dict[int, set[int]] | None = None,
        block_size: int = BLOCK_SIZE,
    ) -> Iterator[tuple[SeekerData, list[tuple[int, float]]]]:
        """Yield each seeker with its best `limit` (catalogue row, raw score), best first.

        `exclude` maps a seeker id to offer ids never to return (the offers applied to).
        """
        exclude = exclude or {}
        count = len(self.offers)
        if count == 0:
            for seeker in seekers:
                yield seeker, []
            return
        for start in range(0, len(seekers), block_size):
            block = list(seekers[start : start + block_size])
            scores = self.score_block(self.seekers(block))
            for row, seeker in enumerate(block):
                line = scores[row]
                for offer_id in exclude.get(seeker.id, ()):
                    position = self.position.get(offer_id)
                    if position is not None:
                        line[position] = -np.inf
                yield seeker, _best(line, limit)


def _best(line: np.ndarray, limit: int) -> list[tuple[int, float]]:
    """Return the `limit` best finite (column, score) of `line`, ties broken by column."""
    available = int(np.isfinite(line).sum())
    limit = min(limit, available)
    if limit <= 0:
        return []
    if limit < len(line):
        candidates = np.argpartition(-line, limit - 1)[:limit]
    else:
        candidates = np.arange(len(line))
    # Sort by score descending, then by column for a deterministic order among ties.
    order = np.lexsort((candidates, -line[candidates]))
    chosen = candidates[order]
    return [(int(column), float(line[column])) for column in chosen if np.isfinite(line[column])]


def _vocabulary(groups) -> dict:
    keys = sorted({key for group in groups for key in group if key is not None and key != ""})
    return {key: index for index, key in enumerate(keys)}


def distance_km(seeker: SeekerData, offer: OfferData) -> float | None:
    """Return the distance between a seeker's and an offer's places, or None if one is unknown."""
    if None in (seeker.latitude, seeker.longitude, offer.latitude, offer.longitude):
        return None
    value = haversine_km(
        *np.radians([seeker.latitude, seeker.longitude]),
        *np.radians([offer.latitude, offer.longitude]),
    )
    return None if math.isnan(float(value)) else float(value)


def explain_pair(seeker: SeekerData, offer: OfferData, features: np.ndarray) -> dict:
    """Return the stored form of an explanation: skill ids, distance and reason codes.

    The matched skills are the intersection that the skill features counted, and the reasons
    read the pair's feature row, so the explanation and the score cannot disagree.
    """
    value = dict(zip(FEATURE_NAMES, (float(v) for v in features), strict=True))
    matched = sorted(offer.skill_ids & seeker.skill_ids)
    missing = sorted(offer.skill_ids - seeker.skill_ids)
    from_trainings = {
        str(skill_id): seeker.training_skills[skill_id]
        for skill_id in matched
        if skill_id in seeker.training_skills
    }

    reasons: list[str] = []
    if value["occupation_match"] >= 1:
        reasons.append("occupation")
    if value["sector_match"] >= 1:
        reasons.append("sector")
    if seeker.education_rank != UNKNOWN_EDUCATION and offer.education_rank > 0:
        reasons.append("education_met" if value["education_fit"] >= 1 else "education_below")
    if offer.experience_years > 0:
        reasons.append("experience_met" if value["experience_fit"] >= 1 else "experience_below")
    if offer.languages:
        reasons.append("languages_met" if value["language_fit"] >= 1 else "languages_missing")
    if value["offer_without_skills"] >= 1:
        reasons.append("no_skills_listed")

    distance = distance_km(seeker, offer)
    return {
        "matched": matched,
        "missing": missing,
        "from_trainings": from_trainings,
        "distance_km": None if distance is None else round(distance, 1),
        "reasons": reasons,
        "features": {name: round(v, 4) for name, v in value.items()},
    }
