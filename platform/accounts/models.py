from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, phone, password, **extra_fields):
        if not email and not phone and not extra_fields.get("reached_through_counsellor"):
            raise ValueError(
                "A user needs an e-mail address or a phone number, "
                "unless a counsellor registered them (reached_through_counsellor=True)."
            )
        email = self.normalize_email(email) if email else None
        user = self.model(email=email, phone=phone or None, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, phone=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, phone, password, **extra_fields)

    def create_superuser(self, email=None, password=None, phone=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, phone, password, **extra_fields)


class User(AbstractUser):
    """An account, identified by its e-mail address, its phone number, or both.

    A job seeker without a phone or an e-mail address exists when a counsellor registered them:
    `reached_through_counsellor` is then set, the account has no usable password, and notices
    go to the counsellor (see `seekers.counselling`).

    `role` holds the platform-wide role given by staff (editor, observatory analyst); roles in an
    organisation come from `organisations.Membership`. `accounts.roles` turns both into what the
    user may do.
    """

    class PlatformRole(models.TextChoices):
        NONE = "", _("Aucun")
        EDITOR = "editor", _("Éditeur")
        ANALYST = "analyst", _("Analyste de l’observatoire")

    username = None
    email = models.EmailField(_("adresse e-mail"), unique=True, null=True, blank=True)
    phone = models.CharField(
        _("numéro de téléphone"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Au format international, par exemple +223 70 12 34 56."),
    )
    phone_verified = models.BooleanField(_("téléphone vérifié"), default=False)
    reached_through_counsellor = models.BooleanField(
        _("joignable par son conseiller"),
        default=False,
        help_text=_(
            "Compte créé par un conseiller pour une personne sans e-mail ni téléphone : "
            "les avis passent par le conseiller."
        ),
    )
    platform_role = models.CharField(
        _("rôle sur la plateforme"),
        max_length=20,
        choices=PlatformRole.choices,
        default=PlatformRole.NONE,
        blank=True,
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        constraints = [
            models.CheckConstraint(
                condition=Q(email__isnull=False)
                | Q(phone__isnull=False)
                | Q(reached_through_counsellor=True),
                name="user_has_email_phone_or_counsellor",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email or self.phone or f"#{self.pk}"
