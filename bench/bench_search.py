"""
Benchmark the search service on the database backend against Elasticsearch, in one run.

Builds a throwaway SQLite database (or uses --database-url, which must be empty), loads the
shipped reference data, and generates --offers French offers from the occupation taxonomy and
Mali's communes. The offers skip Wagtail's page creation: minimal page rows are bulk-created
and the documents are written with the indexer's own field mapping (search.indexing), as
SearchEntry rows and as Elasticsearch bulk documents into a fresh index at ELASTICSEARCH_URL.
The same queries (text, text and facets, filters only, geo radius, autocomplete) then run on
both backends, and the script prints p50 and p95 per backend and their ratio.

    search/node/es-node with .venv/bin/python bench/bench_search.py [--offers 10000 | --full]
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE_BATCH = 2000
TEXT_QUERIES = (
    "chauffeur",
    "agent de sante",
    "comptable",
    "formation",
    "developpeur web",
    "suivi evaluation",
    "animateur agricole",
    "infirmier",
    "eha",
    "logisticien",
)
PREFIXES = ("ch", "agen", "compt", "infi", "anim", "log", "for", "ense")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument("--offers", type=int, default=10_000, help="Offers to generate.")
    parser.add_argument("--full", action="store_true", help="Generate 100,000 offers.")
    parser.add_argument("--rounds", type=int, default=3, help="Times each query runs.")
    parser.add_argument(
        "--database-url",
        default="",
        help="Empty database to fill instead of a throwaway SQLite file.",
    )
    return parser.parse_args()


def setup_django(database_url: str) -> None:
    sys.path[:0] = [str(ROOT), str(ROOT / "platform")]
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcluster.settings.dev")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.SEARCH_INDEX_PREFIX = f"bench-search-{int(time.time())}"


def generate(count: int) -> list[tuple[int, dict]]:
    """Create `count` minimal page rows and return their ids with the indexer's fields."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Page

    from cms.choices import ContractType, EducationLevel, OfferKind, TargetGroup
    from organisations.models import Organisation
    from referential.loading import load_reference_data
    from referential.models import Commune, OccupationTitle, Sector, Skill

    load_reference_data(apply=True)
    generator = random.Random(1)
    titles = list(
        OccupationTitle.objects.filter(is_rare=False).values_list("short_name", "occupation__name")
    )
    skills = list(Skill.objects.values_list("name", flat=True)[:5000])
    communes = list(
        Commune.objects.select_related("cercle").values_list(
            "pk", "name", "cercle_id", "cercle__region_id", "latitude", "longitude"
        )
    )
    sectors = list(Sector.objects.values_list("pk", "name"))
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Association {generator.choice(['Jeunesse', 'Santé', 'Espoir', 'Sahel'])} {n}",
            registration_number=f"BENCH-{n:05d}",
            registration_number_key=f"BENCH-{n:05d}",
            kind=generator.choice(Organisation.Kind.values),
        )
        for n in range(200)
    )

    # One parent page, then children with treebeard paths computed here (steplen 4, base 36).
    root = Page.get_first_root_node()
    parent = root.add_child(title="Bench", slug=f"bench-{int(time.time())}")
    content_type = ContentType.objects.get_for_model(Page)
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

    def step(n: int) -> str:
        digits = ""
        for _ in range(4):
            n, remainder = divmod(n, 36)
            digits = alphabet[remainder] + digits
        return digits

    now = timezone.now()
    today = datetime.date.today()
    documents: list[tuple[int, dict]] = []
    for start in range(0, count, PAGE_BATCH):
        batch = []
        for n in range(start, min(count, start + PAGE_BATCH)):
            title, occupation = generator.choice(titles)
            batch.append(
                Page(
                    path=parent.path + step(n + 1),
                    depth=parent.depth + 1,
                    numchild=0,
                    title=title[:255],
                    draft_title=title[:255],
                    slug=f"offre-{n}",
                    content_type=content_type,
                    locale_id=parent.locale_id,
                    live=True,
                    url_path=f"{parent.url_path}offre-{n}/",
                )
            )
        pages = Page.objects.bulk_create(batch)
        if pages[0].pk is None:
            pages = list(Page.objects.filter(path__in=[p.path for p in batch]).order_by("path"))
        for page in pages:
            occupation = generator.choice(titles)[1]
            commune = generator.choice(communes)
            sector_id, sector_name = generator.choice(sectors)
            organisation = generator.choice(organisations)
            description = "{}. Compétences : {}. Poste basé à {}.".format(
                occupation, ", ".join(generator.sample(skills, 4)), commune[1]
            )
            published = now - datetime.timedelta(minutes=generator.randrange(60 * 24 * 60))
            documents.append(
                (
                    page.pk,
                    {
                        "kind": generator.choice(OfferKind.values),
                        "title": page.title,
                        "description": description,
                        "keywords": f"{occupation} {sector_name}",
                        "url": page.url_path,
                        "summary": description[:300],
                        "organisation_id": organisation.pk,
                        "organisation_name": organisation.name,
                        "region_id": commune[3],
                        "cercle_id": commune[2],
                        "commune_id": commune[0],
                        "sector_id": sector_id,
                        "contract": generator.choice(ContractType.values),
                        "education_level": generator.choice(EducationLevel.values),
                        "target_groups": generator.sample(TargetGroup.values, 1),
                        "latitude": float(commune[4]),
                        "longitude": float(commune[5]),
                        "place": commune[1],
                        "published_at": published,
                        "closing_date": today + datetime.timedelta(days=generator.randrange(1, 90)),
                        "updated_at": published,
                    },
                )
            )
    Page.objects.filter(pk=parent.pk).update(numchild=count)
    return documents


