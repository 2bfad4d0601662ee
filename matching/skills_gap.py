"""
The observatory's skills gap report: the skills that offers ask for against the skills that
trainings teach, by skill, region, sector and training theme.

Demand comes from offer pages and supply from training pages, both over a rolling window: the
pages live today and those first published in the last 365 days. Registry declarations count the
people each NGO trained in a year by theme, region, sex and age band, but they record no skill.
No theme names a skill of the taxonomy either, so the registry's figures are reported by region,
sector and theme next to the pages' figures, and never turned into skills.

The figures are exact: like the rest of the analysts' dashboard, they are not suppressed.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cached_property

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.choices import TrainingTheme as PageTheme
from cms.models import OfferPage, TrainingPage
from observatory.aggregates import Filters, UnknownTable, organisation_ids_in_sector, training_lines
from observatory.tables import Column, Row, Table
from organisations.choices import Sector as OrganisationSector
from organisations.models import Organisation
from referential.models import Region, Sector, Skill
from registry.choices import TrainingTheme as RegistryTheme

WINDOW = datetime.timedelta(days=365)

# Skills shown on the dashboard's chart and table. The exports list every skill.
CHART_SKILLS = 10
DASHBOARD_SKILLS = 15

# Key of the rows of pages that have no single place or no sector.
REMOTE_KEY = "distance"
NO_SECTOR_KEY = "non-renseigne"

# The organisations' sector keys onto the reference data's sector slugs, which offers use. Every
# key is also a reference slug, except agriculture and livestock, which the reference data splits.
SECTOR_SLUGS: dict[str, tuple[str, ...]] = {
    **{key: (key,) for key in OrganisationSector.values},
    OrganisationSector.AGRICULTURE: ("agriculture", "elevage"),
}

# The training pages' themes onto the registry's themes: the same list under other keys.
REGISTRY_THEME_OF_PAGE_THEME = {
    PageTheme.INSERTION: RegistryTheme.SOCIO_PROFESSIONAL,
    PageTheme.INCOME_GENERATION: RegistryTheme.IGA,
    PageTheme.TEACHERS: RegistryTheme.TEACHERS,
    PageTheme.HEALTH_WORKERS: RegistryTheme.HEALTH_WORKERS,
    PageTheme.FARMING: RegistryTheme.FARMING,
    PageTheme.LIVESTOCK: RegistryTheme.LIVESTOCK,
    PageTheme.ENVIRONMENT: RegistryTheme.ENVIRONMENT,
    PageTheme.OTHER: RegistryTheme.OTHER,
}


@dataclass(frozen=True)
class Page:
    """The fields of an offer or training page that the report reads."""

    pk: int
    size: int  # positions of an offer, places of a training
    region: str  # P-code, or REMOTE_KEY
    sectors: frozenset[str]  # reference sector slugs
    theme: str  # registry theme of a training, empty for an offer
    skills: frozenset[int]


@dataclass(frozen=True)
class ChartBar:
    label: str
    positions: int
    places: int
    positions_width: int
    places_width: int


@dataclass(frozen=True)
class Section:
    """The dashboard's part of the report: a chart, the first skills, the tables and the notes."""

    chart: list[ChartBar]
    skills: Table
    skill_count: int
    tables: list[Table]
    notes: list[str]


def _in_window(pages: QuerySet, since: datetime.datetime) -> QuerySet:
    return pages.filter(Q(live=True) | Q(first_published_at__gte=since))


def _group(pages: list[Page], keys_of: Callable[[Page], Iterable[str]]) -> dict[str, list[Page]]:
    """Return the pages under each of their keys; a page with several keys is under each."""
    groups: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        for key in keys_of(page):
            groups[key].append(page)
    return groups


