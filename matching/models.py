"""Stored ranker versions and the recommendations computed with them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RankerModel(models.Model):
    """One trained version of the learned ranker: its file, checksum, feature schema and metrics."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    feature_schema_version = models.PositiveSmallIntegerField(_("version des variables"))
    file_path = models.CharField(
        _("fichier"), max_length=255, help_text=_("Chemin relatif au dossier MEDIA_ROOT.")
    )
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64)
    metrics = models.JSONField(_("mesures"), default=dict, blank=True)

    class Meta:
        verbose_name = _("modèle de classement")
        verbose_name_plural = _("modèles de classement")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"ranker model v{self.version}"


class Recommendation(models.Model):
    """An offer recommended to a seeker, with the score and the explanation computed together."""

    profile = models.ForeignKey(
        "seekers.SeekerProfile", on_delete=models.CASCADE, related_name="recommendations"
    )
    offer = models.ForeignKey("cms.OfferPage", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"))
    # Skill ids, distance and reason codes as `matching.engine.explain_pair` returns them.
    explanation = models.JSONField(_("explication"), default=dict)
    ranker_version = models.PositiveIntegerField(
        _("version du modèle"), null=True, blank=True, help_text=_("Vide : score de contenu.")
    )
    computed_at = models.DateTimeField(_("calculée le"))

    class Meta:
        verbose_name = _("recommandation")
        verbose_name_plural = _("recommandations")
        ordering = ["profile", "-score", "offer"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "offer"], name="recommendation_once"),
        ]

    def __str__(self) -> str:
        return f"offer {self.offer_id} for seeker profile {self.profile_id}"
