"""Factories for registry declarations and their lines."""

import factory

from registry.choices import (
    AgeBand,
    ContractType,
    FundingSource,
    JobCategory,
    Nationality,
    ProjectType,
    Region,
    Sex,
    TrainingTheme,
)
from registry.lines import StaffLineData, TrainingLineData
from registry.models import Declaration, StaffLine, TrainingLine
from tests.organisations.factories import OrganisationFactory


class DeclarationFactory(factory.django.DjangoModelFactory):
    """A draft annual declaration for 2024 of a verified organisation, with no line."""

    class Meta:
        model = Declaration

    organisation = factory.SubFactory(OrganisationFactory, verified=True)
    year = 2024


class StaffLineFactory(factory.django.DjangoModelFactory):
    """Three national women aged 25-35, field agents on CDD in Mopti, one job created."""

    class Meta:
        model = StaffLine

    declaration = factory.SubFactory(DeclarationFactory)
    category = JobCategory.FIELD_AGENT
    contract_type = ContractType.FIXED_TERM
    sex = Sex.FEMALE
    nationality = Nationality.NATIONAL
    age_band = AgeBand.YOUNG_ADULT
    region = Region.MOPTI
    project_type = ProjectType.HUMANITARIAN
    funding_source = FundingSource.MULTILATERAL
    staff_at_year_end = 3
    jobs_created = 1


class TrainingLineFactory(factory.django.DjangoModelFactory):
    """Twelve young men trained in farming techniques in Ségou."""

    class Meta:
        model = TrainingLine

    declaration = factory.SubFactory(DeclarationFactory)
    theme = TrainingTheme.FARMING
    sex = Sex.MALE
    age_band = AgeBand.YOUTH
    region = Region.SEGOU
    beneficiaries = 12


def staff_data(**overrides) -> StaffLineData:
    values = {
        "category": JobCategory.FIELD_AGENT,
        "contract_type": ContractType.FIXED_TERM,
        "sex": Sex.FEMALE,
        "nationality": Nationality.NATIONAL,
        "age_band": AgeBand.YOUNG_ADULT,
        "region": Region.MOPTI,
        "project_type": ProjectType.HUMANITARIAN,
        "funding_source": FundingSource.MULTILATERAL,
        "staff_at_year_end": 3,
        "jobs_created": 1,
    }
    return StaffLineData(**{**values, **overrides})


def training_data(**overrides) -> TrainingLineData:
    values = {
        "theme": TrainingTheme.FARMING,
        "sex": Sex.MALE,
        "age_band": AgeBand.YOUTH,
        "region": Region.SEGOU,
        "beneficiaries": 12,
    }
    return TrainingLineData(**{**values, **overrides})


def complete(declaration: Declaration) -> Declaration:
    """Give `declaration` one staff line, one training line and matching declared totals."""
    StaffLineFactory(declaration=declaration)
    TrainingLineFactory(declaration=declaration)
    declaration.declared_staff_total = 3
    declaration.declared_staff_nationals = 3
    declaration.declared_staff_expatriates = 0
    declaration.declared_jobs_created_total = 1
    declaration.declared_beneficiaries_total = 12
    declaration.save()
    return declaration
