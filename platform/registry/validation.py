"""
Rules a declaration must pass before it is submitted, as pure functions over its totals and lines.

Each function returns a list of French messages, each naming the table, line and field at fault;
an empty list means the rule holds. Lines are numbered from 1 in the order given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext as _

from .choices import (
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


class StaffLineLike(Protocol):
    category: str
    contract_type: str
    sex: str
    nationality: str
    age_band: str
    region: str
    project_type: str
    funding_source: str
    staff_at_year_end: int
    jobs_created: int


class TrainingLineLike(Protocol):
    theme: str
    theme_label: str
    sex: str
    age_band: str
    region: str
    beneficiaries: int


@dataclass(frozen=True)
class DeclaredTotals:
    """The totals an organisation declares in the header of its declaration; None when blank."""

    staff_total: int | None
    staff_nationals: int | None
    staff_expatriates: int | None
    jobs_created_total: int | None
    beneficiaries_total: int | None

    @classmethod
    def of(cls, declaration) -> DeclaredTotals:
        return cls(
            staff_total=declaration.declared_staff_total,
            staff_nationals=declaration.declared_staff_nationals,
            staff_expatriates=declaration.declared_staff_expatriates,
            jobs_created_total=declaration.declared_jobs_created_total,
            beneficiaries_total=declaration.declared_beneficiaries_total,
        )


def staff_table_name() -> str:
    return _("Personnel")


def training_table_name() -> str:
    return _("Formations")


def total_labels() -> dict[str, str]:
    """Return the French label of each declared total, keyed by `DeclaredTotals` field."""
    return {
        "staff_total": _("Effectif total au 31 décembre"),
        "staff_nationals": _("Dont nationaux"),
        "staff_expatriates": _("Dont expatriés"),
        "jobs_created_total": _("Emplois créés dans l’année"),
        "beneficiaries_total": _("Personnes formées ou accompagnées"),
    }


def staff_choice_fields() -> list[tuple[str, str, type]]:
    """Return (attribute, French column label, choices) for each dimension of a staff line."""
    return [
        ("category", _("Catégorie d’emploi"), JobCategory),
        ("contract_type", _("Type de contrat"), ContractType),
        ("sex", _("Sexe"), Sex),
        ("nationality", _("Nationalité"), Nationality),
        ("age_band", _("Tranche d’âge"), AgeBand),
        ("region", _("Région"), Region),
        ("project_type", _("Type de projet"), ProjectType),
        ("funding_source", _("Source de financement"), FundingSource),
    ]


def staff_count_fields() -> list[tuple[str, str]]:
    return [
        ("staff_at_year_end", _("Effectif au 31 décembre")),
        ("jobs_created", _("Emplois créés dans l’année")),
    ]


def training_choice_fields() -> list[tuple[str, str, type]]:
    return [
        ("theme", _("Thème"), TrainingTheme),
        ("sex", _("Sexe"), Sex),
        ("age_band", _("Tranche d’âge"), AgeBand),
        ("region", _("Région"), Region),
    ]


def training_count_fields() -> list[tuple[str, str]]:
    return [("beneficiaries", _("Bénéficiaires"))]


# Rules on the declared totals


def check_totals_present(totals: DeclaredTotals) -> list[str]:
    """Require every declared total; zero is a valid answer, a blank is not."""
    return [
        _("Totaux déclarés : indiquez « %(field)s » (0 s’il n’y en a aucun).") % {"field": label}
        for name, label in total_labels().items()
        if getattr(totals, name) is None
    ]


def check_totals_not_negative(totals: DeclaredTotals) -> list[str]:
    errors = []
    for name, label in total_labels().items():
        value = getattr(totals, name)
        if value is not None and value < 0:
            errors.append(
                _("Totaux déclarés : « %(field)s » ne peut pas être négatif (%(value)s).")
                % {"field": label, "value": value}
            )
    return errors


def check_nationality_split(totals: DeclaredTotals) -> list[str]:
    """Require nationals plus expatriates to equal the declared staff total."""
    values = (totals.staff_total, totals.staff_nationals, totals.staff_expatriates)
    if any(value is None for value in values):
        return []
    if totals.staff_nationals + totals.staff_expatriates == totals.staff_total:
        return []
    return [
        _(
            "Totaux déclarés : les nationaux (%(nationals)s) plus les expatriés (%(expatriates)s) "
            "font %(sum)s, et non l’effectif total déclaré (%(total)s)."
        )
        % {
            "nationals": totals.staff_nationals,
            "expatriates": totals.staff_expatriates,
            "sum": totals.staff_nationals + totals.staff_expatriates,
            "total": totals.staff_total,
        }
    ]


# Rules on each line


def check_staff_line(number: int, line: StaffLineLike) -> list[str]:
    return _check_line(
        staff_table_name(), number, line, staff_choice_fields(), staff_count_fields()
    )


def check_training_line(number: int, line: TrainingLineLike) -> list[str]:
    errors = _check_line(
        training_table_name(), number, line, training_choice_fields(), training_count_fields()
    )
    if line.theme == TrainingTheme.OTHER and not (line.theme_label or "").strip():
        errors.append(
            _(
                "%(table)s, ligne %(line)s : précisez le thème dans « Précision du thème » "
                "lorsque le thème est « Autre »."
            )
            % {"table": training_table_name(), "line": number}
        )
    return errors


def _check_line(
    table: str,
    number: int,
    line: object,
    choice_fields: list[tuple[str, str, type]],
    count_fields: list[tuple[str, str]],
) -> list[str]:
    errors = []
    for name, label, choices in choice_fields:
        value = getattr(line, name)
        if value in choices.values:
            continue
        if choices is Region:
            message = _("%(table)s, ligne %(line)s : la région « %(value)s » n’existe pas.")
        elif not value:
            message = _("%(table)s, ligne %(line)s : « %(field)s » est obligatoire.")
        else:
            message = _(
                "%(table)s, ligne %(line)s : « %(value)s » n’est pas une valeur possible "
                "de « %(field)s »."
            )
        errors.append(message % {"table": table, "line": number, "field": label, "value": value})

    for name, label in count_fields:
        value = getattr(line, name)
        if value is not None and value < 0:
            errors.append(
                _("%(table)s, ligne %(line)s : « %(field)s » ne peut pas être négatif (%(value)s).")
                % {"table": table, "line": number, "field": label, "value": value}
            )
    return errors


# Rules between the lines and the declared totals


def check_staff_sums(totals: DeclaredTotals, lines: Sequence[StaffLineLike]) -> list[str]:
    """Require the staff lines to add up to the declared staff, nationals, expatriates and jobs."""
    table = staff_table_name()
    labels = total_labels()
    sums = {
        "staff_total": sum(line.staff_at_year_end for line in lines),
        "staff_nationals": sum(
            line.staff_at_year_end for line in lines if line.nationality == Nationality.NATIONAL
        ),
        "staff_expatriates": sum(
            line.staff_at_year_end for line in lines if line.nationality == Nationality.EXPATRIATE
        ),
        "jobs_created_total": sum(line.jobs_created for line in lines),
    }
    return _compare_sums(table, totals, sums, labels)


def check_training_sums(totals: DeclaredTotals, lines: Sequence[TrainingLineLike]) -> list[str]:
    sums = {"beneficiaries_total": sum(line.beneficiaries for line in lines)}
    return _compare_sums(training_table_name(), totals, sums, total_labels())


def _compare_sums(
    table: str, totals: DeclaredTotals, sums: dict[str, int], labels: dict[str, str]
) -> list[str]:
    errors = []
    for name, line_sum in sums.items():
        declared = getattr(totals, name)
        if declared is not None and declared != line_sum:
            errors.append(
                _(
                    "%(table)s : les lignes font %(sum)s pour « %(field)s », "
                    "mais le total déclaré est %(declared)s."
                )
                % {"table": table, "sum": line_sum, "field": labels[name], "declared": declared}
            )
    return errors


def validate_declaration(
    totals: DeclaredTotals,
    staff_lines: Iterable[StaffLineLike],
    training_lines: Iterable[TrainingLineLike],
) -> list[str]:
    """Return every message that blocks the submission of a declaration, in reading order."""
    staff_lines = list(staff_lines)
    training_lines = list(training_lines)

    errors = check_totals_present(totals)
    errors += check_totals_not_negative(totals)
    errors += check_nationality_split(totals)
    for number, line in enumerate(staff_lines, start=1):
        errors += check_staff_line(number, line)
    for number, line in enumerate(training_lines, start=1):
        errors += check_training_line(number, line)
    errors += check_staff_sums(totals, staff_lines)
    errors += check_training_sums(totals, training_lines)
    return errors
