"""
Hires made through the platform, counted next to the registry, and the analysts' API tokens.

A `Placement` contains no identity, only the dimensions that the statistics break figures down by.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.choices import Sector
from registry.choices import AgeBand, ContractType, Nationality, ProjectType, Region, Sex


class PlacementSex(models.TextChoices):
    """The seeker's sex as a placement records it; a seeker may leave it out of their profile."""

    FEMALE = Sex.FEMALE.value, Sex.FEMALE.label
    MALE = Sex.MALE.value, Sex.MALE.label
    NOT_GIVEN = "NR", _("Non renseigné")


class Placement(models.Model):
    """A job seeker hired through the platform, written once by `placements.record_placement`."""

    source_key = models.CharField(
        _("clé de la source"),
        max_length=100,
        unique=True,
        help_text=_("Identifiant de l’embauche dans l’application qui l’a enregistrée."),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    offer_id = models.PositiveBigIntegerField(_("offre"), null=True, blank=True)
    occupation_code = models.CharField(_("code du métier"), max_length=20, blank=True)
    sector = models.CharField(_("secteur"), max_length=30, choices=Sector.choices, blank=True)
    contract_type = models.CharField(
        _("type de contrat"), max_length=20, choices=ContractType.choices
    )
    start_date = models.DateField(_("date d’embauche"), db_index=True)
    region = models.CharField(_("région"), max_length=4, choices=Region.choices)
    project_type = models.CharField(
        _("type de projet"), max_length=20, choices=ProjectType.choices, blank=True
    )
    sex = models.CharField(_("sexe"), max_length=2, choices=PlacementSex.choices)
    age_band = models.CharField(_("tranche d’âge"), max_length=5, choices=AgeBand.choices)
    nationality = models.CharField(_("nationalité"), max_length=10, choices=Nationality.choices)
    created_at = models.DateTimeField(_("enregistrée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("embauche par la plateforme")
        verbose_name_plural = _("embauches par la plateforme")
        ordering = ["-start_date", "pk"]

    def __str__(self) -> str:
        return f"placement {self.pk} of organisation {self.organisation_id}"


class ApiToken(models.Model):
    """An analyst's key to the statistics API. Only the SHA-256 of the key is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utilisateur"),
        on_delete=models.CASCADE,
        related_name="statistics_api_tokens",
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    name = models.CharField(_("nom"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)

    class Meta:
        verbose_name = _("jeton d’API")
        verbose_name_plural = _("jetons d’API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"api token {self.pk} of user {self.user_id}"
