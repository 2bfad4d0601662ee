"""Fixtures of the reference-data suite: the source files and a database loaded once per module."""

import csv
from pathlib import Path

import pytest

from referential.models import (
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
from tests.services import in_ci

# The public source files that referential/build_data.py reads, kept next to the checkout.
SOURCE_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.fixture(scope="session")
def source_dir() -> Path:
    """Return the folder of the source files; skip without it, except under CI=true."""
    if not SOURCE_DIR.is_dir():
        message = f"reference-data sources not found at {SOURCE_DIR}"
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return SOURCE_DIR


def read_source(source_dir: Path, relative_path: str) -> list[dict[str, str]]:
    with (source_dir / relative_path).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def delete_reference_data() -> None:
    """Delete every reference row, children first."""
    for model in (OccupationSkill, OccupationTitle, Skill, Occupation, Commune, Cercle, Region):
        model.objects.all().delete()
    IscoGroup.objects.update(parent=None)
    IscoGroup.objects.all().delete()
    Sector.objects.all().delete()


@pytest.fixture(scope="module")
def committed_reference_data(django_db_setup, django_db_blocker):
    """Load the shipped files once for the module, committed, and delete them afterwards.

    Tests that use it also take `db`, so what they change is rolled back.
    """
    from referential.loading import load_reference_data

    with django_db_blocker.unblock():
        delete_reference_data()
        reports = load_reference_data(apply=True)
        yield {report.label: report for report in reports}
        delete_reference_data()
