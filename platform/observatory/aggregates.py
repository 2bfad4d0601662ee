"""
The observatory's figures, computed in the database from validated registry declarations and
platform placements.

Pages, exports and the API all call `build_table`, so a figure is the same wherever it is shown.
Only annual declarations count, and for each organisation and year only the validated version
with the highest number: a correction replaces the figures it corrects once it is validated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from functools import cached_property

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from organisations.choices import Sector
from organisations.models import Organisation
from registry.choices import (
    AgeBand,
    ContractType,
    JobCategory,
    Nationality,
    ProjectType,
    Region,
    Sex,
    TrainingTheme,
)
from registry.models import Declaration, StaffLine, TrainingLine

from .models import Placement, PlacementSex
from .suppression import suppress
from .tables import Column, Row, Table

# The training themes of the headline figures, in the order the forum published them.
HEADLINE_THEMES = (
    TrainingTheme.SOCIO_PROFESSIONAL,
    TrainingTheme.IGA,
    TrainingTheme.TEACHERS,
    TrainingTheme.HEALTH_WORKERS,
    TrainingTheme.FARMING,
    TrainingTheme.LIVESTOCK,
    TrainingTheme.ENVIRONMENT,
)


@dataclass(frozen=True)
class Filters:
    """The selection a table is computed on. An empty string means every value."""

    year: int
    region: str = ""
    sector: str = ""
    sex: str = ""
    age_band: str = ""
    nationality: str = ""
    project_type: str = ""
    organisation_kind: str = ""

    def is_year_only(self) -> bool:
        return not any(value for name, value in asdict(self).items() if name != "year")


class UnknownTable(LookupError):
    """No statistics table has the requested slug."""


# Querysets


def published_declarations() -> QuerySet[Declaration]:
    """Return the annual declarations whose figures count: the latest validated version of each."""
    newer_validated = Declaration.objects.filter(
        organisation=OuterRef("organisation"),
        period=OuterRef("period"),
        status=Declaration.Status.VALIDATED,
        version__gt=OuterRef("version"),
    )
    return Declaration.objects.filter(
        status=Declaration.Status.VALIDATED, quarter__isnull=True
    ).exclude(Exists(newer_validated))


def organisation_ids_in_sector(sector: str) -> list[int]:
    """Return the ids of the organisations that list `sector` among their sectors.

    The test runs in Python over organisations, not registry lines, because SQLite has no
    portable lookup for a value inside a JSON list.
    """
    return [
        pk
        for pk, sectors in Organisation.objects.values_list("pk", "sectors")
        if sector in (sectors or [])
    ]


def published_declaration_ids(filters: Filters, *, every_year: bool = False) -> list[int]:
    """Return the ids of the published declarations of the filtered year and organisations.

    Lines are then selected by these ids, which is faster than joining every line to its
    declaration and organisation.
    """
    declarations = published_declarations()
    if not every_year:
        declarations = declarations.filter(year=filters.year)
    declarations = _filter_organisations(declarations, filters, "organisation")
    return list(declarations.values_list("pk", flat=True))


def staff_lines(filters: Filters, *, every_year: bool = False) -> QuerySet[StaffLine]:
    lines = StaffLine.objects.filter(
        declaration_id__in=published_declaration_ids(filters, every_year=every_year)
    )
    for field in ("region", "sex", "age_band", "nationality", "project_type"):
        if value := getattr(filters, field):
            lines = lines.filter(**{field: value})
    return lines


def training_lines(filters: Filters, *, every_year: bool = False) -> QuerySet[TrainingLine]:
    """Return the published training lines; nationality and project type do not apply to them."""
    lines = TrainingLine.objects.filter(
        declaration_id__in=published_declaration_ids(filters, every_year=every_year)
    )
    for field in ("region", "sex", "age_band"):
        if value := getattr(filters, field):
            lines = lines.filter(**{field: value})
    return lines


def placements(filters: Filters, *, every_year: bool = False) -> QuerySet[Placement]:
    rows = Placement.objects.all()
    if not every_year:
        rows = rows.filter(start_date__year=filters.year)
    for field in ("region", "sex", "age_band", "nationality", "project_type"):
        if value := getattr(filters, field):
            rows = rows.filter(**{field: value})
    return _filter_organisations(rows, filters, "organisation")


def _filter_organisations(queryset: QuerySet, filters: Filters, path: str) -> QuerySet:
    if filters.organisation_kind:
        queryset = queryset.filter(**{f"{path}__kind": filters.organisation_kind})
    if filters.sector:
        queryset = queryset.filter(**{f"{path}_id__in": organisation_ids_in_sector(filters.sector)})
    return queryset


# Tables


def _staff_columns() -> tuple[Column, ...]:
    return (
        Column("staff", _("Effectif au 31 décembre")),
        Column("jobs_created", _("Emplois créés dans l’année")),
    )


# Staff dimensions of the cube, each breakdown of staff being a roll-up along one of them.
CUBE_DIMENSIONS = (
    "region",
    "category",
    "contract_type",
    "sex",
    "nationality",
    "age_band",
    "project_type",
    "declaration__organisation__kind",
)


class StaffCube:
    """Staff and jobs created summed in one query per combination of the staff dimensions.

    The staff breakdowns add these groups up along one dimension, so a dashboard scans the
    staff lines once instead of once per table. The groups number at most the product of the
    dimensions' sizes (about 20,000), whatever the number of lines.
    """

    def __init__(self, filters: Filters):
        self.filters = filters

    @cached_property
    def groups(self) -> list[dict]:
        return list(
            staff_lines(self.filters)
            .values(*CUBE_DIMENSIONS)
            .annotate(staff=Sum("staff_at_year_end"), jobs=Sum("jobs_created"))
            .order_by()
        )

    def sums_by(self, field: str) -> dict[str, tuple[int, int]]:
        """Return (staff, jobs created) for each value of `field`."""
        sums: dict[str, tuple[int, int]] = {}
        for group in self.groups:
            staff, jobs = sums.get(group[field], (0, 0))
            sums[group[field]] = (staff + (group["staff"] or 0), jobs + (group["jobs"] or 0))
        return sums


def _with_total(rows: list[Row]) -> Row:
    totals = tuple(sum(row.values[i] or 0 for row in rows) for i in range(len(rows[0].values)))
    return Row("total", _("Total"), totals)


def _staff_breakdown(
    cube: StaffCube, slug: str, title: str, dimension: str, field: str, choices: Iterable
) -> Table:
    sums = cube.sums_by(field)
    rows = [Row(key, str(label), sums.get(key, (0, 0))) for key, label in choices]
    return Table(
        slug=slug,
        title=title,
        dimension=dimension,
        columns=_staff_columns(),
        rows=tuple(rows),
        total=_with_total(rows),
    )


def headline(filters: Filters, cube: StaffCube) -> Table:
    """Return the year's headline figures: staff, nationals, jobs, placements, trainings."""
    by_nationality = cube.sums_by("nationality")
    staff = {
        "staff": sum(staff for staff, _jobs in by_nationality.values()),
        "nationals": by_nationality.get(Nationality.NATIONAL, (0, 0))[0],
        "expatriates": by_nationality.get(Nationality.EXPATRIATE, (0, 0))[0],
        "jobs": sum(jobs for _staff, jobs in by_nationality.values()),
    }
    themes = {
        group["theme"]: group["beneficiaries"] or 0
        for group in training_lines(filters)
        .values("theme")
        .annotate(beneficiaries=Sum("beneficiaries"))
        .order_by()
    }
    placement_count = placements(filters).count()
    share = round(100 * staff["nationals"] / staff["staff"], 1) if staff["staff"] else None

    rows = [
        Row("staff", _("Employés actifs au 31 décembre"), (staff["staff"],)),
        Row("nationals", _("dont nationaux"), (staff["nationals"],)),
        Row("expatriates", _("dont expatriés"), (staff["expatriates"],)),
        Row("share_nationals", _("Part des nationaux (%)"), (share,), is_percentage=True),
        Row("jobs_created", _("Emplois créés dans l’année"), (staff["jobs"],)),
        Row("placements", _("Embauches faites par la plateforme"), (placement_count,)),
    ]
    labels = dict(TrainingTheme.choices)
    rows += [Row(theme, str(labels[theme]), (themes.get(theme, 0),)) for theme in HEADLINE_THEMES]
    return Table(
        slug="chiffres-cles",
        title=_("Chiffres clés %(year)s") % {"year": filters.year},
        dimension=_("Indicateur"),
        columns=(Column("value", _("Valeur")),),
        rows=tuple(rows),
        row_sums=(((1, 2), 0),),
    )


