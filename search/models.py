"""The database copy of the search index, and the saved searches whose alerts it feeds."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class SearchEntry(models.Model):
    """The searchable fields of one opportunity page, written by search.indexing only.

    The database backend searches these rows; the Elasticsearch backend falls back on them.
    """

    page = models.OneToOneField(
        Page, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    kind = models.CharField(_("type"), max_length=20, db_index=True)
    title = models.CharField(_("titre"), max_length=255)
    url = models.CharField(_("adresse"), max_length=500)
    summary = models.TextField(_("résumé"))
    organisation_id = models.IntegerField(_("organisation"), db_index=True)
    organisation_name = models.CharField(_("nom de l’organisation"), max_length=255)
    region_id = models.IntegerField(_("région"), null=True, db_index=True)
    cercle_id = models.IntegerField(_("cercle"), null=True, db_index=True)
    commune_id = models.IntegerField(_("commune"), null=True)
    sector_id = models.IntegerField(_("secteur"), null=True, db_index=True)
    contract = models.CharField(_("contrat"), max_length=20, blank=True, db_index=True)
    education_level = models.CharField(_("niveau d’études"), max_length=20, blank=True)
    target_groups = models.JSONField(_("publics prioritaires"), default=list)
    latitude = models.FloatField(_("latitude"), null=True)
    longitude = models.FloatField(_("longitude"), null=True)
    place = models.CharField(_("lieu"), max_length=255, blank=True)
    published_at = models.DateTimeField(_("publiée le"), db_index=True)
    closing_date = models.DateField(_("date limite"), db_index=True)
    updated_at = models.DateTimeField(_("mise à jour de la page"))
    title_text = models.TextField(_("termes du titre"))
    search_text = models.TextField(_("termes indexés"))
    # search.text.ANALYSIS_VERSION when the terms above were written; the reconciliation
    # rewrites the rows of older versions.
    analysis_version = models.PositiveSmallIntegerField(_("version de l’analyse"), default=0)
    # PostgreSQL only: the terms of `search_text` as a tsvector, the title's terms weighted A,
    # kept by a trigger (migration 0004) and searched through a GIN index. Empty on SQLite.
    search_vector = SearchVectorField(_("vecteur de recherche"), null=True, editable=False)

    class Meta:
        verbose_name = _("entrée de recherche")
        verbose_name_plural = _("entrées de recherche")

    def __str__(self) -> str:
        return self.title


class SavedSearch(models.Model):
    """A seeker's search, kept as normalised query parameters, with how to send its alerts."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("SMS")

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Chaque jour")
        WEEKLY = "weekly", _("Chaque semaine")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_searches",
        verbose_name=_("utilisateur"),
    )
    # The GET parameters of the search page, url-encoded with keys and values sorted, so the
    # same search always gives the same string.
    query_string = models.TextField(_("paramètres de recherche"), blank=True)
    channel = models.CharField(_("canal"), max_length=10, choices=Channel.choices)
    frequency = models.CharField(_("fréquence"), max_length=10, choices=Frequency.choices)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    # Start of the last digest run that looked at this search, whether or not it sent anything.
    last_checked_at = models.DateTimeField(_("dernière vérification"), null=True, blank=True)

    class Meta:
        verbose_name = _("recherche enregistrée")
        verbose_name_plural = _("recherches enregistrées")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "query_string"], name="saved_search_unique_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"


class SentAlert(models.Model):
    """An opportunity sent to a seeker in an alert; each one is sent at most once per seeker."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sent_search_alerts",
        verbose_name=_("utilisateur"),
    )
    # The alert keeps its record after the saved search is deleted, so a search saved again
    # later does not resend the same offers.
    saved_search = models.ForeignKey(
        SavedSearch,
        on_delete=models.SET_NULL,
        null=True,
        related_name="sent_alerts",
        verbose_name=_("recherche enregistrée"),
    )
    # A plain id, not a foreign key, so the record outlives the page.
    page_id = models.IntegerField(_("page"))
    sent_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("alerte envoyée")
        verbose_name_plural = _("alertes envoyées")
        constraints = [
            models.UniqueConstraint(fields=["user", "page_id"], name="sent_alert_once_per_user")
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"
