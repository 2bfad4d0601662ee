"""
Benchmark the observatory's dashboard aggregates against a naive per-row ORM computation.

Builds a throwaway SQLite database (or uses --database-url) holding --rows staff lines of
validated declarations. Times `build_tables` for the dashboard's year, then the same staff
figures summed in Python over every line fetched through the ORM. Checks that both agree and
prints both times and their ratio.

    .venv/bin/python bench/bench_statistics.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

YEAR = 2024
LINES_PER_DECLARATION = 1000


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument("--rows", type=int, default=1_000_000, help="Staff lines to create.")
    parser.add_argument(
        "--database-url",
        default="",
        help="Database to fill instead of a throwaway SQLite file; it must be empty.",
    )
    return parser.parse_args()


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcluster.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def fill(rows: int) -> None:
    """Create validated declarations of 2024 with `rows` staff lines in all.

    One organisation in ten also has a superseded validated version 1, whose lines the
    aggregates must skip.
    """
    from organisations.models import Organisation
    from registry.choices import (
        AgeBand,
        ContractType,
        FundingSource,
        JobCategory,
        Nationality,
        ProjectType,
        Region,
        Sex,
    )
    from registry.models import Declaration, StaffLine

    generator = random.Random(1)
    declaration_count = max(1, rows // LINES_PER_DECLARATION)
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Bench NGO {index}",
            registration_number=f"BENCH-{index:05d}",
            registration_number_key=f"BENCH-{index:05d}",
            kind=generator.choice(Organisation.Kind.values),
            sectors=[generator.choice(["sante", "education", "eha"])],
        )
        for index in range(declaration_count)
    )

    declarations = []
    for index, organisation in enumerate(organisations):
        if index % 10 == 0:
            declarations.append(
                Declaration(
                    organisation=organisation,
                    year=YEAR,
                    period=str(YEAR),
                    version=1,
                    is_current=False,
                    status=Declaration.Status.VALIDATED,
                )
            )
        declarations.append(
            Declaration(
                organisation=organisation,
                year=YEAR,
                period=str(YEAR),
                version=2 if index % 10 == 0 else 1,
                status=Declaration.Status.VALIDATED,
            )
        )
    declarations = Declaration.objects.bulk_create(declarations)

    choices = [
        JobCategory.values,
        ContractType.values,
        Sex.values,
        Nationality.values,
        AgeBand.values,
        Region.values,
        ProjectType.values,
        FundingSource.values,
    ]
    batch: list[StaffLine] = []
    for index in range(rows):
        category, contract, sex, nationality, age_band, region, project, funding = (
            generator.choice(values) for values in choices
        )
        batch.append(
            StaffLine(
                declaration=declarations[index % len(declarations)],
                category=category,
                contract_type=contract,
                sex=sex,
                nationality=nationality,
                age_band=age_band,
                region=region,
                project_type=project,
                funding_source=funding,
                staff_at_year_end=generator.randint(0, 40),
                jobs_created=generator.randint(0, 10),
            )
        )
        if len(batch) == 10_000:
            StaffLine.objects.bulk_create(batch)
            batch.clear()
    StaffLine.objects.bulk_create(batch)


def naive_figures() -> dict[str, dict[str, tuple[int, int]]]:
    """Sum the dashboard's staff breakdowns in Python, one ORM object per line."""
    from registry.models import Declaration, StaffLine

    latest: dict[tuple[int, str], Declaration] = {}
    for declaration in Declaration.objects.filter(status=Declaration.Status.VALIDATED):
        key = (declaration.organisation_id, declaration.period)
        if declaration.quarter is None and (
            key not in latest or declaration.version > latest[key].version
        ):
            latest[key] = declaration
    published = {declaration.pk for declaration in latest.values()}

    dimensions = {
        "regions": "region",
        "categories": "category",
        "contrats": "contract_type",
        "sexe": "sex",
        "nationalite": "nationality",
        "tranches-age": "age_band",
        "types-projet": "project_type",
    }
    sums: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    lines = StaffLine.objects.select_related("declaration__organisation").iterator(chunk_size=5000)
    for line in lines:
        if line.declaration_id not in published or line.declaration.year != YEAR:
            continue
        for slug, field in dimensions.items():
            cell = sums[slug][getattr(line, field)]
            cell[0] += line.staff_at_year_end
            cell[1] += line.jobs_created
        cell = sums["types-organisation"][line.declaration.organisation.kind]
        cell[0] += line.staff_at_year_end
        cell[1] += line.jobs_created
    return {
        slug: {key: (values[0], values[1]) for key, values in cells.items()}
        for slug, cells in sums.items()
    }


def main() -> int:
    args = parse_args()
    with tempfile.TemporaryDirectory() as directory:
        database_url = args.database_url or f"sqlite:///{Path(directory) / 'bench.sqlite3'}"
        setup_django(database_url)
        from django.db import connection

        from observatory.aggregates import Filters, build_tables

        started = time.perf_counter()
        fill(args.rows)
        print(
            f"database: {connection.vendor}, {args.rows:,} staff lines created in "
            f"{time.perf_counter() - started:.1f} s"
        )

        started = time.perf_counter()
        tables = build_tables(Filters(year=YEAR), exact=True)
        aggregate_seconds = time.perf_counter() - started

        started = time.perf_counter()
        naive = naive_figures()
        naive_seconds = time.perf_counter() - started

        for table in tables:
            if table.slug not in naive:
                continue
            computed = {row.key: row.values for row in table.rows if any(row.values)}
            if computed != naive[table.slug]:
                print(
                    f"Figures differ between the two computations in table {table.slug}",
                    file=sys.stderr,
                )
                return 1

        print(
            f"dashboard aggregates ({len(tables)} tables, in the database): "
            f"{aggregate_seconds:.2f} s"
        )
        print(f"naive per-row ORM computation (8 staff breakdowns): {naive_seconds:.2f} s")
        print(f"ratio naive / aggregates: {naive_seconds / aggregate_seconds:.1f}x")
        connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
