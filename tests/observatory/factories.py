"""Factories for the observatory: validated declarations with lines, and placements."""

import datetime

import factory

from observatory.models import Placement
from registry.models import Declaration
from tests.organisations.factories import OrganisationFactory
from tests.registry.factories import DeclarationFactory, StaffLineFactory, TrainingLineFactory


def validated_declaration(organisation=None, year=2024, version=1, **fields) -> Declaration:
    """Return a validated annual declaration, with no line."""
    return DeclarationFactory(
        organisation=organisation or OrganisationFactory(verified=True),
        year=year,
        version=version,
        status=Declaration.Status.VALIDATED,
        **fields,
    )


def staff(declaration, staff_at_year_end, **fields):
    return StaffLineFactory(declaration=declaration, staff_at_year_end=staff_at_year_end, **fields)


def trained(declaration, beneficiaries, **fields):
    return TrainingLineFactory(declaration=declaration, beneficiaries=beneficiaries, **fields)


class PlacementFactory(factory.django.DjangoModelFactory):
    """A national woman aged 15-24 hired on a CDD in Bamako in March 2024."""

    class Meta:
        model = Placement

    source_key = factory.Sequence(lambda n: f"application:{n}")
    organisation = factory.SubFactory(OrganisationFactory, verified=True)
    contract_type = "cdd"
    start_date = datetime.date(2024, 3, 1)
    region = "ML09"
    sex = "F"
    age_band = "15-24"
    nationality = "national"
