from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.forms import AccessibleFormMixin

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
from .lines import StaffLineData, TrainingLineData
from .validation import DeclaredTotals

# The largest file accepted for import, in bytes.
MAX_IMPORT_SIZE = 5 * 1024 * 1024


def _blank(choices) -> list[tuple[str, str]]:
    # A blank first option keeps the spare form of a formset unchanged until the user fills it.
    return [("", "—"), *choices.choices]


class DeclarationCreationForm(AccessibleFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, empty_label=None)
    year = forms.IntegerField(label=_("Année déclarée"), min_value=2000)

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["year"].initial = timezone.localdate().year - 1
        self.fields["year"].max_value = timezone.localdate().year


class TotalsForm(AccessibleFormMixin, forms.Form):
    """The totals the organisation declares; the lines must add up to them before submission."""

    staff_total = forms.IntegerField(
        label=_("Effectif total au 31 décembre"), min_value=0, required=False
    )
    staff_nationals = forms.IntegerField(label=_("Dont nationaux"), min_value=0, required=False)
    staff_expatriates = forms.IntegerField(label=_("Dont expatriés"), min_value=0, required=False)
    jobs_created_total = forms.IntegerField(
        label=_("Emplois créés dans l’année"), min_value=0, required=False
    )
    beneficiaries_total = forms.IntegerField(
        label=_("Personnes formées ou accompagnées"),
        min_value=0,
        required=False,
        help_text=_(
            "Y compris les personnes accompagnées dans des activités génératrices de revenus."
        ),
    )

    @classmethod
    def initial_of(cls, declaration) -> dict:
        totals = DeclaredTotals.of(declaration)
        return {name: getattr(totals, name) for name in cls.base_fields}

    def to_totals(self) -> DeclaredTotals:
        return DeclaredTotals(**{name: self.cleaned_data.get(name) for name in self.base_fields})


class StaffLineForm(AccessibleFormMixin, forms.Form):
    category = forms.ChoiceField(label=_("Catégorie d’emploi"), choices=_blank(JobCategory))
    contract_type = forms.ChoiceField(label=_("Type de contrat"), choices=_blank(ContractType))
    sex = forms.ChoiceField(label=_("Sexe"), choices=_blank(Sex))
    nationality = forms.ChoiceField(label=_("Nationalité"), choices=_blank(Nationality))
    age_band = forms.ChoiceField(label=_("Tranche d’âge"), choices=_blank(AgeBand))
    region = forms.ChoiceField(label=_("Région"), choices=_blank(Region))
    project_type = forms.ChoiceField(label=_("Type de projet"), choices=_blank(ProjectType))
    funding_source = forms.ChoiceField(
        label=_("Source de financement"), choices=_blank(FundingSource)
    )
    staff_at_year_end = forms.IntegerField(
        label=_("Effectif au 31 décembre"), min_value=0, initial=0
    )
    jobs_created = forms.IntegerField(label=_("Emplois créés dans l’année"), min_value=0, initial=0)

    def to_line(self) -> StaffLineData:
        return StaffLineData(**{name: self.cleaned_data[name] for name in self.base_fields})


class TrainingLineForm(AccessibleFormMixin, forms.Form):
    theme = forms.ChoiceField(label=_("Thème"), choices=_blank(TrainingTheme))
    theme_label = forms.CharField(
        label=_("Précision du thème"),
        max_length=120,
        required=False,
        help_text=_("Obligatoire pour le thème « Autre »."),
    )
    sex = forms.ChoiceField(label=_("Sexe"), choices=_blank(Sex))
    age_band = forms.ChoiceField(label=_("Tranche d’âge"), choices=_blank(AgeBand))
    region = forms.ChoiceField(label=_("Région"), choices=_blank(Region))
    beneficiaries = forms.IntegerField(label=_("Bénéficiaires"), min_value=0, initial=0)

    def to_line(self) -> TrainingLineData:
        values = {name: self.cleaned_data[name] for name in self.base_fields}
        values["theme_label"] = values["theme_label"].strip()
        return TrainingLineData(**values)


StaffLineFormSet = forms.formset_factory(StaffLineForm, extra=1, can_delete=True)
TrainingLineFormSet = forms.formset_factory(TrainingLineForm, extra=1, can_delete=True)


def lines_of(formset) -> list:
    """Return the lines of a valid formset, leaving out deleted and untouched blank forms."""
    return [
        form.to_line()
        for form in formset.forms
        if form.has_changed() and not form.cleaned_data.get("DELETE")
    ]


class ImportForm(AccessibleFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Fichier à importer"),
        help_text=_(
            "Le modèle XLSX rempli, ou un fichier CSV (Personnel ou Formations) ; 5 Mo au plus."
        ),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_IMPORT_SIZE:
            raise forms.ValidationError(_("Le fichier dépasse 5 Mo : allégez-le ou découpez-le."))
        if not uploaded.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Importez un fichier .xlsx ou .csv."))
        return uploaded


class ReturnForm(AccessibleFormMixin, forms.Form):
    comments = forms.CharField(
        label=_("Commentaires pour l’ONG"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Expliquez ce que l’ONG doit corriger avant de soumettre de nouveau."),
    )
