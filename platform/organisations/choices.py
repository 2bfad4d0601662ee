"""Fixed lists that organisations choose from: sectors of activity and regions of intervention."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    """Sectors of activity, keyed by ASCII slugs that stay stable when labels change.

    NOTE: a fixed list until the reference-data app ships the sector taxonomy; the keys are then
    to be mapped onto it.
    """

    HEALTH = "sante", _("Santé")
    NUTRITION = "nutrition", _("Nutrition")
    EDUCATION = "education", _("Éducation")
    WASH = "eha", _("Eau, hygiène et assainissement (EHA)")
    FOOD_SECURITY = "securite-alimentaire", _("Sécurité alimentaire")
    AGRICULTURE = "agriculture-elevage", _("Agriculture et élevage")
    PROTECTION = "protection", _("Protection")
    SHELTER = "abris", _("Abris")
    EARLY_RECOVERY = "relevement-precoce", _("Relèvement précoce et moyens d’existence")
    GOVERNANCE = "gouvernance", _("Gouvernance")
    ENVIRONMENT = "environnement", _("Environnement")
    VOCATIONAL_TRAINING = "formation-professionnelle", _("Formation professionnelle")


class Region(models.TextChoices):
    """Mali's regions as OCHA P-codes of the administrative boundaries valid from 2021-12-20.

    The codes come from the OCHA COD-AB Mali table, which has ten first-level units with Ménaka
    as ML10. The labels restore the French accents that the source files drop.
    """

    KAYES = "ML01", "Kayes"
    KOULIKORO = "ML02", "Koulikoro"
    SIKASSO = "ML03", "Sikasso"
    SEGOU = "ML04", "Ségou"
    MOPTI = "ML05", "Mopti"
    TOMBOUCTOU = "ML06", "Tombouctou"
    GAO = "ML07", "Gao"
    KIDAL = "ML08", "Kidal"
    BAMAKO = "ML09", "Bamako"
    MENAKA = "ML10", "Ménaka"
