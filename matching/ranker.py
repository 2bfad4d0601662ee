"""
Training, storing and loading the learned ranker.

The ranker is a logistic regression over the engine's pairwise features. Positives are graded
interactions (applied 1, shortlisted or interview 2, hired 3, as sample weights); negatives are
offers the seeker saw and ignored, plus as many offers drawn at random from the catalogue with a
fixed seed. The scaling is folded into the weights, so scoring stays one weighted sum.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import joblib
import numpy as np
from django.conf import settings
from django.db import transaction
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from .data import APPLIED, SEEN, Interaction, SeekerData
from .engine import FEATURE_NAMES, FEATURE_SCHEMA_VERSION, Engine, Ranker

logger = logging.getLogger(__name__)

RANDOM_STATE = 0
NEGATIVES_PER_POSITIVE = 4
# Below these counts the learned ranker is not trained and the content-only score is used: with
# fewer interactions a 16-weight logistic regression mostly learns noise from a few seekers.
MIN_POSITIVES = 200
MIN_POSITIVE_SEEKERS = 30
MODEL_FOLDER = "matching"


class NotEnoughInteractions(Exception):
    """The interactions are too few to train a ranker; the content-only score stays in use."""

    def __init__(self, positives: int, seekers: int):
        super().__init__(
            f"{positives} positive interactions from {seekers} seekers; training needs at least "
            f"{MIN_POSITIVES} from {MIN_POSITIVE_SEEKERS} seekers"
        )
        self.positives = positives
        self.seekers = seekers


def training_set(
    engine: Engine,
    seekers: Sequence[SeekerData],
    interactions: Sequence[Interaction],
    negatives_per_positive: int = NEGATIVES_PER_POSITIVE,
    seed: int = RANDOM_STATE,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return features, labels and sample weights for the interactions on catalogue offers."""
    rng = np.random.default_rng(seed)
    by_seeker: dict[int, dict[int, int]] = defaultdict(dict)
    for interaction in interactions:
        if interaction.offer_id in engine.position:
            grades = by_seeker[interaction.seeker_id]
            grades[interaction.offer_id] = max(
                grades.get(interaction.offer_id, SEEN), interaction.grade
            )

    days_of: dict[tuple[int, int], int] = {}
    for interaction in interactions:
        key = (interaction.seeker_id, interaction.offer_id)
        days_of[key] = min(days_of.get(key, interaction.day), interaction.day)

    rows: list[int] = []
    offer_rows: list[int] = []
    days: list[int] = []
    labels: list[int] = []
    weights: list[float] = []
    seeker_list = [seeker for seeker in seekers if seeker.id in by_seeker]
    catalogue_size = len(engine.offers)
    for row, seeker in enumerate(seeker_list):
        grades = by_seeker[seeker.id]
        positives = sorted(o for o, g in grades.items() if g >= APPLIED)
        if not positives:
            continue
        seen = sorted(o for o, g in grades.items() if g == SEEN)
        wanted = negatives_per_positive * len(positives)
        negatives = [int(o) for o in rng.permutation(seen)[:wanted]] if seen else []
        # Then as many random catalogue offers that the seeker did not interact with and that
        # were open on the day of the first positive: the ranker orders the whole catalogue,
        # not only the offers a visit happened to show.
        first_day = min(days_of[(seeker.id, offer_id)] for offer_id in positives)
        wanted = len(negatives) + negatives_per_positive * len(positives)
        attempts = 0
        while len(negatives) < wanted and attempts < wanted * 20 and catalogue_size > len(grades):
            attempts += 1
            candidate = engine.offers[int(rng.integers(catalogue_size))]
            was_open = candidate.published_day <= first_day <= candidate.closing_day
            if was_open and candidate.id not in grades and candidate.id not in negatives:
                negatives.append(candidate.id)
        # Random negatives have no day of their own: they take the seeker's first positive's.
        for offer_id in positives:
            rows.append(row)
            offer_rows.append(engine.position[offer_id])
            days.append(days_of[(seeker.id, offer_id)])
            labels.append(1)
            weights.append(float(grades[offer_id]))
        for offer_id in negatives:
            rows.append(row)
            offer_rows.append(engine.position[int(offer_id)])
            days.append(days_of.get((seeker.id, int(offer_id)), first_day))
            labels.append(0)
            weights.append(1.0)

    if not rows:
        return np.zeros((0, len(FEATURE_NAMES)), np.float32), np.zeros(0), np.zeros(0)
    prepared = engine.seekers(seeker_list).take(np.asarray(rows))
    features = engine.pair_features(prepared, np.asarray(offer_rows), np.asarray(days))
    return features, np.asarray(labels), np.asarray(weights)


