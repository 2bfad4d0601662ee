"""
Reference data: Mali's administrative divisions, intervention sectors, and the occupation and skill
taxonomy (ROME 4.0 with ISCO-08 groups).

The rows come from `manage.py load_reference_data`, which reads the files in referential/data/ and
matches each row on its natural key (`code` or `slug`). A reload keeps primary keys, so other apps
may point at these rows by foreign key.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A first-level administrative division (région, or the district of Bamako)."""

    code = models.CharField(
        _("P-code"),
        max_length=4,
        unique=True,
        help_text=_("P-code OCHA en vigueur depuis le 20 décembre 2021, de ML01 à ML10."),
    )
    code_2015 = models.CharField(
        _("P-code 2015"),
        max_length=4,
        blank=True,
        help_text=_("P-code OCHA du découpage de 2015 ; vide pour Ménaka, alors rattachée à Gao."),
    )
    name = models.CharField(_("nom"), max_length=100)

    class Meta:
        verbose_name = _("région")
        verbose_name_plural = _("régions")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Cercle(models.Model):
    """A second-level administrative division."""

    code = models.CharField(
        _("P-code"),
        max_length=6,
        unique=True,
        help_text=_("P-code OCHA en vigueur depuis le 20 décembre 2021."),
    )
    code_2015 = models.CharField(
        _("P-code 2015"),
        max_length=6,
        blank=True,
        help_text=_(
            "P-code OCHA de 2015 du cercle de même nom ; vide s’il n’existait pas en 2015."
        ),
    )
    region = models.ForeignKey(
        Region, verbose_name=_("région"), on_delete=models.PROTECT, related_name="cercles"
    )
    name = models.CharField(_("nom"), max_length=100)

    class Meta:
        verbose_name = _("cercle")
        verbose_name_plural = _("cercles")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Commune(models.Model):
    """A third-level administrative division, with the centroid of its 2015 boundary."""

    code = models.CharField(
        _("P-code 2015"),
        max_length=8,
        unique=True,
        help_text=_("P-code OCHA des limites communales de 2015."),
    )
    code_2021 = models.CharField(
        _("P-code 2021"),
        max_length=8,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "P-code du découpage de 2021, déduit des déclarations des partenaires humanitaires ; "
            "vide quand aucune correspondance n’a été trouvée."
        ),
    )
    cercle = models.ForeignKey(
        Cercle, verbose_name=_("cercle"), on_delete=models.PROTECT, related_name="communes"
    )
    name = models.CharField(_("nom"), max_length=100)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        help_text=_("Latitude du centroïde de la commune, en degrés décimaux (WGS 84)."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        help_text=_("Longitude du centroïde de la commune, en degrés décimaux (WGS 84)."),
    )

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Sector(models.Model):
    """A sector in which NGOs intervene: a humanitarian cluster or an economic sector."""

    class Kind(models.TextChoices):
        CLUSTER = "cluster", _("Cluster humanitaire")
        ECONOMIC = "economic", _("Secteur économique")

    slug = models.SlugField(_("identifiant"), max_length=60, unique=True)
    name = models.CharField(_("nom"), max_length=120)
    name_en = models.CharField(_("nom en anglais"), max_length=120)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("secteur")
        verbose_name_plural = _("secteurs")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name