class SkillsGap:
    """The pages and registry figures of one selection, read once and shared by every table."""

    def __init__(self, filters: Filters, now: datetime.datetime | None = None):
        self.filters = filters
        self.now = now or timezone.now()
        self.since = self.now - WINDOW

    # Reading

    def _filter_pages(self, pages: QuerySet, *, is_offer: bool) -> QuerySet:
        pages = _in_window(pages, self.since)
        if self.filters.region:
            pages = pages.filter(region__code=self.filters.region)
        if self.filters.organisation_kind:
            pages = pages.filter(organisation__kind=self.filters.organisation_kind)
        if self.filters.sector:
            if is_offer:
                pages = pages.filter(sector__slug__in=SECTOR_SLUGS.get(self.filters.sector, ()))
            else:
                pages = pages.filter(
                    organisation_id__in=organisation_ids_in_sector(self.filters.sector)
                )
        return pages

    @cached_property
    def _organisation_sectors(self) -> dict[int, frozenset[str]]:
        """Return the reference sector slugs of each organisation, from its own sector keys."""
        return {
            pk: frozenset(slug for key in keys or [] for slug in SECTOR_SLUGS.get(key, ()))
            for pk, keys in Organisation.objects.values_list("pk", "sectors")
        }

    @staticmethod
    def _skills_of(through: type, column: str, pages: QuerySet) -> dict[int, set[int]]:
        skills: dict[int, set[int]] = defaultdict(set)
        rows = through.objects.filter(**{f"{column}__in": pages.values("pk")})
        for page_id, skill_id in rows.values_list(f"{column}_id", "skill_id"):
            skills[page_id].add(skill_id)
        return skills

    @cached_property
    def offers(self) -> list[Page]:
        pages = self._filter_pages(OfferPage.objects.all(), is_offer=True)
        skills = self._skills_of(OfferPage.skills.through, "offerpage", pages)
        rows = pages.values_list("pk", "positions", "region__code", "sector__slug")
        return [
            Page(
                pk,
                positions or 0,
                region or REMOTE_KEY,
                frozenset({sector or NO_SECTOR_KEY}),
                "",
                frozenset(skills.get(pk, ())),
            )
            for pk, positions, region, sector in rows
        ]

    @cached_property
    def trainings(self) -> list[Page]:
        pages = self._filter_pages(TrainingPage.objects.all(), is_offer=False)
        skills = self._skills_of(TrainingPage.skills.through, "trainingpage", pages)
        rows = pages.values_list(
            "pk", "places_available", "region__code", "organisation_id", "theme"
        )
        return [
            Page(
                pk,
                places or 0,
                region or REMOTE_KEY,
                self._organisation_sectors.get(organisation_id, frozenset()),
                REGISTRY_THEME_OF_PAGE_THEME.get(theme, RegistryTheme.OTHER),
                frozenset(skills.get(pk, ())),
            )
            for pk, places, region, organisation_id, theme in rows
        ]

    def registry_trained_by(self, field: str) -> dict[str, int]:
        """Return the people trained in the registry for the filtered year, by `field`."""
        groups = training_lines(self.filters).values(field).annotate(total=Sum("beneficiaries"))
        return {group[field]: group["total"] or 0 for group in groups.order_by()}

    def registry_trained_by_sector(self) -> dict[str, int]:
        """Return the people trained in the registry by the reference sectors of their NGO."""
        trained: dict[str, int] = defaultdict(int)
        by_organisation = self.registry_trained_by("declaration__organisation_id")
        for organisation_id, total in by_organisation.items():
            for slug in self._organisation_sectors.get(organisation_id, ()):
                trained[slug] += total
        return trained

    # Tables

    def skills_table(self) -> Table:
        """Return one row per skill asked or taught, the widest gap between positions and places
        first."""
        demand: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        for offer in self.offers:
            for skill in offer.skills:
                demand[skill][0] += 1
                demand[skill][1] += offer.size
        supply: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        for training in self.trainings:
            for skill in training.skills:
                supply[skill][0] += 1
                supply[skill][1] += training.size

        skills = Skill.objects.in_bulk([*demand, *supply])
        rows = []
        for pk, skill in skills.items():
            offers, positions = demand.get(pk, (0, 0))
            trainings, places = supply.get(pk, (0, 0))
            values = (offers, positions, trainings, places, positions - places)
            rows.append(Row(skill.code, skill.name, values))
        rows.sort(key=lambda row: (-row.values[4], -row.values[0], row.label, row.key))
        return Table(
            slug="competences",
            title=_("Compétences demandées et enseignées"),
            dimension=_("Compétence"),
            columns=(
                Column("offers", _("Offres qui la demandent")),
                Column("positions", _("Postes")),
                Column("trainings", _("Formations qui l’enseignent")),
                Column("places", _("Places de formation")),
                Column("gap", _("Écart : postes moins places")),
            ),
            rows=tuple(rows),
            notes=(
                _(
                    "Une offre ou une formation compte pour chacune de ses compétences : "
                    "les lignes ne s’additionnent pas."
                ),
                _("Un écart négatif signale plus de places de formation que de postes."),
            ),
        )

    @staticmethod
    def _breakdown_row(
        key: str,
        label: str,
        offers: list[Page],
        trainings: list[Page],
        also_available: list[Page],
        trained: int,
    ) -> Row:
        """Return the figures of the pages of one region or sector.

        `also_available` lists trainings from elsewhere that still count as teaching the
        row's skills, for the skills asked for with no training.
        """
        asked = set().union(*(offer.skills for offer in offers))
        taught = set().union(*(training.skills for training in trainings))
        available = taught.union(*(training.skills for training in also_available))
        values = (
            len(offers),
            sum(offer.size for offer in offers),
            len(asked),
            len(trainings),
            sum(training.size for training in trainings),
            len(taught),
            len(asked - available),
            trained,
        )
        return Row(key, label, values)

    def _breakdown_columns(self, uncovered_label: str) -> tuple[Column, ...]:
        return (
            Column("offers", _("Offres")),
            Column("positions", _("Postes")),
            Column("skills_asked", _("Compétences demandées")),
            Column("trainings", _("Formations")),
            Column("places", _("Places de formation")),
            Column("skills_taught", _("Compétences enseignées")),
            Column("skills_uncovered", uncovered_label),
            Column(
                "trained",
                _("Personnes formées en %(year)s (registre)") % {"year": self.filters.year},
            ),
        )

    def regions_table(self) -> Table:
        """Return the pages' figures and the registry's people trained by region."""
        trained = self.registry_trained_by("region")
        offers = _group(self.offers, lambda page: (page.region,))
        trainings = _group(self.trainings, lambda page: (page.region,))
        remote = trainings.get(REMOTE_KEY, [])
        rows = [
            self._breakdown_row(
                region.code,
                region.name,
                offers.get(region.code, []),
                trainings.get(region.code, []),
                remote,
                trained.get(region.code, 0),
            )
            for region in Region.objects.order_by("code")
        ]
        rows.append(
            self._breakdown_row(
                REMOTE_KEY,
                _("À distance ou en plusieurs lieux"),
                offers.get(REMOTE_KEY, []),
                remote,
                [],
                0,
            )
        )
        return Table(
            slug="competences-regions",
            title=_("Compétences demandées et enseignées par région"),
            dimension=_("Région"),
            columns=self._breakdown_columns(_("Compétences demandées sans formation")),
            rows=tuple(rows),
            notes=(
                _(
                    "Une formation à distance ou en plusieurs lieux compte comme offerte dans "
                    "toutes les régions pour les compétences demandées sans formation."
                ),
            ),
        )

    def sectors_table(self) -> Table:
        """Return the pages' figures and the registry's people trained by reference sector."""
        trained = self.registry_trained_by_sector()
        offers = _group(self.offers, lambda page: page.sectors)
        trainings = _group(self.trainings, lambda page: page.sectors)
        rows = [
            self._breakdown_row(
                sector.slug,
                sector.name,
                offers.get(sector.slug, []),
                trainings.get(sector.slug, []),
                [],
                trained.get(sector.slug, 0),
            )
            for sector in Sector.objects.all()
        ]
        if NO_SECTOR_KEY in offers:
            rows.append(
                self._breakdown_row(
                    NO_SECTOR_KEY, _("Secteur non renseigné"), offers[NO_SECTOR_KEY], [], [], 0
                )
            )
        return Table(
            slug="competences-secteurs",
            title=_("Compétences demandées et enseignées par secteur"),
            dimension=_("Secteur"),
            columns=self._breakdown_columns(_("Compétences demandées sans formation")),
            rows=tuple(rows),
            notes=(
                _(
                    "Une offre compte dans son secteur. Une formation, qui n’a pas de secteur, "
                    "compte dans chacun des secteurs de l’organisation qui la propose, de même que "
                    "les personnes formées du registre : les lignes ne s’additionnent pas."
                ),
            ),
        )

    def themes_table(self) -> Table:
        """Return the training pages and the registry's people trained by training theme."""
        trained = self.registry_trained_by("theme")
        rows = []
        for key, label in RegistryTheme.choices:
            trainings = [training for training in self.trainings if training.theme == key]
            taught = set().union(*(training.skills for training in trainings))
            values = (
                len(trainings),
                sum(training.size for training in trainings),
                len(taught),
                trained.get(key, 0),
            )
            rows.append(Row(key, str(label), values))
        return Table(
            slug="competences-themes",
            title=_("Offre de formation par thème"),
            dimension=_("Thème"),
            columns=(
                Column("trainings", _("Formations publiées")),
                Column("places", _("Places de formation")),
                Column("skills_taught", _("Compétences enseignées")),
                Column(
                    "trained",
                    _("Personnes formées en %(year)s (registre)") % {"year": self.filters.year},
                ),
            ),
            rows=tuple(rows),
            notes=(
                _(
                    "Les déclarations du registre comptent les personnes formées par thème, sans "
                    "les compétences enseignées : elles ne sont pas rapportées aux compétences."
                ),
            ),
        )


