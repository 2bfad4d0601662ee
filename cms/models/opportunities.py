"""Offers and trainings: the opportunity pages that an NGO publishes under its organisation page.

Every field that search, matching and statistics read is a model field with a fixed list of
choices or a foreign key into the reference data, never free text in a rich-text body.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from ..admin_forms import OfferPageForm, TrainingPageForm
from ..choices import (
    EMPLOYMENT_TYPES,
    ApplicationMethod,
    ContractType,
    EducationLevel,
    Language,
    OfferKind,
    ProjectType,
    TargetGroup,
    TrainingTheme,
)
from ..fields import MultipleChoiceField
from ..time import BAMAKO, bamako_today
from ..widgets import SkillChooserWidget

SIMILAR_OFFERS_COUNT = 4

# Escapes that keep a JSON document from closing the <script> element that carries it.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


class OpportunityPage(Page):
    """Fields and checks shared by offers and trainings: organisation, place, skills."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text=_("Recopiée de la page d’organisation parente à chaque enregistrement."),
    )
    description = models.TextField(_("description"))
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
    is_remote_or_multi_site = models.BooleanField(
        _("à distance ou en plusieurs lieux"),
        default=False,
        help_text=_(
            "Cochez si l’offre n’a pas un lieu unique ; la région devient alors facultative."
        ),
    )

    parent_page_types = ["cms.OrganisationPage"]
    subpage_types: list[str] = []

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # The organisation always follows the parent page, so a moved or copied page cannot keep
        # pointing at another organisation.
        parent = self.get_parent() if self.path else None
        if parent is not None:
            organisation_id = getattr(parent.specific, "organisation_id", None)
            if organisation_id is not None:
                self.organisation_id = organisation_id
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors: dict[str, Any] = {}
        self._clean_location(errors)
        self._clean_more(errors)

        # Every publishing path saves the page live, the approval of a workflow task included.
        if self.live and self.organisation_id is not None and not self.organisation.is_verified:
            errors["__all__"] = _(
                "L’organisation n’est pas encore vérifiée par les éditeurs : "
                "cette page ne peut pas être publiée."
            )
        if errors:
            raise ValidationError(errors)

    def _clean_more(self, errors: dict[str, Any]) -> None:
        """Add the checks of a subclass to `errors`, keyed by field name."""

    def _clean_location(self, errors: dict[str, Any]) -> None:
        if self.region_id is None and not self.is_remote_or_multi_site:
            errors["region"] = _(
                "Choisissez une région, ou cochez « à distance ou en plusieurs lieux »."
            )
        if self.cercle_id is not None and self.region_id is not None:
            if self.cercle.region_id != self.region_id:
                errors["cercle"] = _(
                    "Le cercle « %(cercle)s » n’est pas dans la région « %(region)s »."
                ) % {"cercle": self.cercle.name, "region": self.region.name}
        if self.commune_id is not None:
            commune = self.commune
            if self.cercle_id is not None and commune.cercle_id != self.cercle_id:
                errors["commune"] = _(
                    "La commune « %(commune)s » n’est pas dans le cercle « %(cercle)s »."
                ) % {"commune": commune.name, "cercle": self.cercle.name}
            elif self.region_id is not None and commune.cercle.region_id != self.region_id:
                errors["commune"] = _(
                    "La commune « %(commune)s » n’est pas dans la région « %(region)s »."
                ) % {"commune": commune.name, "region": self.region.name}

    def _stored_value(self, field_name: str) -> Any:
        """Return the value of `field_name` in the database row, or None for a new page."""
        if self.pk is None:
            return None
        return type(self).objects.filter(pk=self.pk).values_list(field_name, flat=True).first()

    @property
    def place_label(self) -> str:
        parts = [str(part) for part in (self.commune, self.cercle, self.region) if part is not None]
        if not parts:
            return str(_("À distance ou en plusieurs lieux"))
        return ", ".join(dict.fromkeys(parts))


