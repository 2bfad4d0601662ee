from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """An NGO that publishes offers and trainings and files yearly declarations.

    Content prepared by an organisation goes live only once editors have verified it.
    """

    class Kind(models.TextChoices):
        NATIONAL = "national", _("ONG nationale")
        INTERNATIONAL = "international", _("ONG internationale")

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente de vérification")
        VERIFIED = "verified", _("Vérifiée")
        REJECTED = "rejected", _("Refusée")

    name = models.CharField(_("nom"), max_length=255)
    acronym = models.CharField(_("sigle"), max_length=40, blank=True)
    registration_number = models.CharField(
        _("numéro d’enregistrement au ministère"),
        max_length=60,
        unique=True,
        help_text=_("Numéro de l’accord-cadre ou du récépissé délivré par le ministère."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    sectors = models.JSONField(_("secteurs"), default=list, blank=True)
    regions = models.JSONField(_("régions d’intervention"), default=list, blank=True)
    contact_email = models.EmailField(_("e-mail de contact"), blank=True)
    contact_phone = models.CharField(_("téléphone de contact"), max_length=20, blank=True)
    website = models.URLField(_("site web"), blank=True)
    status = models.CharField(
        _("statut"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    rejection_reason = models.TextField(_("motif du refus"), blank=True)
    verified_at = models.DateTimeField(_("vérifiée le"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vérifiée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED


class Membership(models.Model):
    """A user's place in an organisation: a member prepares content, an administrator also
    manages members."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Membre")
        ADMIN = "admin", _("Administrateur")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("adhésion")
        verbose_name_plural = _("adhésions")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="unique_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.organisation_id} ({self.role})"


class Invitation(models.Model):
    """An invitation to join an organisation, sent by e-mail or SMS and accepted once."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("adresse e-mail"), blank=True)
    phone = models.CharField(_("numéro de téléphone"), max_length=20, blank=True)
    role = models.CharField(
        _("rôle"), max_length=20, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expire le"))
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"invitation {self.pk} to organisation {self.organisation_id}"