TABLES: dict[str, Callable[[SkillsGap], Table]] = {
    "competences": SkillsGap.skills_table,
    "competences-regions": SkillsGap.regions_table,
    "competences-secteurs": SkillsGap.sectors_table,
    "competences-themes": SkillsGap.themes_table,
}


def notes_of(report: SkillsGap) -> list[str]:
    """Return the notes that go with every table of the report: its window and its filters."""
    start = timezone.localdate(report.since)
    end = timezone.localdate(report.now)
    notes = [
        _(
            "Offres et formations publiées du %(start)s au %(end)s, ou encore en ligne ; "
            "personnes formées selon les déclarations validées de %(year)s."
        )
        % {
            "start": start.strftime("%d/%m/%Y"),
            "end": end.strftime("%d/%m/%Y"),
            "year": report.filters.year,
        }
    ]
    if report.filters.region:
        notes.append(
            _(
                "Avec le filtre région, les offres et les formations à distance ou en plusieurs "
                "lieux ne comptent pas."
            )
        )
    ignored = [
        name
        for name, value in (
            (_("sexe"), report.filters.sex),
            (_("tranche d’âge"), report.filters.age_band),
            (_("nationalité"), report.filters.nationality),
            (_("type de projet"), report.filters.project_type),
        )
        if value
    ]
    if ignored:
        notes.append(
            _("Les filtres %(filters)s ne s’appliquent qu’aux personnes formées du registre.")
            % {"filters": ", ".join(ignored)}
        )
    return notes


