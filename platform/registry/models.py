"""
The jobs registry: each NGO's declarations of its staff, of the jobs it created and of the
trainings it delivered, for a period.

A declaration's lines use a long format: one row per combination of dimensions with its counts,
so every breakdown (by sex, region, contract...) adds up to the same total by construction.

People supported in income-generating activities are `TrainingLine` rows with the theme
`TrainingTheme.IGA`, because they carry the same dimensions (sex, age band, region) and count.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
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


def make_period(year: int, quarter: int | None) -> str:
    """Return the period key: "2024" for a whole year, "2024-T2" for a quarter."""
    return str(year) if quarter is None else f"{year}-T{quarter}"


class Declaration(models.Model):
    """One version of an organisation's declaration for a period.

    Only the latest version of a period is `is_current`. A validated version is locked: a
    correction is a new version, and the last validated version stays the published figure until
    the new one is validated.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        SUBMITTED = "submitted", _("Soumise")
        VALIDATED = "validated", _("Validée")
        RETURNED = "returned", _("Renvoyée pour correction")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="declarations",
    )
    year = models.PositiveSmallIntegerField(_("année"))
    quarter = models.PositiveSmallIntegerField(
        _("trimestre"),
        null=True,
        blank=True,
        help_text=_("Vide pour une déclaration annuelle."),
    )
    period = models.CharField(_("période"), max_length=10, editable=False)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("version en cours"), default=True)
    status = models.CharField(
        _("statut"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )

    declared_staff_total = models.IntegerField(
        _("effectif total au 31 décembre"), null=True, blank=True
    )
    declared_staff_nationals = models.IntegerField(_("dont nationaux"), null=True, blank=True)
    declared_staff_expatriates = models.IntegerField(_("dont expatriés"), null=True, blank=True)
    declared_jobs_created_total = models.IntegerField(
        _("emplois créés dans l’année"), null=True, blank=True
    )
    declared_beneficiaries_total = models.IntegerField(
        _("personnes formées ou accompagnées"), null=True, blank=True
    )

    review_comments = models.TextField(_("commentaires de l’analyste"), blank=True)
    submitted_at = models.DateTimeField(_("soumise le"), null=True, blank=True)
    validated_at = models.DateTimeField(_("validée le"), null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("validée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("déclaration")
        verbose_name_plural = _("déclarations")
        ordering = ["-year", "organisation__name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period", "version"],
                name="registry_unique_declaration_version",
            ),
            models.UniqueConstraint(
                fields=["organisation", "period"],
                condition=Q(is_current=True),
                name="registry_one_current_declaration",
            ),
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | Q(quarter__gte=1, quarter__lte=4),
                name="registry_quarter_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        return f"declaration {self.pk} {self.period} v{self.version}"

    def save(self, *args, **kwargs):
        self.period = make_period(self.year, self.quarter)
        super().save(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def period_label(self) -> str:
        if self.quarter is None:
            return str(self.year)
        return _("T%(quarter)s %(year)s") % {"quarter": self.quarter, "year": self.year}


class StaffLine(models.Model):
    """Staff at year end and jobs created during the period for one combination of dimensions."""

    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="staff_lines"
    )
    category = models.CharField(_("catégorie d’emploi"), max_length=30, choices=JobCategory.choices)
    contract_type = models.CharField(
        _("type de contrat"), max_length=20, choices=ContractType.choices
    )
    sex = models.CharField(_("sexe"), max_length=1, choices=Sex.choices)
    nationality = models.CharField(_("nationalité"), max_length=10, choices=Nationality.choices)
    age_band = models.CharField(_("tranche d’âge"), max_length=5, choices=AgeBand.choices)
    region = models.CharField(_("région"), max_length=4, choices=Region.choices)
    project_type = models.CharField(_("type de projet"), max_length=20, choices=ProjectType.choices)
    funding_source = models.CharField(
        _("source de financement"), max_length=20, choices=FundingSource.choices
    )
    staff_at_year_end = models.IntegerField(_("effectif au 31 décembre"), default=0)
    jobs_created = models.IntegerField(_("emplois créés dans l’année"), default=0)

    class Meta:
        verbose_name = _("ligne de personnel")
        verbose_name_plural = _("lignes de personnel")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"staff line {self.pk} of declaration {self.declaration_id}"


class TrainingLine(models.Model):
    """Beneficiaries of one training theme for one combination of sex, age band and region."""

    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="training_lines"
    )
    theme = models.CharField(_("thème"), max_length=30, choices=TrainingTheme.choices)
    theme_label = models.CharField(
        _("précision du thème"),
        max_length=120,
        blank=True,
        help_text=_("Obligatoire pour le thème « Autre »."),
    )
    sex = models.CharField(_("sexe"), max_length=1, choices=Sex.choices)
    age_band = models.CharField(_("tranche d’âge"), max_length=5, choices=AgeBand.choices)
    region = models.CharField(_("région"), max_length=4, choices=Region.choices)
    beneficiaries = models.IntegerField(_("bénéficiaires"), default=0)

    class Meta:
        verbose_name = _("ligne de formation")
        verbose_name_plural = _("lignes de formation")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"training line {self.pk} of declaration {self.declaration_id}"


class ImportedFile(models.Model):
    """A spreadsheet imported into a declaration, kept by its SHA-256 to reject a second upload."""

    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="imported_files"
    )
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(_("nom du fichier"), max_length=255)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("importé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("fichier importé")
        verbose_name_plural = _("fichiers importés")
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "sha256"], name="registry_unique_imported_file"
            ),
        ]

    def __str__(self) -> str:
        return f"imported file {self.pk} of declaration {self.declaration_id}"


class DeclarationEvent(models.Model):
    """An audit-log entry: who changed a declaration, how, and its values before and after."""

    class Action(models.TextChoices):
        CREATED = "created", _("Création")
        UPDATED = "updated", _("Modification")
        IMPORTED = "imported", _("Import d’un fichier")
        SUBMITTED = "submitted", _("Soumission")
        VALIDATED = "validated", _("Validation")
        RETURNED = "returned", _("Renvoi pour correction")
        NEW_VERSION = "new_version", _("Nouvelle version")

    declaration = models.ForeignKey(
        Declaration,
        verbose_name=_("déclaration"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    before = models.JSONField(_("avant"), null=True, blank=True)
    after = models.JSONField(_("après"), null=True, blank=True)
    created_at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("événement de déclaration")
        verbose_name_plural = _("événements de déclaration")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} on declaration {self.declaration_id}"