def by_region(filters: Filters, cube: StaffCube) -> Table:
    return _staff_breakdown(
        cube, "regions", _("Personnel par région"), _("Région"), "region", Region.choices
    )


def by_category(filters: Filters, cube: StaffCube) -> Table:
    return _staff_breakdown(
        cube,
        "categories",
        _("Personnel par catégorie d’emploi"),
        _("Catégorie d’emploi"),
        "category",
        JobCategory.choices,
    )


def by_contract(filters: Filters, cube: StaffCube) -> Table:
    return _staff_breakdown(
        cube,
        "contrats",
        _("Personnel par type de contrat"),
        _("Type de contrat"),
        "contract_type",
        ContractType.choices,
    )


def by_sex(filters: Filters, cube: StaffCube) -> Table:
    return _staff_breakdown(cube, "sexe", _("Personnel par sexe"), _("Sexe"), "sex", Sex.choices)


def by_nationality(filters: Filters, cube: StaffCube) -> Table:
    return _staff_breakdown(
        cube,
        "nationalite",
        _("Personnel par nationalité"),
        _("Nationalité"),
        "nationality",
        Nationality.choices,
    )


def by_age_band(filters: Filters, cube: StaffCube) -> Table:
    return _staff_breakdown(
        cube,
        "tranches-age",
        _("Personnel par tranche d’âge"),
        _("Tranche d’âge"),
        "age_band",
        AgeBand.choices,
    )


