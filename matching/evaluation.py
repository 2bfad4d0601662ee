"""
Offline evaluation on a temporal split: the learned ranker against baselines, in one run.

Interactions before the split day train the ranker; each seeker's applications on or after it
are the relevant set. Every method ranks the offers open during the test period, minus those the
seeker applied to before the split, and is measured at 10:

- Recall@10: share of the seeker's test applications in the top 10;
- nDCG@10: with gains 1 (applied), 2 (shortlisted or interview), 3 (hired);
- MRR: mean reciprocal rank of the first relevant offer (0 beyond the top 10);
- coverage: share of the candidate offers that appear in at least one top 10;
- reciprocity: share of recommended offers whose requirements the seeker meets (education rank,
  years of experience, and at least half the offer's skills).
"""

from __future__ import annotations

import logging
import math
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .data import APPLIED, Interaction, OfferData, SeekerData
from .engine import Engine, Ranker
from .generator import World
from .ranker import fit_ranker, training_set

logger = logging.getLogger(__name__)

K = 10
RANDOM_STATE = 0


@dataclass(frozen=True)
class Scores:
    method: str
    recall: float
    ndcg: float
    mrr: float
    coverage: float
    reciprocity: float
    seconds: float


@dataclass
class Split:
    train: list[Interaction]
    candidates: list[OfferData]
    relevant: dict[int, dict[int, int]]  # seeker id -> offer id -> grade
    seen_before: dict[int, set[int]]  # offers applied to before the split
    seekers: list[SeekerData]
    split_day: int


def temporal_split(world: World, split_day: int) -> Split:
    train = [i for i in world.interactions if i.day < split_day]
    test = [i for i in world.interactions if i.day >= split_day and i.grade >= APPLIED]
    candidates = [o for o in world.offers if o.closing_day >= split_day]
    relevant: dict[int, dict[int, int]] = defaultdict(dict)
    for interaction in test:
        relevant[interaction.seeker_id][interaction.offer_id] = interaction.grade
    seen_before: dict[int, set[int]] = defaultdict(set)
    for interaction in train:
        if interaction.grade >= APPLIED:
            seen_before[interaction.seeker_id].add(interaction.offer_id)
    seekers = [s for s in world.seekers if s.id in relevant]
    return Split(train, candidates, dict(relevant), dict(seen_before), seekers, split_day)


def meets_requirements(seeker: SeekerData, offer: OfferData) -> bool:
    coverage = len(offer.skill_ids & seeker.skill_ids) / max(len(offer.skill_ids), 1)
    return (
        seeker.education_rank >= offer.education_rank
        and seeker.experience_years >= offer.experience_years
        and coverage >= 0.5
    )


def measure(
    method: str,
    split: Split,
    rankings: dict[int, list[int]],
    offers_by_id: dict[int, OfferData],
    seconds: float,
) -> Scores:
    recalls, ndcgs, reciprocal_ranks, reciprocal = [], [], [], []
    shown: set[int] = set()
    for seeker in split.seekers:
        relevant = split.relevant[seeker.id]
        ranked = rankings.get(seeker.id, [])[:K]
        shown.update(ranked)
        hits = [offer_id for offer_id in ranked if offer_id in relevant]
        recalls.append(len(hits) / len(relevant))
        dcg = sum(
            relevant[offer_id] / math.log2(rank + 2)
            for rank, offer_id in enumerate(ranked)
            if offer_id in relevant
        )
        ideal = sorted(relevant.values(), reverse=True)[:K]
        idcg = sum(gain / math.log2(rank + 2) for rank, gain in enumerate(ideal))
        ndcgs.append(dcg / idcg)
        first = next((rank for rank, o in enumerate(ranked) if o in relevant), None)
        reciprocal_ranks.append(0.0 if first is None else 1.0 / (first + 1))
        reciprocal.extend(meets_requirements(seeker, offers_by_id[o]) for o in ranked)
    return Scores(
        method=method,
        recall=float(np.mean(recalls)),
        ndcg=float(np.mean(ndcgs)),
        mrr=float(np.mean(reciprocal_ranks)),
        coverage=len(shown) / max(len(split.candidates), 1),
        reciprocity=float(np.mean(reciprocal)) if reciprocal else 0.0,
        seconds=seconds,
    )


# Methods


def rank_random(split: Split) -> dict[int, list[int]]:
    rng = np.random.default_rng(RANDOM_STATE)
    ids = np.array([o.id for o in split.candidates])
    result = {}
    for seeker in split.seekers:
        excluded = split.seen_before.get(seeker.id, set())
        order = [int(i) for i in rng.permutation(ids)[: K + len(excluded)] if i not in excluded]
        result[seeker.id] = order[:K]
    return result


