"""
Job seekers' profiles and their applications to offers.

A profile belongs to one user account. Applications keep working after the seeker deletes their
account: `seeker` becomes null and the personal fields are blanked, so the NGO's inbox and the
registry's placements keep their counts.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.choices import EducationLevel

from .choices import (
    MOBILITY_FOR_ORGANISATIONS,
    ApplicationKind,
    ApplicationStatus,
    Availability,
    ClosingReason,
    Language,
    LanguageLevel,
    Mobility,
    RejectionReason,
    Sex,
    SkillLevel,
    Visibility,
)

# CVs are private: only the views of `cv_views` serve them, after a permission check. The
# development media route refuses this folder of MEDIA_ROOT (`jobcluster.media`), and a deployment
# must not serve it either.
CV_FOLDER = "seekers/cv"


def cv_upload_to(instance: models.Model, filename: str) -> str:
    """Return a random storage name for an uploaded CV, so no name or guessable path leaks.

    CVs stored before this change keep their original names and stay readable.
    """
    return f"{CV_FOLDER}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


class SeekerProfile(models.Model):
    """A job seeker's description for NGOs: place, education, skills, wishes and CV."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.CASCADE,
        related_name="seeker_profile",
    )
    region = models.ForeignKey(
        "referential.Region",
        verbose_name=_("région"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    cercle = models.ForeignKey(
        "referential.Cercle",
        verbose_name=_("cercle"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    commune = models.ForeignKey(
        "referential.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    date_of_birth = models.DateField(_("date de naissance"), null=True, blank=True)
    sex = models.CharField(_("sexe"), max_length=1, choices=Sex.choices, blank=True)
    nationality = models.CharField(
        _("nationalité"),
        max_length=2,
        default="ML",
        help_text=_("Code pays à deux lettres (ISO 3166-1), par exemple ML pour le Mali."),
    )
    education_level = models.CharField(
        _("niveau d’études"), max_length=20, choices=EducationLevel.choices, blank=True
    )
    desired_occupations = models.ManyToManyField(
        "referential.Occupation",
        verbose_name=_("métiers recherchés"),
        blank=True,
        related_name="+",
    )
    desired_sectors = models.ManyToManyField(
        "referential.Sector", verbose_name=_("secteurs recherchés"), blank=True, related_name="+"
    )
    mobility = models.CharField(_("mobilité"), max_length=20, choices=Mobility.choices, blank=True)
    availability = models.CharField(
        _("disponibilité"), max_length=20, choices=Availability.choices, blank=True
    )
    cv = models.FileField(_("CV (PDF)"), upload_to=cv_upload_to, blank=True)
    visibility = models.CharField(
        _("qui peut voir mon profil"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.APPLIED_ONLY,
    )
    visibility_changed_at = models.DateTimeField(_("choix de visibilité fait le"), null=True)
    counsellor_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("accompagné par"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Centre de jeunes ou ONG dont les conseillers ont inscrit ce chercheur."),
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("conseiller"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="counselled_profiles",
        help_text=_("Le conseiller qui reçoit les avis destinés à ce chercheur."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modifié par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("profil de chercheur d’emploi")
        verbose_name_plural = _("profils de chercheurs d’emploi")

    def __str__(self) -> str:
        return f"seeker profile {self.pk} of user {self.user_id}"

    def get_mobility_display_for_organisations(self) -> str:
        """Return the mobility in the third person, as NGO-facing pages show it."""
        return str(MOBILITY_FOR_ORGANISATIONS.get(self.mobility, ""))

    def age_on(self, day: datetime.date) -> int | None:
        """Return the age in whole years on `day`, or None without a date of birth."""
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class SeekerSkill(models.Model):
    """A skill of the taxonomy that the seeker has, with a self-assessed level."""

    profile = models.ForeignKey(SeekerProfile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(
        "referential.Skill", verbose_name=_("compétence"), on_delete=models.PROTECT
    )
    level = models.CharField(_("niveau"), max_length=20, choices=SkillLevel.choices)

    class Meta:
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")
        constraints = [
            models.UniqueConstraint(fields=["profile", "skill"], name="seeker_skill_once"),
        ]

    def __str__(self) -> str:
        return f"skill {self.skill_id} of seeker profile {self.profile_id}"


class SeekerLanguage(models.Model):
    """A language the seeker speaks or writes; `other_name` names it when `language` is other."""

    profile = models.ForeignKey(SeekerProfile, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("langue"), max_length=10, choices=Language.choices)
    other_name = models.CharField(_("autre langue"), max_length=60, blank=True)
    spoken = models.CharField(_("à l’oral"), max_length=10, choices=LanguageLevel.choices)
    written = models.CharField(_("à l’écrit"), max_length=10, choices=LanguageLevel.choices)

    class Meta:
        verbose_name = _("langue")
        verbose_name_plural = _("langues")

    def __str__(self) -> str:
        return f"language {self.language} of seeker profile {self.profile_id}"


class Experience(models.Model):
    """A past or current job, internship or volunteering position."""

    profile = models.ForeignKey(SeekerProfile, on_delete=models.CASCADE, related_name="experiences")
    title = models.CharField(_("poste"), max_length=150)
    employer = models.CharField(_("employeur"), max_length=150, blank=True)
    start_date = models.DateField(_("début"))
    end_date = models.DateField(
        _("fin"), null=True, blank=True, help_text=_("Vide si vous occupez toujours ce poste.")
    )
    description = models.TextField(_("tâches"), blank=True)

    class Meta:
        verbose_name = _("expérience")
        verbose_name_plural = _("expériences")
        ordering = ["-start_date", "pk"]

    def __str__(self) -> str:
        return f"experience {self.pk} of seeker profile {self.profile_id}"


class CompletedTraining(models.Model):
    """A training the seeker followed: a training page of the platform, or one described in text."""

    profile = models.ForeignKey(SeekerProfile, on_delete=models.CASCADE, related_name="trainings")
    training = models.ForeignKey(
        "cms.TrainingPage",
        verbose_name=_("formation de la plateforme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("intitulé"), max_length=200, blank=True)
    organisation_name = models.CharField(_("organisme"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("année"), null=True, blank=True)

    class Meta:
        verbose_name = _("formation suivie")
        verbose_name_plural = _("formations suivies")

    def __str__(self) -> str:
        return f"training {self.pk} of seeker profile {self.profile_id}"


class Consent(models.Model):
    """One visibility choice of a seeker, kept as a history: who recorded it, when and how."""

    class Method(models.TextChoices):
        ONLINE = "online", _("En ligne, par le chercheur d’emploi")
        ORAL = "oral", _("À l’oral, devant un conseiller")
        PAPER_FORM = "paper-form", _("Formulaire papier signé")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seeker_consents"
    )
    visibility = models.CharField(_("visibilité"), max_length=20, choices=Visibility.choices)
    method = models.CharField(
        _("recueilli"), max_length=20, choices=Method.choices, default=Method.ONLINE
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enregistré par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("enregistré le"), default=timezone.now)
    given_on = models.DateField(
        _("donné le"),
        null=True,
        blank=True,
        help_text=_("Jour où le chercheur a donné son accord, s’il précède l’enregistrement."),
    )
    note = models.CharField(
        _("précision"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple l’endroit où le formulaire signé est classé."),
    )

    class Meta:
        verbose_name = _("consentement")
        verbose_name_plural = _("consentements")
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"consent {self.pk} of user {self.user_id}"


class Application(models.Model):
    """A seeker's application to an offer, or their note that they applied outside the platform."""

    seeker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("candidat"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        help_text=_("Vide une fois le compte du candidat supprimé."),
    )
    offer = models.ForeignKey(
        "cms.OfferPage", verbose_name=_("offre"), on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("type"), max_length=20, choices=ApplicationKind.choices)
    status = models.CharField(
        _("statut"), max_length=20, choices=ApplicationStatus.choices, db_index=True
    )
    message = models.TextField(_("message"), blank=True)
    cv = models.FileField(_("CV (PDF)"), upload_to=cv_upload_to, blank=True)
    rejection_reason = models.CharField(
        _("motif du refus"), max_length=30, choices=RejectionReason.choices, blank=True
    )
    closing_reason = models.CharField(
        _("motif de clôture"), max_length=30, choices=ClosingReason.choices, blank=True
    )
    hired_at = models.DateTimeField(_("embauché le"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("envoyée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Le conseiller qui a postulé pour le chercheur, sinon le chercheur lui-même."),
    )
    anonymised_at = models.DateTimeField(_("anonymisée le"), null=True, blank=True)
    created_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["seeker", "offer"], name="one_application_per_offer"),
        ]

    def __str__(self) -> str:
        return f"application {self.pk} to offer {self.offer_id}"


class ApplicationEvent(models.Model):
    """One status change of an application, shown to the seeker as its history."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(
        _("statut précédent"), max_length=20, choices=ApplicationStatus.choices, blank=True
    )
    to_status = models.CharField(_("statut"), max_length=20, choices=ApplicationStatus.choices)
    reason = models.CharField(_("motif"), max_length=30, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("changement de statut")
        verbose_name_plural = _("changements de statut")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"event {self.pk} of application {self.application_id}"


class OfferFilling(models.Model):
    """An offer that the platform closed because its hires filled its positions.

    Kept so that undoing one of those hires can reopen the offer and its closed applications.
    """

    offer = models.OneToOneField(
        "cms.OfferPage", verbose_name=_("offre"), on_delete=models.CASCADE, related_name="+"
    )
    live_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("version en ligne"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "La version publiée que la plateforme a retirée, vide si l’offre était hors ligne."
        ),
    )
    closed_at = models.DateTimeField(_("close le"), default=timezone.now)

    class Meta:
        verbose_name = _("offre pourvue")
        verbose_name_plural = _("offres pourvues")

    def __str__(self) -> str:
        return f"filling of offer {self.offer_id}"


class ProfileEvent(models.Model):
    """An audit entry: a counsellor acting for a seeker, or an NGO searching or viewing profiles.

    A search has no `profile`; `details` then holds its filters and the number of results.
    """

    class Action(models.TextChoices):
        REGISTERED = "registered", _("Inscription par un conseiller")
        EDITED = "edited", _("Profil modifié par un conseiller")
        CONSENT_RECORDED = "consent-recorded", _("Consentement enregistré par un conseiller")
        APPLIED = "applied", _("Candidature envoyée par un conseiller")
        SEARCHED = "searched", _("Recherche de profils par une ONG")
        VIEWED = "viewed", _("Profil consulté par une ONG")
        CV_DOWNLOADED = "cv-downloaded", _("CV téléchargé par une ONG")

    profile = models.ForeignKey(
        SeekerProfile,
        verbose_name=_("profil"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    details = models.JSONField(_("détails"), default=dict, blank=True)
    created_at = models.DateTimeField(_("le"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("événement de profil")
        verbose_name_plural = _("événements de profil")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"profile event {self.pk}: {self.action}"
