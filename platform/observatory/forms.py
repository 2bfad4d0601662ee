"""The filter form shared by the pages, the exports and the API: same names, same checks."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.choices import Sector
from organisations.models import Organisation
from registry.choices import AgeBand, Nationality, ProjectType, Region, Sex

from .aggregates import Filters, published_declarations

# Query-string names of the filters, in French as the site's addresses are, onto Filters fields.
FILTER_NAMES = {
    "annee": "year",
    "region": "region",
    "secteur": "sector",
    "sexe": "sex",
    "tranche_age": "age_band",
    "nationalite": "nationality",
    "type_projet": "project_type",
    "type_organisation": "organisation_kind",
}


def default_year() -> int:
    """Return the latest year with published figures, or last year when there is none."""
    latest = published_declarations().aggregate(latest=Max("year"))["latest"]
    return latest or timezone.localdate().year - 1


def _choices(choices) -> list[tuple[str, str]]:
    return [("", _("Toutes")), *choices]


class FiltersForm(forms.Form):
    annee = forms.IntegerField(label=_("Année"), min_value=2000, max_value=2100, required=False)
    region = forms.ChoiceField(label=_("Région"), choices=_choices(Region.choices), required=False)
    secteur = forms.ChoiceField(
        label=_("Secteur"), choices=_choices(Sector.choices), required=False
    )
    sexe = forms.ChoiceField(label=_("Sexe"), choices=_choices(Sex.choices), required=False)
    tranche_age = forms.ChoiceField(
        label=_("Tranche d’âge"), choices=_choices(AgeBand.choices), required=False
    )
    nationalite = forms.ChoiceField(
        label=_("Nationalité"), choices=_choices(Nationality.choices), required=False
    )
    type_projet = forms.ChoiceField(
        label=_("Type de projet"), choices=_choices(ProjectType.choices), required=False
    )
    type_organisation = forms.ChoiceField(
        label=_("Type d’organisation"),
        choices=_choices(Organisation.Kind.choices),
        required=False,
    )

    def filters(self) -> Filters:
        """Return the selection of a valid form, the year defaulting to the latest published."""
        data = self.cleaned_data
        values = {field: data.get(name) or "" for name, field in FILTER_NAMES.items()}
        values["year"] = data.get("annee") or default_year()
        return Filters(**values)


def query_of(filters: Filters) -> str:
    """Return the query string that selects `filters`, for links to exports."""
    fields = {field: name for name, field in FILTER_NAMES.items()}
    pairs = [(fields[field], value) for field, value in vars(filters).items() if value]
    return urlencode(pairs)
