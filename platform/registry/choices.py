"""Fixed lists of the jobs registry, keyed by ASCII slugs that stay stable when labels change.

Regions come from `organisations.choices.Region` (OCHA P-codes ML01 to ML10), so the registry and
the organisations' regions of intervention share one list.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.choices import Region

__all__ = [
    "AgeBand",
    "ContractType",
    "FundingSource",
    "JobCategory",
    "Nationality",
    "ProjectType",
    "Region",
    "Sex",
    "TrainingTheme",
]


class JobCategory(models.TextChoices):
    TECHNICAL = "technique", _("Personnel technique")
    FIELD_AGENT = "agent-terrain", _("Agents de terrain")
    TRAINER = "formateur", _("Formateurs")
    LOGISTICIAN = "logisticien", _("Logisticiens")
    ADMINISTRATION = "rh-administration", _("Ressources humaines et administration")
    SPECIALIST = "specialiste", _("Spécialistes")
    OTHER = "autre", _("Autre")


class ContractType(models.TextChoices):
    PERMANENT = "cdi", _("CDI")
    FIXED_TERM = "cdd", _("CDD")
    CONSULTANCY = "consultance", _("Consultance")
    INTERNSHIP = "stage", _("Stage")
    VOLUNTEERING = "volontariat", _("Volontariat")
    DAILY_LABOUR = "journalier", _("Travail journalier")


class Sex(models.TextChoices):
    FEMALE = "F", _("Femme")
    MALE = "M", _("Homme")


class Nationality(models.TextChoices):
    NATIONAL = "national", _("National")
    EXPATRIATE = "expatrie", _("Expatrié")


class AgeBand(models.TextChoices):
    YOUTH = "15-24", _("15-24 ans")
    YOUNG_ADULT = "25-35", _("25-35 ans")
    ADULT = "36+", _("36 ans et plus")


class ProjectType(models.TextChoices):
    HUMANITARIAN = "humanitaire", _("Humanitaire")
    DEVELOPMENT = "developpement", _("Développement")


class FundingSource(models.TextChoices):
    BILATERAL = "bilateral", _("Bailleur bilatéral")
    MULTILATERAL = "multilateral", _("Bailleur multilatéral")
    OWN_FUNDS = "fonds-propres", _("Fonds propres")
    STATE = "etat", _("État")
    OTHER = "autre", _("Autre")


class TrainingTheme(models.TextChoices):
    """Training themes. `IGA` lines count the people supported in income-generating activities."""

    SOCIO_PROFESSIONAL = "insertion", _("Insertion socio-professionnelle")
    IGA = "agr", _("Activités génératrices de revenus (AGR)")
    TEACHERS = "enseignants", _("Enseignants")
    HEALTH_WORKERS = "agents-sante", _("Agents de santé")
    FARMING = "techniques-agricoles", _("Techniques agricoles")
    LIVESTOCK = "elevage", _("Élevage")
    ENVIRONMENT = "environnement", _("Protection de l’environnement")
    OTHER = "autre", _("Autre")