def index(documents: list[tuple[int, dict]]) -> None:
    """Write the documents as SearchEntry rows and into a new Elasticsearch index."""
    from elasticsearch import helpers

    from search import indexing
    from search.documents import alias_name
    from search.models import SearchEntry

    for start in range(0, len(documents), PAGE_BATCH):
        SearchEntry.objects.bulk_create(
            SearchEntry(page_id=page_id, **indexing._as_entry(page_id, fields))
            for page_id, fields in documents[start : start + PAGE_BATCH]
        )

    es = indexing.client()
    es = es.options(request_timeout=120)
    name = indexing.new_index_name()
    indexing.create_index(es, name)
    actions = (
        {
            "_index": name,
            "_id": str(page_id),
            "_source": indexing._as_document(page_id, fields).to_dict(),
        }
        for page_id, fields in documents
    )
    helpers.bulk(es, actions, chunk_size=indexing.BULK_CHUNK_SIZE)
    es.indices.refresh(index=name)
    es.indices.put_alias(index=name, name=alias_name())


def queries() -> list[tuple[str, object]]:
    from referential.models import Commune, Region
    from search.service import SearchFilters, SearchQuery

    generator = random.Random(2)
    regions = list(Region.objects.values_list("pk", flat=True))
    communes = list(Commune.objects.values_list("pk", flat=True))
    mix: list[tuple[str, object]] = []
    for text in TEXT_QUERIES:
        mix.append(("text", SearchQuery(text)))
        mix.append(
            (
                "text+facets",
                SearchQuery(
                    text, SearchFilters(region=[generator.choice(regions)], contract=["cdd"])
                ),
            )
        )
    for region in regions[:10]:
        # NOTE: relevance sort, because the Elasticsearch backend's "newest" and "closing"
        # sorts break ties on _id, which Elasticsearch 8 rejects without id field data.
        mix.append(("filters", SearchQuery("", SearchFilters(region=[region], kind=["job"]))))
    for commune in generator.sample(communes, 10):
        mix.append(("geo", SearchQuery("", SearchFilters(near_commune=commune, radius_km=50))))
    mix.extend(("autocomplete", prefix) for prefix in PREFIXES)
    return mix


def run(backend, mix, rounds: int) -> dict[str, list[float]]:
    from search import service

    timings: dict[str, list[float]] = {}
    for _ in range(rounds):
        for kind, query in mix:
            start = time.perf_counter()
            if kind == "autocomplete":
                backend.autocomplete(query)
            else:
                backend.search(service.prepare(query))
            elapsed = (time.perf_counter() - start) * 1000
            timings.setdefault(kind, []).append(elapsed)
            timings.setdefault("all", []).append(elapsed)
    return timings


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> None:
    args = parse_args()
    count = 100_000 if args.full else args.offers
    if not os.environ.get("ELASTICSEARCH_URL"):
        sys.exit("ELASTICSEARCH_URL is not set: run through `search/node/es-node with`.")
    with tempfile.TemporaryDirectory() as directory:
        setup_django(args.database_url or f"sqlite:///{directory}/bench.sqlite3")
        from django.db import connection

        from search import indexing
        from search.db_backend import DatabaseBackend
        from search.documents import alias_name
        from search.es_backend import ElasticsearchBackend

        start = time.perf_counter()
        documents = generate(count)
        generated = time.perf_counter() - start
        start = time.perf_counter()
        index(documents)
        indexed = time.perf_counter() - start
        print(
            f"database: {connection.vendor}, {count:,} offers generated in {generated:.1f} s, "
            f"indexed in both stores in {indexed:.1f} s"
        )

        mix = queries()
        backends = {"database": DatabaseBackend(), "elasticsearch": ElasticsearchBackend()}
        # One untimed pass warms caches and connections on both sides.
        for backend in backends.values():
            run(backend, mix, 1)
        results = {name: run(backend, mix, args.rounds) for name, backend in backends.items()}

        print(f"{len(mix)} queries x {args.rounds} rounds per backend, milliseconds")
        print(f"{'kind':<14}{'db p50':>9}{'db p95':>9}{'es p50':>9}{'es p95':>9}{'p50 db/es':>11}")
        for kind in ("text", "text+facets", "filters", "geo", "autocomplete", "all"):
            db, es = results["database"][kind], results["elasticsearch"][kind]
            db50, es50 = statistics.median(db), statistics.median(es)
            print(
                f"{kind:<14}{db50:>9.1f}{percentile(db, 0.95):>9.1f}{es50:>9.1f}"
                f"{percentile(es, 0.95):>9.1f}{db50 / es50:>10.1f}x"
            )

        client = indexing.client()
        for name in client.indices.get(index=f"{alias_name()}-*", expand_wildcards="all"):
            client.indices.delete(index=name)


if __name__ == "__main__":
    main()
