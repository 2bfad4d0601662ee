"""Fixed lists that offers and trainings choose from, keyed by ASCII slugs that stay stable."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OfferKind(models.TextChoices):
    JOB = "job", _("Offre d’emploi")
    INTERNSHIP = "internship", _("Stage")
    VOLUNTEERING = "volunteering", _("Volontariat")


class ContractType(models.TextChoices):
    CDI = "cdi", _("CDI")
    CDD = "cdd", _("CDD")
    CONSULTANCY = "consultancy", _("Consultance")
    INTERNSHIP = "internship", _("Stage")
    VOLUNTEERING = "volunteering", _("Volontariat")
    DAILY_LABOUR = "daily-labour", _("Travail journalier")


# schema.org JobPosting employmentType for each contract type.
EMPLOYMENT_TYPES = {
    ContractType.CDI: "FULL_TIME",
    ContractType.CDD: "TEMPORARY",
    ContractType.CONSULTANCY: "CONTRACTOR",
    ContractType.INTERNSHIP: "INTERN",
    ContractType.VOLUNTEERING: "VOLUNTEER",
    ContractType.DAILY_LABOUR: "PER_DIEM",
}


class EducationLevel(models.TextChoices):
    NONE = "none", _("Aucun diplôme exigé")
    PRIMARY = "primary", _("Niveau primaire")
    DEF = "def", _("DEF (diplôme d’études fondamentales)")
    CAP = "cap", _("CAP")
    BT = "bt", _("BT (brevet de technicien)")
    BAC = "bac", _("Baccalauréat")
    BAC_2 = "bac+2", _("Bac + 2 (DUT, BTS)")
    LICENCE = "licence", _("Licence (bac + 3)")
    MASTER = "master", _("Master (bac + 5)")
    DOCTORATE = "doctorate", _("Doctorat")


class Language(models.TextChoices):
    FRENCH = "fr", _("Français")
    BAMBARA = "bm", _("Bambara")
    FULFULDE = "ff", _("Peul (fulfulde)")
    SONGHAI = "son", _("Songhaï")
    TAMASHEQ = "tmh", _("Tamasheq")
    SONINKE = "snk", _("Soninké")
    ARABIC = "ar", _("Arabe")
    ENGLISH = "en", _("Anglais")


class ApplicationMethod(models.TextChoices):
    PLATFORM = "platform", _("Sur Job Cluster")
    LINK = "link", _("Sur un site externe")
    EMAIL = "email", _("Par e-mail")


class TargetGroup(models.TextChoices):
    YOUTH = "youth", _("Jeunes")
    WOMEN = "women", _("Femmes")
    DISPLACED = "displaced", _("Personnes déplacées")
    DISABLED = "disabled", _("Personnes en situation de handicap")


class ProjectType(models.TextChoices):
    HUMANITARIAN = "humanitarian", _("Humanitaire")
    DEVELOPMENT = "development", _("Développement")


class TrainingTheme(models.TextChoices):
    INSERTION = "insertion", _("Insertion socioprofessionnelle")
    INCOME_GENERATION = "income-generation", _("Activités génératrices de revenus")
    TEACHERS = "teachers", _("Formation des enseignants")
    HEALTH_WORKERS = "health-workers", _("Formation des agents de santé")
    FARMING = "farming", _("Techniques agricoles")
    LIVESTOCK = "livestock", _("Élevage")
    ENVIRONMENT = "environment", _("Protection de l’environnement")
    OTHER = "other", _("Autre thème")