def rank_popular(split: Split) -> dict[int, list[int]]:
    counts = Counter(i.offer_id for i in split.train if i.grade >= APPLIED)
    # Most applied to before the split first; offers published later have no count and follow
    # in publication order, newest first.
    order = sorted(split.candidates, key=lambda o: (-counts.get(o.id, 0), -o.published_day, o.id))
    ids = [o.id for o in order]
    result = {}
    for seeker in split.seekers:
        excluded = split.seen_before.get(seeker.id, set())
        result[seeker.id] = [i for i in ids[: K + len(excluded)] if i not in excluded][:K]
    return result


def rank_engine(split: Split, ranker: Ranker) -> dict[int, list[int]]:
    engine = Engine(split.candidates, split.split_day, ranker)
    result = {}
    for seeker, best in engine.top_offers(split.seekers, K, exclude=split.seen_before):
        result[seeker.id] = [engine.offers[column].id for column, _score in best]
    return result


def train_ranker(world: World, split: Split) -> Ranker:
    """Fit the ranker on the interactions before the split, over the offers open before it."""
    train_offers = [o for o in world.offers if o.published_day < split.split_day]
    engine = Engine(train_offers, split.split_day)
    features, labels, weights = training_set(engine, world.seekers, split.train)
    return fit_ranker(features, labels, weights)


def rank_more_like_this(split: Split, es_url: str) -> dict[int, list[int]]:
    """Rank by Elasticsearch more-like-this (BM25) from the seeker's profile text.

    The offers go into a throwaway index analysed like the site's search index (French elision,
    accent folding, French stop words and light stemmer), which is deleted afterwards.
    """
    from elasticsearch import Elasticsearch, helpers

    from search.documents import french_index

    client = Elasticsearch(es_url, request_timeout=60)
    index = f"jobcluster-matching-eval-{uuid.uuid4().hex[:8]}"
    definition = french_index.get_analysis_definition()
    client.indices.create(
        index=index,
        settings={"number_of_shards": 1, "number_of_replicas": 0, "analysis": definition},
        mappings={"properties": {"text": {"type": "text", "analyzer": french_index._name}}},
    )
    try:
        helpers.bulk(
            client,
            ({"_index": index, "_id": str(o.id), "text": o.text} for o in split.candidates),
            refresh=True,
        )
        result = {}
        for seeker in split.seekers:
            excluded = split.seen_before.get(seeker.id, set())
            response = client.search(
                index=index,
                query={
                    "more_like_this": {
                        "fields": ["text"],
                        "like": seeker.text,
                        "min_term_freq": 1,
                        "min_doc_freq": 1,
                        "max_query_terms": 50,
                    }
                },
                size=K + len(excluded),
                source=False,
            )
            ids = [int(hit["_id"]) for hit in response["hits"]["hits"]]
            result[seeker.id] = [i for i in ids if i not in excluded][:K]
        return result
    finally:
        client.indices.delete(index=index, ignore_unavailable=True)
        client.close()


def evaluate(world: World, split_day: int, es_url: str | None = None) -> list[Scores]:
    """Return the scores of every method on the same split, the learned ranker last."""
    split = temporal_split(world, split_day)
    offers_by_id = {o.id: o for o in world.offers}
    methods: list[tuple[str, Callable[[], dict[int, list[int]]]]] = [
        ("random", lambda: rank_random(split)),
        ("most popular", lambda: rank_popular(split)),
    ]
    if es_url:
        methods.append(
            ("Elasticsearch more-like-this (BM25)", lambda: rank_more_like_this(split, es_url))
        )
    methods.append(("content-only score", lambda: rank_engine(split, Ranker.content())))

    results = []
    for name, method in methods:
        started = time.perf_counter()
        rankings = method()
        results.append(measure(name, split, rankings, offers_by_id, time.perf_counter() - started))

    started = time.perf_counter()
    ranker = train_ranker(world, split)
    rankings = rank_engine(split, ranker)
    results.append(
        measure("learned ranker", split, rankings, offers_by_id, time.perf_counter() - started)
    )
    return results


def format_table(results: Sequence[Scores], heading: str = "") -> str:
    lines = [heading] if heading else []
    lines.append("| method | Recall@10 | nDCG@10 | MRR | coverage | reciprocity | seconds |")
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for s in results:
        lines.append(
            f"| {s.method} | {s.recall:.3f} | {s.ndcg:.3f} | {s.mrr:.3f} | {s.coverage:.3f} "
            f"| {s.reciprocity:.3f} | {s.seconds:.1f} |"
        )
    return "\n".join(lines)