def by_project_type(filters: Filters, cube: StaffCube) -> Table:
    return _staff_breakdown(
        cube,
        "types-projet",
        _("Personnel par type de projet"),
        _("Type de projet"),
        "project_type",
        ProjectType.choices,
    )


def by_organisation_kind(filters: Filters, cube: StaffCube) -> Table:
    return _staff_breakdown(
        cube,
        "types-organisation",
        _("Personnel par type d’organisation"),
        _("Type d’organisation"),
        "declaration__organisation__kind",
        Organisation.Kind.choices,
    )


def by_sector(filters: Filters, cube: StaffCube) -> Table:
    """Return staff by the sectors of their organisations, in one query of conditional sums.

    An organisation working in several sectors counts in each, so the rows have no total.
    """
    lines = staff_lines(filters)
    declarations = (
        _filter_organisations(published_declarations(), filters, "organisation")
        .filter(year=filters.year)
        .values_list("pk", "organisation_id")
    )
    organisation_of = dict(declarations)
    sums = {}
    for key, _label in Sector.choices:
        organisations = set(organisation_ids_in_sector(key))
        in_sector = Q(
            declaration_id__in=[
                pk for pk, organisation in organisation_of.items() if organisation in organisations
            ]
        )
        sums[f"{key}__staff"] = Sum("staff_at_year_end", filter=in_sector)
        sums[f"{key}__jobs"] = Sum("jobs_created", filter=in_sector)
    values = lines.aggregate(**sums)
    rows = [
        Row(key, str(label), (values[f"{key}__staff"] or 0, values[f"{key}__jobs"] or 0))
        for key, label in Sector.choices
    ]
    return Table(
        slug="secteurs",
        title=_("Personnel par secteur de l’organisation"),
        dimension=_("Secteur"),
        columns=_staff_columns(),
        rows=tuple(rows),
        notes=(
            _(
                "Une organisation active dans plusieurs secteurs compte dans chacun : "
                "les lignes ne s’additionnent pas."
            ),
        ),
    )


def _training_notes(filters: Filters) -> tuple[str, ...]:
    if filters.nationality or filters.project_type:
        return (_("Les filtres nationalité et type de projet ne s’appliquent pas aux formations."),)
    return ()


def trainings_by_theme(filters: Filters, cube: StaffCube) -> Table:
    groups = (
        training_lines(filters)
        .values("theme")
        .annotate(
            women=Sum("beneficiaries", filter=Q(sex=Sex.FEMALE)),
            men=Sum("beneficiaries", filter=Q(sex=Sex.MALE)),
        )
        .order_by()
    )
    sums = {group["theme"]: (group["women"] or 0, group["men"] or 0) for group in groups}
    rows = []
    for key, label in TrainingTheme.choices:
        women, men = sums.get(key, (0, 0))
        rows.append(Row(key, str(label), (women, men, women + men)))
    return Table(
        slug="formations-themes",
        title=_("Personnes formées ou accompagnées par thème"),
        dimension=_("Thème"),
        columns=(
            Column("women", _("Femmes")),
            Column("men", _("Hommes")),
            Column("total", _("Total")),
        ),
        rows=tuple(rows),
        total=_with_total(rows),
        row_total_column=2,
        notes=_training_notes(filters),
    )