class OfferPage(OpportunityPage):
    """A job offer, an internship or a volunteering position."""

    kind = models.CharField(
        _("type d’offre"), max_length=20, choices=OfferKind.choices, default=OfferKind.JOB
    )
    occupation = models.ForeignKey(
        "referential.Occupation",
        verbose_name=_("métier"),
        null=True,
        on_delete=models.PROTECT,
        related_name="offer_pages",
        help_text=_("Le métier du répertoire ROME le plus proche du poste."),
    )
    # The admin accepts only the chosen occupation's skills (see cms.admin_forms.OfferPageForm).
    skills = ParentalManyToManyField(
        "referential.Skill",
        verbose_name=_("compétences recherchées"),
        blank=True,
        related_name="offer_pages",
    )
    sector = models.ForeignKey(
        "referential.Sector",
        verbose_name=_("secteur"),
        null=True,
        on_delete=models.PROTECT,
        related_name="offer_pages",
    )
    contract_type = models.CharField(
        _("type de contrat"), max_length=20, choices=ContractType.choices
    )
    positions = models.PositiveSmallIntegerField(_("nombre de postes"), default=1)
    education_level = models.CharField(
        _("niveau d’études"),
        max_length=20,
        choices=EducationLevel.choices,
        default=EducationLevel.NONE,
    )
    experience_years = models.PositiveSmallIntegerField(
        _("années d’expérience"),
        default=0,
        help_text=_("Nombre minimal d’années, 0 pour un débutant."),
    )
    languages = MultipleChoiceField(_("langues"), options=Language.choices)
    salary_min = models.PositiveIntegerField(
        _("salaire minimal"), null=True, blank=True, help_text=_("En francs CFA par mois.")
    )
    salary_max = models.PositiveIntegerField(
        _("salaire maximal"), null=True, blank=True, help_text=_("En francs CFA par mois.")
    )
    closing_date = models.DateField(
        _("date limite de candidature"),
        help_text=_(
            "Dernier jour pour postuler, heure de Bamako ; l’offre est retirée le lendemain."
        ),
    )
    application_method = models.CharField(
        _("comment postuler"),
        max_length=20,
        choices=ApplicationMethod.choices,
        default=ApplicationMethod.PLATFORM,
    )
    application_url = models.URLField(_("lien pour postuler"), blank=True)
    application_email = models.EmailField(_("e-mail pour postuler"), blank=True)
    target_groups = MultipleChoiceField(_("publics prioritaires"), options=TargetGroup.choices)
    project_type = models.CharField(_("type de projet"), max_length=20, choices=ProjectType.choices)

    base_form_class = OfferPageForm

    content_panels = [
        *Page.content_panels,
        # A form field, not a model field: hidden unless the offer looks like a live one.
        FieldPanel("confirm_distinct"),
        FieldPanel("kind"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("occupation"),
                FieldPanel("skills", widget=SkillChooserWidget(occupation_field="id_occupation")),
                FieldPanel("sector"),
                FieldPanel("project_type"),
            ],
            heading=_("Métier et secteur"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("region"),
                FieldPanel("cercle"),
                FieldPanel("commune"),
                FieldPanel("is_remote_or_multi_site"),
            ],
            heading=_("Lieu"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contract_type"),
                FieldPanel("positions"),
                FieldPanel("education_level"),
                FieldPanel("experience_years"),
                FieldPanel("languages"),
                FieldRowPanel([FieldPanel("salary_min"), FieldPanel("salary_max")]),
                FieldPanel("target_groups"),
            ],
            heading=_("Poste et profil"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("closing_date"),
                FieldPanel("application_method"),
                FieldPanel("application_url"),
                FieldPanel("application_email"),
            ],
            heading=_("Candidature"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("contract_type"),
        index.FilterField("region"),
        index.FilterField("closing_date"),
    ]

    class Meta:
        verbose_name = _("offre")
        verbose_name_plural = _("offres")

    def _clean_more(self, errors: dict[str, Any]) -> None:
        # A closing date is checked against today only when it is new, so that saving an expired
        # offer (to unpublish it, for instance) stays possible.
        if self.closing_date is not None and self.closing_date != self._stored_value(
            "closing_date"
        ):
            if self.closing_date < bamako_today():
                errors["closing_date"] = _(
                    "La date limite est passée : choisissez une date à venir."
                )
        if self.positions is not None and self.positions < 1:
            errors["positions"] = _("Indiquez au moins un poste.")
        if (
            self.salary_min is not None
            and self.salary_max is not None
            and self.salary_min > self.salary_max
        ):
            errors["salary_min"] = _("Le salaire minimal dépasse le salaire maximal.")
        if not self.application_method:
            errors["application_method"] = _("Indiquez comment postuler.")
        elif self.application_method == ApplicationMethod.LINK and not self.application_url:
            errors["application_url"] = _("Indiquez le lien où postuler.")
        elif self.application_method == ApplicationMethod.EMAIL and not self.application_email:
            errors["application_email"] = _(
                "Indiquez l’adresse e-mail où envoyer les candidatures."
            )

    def closes_at(self) -> datetime.datetime:
        """Return the last moment of the closing date, in Bamako time."""
        return datetime.datetime.combine(
            self.closing_date, datetime.time.max, tzinfo=BAMAKO
        ).replace(microsecond=0)

    def similar_offers(self) -> models.QuerySet[OfferPage]:
        """Return a few live offers with the same occupation, or else the same sector."""
        offers = OfferPage.objects.live().public().exclude(pk=self.pk)
        if self.occupation_id is not None:
            offers = offers.filter(occupation_id=self.occupation_id)
        elif self.sector_id is not None:
            offers = offers.filter(sector_id=self.sector_id)
        else:
            return OfferPage.objects.none()
        return offers.order_by("closing_date", "pk")[:SIMILAR_OFFERS_COUNT]

    def job_posting(self, request=None) -> dict[str, Any]:
        """Return the schema.org JobPosting of the offer, as a dictionary ready for JSON."""
        organisation = self.organisation
        address: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": "ML"}
        if self.region is not None:
            address["addressRegion"] = self.region.name
        locality = self.commune or self.cercle
        if locality is not None:
            address["addressLocality"] = locality.name
        place: dict[str, Any] = {"@type": "Place", "address": address}
        if self.commune is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(self.commune.latitude),
                "longitude": float(self.commune.longitude),
            }

        hiring_organisation: dict[str, Any] = {"@type": "Organization", "name": organisation.name}
        if organisation.website:
            hiring_organisation["sameAs"] = organisation.website

        posted = self.first_published_at or timezone.now()
        data: dict[str, Any] = {
            "@context": "https://schema.org/",
            "@type": "JobPosting",
            "title": self.title,
            "description": strip_tags(self.description),
            "datePosted": timezone.localtime(posted, BAMAKO).date().isoformat(),
            "validThrough": self.closes_at().isoformat(),
            "hiringOrganization": hiring_organisation,
            "jobLocation": place,
            "employmentType": EMPLOYMENT_TYPES[ContractType(self.contract_type)],
            "totalJobOpenings": self.positions,
        }
        if request is not None:
            data["url"] = self.get_full_url(request)
        if self.salary_min is not None or self.salary_max is not None:
            value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": "MONTH"}
            if self.salary_min is not None:
                value["minValue"] = self.salary_min
            if self.salary_max is not None:
                value["maxValue"] = self.salary_max
            data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "XOF", "value": value}
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        document = json.dumps(self.job_posting(request), cls=DjangoJSONEncoder, ensure_ascii=False)
        context["job_posting_json"] = mark_safe(document.translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308
        context["similar_offers"] = self.similar_offers()
        context["page_url"] = self.get_full_url(request)
        return context


class TrainingPage(OpportunityPage):
    """A training that an NGO offers: theme, dates, place, places, cost, certificate."""

    theme = models.CharField(_("thème"), max_length=30, choices=TrainingTheme.choices)
    other_theme = models.CharField(
        _("autre thème"),
        max_length=120,
        blank=True,
        help_text=_("À remplir si le thème est « Autre thème »."),
    )
    start_date = models.DateField(_("date de début"))
    end_date = models.DateField(
        _("date de fin"),
        help_text=_("Heure de Bamako ; la formation est retirée le lendemain de ce jour."),
    )
    application_deadline = models.DateField(
        _("date limite d’inscription"),
        null=True,
        blank=True,
        help_text=_(
            "Facultative. Dernier jour pour s’inscrire, heure de Bamako ; la formation est "
            "retirée le lendemain, même si elle n’est pas terminée."
        ),
    )
    duration_hours = models.PositiveIntegerField(
        _("durée"), null=True, blank=True, help_text=_("Nombre total d’heures de formation.")
    )
    venue = models.CharField(
        _("lieu précis"), max_length=255, blank=True, help_text=_("Centre, quartier…")
    )
    places_available = models.PositiveIntegerField(_("places disponibles"), default=1)
    is_free = models.BooleanField(_("gratuite"), default=True)
    cost = models.PositiveIntegerField(
        _("coût"), null=True, blank=True, help_text=_("En francs CFA.")
    )
    has_certificate = models.BooleanField(
        _("délivre une attestation ou un certificat"), default=False
    )
    eligibility = models.TextField(_("conditions d’accès"), blank=True)
    skills = ParentalManyToManyField(
        "referential.Skill",
        verbose_name=_("compétences enseignées"),
        blank=True,
        related_name="training_pages",
    )

    base_form_class = TrainingPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("theme"),
        FieldPanel("other_theme"),
        FieldPanel("description"),
        FieldPanel("skills", widget=SkillChooserWidget()),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("application_deadline"),
                FieldPanel("duration_hours"),
            ],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("region"),
                FieldPanel("cercle"),
                FieldPanel("commune"),
                FieldPanel("venue"),
                FieldPanel("is_remote_or_multi_site"),
            ],
            heading=_("Lieu"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("places_available"),
                FieldRowPanel([FieldPanel("is_free"), FieldPanel("cost")]),
                FieldPanel("has_certificate"),
                FieldPanel("eligibility"),
            ],
            heading=_("Inscription"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.FilterField("theme"),
        index.FilterField("region"),
        index.FilterField("start_date"),
    ]

    class Meta:
        verbose_name = _("formation")
        verbose_name_plural = _("formations")

    def _clean_more(self, errors: dict[str, Any]) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("La date de fin précède la date de début.")
        if self.application_deadline is not None:
            # As for an offer's closing date, only a new deadline is checked against today.
            if self.application_deadline != self._stored_value("application_deadline"):
                if self.application_deadline < bamako_today():
                    errors["application_deadline"] = _(
                        "La date limite d’inscription est passée : choisissez une date à venir."
                    )
            if self.end_date and self.application_deadline > self.end_date:
                errors["application_deadline"] = _(
                    "La date limite d’inscription tombe après la fin de la formation."
                )
        if self.places_available is not None and self.places_available < 1:
            errors["places_available"] = _("Indiquez au moins une place.")
        if not self.is_free and not self.cost:
            errors["cost"] = _("Indiquez le coût, ou cochez « gratuite ».")
        if self.theme == TrainingTheme.OTHER and not self.other_theme.strip():
            errors["other_theme"] = _("Précisez le thème.")

    def last_day(self) -> datetime.date:
        """Return the last Bamako date on which the training stays online: the earlier of the
        application deadline, when there is one, and the end date."""
        if self.application_deadline is not None and self.application_deadline < self.end_date:
            return self.application_deadline
        return self.end_date

    @property
    def theme_label(self) -> str:
        if self.theme == TrainingTheme.OTHER and self.other_theme:
            return self.other_theme
        return self.get_theme_display()
