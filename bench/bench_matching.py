"""
Benchmark the matching engine: one seeker's top 10 and the nightly batch, against naive scoring.

Generates --offers open offers and --seekers seekers in memory with matching.generator (real
ROME occupations and skills, Mali's communes; no database), builds the engine over the offers,
then measures in the same run:

- one seeker's top 10 among all offers, for --queries seekers: p50 and p95 in ms;
- the same top 10 scored naively, one (seeker, offer) pair at a time through the same feature
  code, on --naive-offers offers and extrapolated linearly to the whole catalogue;
- the nightly batch: every seeker's top 10, in --threads threads, and the peak resident memory.

    .venv/bin/python bench/bench_matching.py [--offers 50000 --seekers 100000]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument("--offers", type=int, default=50_000, help="Open offers to generate.")
    parser.add_argument("--seekers", type=int, default=100_000, help="Seekers to generate.")
    parser.add_argument("--queries", type=int, default=200, help="Seekers timed one by one.")
    parser.add_argument(
        "--naive-offers", type=int, default=500, help="Offers scored pair by pair per query."
    )
    parser.add_argument("--threads", type=int, default=2, help="Threads of the nightly batch.")
    parser.add_argument(
        "--batch-seekers",
        type=int,
        default=0,
        help="Seekers in the timed batch (default all); the time is extrapolated to all.",
    )
    return parser.parse_args()


def peak_memory_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    args = parse_args()
    sys.path[:0] = [str(ROOT), str(ROOT / "platform")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcluster.settings.test")
    import numpy as np

    from matching import generator
    from matching.engine import Engine

    started = time.perf_counter()
    world = generator.generate(
        generator.load_taxonomy(),
        offers=args.offers,
        seekers=args.seekers,
        occupations=300,
        with_interactions=False,
    )
    # Every offer is open on the benchmark's day.
    today = max(offer.published_day for offer in world.offers)
    offers = [
        type(offer)(**{**offer.__dict__, "closing_day": today + 30}) for offer in world.offers
    ]
    print(
        f"generated {len(offers):,} offers and {len(world.seekers):,} seekers "
        f"in {time.perf_counter() - started:.1f} s"
    )

    started = time.perf_counter()
    engine = Engine(offers, today)
    print(f"engine built (TF-IDF words + char n-grams, SVD): {time.perf_counter() - started:.1f} s")

    # One seeker's top 10, vectorised over the whole catalogue.
    rng = np.random.default_rng(0)
    sample = [world.seekers[i] for i in rng.choice(len(world.seekers), args.queries, replace=False)]
    timings = []
    for seeker in sample:
        started = time.perf_counter()
        list(engine.top_offers([seeker], 10))
        timings.append((time.perf_counter() - started) * 1000)
    p50 = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[18]
    print(f"one seeker, top 10 of {len(offers):,} offers: p50 {p50:.1f} ms, p95 {p95:.1f} ms")

    # Naive: each pair through the same feature code, then a Python sort.
    naive = []
    offer_rows = np.arange(min(args.naive_offers, len(offers)))
    for seeker in sample[:20]:
        started = time.perf_counter()
        prepared = engine.seekers([seeker])
        scores = []
        for row in offer_rows:
            features = engine.pair_features(prepared, np.array([row]))[0]
            scores.append((float(features @ engine.ranker.weights), int(row)))
        sorted(scores, reverse=True)[:10]
        naive.append((time.perf_counter() - started) * 1000 * len(offers) / len(offer_rows))
    naive_p50 = statistics.median(naive)
    print(
        f"naive per-pair scoring, extrapolated from {len(offer_rows)} offers: "
        f"p50 {naive_p50:.0f} ms"
    )
    print(f"ratio naive / engine (p50): {naive_p50 / p50:.0f}x")

    # Nightly batch.
    batch = world.seekers[: args.batch_seekers] if args.batch_seekers else world.seekers
    chunks = np.array_split(np.arange(len(batch)), args.threads)

    def run(rows) -> int:
        return sum(1 for _ in engine.top_offers([batch[i] for i in rows], 10))

    started = time.perf_counter()
    with ThreadPoolExecutor(args.threads) as pool:
        done = sum(pool.map(run, chunks))
    seconds = time.perf_counter() - started
    total = seconds * len(world.seekers) / done
    label = "measured" if done == len(world.seekers) else f"extrapolated from {done:,} seekers"
    print(
        f"nightly batch, top 10 for {len(world.seekers):,} seekers x {len(offers):,} offers, "
        f"{args.threads} threads: {total / 60:.1f} min ({label})"
    )
    print(f"peak resident memory: {peak_memory_mb():,.0f} MB")


if __name__ == "__main__":
    main()
