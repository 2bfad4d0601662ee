"""
Load the shipped reference-data files into the database.

Each table is synchronised on its natural key: rows missing from the database are created, rows
whose values differ are updated, identical rows are left alone, so loading twice writes nothing the
second time and keeps every primary key. The differences are computed on natural keys before any
write, which lets a dry run report exactly what a real run would change.
"""

from __future__ import annotations

import csv
import gzip
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import models, transaction

from .models import (
    Cercle,
    Commune,
    IscoGroup,
    Occupation,
    OccupationSkill,
    OccupationTitle,
    Region,
    Sector,
    Skill,
)

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
BATCH_SIZE = 2000


class ReferenceDataError(Exception):
    """A shipped data file is missing or does not match the models."""


@dataclass(frozen=True)
class Table:
    """How one data file maps onto one model.

    `foreign_keys` maps a field name to the natural-key field of the model it points to. In the
    data file such a column contains that natural key. Rows of the database that the file no longer
    lists are deleted only when `delete_missing` is set, which is the case for link tables alone:
    other apps point at the entities, and a vanished entity is reported instead.
    """

    model: type[models.Model]
    file_name: str
    key: tuple[str, ...]
    fields: tuple[str, ...]
    converters: dict[str, Callable[[str], Any]] = field(default_factory=dict)
    foreign_keys: dict[str, str] = field(default_factory=dict)
    delete_missing: bool = False

    @property
    def label(self) -> str:
        return self.model._meta.label


@dataclass
class TableReport:
    """Row counts of what loading one table changed, or would change in a dry run."""

    label: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    missing_from_file: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def parse_bool(value: str) -> bool:
    return value == "1"


def parse_optional(value: str) -> str | None:
    return value or None


TABLES = (
    Table(Region, "regions.csv", ("code",), ("code", "code_2015", "name")),
    Table(
        Cercle,
        "cercles.csv",
        ("code",),
        ("code", "code_2015", "region", "name"),
        foreign_keys={"region": "code"},
    ),
    Table(
        Commune,
        "communes.csv",
        ("code",),
        ("code", "code_2021", "cercle", "name", "latitude", "longitude"),
        converters={"code_2021": parse_optional, "latitude": Decimal, "longitude": Decimal},
        foreign_keys={"cercle": "code"},
    ),
    Table(
        Sector,
        "sectors.csv",
        ("slug",),
        ("slug", "name", "name_en", "kind", "position"),
        converters={"position": int},
    ),
    Table(
        IscoGroup,
        "isco_groups.csv",
        ("code",),
        ("code", "parent", "name", "name_en"),
        foreign_keys={"parent": "code"},
    ),
    Table(
        Occupation,
        "occupations.csv.gz",
        ("code",),
        (
            "code",
            "name",
            "definition",
            "grand_domain_code",
            "grand_domain",
            "domain_code",
            "domain",
            "isco_group",
            "isco_group_is_derived",
        ),
        converters={"isco_group_is_derived": parse_bool},
        foreign_keys={"isco_group": "code"},
    ),
    Table(
        OccupationTitle,
        "occupation_titles.csv.gz",
        ("code",),
        ("code", "occupation", "name", "short_name", "is_main", "is_rare"),
        converters={"is_main": parse_bool, "is_rare": parse_bool},
        foreign_keys={"occupation": "code"},
    ),
    Table(Skill, "skills.csv.gz", ("code",), ("code", "kind", "name", "category")),
    Table(
        OccupationSkill,
        "occupation_skills.csv.gz",
        ("occupation", "skill"),
        ("occupation", "skill", "section"),
        foreign_keys={"occupation": "code", "skill": "code"},
        delete_missing=True,
    ),
)


def read_rows(path: Path) -> Iterator[dict[str, str]]:
    """Yield the rows of a CSV data file, gzip-compressed when its name ends with .gz."""
    if not path.is_file():
        raise ReferenceDataError(
            f"Reference data file not found: {path}. Check --data-dir, or rebuild the files "
            "with referential/build_data.py."
        )
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            yield from csv.DictReader(handle)
    else:
        with path.open(encoding="utf-8", newline="") as handle:
            yield from csv.DictReader(handle)


def prepare_rows(table: Table, data_dir: Path) -> dict[tuple, dict[str, Any]]:
    """Return the file's rows as field values keyed by natural key.

    Foreign keys stay natural keys (or None) at this stage, so they compare across runs.
    """
    rows: dict[tuple, dict[str, Any]] = {}
    for line_number, raw in enumerate(read_rows(data_dir / table.file_name), start=2):
        values = {name: expand_column(table, name, raw) for name in table.fields}
        key = tuple(values[name] for name in table.key)
        if key in rows:
            raise ReferenceDataError(
                f"{table.file_name}, line {line_number}: duplicate key {key!r}."
            )
        rows[key] = values
    return rows


def expand_column(table: Table, name: str, raw: dict[str, str]) -> Any:
    if name not in raw:
        raise ReferenceDataError(f"{table.file_name}: column {name!r} is missing.")
    value = raw[name]
    if name in table.foreign_keys:
        return value or None
    converter = table.converters.get(name)
    return converter(value) if converter else value


def load_natural_keys(model: type[models.Model], key_field: str) -> dict[int, Any]:
    """Return the natural key of every row of `model`, by primary key."""
    return dict(model.objects.values_list("pk", key_field))


