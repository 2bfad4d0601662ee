"""Figures computed from the registry: which declarations count, filters and breakdowns."""

import pytest

from observatory.aggregates import Filters, build_table
from organisations.choices import Sector
from organisations.models import Organisation
from tests.organisations.factories import OrganisationFactory
from tests.registry.factories import DeclarationFactory

from .factories import PlacementFactory, staff, trained, validated_declaration

pytestmark = pytest.mark.django_db


def _headline(filters=None):
    table = build_table("chiffres-cles", filters or Filters(year=2024), exact=True)
    return {row.key: row.values[0] for row in table.rows}


def _column(slug, filters=None, column=0):
    table = build_table(slug, filters or Filters(year=2024), exact=True)
    return {row.key: row.values[column] for row in table.all_rows()}


def test_only_validated_declarations_count():
    staff(validated_declaration(), 10)
    for status in ("draft", "submitted", "returned"):
        staff(DeclarationFactory(status=status), 100)
    assert _headline()["staff"] == 10


def test_latest_validated_version_replaces_older():
    organisation = OrganisationFactory(verified=True)
    old = validated_declaration(organisation, version=1, is_current=False)
    staff(old, 10)
    staff(validated_declaration(organisation, version=2, is_current=False), 12)
    # A third version under review does not hide the second, validated one.
    staff(DeclarationFactory(organisation=organisation, version=3, status="submitted"), 99)
    assert _headline()["staff"] == 12


def test_quarterly_declarations_not_in_yearly_figures():
    staff(validated_declaration(quarter=2), 40)
    staff(validated_declaration(), 7)
    assert _headline()["staff"] == 7


def test_headline_figures():
    declaration = validated_declaration()
    staff(declaration, 19, jobs_created=4)
    staff(declaration, 1, nationality="expatrie", jobs_created=0)
    trained(declaration, 30, theme="agr")
    trained(declaration, 8, theme="insertion")
    PlacementFactory()
    PlacementFactory(start_date="2023-05-01")
    headline = _headline()
    assert headline["staff"] == 20
    assert headline["nationals"] == 19
    assert headline["expatriates"] == 1
    assert headline["share_nationals"] == 95.0
    assert headline["jobs_created"] == 4
    assert headline["placements"] == 1
    assert headline["agr"] == 30
    assert headline["insertion"] == 8
    assert headline["elevage"] == 0


def test_year_filter():
    staff(validated_declaration(year=2023), 5)
    staff(validated_declaration(year=2024), 6)
    assert _headline(Filters(year=2023))["staff"] == 5


def test_breakdown_by_region_with_total():
    declaration = validated_declaration()
    staff(declaration, 10, region="ML05")
    staff(declaration, 6, region="ML09", sex="M")
    regions = _column("regions")
    assert regions["ML05"] == 10
    assert regions["ML09"] == 6
    assert regions["ML01"] == 0
    assert regions["total"] == 16


def test_each_filter_narrows_staff():
    national = validated_declaration(organisation=OrganisationFactory(verified=True))
    staff(national, 10)
    international = validated_declaration(
        organisation=OrganisationFactory(
            verified=True, kind=Organisation.Kind.INTERNATIONAL, sectors=[Sector.HEALTH]
        )
    )
    staff(
        international,
        7,
        region="ML07",
        sex="M",
        age_band="36+",
        nationality="expatrie",
        project_type="developpement",
    )
    cases = {
        "region": "ML07",
        "sex": "M",
        "age_band": "36+",
        "nationality": "expatrie",
        "project_type": "developpement",
        "organisation_kind": "international",
        "sector": Sector.HEALTH,
    }
    for name, value in cases.items():
        assert _headline(Filters(year=2024, **{name: value}))["staff"] == 7, name


def test_breakdown_by_organisation_kind_and_sector():
    staff(validated_declaration(organisation=OrganisationFactory(verified=True)), 10)
    staff(
        validated_declaration(
            organisation=OrganisationFactory(
                verified=True,
                kind=Organisation.Kind.INTERNATIONAL,
                sectors=[Sector.HEALTH, Sector.EDUCATION],
            )
        ),
        7,
    )
    kinds = _column("types-organisation")
    assert kinds == {"national": 10, "international": 7, "total": 17}
    sectors = _column("secteurs")
    assert sectors[Sector.HEALTH] == 7
    assert sectors[Sector.EDUCATION] == 17
    assert sectors[Sector.VOCATIONAL_TRAINING] == 10


def test_trainings_by_theme_split_by_sex():
    declaration = validated_declaration()
    trained(declaration, 12, sex="M")
    trained(declaration, 9, sex="F", region="ML01")
    table = build_table("formations-themes", Filters(year=2024), exact=True)
    farming = next(row for row in table.rows if row.key == "techniques-agricoles")
    assert farming.values == (9, 12, 21)
    assert table.total.values[2] == 21


def test_training_filter_ignores_nationality_with_note():
    trained(validated_declaration(), 12)
    table = build_table(
        "formations-regions", Filters(year=2024, nationality="expatrie"), exact=True
    )
    assert table.total.values == (12,)
    assert table.notes


def test_trends_cover_every_year():
    staff(validated_declaration(year=2023), 5, jobs_created=2)
    staff(validated_declaration(year=2024), 8, jobs_created=3)
    PlacementFactory()
    table = build_table("tendances", Filters(year=2024), exact=True)
    assert [(row.key, row.values) for row in table.rows] == [
        ("2023", (5, 2, 0, 0)),
        ("2024", (8, 3, 0, 1)),
    ]


def test_public_table_is_suppressed():
    declaration = validated_declaration()
    staff(declaration, 3, region="ML01")
    staff(declaration, 40, region="ML02")
    staff(declaration, 12, region="ML03")
    regions = build_table("regions", Filters(year=2024), exact=False)
    values = {row.key: row.values[0] for row in regions.all_rows()}
    assert values["ML01"] is None
    assert values["ML03"] is None
    assert values["ML02"] == 40
    assert values["total"] == 55
