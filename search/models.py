"""The database copy of the search index: one row per live, unexpired offer or training."""

from __future__ import annotations

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

    class Meta:
        verbose_name = _("entrée de recherche")
        verbose_name_plural = _("entrées de recherche")

    def __str__(self) -> str:
        return self.title