def read_existing(table: Table) -> dict[tuple, tuple[int, dict[str, Any]]]:
    """Return the database rows of `table` as (pk, field values) by natural key."""
    related_keys = {
        name: load_natural_keys(table.model._meta.get_field(name).related_model, key_field)
        for name, key_field in table.foreign_keys.items()
    }
    columns = [f"{name}_id" if name in table.foreign_keys else name for name in table.fields]
    existing: dict[tuple, tuple[int, dict[str, Any]]] = {}
    for row in table.model.objects.values("pk", *columns):
        values = {}
        for name, column in zip(table.fields, columns, strict=True):
            value = row[column]
            if name in table.foreign_keys and value is not None:
                value = related_keys[name][value]
            values[name] = value
        existing[tuple(values[name] for name in table.key)] = (row["pk"], values)
    return existing


def check_foreign_keys(
    table: Table,
    incoming: dict[tuple, dict[str, Any]],
    known_keys: dict[type[models.Model], set[Any]],
) -> None:
    """Raise ReferenceDataError when a row points to a natural key that no loaded table contains."""
    for name in table.foreign_keys:
        related_model = table.model._meta.get_field(name).related_model
        targets = known_keys[related_model]
        for values in incoming.values():
            if values[name] is not None and values[name] not in targets:
                raise ReferenceDataError(f"{table.file_name}: {name} {values[name]!r} not found.")


def sync_table(
    table: Table,
    data_dir: Path,
    apply: bool,
    known_keys: dict[type[models.Model], set[Any]],
) -> TableReport:
    """Bring `table` in line with its data file, or only count the changes when not `apply`.

    `known_keys` contains the natural keys of the tables synchronised before this one, as they are
    after loading, and this table's keys are added to it.
    """
    report = TableReport(table.label)
    incoming = prepare_rows(table, data_dir)
    existing = read_existing(table)
    if len(table.key) == 1:
        known_keys[table.model] = {key[0] for key in existing} | {key[0] for key in incoming}
    check_foreign_keys(table, incoming, known_keys)

    # Compare on natural keys.
    to_create: list[dict[str, Any]] = []
    to_update: list[tuple[int, dict[str, Any]]] = []
    for key, values in incoming.items():
        current = existing.get(key)
        if current is None:
            to_create.append(values)
        elif current[1] != values:
            to_update.append((current[0], values))
        else:
            report.unchanged += 1
    missing = [pk for key, (pk, _) in existing.items() if key not in incoming]
    report.created = len(to_create)
    report.updated = len(to_update)
    if table.delete_missing:
        report.deleted = len(missing)
    else:
        report.missing_from_file = len(missing)
    if not apply:
        return report

    # Write: foreign keys become primary keys, read after the tables they point to were loaded.
    pks_by_key = {
        name: read_primary_keys(table.model._meta.get_field(name).related_model, key_field)
        for name, key_field in table.foreign_keys.items()
    }

    def build(values: dict[str, Any], pk: int | None = None) -> models.Model:
        attributes = {}
        for name, value in values.items():
            if name in table.foreign_keys and value is not None:
                value = pks_by_key[name][value]
            attributes[f"{name}_id" if name in table.foreign_keys else name] = value
        return table.model(pk=pk, **attributes)

    manager = table.model.objects
    for start in range(0, len(missing) if table.delete_missing else 0, BATCH_SIZE):
        manager.filter(pk__in=missing[start : start + BATCH_SIZE]).delete()

    # A row that points to another row of the same table (an ISCO group's parent) is created
    # after that row, so create the rows in rounds, shallowest first.
    self_references = {
        name: key_field
        for name, key_field in table.foreign_keys.items()
        if table.model._meta.get_field(name).related_model is table.model
    }
    pending = to_create
    while pending:
        ready, waiting = [], []
        for values in pending:
            resolved = all(
                values[name] is None or values[name] in pks_by_key[name] for name in self_references
            )
            (ready if resolved else waiting).append(values)
        if not ready:
            raise ReferenceDataError(
                f"{table.file_name}: {len(waiting)} rows form a cycle of parent references."
            )
        manager.bulk_create([build(values) for values in ready], batch_size=BATCH_SIZE)
        for name, key_field in self_references.items():
            pks_by_key[name] = read_primary_keys(table.model, key_field)
        pending = waiting

    if to_update:
        manager.bulk_update(
            [build(values, pk) for pk, values in to_update],
            [name for name in table.fields if name not in table.key],
            batch_size=BATCH_SIZE,
        )
    return report


def read_primary_keys(model: type[models.Model], key_field: str) -> dict[Any, int]:
    """Return the primary key of every row of `model`, by natural key."""
    return {key: pk for pk, key in load_natural_keys(model, key_field).items()}


def load_reference_data(data_dir: Path = DATA_DIR, *, apply: bool) -> list[TableReport]:
    """Synchronise every reference table with the files in `data_dir`, in one transaction.

    When `apply` is false nothing is written and the reports count what a real run would do.
    """
    reports = []
    known_keys: dict[type[models.Model], set[Any]] = {}
    with transaction.atomic():
        for table in TABLES:
            reports.append(sync_table(table, data_dir, apply, known_keys))
    for report in reports:
        logger.info(
            "reference data table=%s created=%s updated=%s unchanged=%s deleted=%s applied=%s",
            report.label,
            report.created,
            report.updated,
            report.unchanged,
            report.deleted,
            apply,
        )
    return reports