def fit_ranker(features: np.ndarray, labels: np.ndarray, weights: np.ndarray) -> Ranker:
    """Fit the logistic regression and return it as one linear Ranker on raw features."""
    positives = int(labels.sum())
    if positives < MIN_POSITIVES:
        raise NotEnoughInteractions(positives, 0)
    scaler = StandardScaler().fit(features)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    model = LogisticRegression(C=1.0, max_iter=2000, random_state=RANDOM_STATE)
    model.fit((features - scaler.mean_) / scale, labels, sample_weight=weights)
    coef = model.coef_[0] / scale
    intercept = float(model.intercept_[0] - np.dot(coef, scaler.mean_))
    return Ranker(weights=coef.astype(np.float32), intercept=intercept, learned=True)


def check_enough(interactions: Sequence[Interaction]) -> None:
    """Raise NotEnoughInteractions unless the positives reach the training thresholds."""
    positives = [i for i in interactions if i.grade >= APPLIED]
    seekers = len({i.seeker_id for i in positives})
    if len(positives) < MIN_POSITIVES or seekers < MIN_POSITIVE_SEEKERS:
        raise NotEnoughInteractions(len(positives), seekers)


# Storage


def save_ranker(ranker: Ranker, metrics: dict):
    """Write the ranker's file under MEDIA_ROOT and record it as the next RankerModel version."""
    from .models import RankerModel

    with transaction.atomic():
        last = RankerModel.objects.select_for_update().order_by("-version").first()
        version = (last.version if last else 0) + 1
        relative = f"{MODEL_FOLDER}/ranker-v{version}.joblib"
        path = Path(settings.MEDIA_ROOT) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "feature_schema_version": FEATURE_SCHEMA_VERSION,
            "feature_names": list(FEATURE_NAMES),
            "weights": np.asarray(ranker.weights, dtype=np.float32),
            "intercept": float(ranker.intercept),
        }
        joblib.dump(payload, path)
        record = RankerModel.objects.create(
            version=version,
            feature_schema_version=FEATURE_SCHEMA_VERSION,
            file_path=relative,
            sha256=file_sha256(path),
            metrics=metrics,
        )
    logger.info("Ranker saved: version=%s path=%s", version, relative)
    return record


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def load_ranker() -> Ranker:
    """Return the latest stored ranker, or the content-only one when it cannot be used.

    A missing, altered or unreadable file, or one written for another feature schema, is logged
    and skipped, so a broken model file does not break recommendations.
    """
    from .models import RankerModel

    record = RankerModel.objects.order_by("-version").first()
    if record is None:
        return Ranker.content()
    if record.feature_schema_version != FEATURE_SCHEMA_VERSION:
        logger.warning(
            "Ranker skipped, feature schema %s instead of %s: version=%s",
            record.feature_schema_version,
            FEATURE_SCHEMA_VERSION,
            record.version,
        )
        return Ranker.content()
    path = Path(settings.MEDIA_ROOT) / record.file_path
    try:
        if file_sha256(path) != record.sha256:
            logger.warning("Ranker skipped, checksum mismatch: version=%s", record.version)
            return Ranker.content()
        payload = joblib.load(path)
    except (OSError, ValueError, EOFError, KeyError, TypeError, pickle.UnpicklingError) as error:
        logger.warning(
            "Ranker skipped, file unreadable: version=%s error=%s", record.version, error
        )
        return Ranker.content()
    if list(payload.get("feature_names", [])) != list(FEATURE_NAMES):
        logger.warning("Ranker skipped, feature names differ: version=%s", record.version)
        return Ranker.content()
    return Ranker(
        weights=np.asarray(payload["weights"], dtype=np.float32),
        intercept=float(payload["intercept"]),
        learned=True,
        version=record.version,
    )
