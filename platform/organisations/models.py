import re

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Region, Sector

_WHITESPACE = re.compile(r"\s+")


def clean_registration_number(value: str) -> str:
    """Return `value` with surrounding whitespace removed and inner runs of whitespace collapsed."""
    return _WHITESPACE.sub(" ", value).strip()


def make_registration_number_key(value: str) -> str:
    """Return the form of a registration number that duplicates are detected on.

    Two numbers that differ only in whitespace or letter case are the same number.
    """
    return _WHITESPACE.sub("", value).upper()


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
    registration_number_key = models.CharField(max_length=60, unique=True, editable=False)
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

    def save(self, *args, **kwargs):
        self.registration_number = clean_registration_number(self.registration_number)
        self.registration_number_key = make_registration_number_key(self.registration_number)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "registration_number" in update_fields:
            kwargs["update_fields"] = {*update_fields, "registration_number_key"}
        super().save(*args, **kwargs)

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED

    @property
    def sector_labels(self) -> list[str]:
        labels = dict(Sector.choices)
        return [str(labels.get(key, key)) for key in self.sectors]

    @property
    def region_labels(self) -> list[str]:
        labels = dict(Region.choices)
        return [str(labels.get(key, key)) for key in self.regions]

    def administrators(self) -> models.QuerySet:
        """Return the users who administer this organisation."""
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(
            memberships__organisation=self, memberships__role=Membership.Role.ADMIN
        )


class Membership(models.Model):
    """A user's place in an organisation: a member prepares content, an administrator also
    manages members, and a counsellor registers and accompanies job seekers."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Membre")
        ADMIN = "admin", _("Administrateur")
        COUNSELLOR = "counsellor", _("Conseiller d’insertion")

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

    @property
    def is_used(self) -> bool:
        return self.accepted_at is not None

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class OrganisationEvent(models.Model):
    """An audit-log entry: who changed an organisation's status or members, and from what to what.

    `before` and `after` hold the changed values only, with users and invitations as ids.
    """

    class Action(models.TextChoices):
        REGISTERED = "registered", _("Inscription")
        UPDATED = "updated", _("Modification")
        RESUBMITTED = "resubmitted", _("Nouvelle soumission")
        VERIFIED = "verified", _("Vérification")
        REJECTED = "rejected", _("Refus")
        MEMBER_INVITED = "member_invited", _("Invitation d’un membre")
        MEMBER_JOINED = "member_joined", _("Arrivée d’un membre")
        MEMBER_REMOVED = "member_removed", _("Retrait d’un membre")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
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
        verbose_name = _("événement d’organisation")
        verbose_name_plural = _("événements d’organisation")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} on organisation {self.organisation_id}"