class IscoGroup(models.Model):
    """A group of the International Standard Classification of Occupations (ISCO-08)."""

    code = models.CharField(
        _("code CITP-08"),
        max_length=4,
        unique=True,
        help_text=_(
            "Code de 1 à 4 chiffres : grand groupe, sous-grand groupe, sous-groupe, groupe."
        ),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("groupe parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name = models.CharField(_("intitulé"), max_length=255)
    name_en = models.CharField(_("intitulé en anglais"), max_length=255)

    class Meta:
        verbose_name = _("groupe CITP-08")
        verbose_name_plural = _("groupes CITP-08")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def level(self) -> int:
        return len(self.code)


class Occupation(models.Model):
    """A ROME occupation (fiche métier), such as A1101."""

    code = models.CharField(_("code ROME"), max_length=5, unique=True)
    name = models.CharField(_("intitulé"), max_length=255)
    definition = models.TextField(_("définition"), blank=True)
    grand_domain_code = models.CharField(_("code du grand domaine"), max_length=1, db_index=True)
    grand_domain = models.CharField(_("grand domaine"), max_length=255)
    domain_code = models.CharField(_("code du domaine professionnel"), max_length=3)
    domain = models.CharField(_("domaine professionnel"), max_length=255)
    isco_group = models.ForeignKey(
        IscoGroup,
        verbose_name=_("groupe CITP-08"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="occupations",
    )
    isco_group_is_derived = models.BooleanField(
        _("groupe CITP-08 déduit"),
        default=False,
        help_text=_(
            "Le ROME ne donne pas de code CITP-08 : le groupe est déduit en rapprochant les "
            "appellations du métier des intitulés des professions ESCO."
        ),
    )

    class Meta:
        verbose_name = _("métier")
        verbose_name_plural = _("métiers")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class OccupationTitle(models.Model):
    """A ROME job title (appellation) under one occupation."""

    code = models.CharField(_("code OGR"), max_length=10, unique=True)
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("métier"), on_delete=models.CASCADE, related_name="titles"
    )
    name = models.CharField(_("intitulé"), max_length=255)
    short_name = models.CharField(_("intitulé court"), max_length=255)
    is_main = models.BooleanField(
        _("appellation principale"),
        default=False,
        help_text=_("L’appellation qui donne son intitulé au métier."),
    )
    is_rare = models.BooleanField(_("peu usitée"), default=False)

    class Meta:
        verbose_name = _("appellation")
        verbose_name_plural = _("appellations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Skill(models.Model):
    """A ROME skill: a competence (savoir-faire or savoir-être) or an item of knowledge."""

    class Kind(models.TextChoices):
        COMPETENCE = "competence", _("Compétence")
        MACRO_COMPETENCE = "macro-competence", _("Macro-compétence")
        KNOWLEDGE = "knowledge", _("Savoir")

    code = models.CharField(_("code OGR"), max_length=10, unique=True)
    kind = models.CharField(_("nature"), max_length=20, choices=Kind.choices, db_index=True)
    name = models.CharField(_("intitulé"), max_length=255)
    category = models.CharField(
        _("catégorie"),
        max_length=100,
        help_text=_(
            "Catégorie du ROME : savoir-faire ou savoir-être professionnel pour une compétence, "
            "domaine d’expertise, technique, norme… pour un savoir."
        ),
    )

    class Meta:
        verbose_name = _("compétence ou savoir")
        verbose_name_plural = _("compétences et savoirs")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OccupationSkill(models.Model):
    """A link from an occupation to a skill that its ROME fiche lists."""

    class Section(models.TextChoices):
        KNOW_HOW = "savoir-faire", _("Savoir-faire")
        SOFT_SKILL = "savoir-etre", _("Savoir-être professionnel")
        KNOWLEDGE = "savoirs", _("Savoirs")

    occupation = models.ForeignKey(
        Occupation, verbose_name=_("métier"), on_delete=models.CASCADE, related_name="skill_links"
    )
    skill = models.ForeignKey(
        Skill,
        verbose_name=_("compétence"),
        on_delete=models.CASCADE,
        related_name="occupation_links",
    )
    section = models.CharField(
        _("rubrique"),
        max_length=20,
        choices=Section.choices,
        help_text=_("Rubrique de la fiche ROME où figure l’élément."),
    )

    class Meta:
        verbose_name = _("compétence d’un métier")
        verbose_name_plural = _("compétences des métiers")
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "skill"], name="referential_occupationskill_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.occupation_id} → {self.skill_id}"
