"""
The two tables of a declaration as spreadsheets show them: sheet names, French column headers,
and the lists each column takes its values from.

The generated template and the importer both read these definitions, so a header renamed here
is renamed in both.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

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

_SPACES = re.compile(r"\s+")


def fold(text: object) -> str:
    """Return `text` lower-cased, without accents, with one kind of apostrophe and single spaces.

    Two labels that differ only in case, accents, apostrophes or spacing fold to the same string.
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = without_accents.replace("’", "'").replace("‘", "'").replace("*", " ")
    return _SPACES.sub(" ", plain).strip().lower()


def folded_in_every_language(text: object) -> set[str]:
    """Return `text` (a lazy translation) folded in each of the site's languages.

    A template downloaded with the interface in French must import with it in English, and the
    other way round.
    """
    folded = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            folded.add(fold(text))
    return folded


def tables_in_every_language() -> list[tuple[Table, ...]]:
    """Return `tables()` as built in each of the site's languages, in the same order."""
    built = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            built.append(tables())
    return built


@dataclass(frozen=True)
class Column:
    """A column of a table: the line attribute it fills, its header and, for lists, its choices."""

    field: str
    header: str
    choices: type[models.TextChoices] | None = None
    required: bool = True

    @property
    def is_count(self) -> bool:
        return self.choices is None and self.field != "theme_label"

    def match_choice(self, value: object) -> str | None:
        """Return the code whose code, or label in any of the site's languages, folds like
        `value`, or None."""
        folded = fold(value)
        for code, label in self.choices.choices:
            if folded == fold(code) or folded in folded_in_every_language(label):
                return code
        return None


@dataclass(frozen=True)
class Table:
    key: str
    sheet: str
    csv_name: str
    columns: tuple[Column, ...]


def staff_table() -> Table:
    return Table(
        key="staff",
        sheet=str(_("Personnel")),
        csv_name="personnel.csv",
        columns=(
            Column("category", str(_("Catégorie d’emploi")), JobCategory),
            Column("contract_type", str(_("Type de contrat")), ContractType),
            Column("sex", str(_("Sexe")), Sex),
            Column("nationality", str(_("Nationalité")), Nationality),
            Column("age_band", str(_("Tranche d’âge")), AgeBand),
            Column("region", str(_("Région")), Region),
            Column("project_type", str(_("Type de projet")), ProjectType),
            Column("funding_source", str(_("Source de financement")), FundingSource),
            Column("staff_at_year_end", str(_("Effectif au 31 décembre"))),
            Column("jobs_created", str(_("Emplois créés dans l’année"))),
        ),
    )


def training_table() -> Table:
    return Table(
        key="training",
        sheet=str(_("Formations")),
        csv_name="formations.csv",
        columns=(
            Column("theme", str(_("Thème")), TrainingTheme),
            Column("theme_label", str(_("Précision du thème")), required=False),
            Column("sex", str(_("Sexe")), Sex),
            Column("age_band", str(_("Tranche d’âge")), AgeBand),
            Column("region", str(_("Région")), Region),
            Column("beneficiaries", str(_("Bénéficiaires"))),
        ),
    )


def tables() -> tuple[Table, Table]:
    return staff_table(), training_table()
