from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class OrganisationIndexPage(Page):
    """The directory of verified NGOs, parent of every organisation page."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.OrganisationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("annuaire des ONG")
        verbose_name_plural = _("annuaires des ONG")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["organisation_pages"] = (
            OrganisationPage.objects.child_of(self)
            .live()
            .public()
            .select_related("organisation")
            .order_by("title")
        )
        return context


class OrganisationPage(Page):
    """The public page of one verified NGO, parent of its offers and trainings.

    `cms.services.ensure_organisation_page` creates it when editors verify the organisation,
    with the group through which the organisation's members edit this subtree.
    """

    organisation = models.OneToOneField(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="page",
        editable=False,
    )
    mission = models.TextField(
        _("mission"),
        blank=True,
        help_text=_("Ce que fait l’ONG, pour qui et où, en quelques lignes."),
    )
    is_trusted = models.BooleanField(
        _("organisation de confiance"),
        default=False,
        editable=False,
        help_text=_("Ses offres et formations sont publiées sans relecture par les éditeurs."),
    )
    members_group = models.OneToOneField(
        Group,
        verbose_name=_("groupe des membres"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="organisation_page",
        editable=False,
    )

    content_panels = [*Page.content_panels, FieldPanel("mission")]
    search_fields = [*Page.search_fields, index.SearchField("mission")]

    parent_page_types = ["cms.OrganisationIndexPage"]
    subpage_types = ["cms.OfferPage", "cms.TrainingPage"]

    class Meta:
        verbose_name = _("page d’organisation")
        verbose_name_plural = _("pages d’organisation")

    def get_context(self, request, *args, **kwargs):
        from .opportunities import OfferPage, TrainingPage

        context = super().get_context(request, *args, **kwargs)
        context["offers"] = (
            OfferPage.objects.child_of(self).live().public().order_by("closing_date", "pk")
        )
        context["trainings"] = (
            TrainingPage.objects.child_of(self).live().public().order_by("start_date", "pk")
        )
        return context
