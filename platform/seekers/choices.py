"""Fixed lists of seekers' profiles and applications, keyed by ASCII slugs that stay stable."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.choices import EducationLevel  # noqa: F401  (re-exported: profiles reuse the offers' list)


class Sex(models.TextChoices):
    FEMALE = "F", _("Femme")
    MALE = "M", _("Homme")


class Language(models.TextChoices):
    FRENCH = "fr", _("Français")
    BAMBARA = "bm", _("Bambara")
    FULFULDE = "ff", _("Peul (fulfulde)")
    SONGHAI = "son", _("Songhaï")
    TAMASHEQ = "tmh", _("Tamasheq")
    ENGLISH = "en", _("Anglais")
    OTHER = "other", _("Autre langue")


class LanguageLevel(models.TextChoices):
    NONE = "none", _("Pas du tout")
    BASIC = "basic", _("Notions")
    GOOD = "good", _("Bien")
    FLUENT = "fluent", _("Couramment")


class SkillLevel(models.TextChoices):
    BEGINNER = "beginner", _("Débutant")
    INTERMEDIATE = "intermediate", _("Intermédiaire")
    ADVANCED = "advanced", _("Confirmé")
    EXPERT = "expert", _("Expert")


class Mobility(models.TextChoices):
    COMMUNE = "commune", _("Dans ma commune")
    CERCLE = "cercle", _("Dans mon cercle")
    REGION = "region", _("Dans ma région")
    NATIONAL = "national", _("Partout au Mali")
    INTERNATIONAL = "international", _("Au Mali et à l’étranger")


# The labels above speak as the seeker, who fills the form. NGO-facing pages describe the seeker
# in the third person with these labels, keyed by the same values.
MOBILITY_FOR_ORGANISATIONS = {
    Mobility.COMMUNE: _("Dans sa commune"),
    Mobility.CERCLE: _("Dans son cercle"),
    Mobility.REGION: _("Dans sa région"),
    Mobility.NATIONAL: _("Partout au Mali"),
    Mobility.INTERNATIONAL: _("Au Mali et à l’étranger"),
}


class Availability(models.TextChoices):
    IMMEDIATE = "immediate", _("Immédiatement")
    ONE_MONTH = "one-month", _("Dans le mois")
    THREE_MONTHS = "three-months", _("Dans les trois mois")
    EMPLOYED = "employed", _("En poste, à l’écoute d’offres")


class Visibility(models.TextChoices):
    SEARCHABLE = "searchable", _("Les ONG peuvent me trouver")
    APPLIED_ONLY = "applied-only", _("Seulement les ONG auxquelles je postule")


class ApplicationKind(models.TextChoices):
    PLATFORM = "platform", _("Candidature sur Job Cluster")
    EXTERNAL_INTENT = "external-intent", _("Candidature hors plateforme déclarée")


class ApplicationStatus(models.TextChoices):
    RECEIVED = "received", _("Reçue")
    IN_REVIEW = "in-review", _("En cours d’examen")
    SHORTLISTED = "shortlisted", _("Présélectionnée")
    INTERVIEW = "interview", _("Entretien")
    HIRED = "hired", _("Embauché")
    REJECTED = "rejected", _("Non retenue")
    WITHDRAWN = "withdrawn", _("Retirée par le candidat")
    CLOSED = "closed", _("Close")
    EXTERNAL = "external", _("Envoyée hors plateforme")


class RejectionReason(models.TextChoices):
    PROFILE_MISMATCH = "profile-mismatch", _("Le profil ne correspond pas au poste")
    EXPERIENCE = "experience", _("Expérience insuffisante")
    QUALIFICATION = "qualification", _("Diplôme ou qualification manquants")
    LANGUAGE = "language", _("Langues demandées non maîtrisées")
    LOCATION = "location", _("Lieu de résidence trop éloigné")
    UNREACHABLE = "unreachable", _("Candidat injoignable")
    OTHER_CANDIDATE = "other-candidate", _("Un autre candidat a été retenu")


class ClosingReason(models.TextChoices):
    POSITION_FILLED = "position-filled", _("Poste pourvu")