def trainings_by_region(filters: Filters, cube: StaffCube) -> Table:
    groups = (
        training_lines(filters)
        .values("region")
        .annotate(beneficiaries=Sum("beneficiaries"))
        .order_by()
    )
    sums = {group["region"]: group["beneficiaries"] or 0 for group in groups}
    rows = [Row(key, str(label), (sums.get(key, 0),)) for key, label in Region.choices]
    return Table(
        slug="formations-regions",
        title=_("Personnes formées ou accompagnées par région"),
        dimension=_("Région"),
        columns=(Column("beneficiaries", _("Bénéficiaires")),),
        rows=tuple(rows),
        total=_with_total(rows),
        notes=_training_notes(filters),
    )


def placements_by_sex(filters: Filters, cube: StaffCube) -> Table:
    """Return the platform's hires by sex, with the hires of seekers who gave none in their row."""
    counts = {
        group["sex"]: group["count"]
        for group in placements(filters).values("sex").annotate(count=Count("pk")).order_by()
    }
    rows = [Row(key, str(label), (counts.get(key, 0),)) for key, label in PlacementSex.choices]
    return Table(
        slug="embauches-sexe",
        title=_("Embauches faites par la plateforme, par sexe"),
        dimension=_("Sexe"),
        columns=(Column("placements", _("Embauches")),),
        rows=tuple(rows),
        total=_with_total(rows),
    )


def trends(filters: Filters, cube: StaffCube) -> Table:
    """Return the main figures of every year with published data; the year filter is ignored."""
    staff = {
        group["declaration__year"]: (group["staff"] or 0, group["jobs"] or 0)
        for group in staff_lines(filters, every_year=True)
        .values("declaration__year")
        .annotate(staff=Sum("staff_at_year_end"), jobs=Sum("jobs_created"))
        .order_by()
    }
    trained = {
        group["declaration__year"]: group["beneficiaries"] or 0
        for group in training_lines(filters, every_year=True)
        .values("declaration__year")
        .annotate(beneficiaries=Sum("beneficiaries"))
        .order_by()
    }
    hired = {
        group["start_date__year"]: group["count"]
        for group in placements(filters, every_year=True)
        .values("start_date__year")
        .annotate(count=Count("pk"))
        .order_by()
    }
    rows = [
        Row(
            str(year),
            str(year),
            (*staff.get(year, (0, 0)), trained.get(year, 0), hired.get(year, 0)),
        )
        for year in sorted({*staff, *trained, *hired})
    ]
    return Table(
        slug="tendances",
        title=_("Évolution d’une année à l’autre"),
        dimension=_("Année"),
        columns=(
            *_staff_columns(),
            Column("beneficiaries", _("Personnes formées ou accompagnées")),
            Column("placements", _("Embauches faites par la plateforme")),
        ),
        rows=tuple(rows),
    )


TABLES: dict[str, Callable[[Filters, StaffCube], Table]] = {
    "chiffres-cles": headline,
    "regions": by_region,
    "categories": by_category,
    "contrats": by_contract,
    "sexe": by_sex,
    "nationalite": by_nationality,
    "tranches-age": by_age_band,
    "types-projet": by_project_type,
    "types-organisation": by_organisation_kind,
    "secteurs": by_sector,
    "formations-themes": trainings_by_theme,
    "formations-regions": trainings_by_region,
    "embauches-sexe": placements_by_sex,
    "tendances": trends,
}


def build_table(
    slug: str, filters: Filters, *, exact: bool, cube: StaffCube | None = None
) -> Table:
    """Compute one table: exact figures for analysts, suppressed ones for the public.

    Pass the `cube` of the same filters to share its query between the tables of one page.
    """
    try:
        compute = TABLES[slug]
    except KeyError:
        raise UnknownTable(slug) from None
    table = compute(filters, cube or StaffCube(filters))
    return table if exact else suppress(table)


def build_tables(filters: Filters, *, exact: bool) -> list[Table]:
    cube = StaffCube(filters)
    return [build_table(slug, filters, exact=exact, cube=cube) for slug in TABLES]


def public_filters(filters: Filters) -> Filters:
    """Keep only the year: the public may not cross filters, which would let differences between
    two suppressed selections reveal a small cell."""
    return Filters(year=filters.year)