def build_table(report: SkillsGap, slug: str) -> Table:
    """Compute one table of `report`; raise UnknownTable for any other slug."""
    try:
        compute = TABLES[slug]
    except KeyError:
        raise UnknownTable(slug) from None
    return compute(report)


def _chart(skills: Table) -> list[ChartBar]:
    """Return bars for the skills with the widest positive gap, scaled on the largest figure."""
    rows = [row for row in skills.rows if row.values[4] > 0][:CHART_SKILLS]
    largest = max((max(row.values[1], row.values[3]) for row in rows), default=0)

    def width(value: int) -> int:
        return round(100 * value / largest) if largest else 0

    return [
        ChartBar(
            row.label, row.values[1], row.values[3], width(row.values[1]), width(row.values[3])
        )
        for row in rows
    ]


def dashboard_section(filters: Filters, now: datetime.datetime | None = None) -> Section:
    """Compute the report for the dashboard: the chart, the first skills and the breakdowns."""
    report = SkillsGap(filters, now)
    skills = report.skills_table()
    return Section(
        chart=_chart(skills),
        skills=replace(skills, rows=skills.rows[:DASHBOARD_SKILLS]),
        skill_count=len(skills.rows),
        tables=[report.regions_table(), report.sectors_table(), report.themes_table()],
        notes=notes_of(report),
    )
