from django.db import models
from django.utils.translation import gettext_lazy as _


class OfferReport(models.Model):
    """A visitor's warning to the editors that an offer or training looks like a scam."""

    class Reason(models.TextChoices):
        SCAM = "scam", _("Arnaque : on demande de l’argent pour postuler ou être recruté")
        FAKE = "fake", _("Offre fictive ou organisation inconnue")
        INAPPROPRIATE = "inappropriate", _("Contenu inapproprié ou discriminatoire")
        OTHER = "other", _("Autre raison")

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("motif"), max_length=20, choices=Reason.choices)
    message = models.TextField(_("précisions"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("signalée le"), auto_now_add=True)
    handled_at = models.DateTimeField(_("traitée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"report {self.pk} on page {self.page_id}"

    @property
    def is_handled(self) -> bool:
        return self.handled_at is not None

    def status(self) -> str:
        """Return the translated label of the report's state, for the editors' list."""
        return str(_("traité") if self.is_handled else _("à traiter"))

    status.short_description = _("statut")  # type: ignore[attr-defined]
