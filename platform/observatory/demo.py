"""
The demo dataset: validated 2023 and 2024 declarations of NGOs from OCHA Mali's 3W list.

The 2024 totals are the figures the forum published. Their split between organisations, regions
and the other dimensions is drawn by a seeded random generator, so it is illustrative only.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

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
    TrainingTheme,
)
from registry.lines import StaffLineData, TrainingLineData
from registry.models import Declaration, DeclarationEvent, StaffLine, TrainingLine
from registry.validation import DeclaredTotals, validate_declaration

logger = logging.getLogger(__name__)

# seed_demo gives the 3W organisations these registration numbers.
DEMO_REGISTRATION_PREFIX = "DEMO-3W-"
ORGANISATION_COUNT = 70
SEED = 20241231


@dataclass(frozen=True)
class YearTotals:
    nationals: int
    expatriates: int
    trainings: dict[str, int]


# The forum's 2024 list: 3,998 active employees of whom 95 % nationals (3,798), and the trainings.
TOTALS = {
    2024: YearTotals(
        nationals=3798,
        expatriates=200,
        trainings={
            TrainingTheme.SOCIO_PROFESSIONAL: 4242,
            TrainingTheme.IGA: 66601,
            TrainingTheme.TEACHERS: 3242,
            TrainingTheme.HEALTH_WORKERS: 8538,
            TrainingTheme.FARMING: 47089,
            TrainingTheme.LIVESTOCK: 11590,
            TrainingTheme.ENVIRONMENT: 32766,
        },
    ),
    # Invented, a little below 2024, so the trends table has two years.
    2023: YearTotals(
        nationals=3512,
        expatriates=214,
        trainings={
            TrainingTheme.SOCIO_PROFESSIONAL: 3870,
            TrainingTheme.IGA: 58930,
            TrainingTheme.TEACHERS: 2915,
            TrainingTheme.HEALTH_WORKERS: 7720,
            TrainingTheme.FARMING: 41260,
            TrainingTheme.LIVESTOCK: 10485,
            TrainingTheme.ENVIRONMENT: 28140,
        },
    ),
}


@dataclass
class PlannedDeclaration:
    organisation: Organisation
    year: int
    staff: list[StaffLineData] = field(default_factory=list)
    trainings: list[TrainingLineData] = field(default_factory=list)

    def totals(self) -> DeclaredTotals:
        return DeclaredTotals(
            staff_total=sum(line.staff_at_year_end for line in self.staff),
            staff_nationals=sum(
                line.staff_at_year_end
                for line in self.staff
                if line.nationality == Nationality.NATIONAL
            ),
            staff_expatriates=sum(
                line.staff_at_year_end
                for line in self.staff
                if line.nationality == Nationality.EXPATRIATE
            ),
            jobs_created_total=sum(line.jobs_created for line in self.staff),
            beneficiaries_total=sum(line.beneficiaries for line in self.trainings),
        )


class DemoConflict(Exception):
    """Some demo organisations already have declarations for the demo years, others not."""


def demo_organisations() -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            registration_number__startswith=DEMO_REGISTRATION_PREFIX
        ).order_by("registration_number")[:ORGANISATION_COUNT]
    )


def is_loaded() -> bool:
    """Tell whether validated demo declarations are in the database, so figures are illustrative."""
    return Declaration.objects.filter(
        organisation__registration_number__startswith=DEMO_REGISTRATION_PREFIX,
        status=Declaration.Status.VALIDATED,
    ).exists()


def split(total: int, weights: Sequence[float]) -> list[int]:
    """Split `total` into integer parts proportional to `weights` that add up to it exactly.

    Largest-remainder rounding: each part gets the floor of its share, and the units left go to
    the parts with the largest fractional remainders.
    """
    weight_sum = sum(weights)
    shares = [total * weight / weight_sum for weight in weights]
    parts = [int(share) for share in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: (parts[i] - shares[i], i))
    for index in by_remainder[: total - sum(parts)]:
        parts[index] += 1
    return parts


def plan(organisations: Sequence[Organisation]) -> list[PlannedDeclaration]:
    """Draw the declarations of every demo year; the same organisations give the same plan."""
    generator = random.Random(SEED)
    planned = []
    for year, totals in sorted(TOTALS.items()):
        declarations = {
            organisation.pk: PlannedDeclaration(organisation, year)
            for organisation in organisations
        }
        _plan_staff(generator, organisations, declarations, totals)
        _plan_trainings(generator, organisations, declarations, totals)
        planned += declarations.values()
    return planned


def _regions_of(organisation: Organisation) -> list[str]:
    return list(organisation.regions) or [Region.BAMAKO]


def _plan_staff(generator, organisations, declarations, totals: YearTotals) -> None:
    international = [o for o in organisations if o.kind == Organisation.Kind.INTERNATIONAL]
    national_weights = [
        generator.uniform(0.3, 3) * (2 if o.kind == Organisation.Kind.INTERNATIONAL else 1)
        for o in organisations
    ]
    nationals = split(totals.nationals, national_weights)
    expatriates = split(totals.expatriates, [generator.uniform(0.5, 2) for _ in international])

    for organisation, count in zip(organisations, nationals, strict=True):
        _add_staff_lines(generator, declarations[organisation.pk], count, Nationality.NATIONAL)
    for organisation, count in zip(international, expatriates, strict=True):
        _add_staff_lines(generator, declarations[organisation.pk], count, Nationality.EXPATRIATE)


def _add_staff_lines(generator, declaration: PlannedDeclaration, count: int, nationality) -> None:
    combinations = set()
    for _attempt in range(generator.randint(2, 8)):
        combinations.add(
            (
                generator.choice(JobCategory.values),
                generator.choice(ContractType.values),
                generator.choice(Sex.values),
                generator.choice(AgeBand.values),
                generator.choice(_regions_of(declaration.organisation)),
                generator.choice(ProjectType.values),
                generator.choice(FundingSource.values),
            )
        )
    combinations = sorted(combinations)
    for combination, staff in zip(
        combinations, split(count, [generator.uniform(0.2, 1) for _ in combinations]), strict=True
    ):
        if staff == 0:
            continue
        category, contract, sex, age_band, region, project_type, funding = combination
        declaration.staff.append(
            StaffLineData(
                category=category,
                contract_type=contract,
                sex=sex,
                nationality=nationality,
                age_band=age_band,
                region=region,
                project_type=project_type,
                funding_source=funding,
                staff_at_year_end=staff,
                jobs_created=round(staff * generator.uniform(0.1, 0.4)),
            )
        )


def _plan_trainings(generator, organisations, declarations, totals: YearTotals) -> None:
    for theme, total in totals.trainings.items():
        trainers = generator.sample(list(organisations), generator.randint(12, 30))
        shares = split(total, [generator.uniform(0.2, 2) for _ in trainers])
        for organisation, share in zip(trainers, shares, strict=True):
            combinations = sorted(
                {
                    (
                        generator.choice(Sex.values),
                        generator.choice(AgeBand.values),
                        generator.choice(_regions_of(organisation)),
                    )
                    for _attempt in range(generator.randint(2, 6))
                }
            )
            parts = split(share, [generator.uniform(0.2, 1) for _ in combinations])
            for (sex, age_band, region), beneficiaries in zip(combinations, parts, strict=True):
                if beneficiaries:
                    declarations[organisation.pk].trainings.append(
                        TrainingLineData(
                            theme=theme,
                            sex=sex,
                            age_band=age_band,
                            region=region,
                            beneficiaries=beneficiaries,
                        )
                    )


def existing_count(organisations: Sequence[Organisation]) -> int:
    """Return how many demo periods already have a declaration."""
    return Declaration.objects.filter(
        organisation__in=organisations, year__in=list(TOTALS), quarter__isnull=True
    ).count()


@transaction.atomic
def save(planned: Sequence[PlannedDeclaration]) -> int:
    """Write the planned declarations as validated version 1, each with its audit-log entry.

    The declarations pass the same rules as a submission; a plan that breaks one raises
    ValueError and nothing is written.
    """
    now = timezone.now()
    for declaration in planned:
        errors = validate_declaration(
            declaration.totals(), declaration.staff, declaration.trainings
        )
        if errors:
            raise ValueError(errors)

    staff_rows, training_rows, events = [], [], []
    for item in planned:
        totals = item.totals()
        declaration = Declaration.objects.create(
            organisation=item.organisation,
            year=item.year,
            status=Declaration.Status.VALIDATED,
            declared_staff_total=totals.staff_total,
            declared_staff_nationals=totals.staff_nationals,
            declared_staff_expatriates=totals.staff_expatriates,
            declared_jobs_created_total=totals.jobs_created_total,
            declared_beneficiaries_total=totals.beneficiaries_total,
            submitted_at=now,
            validated_at=now,
        )
        staff_rows += [StaffLine(declaration=declaration, **line.as_dict()) for line in item.staff]
        training_rows += [
            TrainingLine(declaration=declaration, **line.as_dict()) for line in item.trainings
        ]
        events.append(
            DeclarationEvent(
                declaration=declaration,
                actor=None,
                action=DeclarationEvent.Action.VALIDATED,
                after={"status": Declaration.Status.VALIDATED, "source": "load_registry_demo"},
            )
        )
    StaffLine.objects.bulk_create(staff_rows, batch_size=1000)
    TrainingLine.objects.bulk_create(training_rows, batch_size=1000)
    DeclarationEvent.objects.bulk_create(events)

    logger.info(
        "Registry demo loaded: declarations=%s staff_lines=%s training_lines=%s",
        len(planned),
        len(staff_rows),
        len(training_rows),
    )
    return len(planned)
