"""Placements made through the platform: recorded once, counted in the figures."""

import datetime
import logging

import pytest

from observatory.aggregates import Filters, build_table
from observatory.models import Placement
from observatory.placements import record_placement
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _record(organisation, key="application:1"):
    return record_placement(
        source_key=key,
        organisation=organisation,
        contract_type="cdd",
        start_date=datetime.date(2024, 6, 1),
        region="ML09",
        sex="F",
        age_band="15-24",
        nationality="national",
        offer_id=42,
    )


def test_record_placement_is_idempotent(caplog):
    caplog.set_level(logging.INFO, logger="observatory.placements")
    organisation = OrganisationFactory(verified=True)
    first, created = _record(organisation)
    again, created_again = _record(organisation)
    assert created is True
    assert created_again is False
    assert first.pk == again.pk
    assert Placement.objects.count() == 1
    assert [r.getMessage() for r in caplog.records if r.name == "observatory.placements"] == [
        f"Placement recorded: placement={first.pk} organisation={organisation.pk} offer=42"
    ]


def test_placements_counted_in_headline():
    organisation = OrganisationFactory(verified=True)
    _record(organisation, "application:1")
    _record(organisation, "application:2")
    headline = build_table("chiffres-cles", Filters(year=2024), exact=True)
    assert {row.key: row.values[0] for row in headline.rows}["placements"] == 2


def test_placement_sex_must_be_a_known_value():
    organisation = OrganisationFactory(verified=True)

    with pytest.raises(ValueError):
        record_placement(
            source_key="application:9",
            organisation=organisation,
            contract_type="cdd",
            start_date=datetime.date(2024, 6, 1),
            region="ML09",
            sex="",
            age_band="15-24",
            nationality="national",
        )

    assert not Placement.objects.exists()


def test_placements_by_sex_count_not_given():
    organisation = OrganisationFactory(verified=True)
    _record(organisation, "application:1")
    record_placement(
        source_key="application:2",
        organisation=organisation,
        contract_type="cdd",
        start_date=datetime.date(2024, 6, 1),
        region="ML09",
        sex="NR",
        age_band="15-24",
        nationality="national",
    )

    table = build_table("embauches-sexe", Filters(year=2024), exact=True)

    assert [(row.key, str(row.label), row.values) for row in table.rows] == [
        ("F", "Femme", (1,)),
        ("M", "Homme", (0,)),
        ("NR", "Non renseigné", (1,)),
    ]
    assert table.total.values == (2,)
