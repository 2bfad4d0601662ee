from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index


class ProgrammeItemBlock(blocks.StructBlock):
    day = blocks.DateBlock(label=_("jour"))
    start_time = blocks.TimeBlock(label=_("heure de début"), required=False)
    title = blocks.CharBlock(label=_("intitulé"), max_length=200)
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "time"
        label = _("séquence du programme")


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("nom"), max_length=120)
    role = blocks.CharBlock(label=_("fonction"), max_length=200, required=False)
    organisation = blocks.CharBlock(label=_("organisation"), max_length=200, required=False)

    class Meta:
        icon = "user"
        label = _("intervenant")


class PartnerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("nom"), max_length=200)
    url = blocks.URLBlock(label=_("site web"), required=False)

    class Meta:
        icon = "group"
        label = _("partenaire")


class ForumIndexPage(Page):
    """The list of the forum's editions, latest first."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ForumEditionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("liste des éditions du forum")
        verbose_name_plural = _("listes des éditions du forum")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["editions"] = (
            ForumEditionPage.objects.child_of(self).live().public().order_by("-start_date")
        )
        return context


class ForumEditionPage(Page):
    """One edition of the forum « ONG et création d’emplois »: dates, venue, programme, people."""

    number = models.PositiveSmallIntegerField(_("numéro de l’édition"))
    start_date = models.DateField(_("premier jour"))
    end_date = models.DateField(_("dernier jour"))
    venue = models.CharField(_("lieu"), max_length=255)
    intro = models.TextField(_("présentation"), blank=True)
    programme = StreamField(
        [("item", ProgrammeItemBlock())], verbose_name=_("programme"), blank=True
    )
    speakers = StreamField(
        [("speaker", SpeakerBlock())], verbose_name=_("intervenants"), blank=True
    )
    partners = StreamField([("partner", PartnerBlock())], verbose_name=_("partenaires"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("number"),
                FieldPanel("start_date"),
                FieldPanel("end_date"),
                FieldPanel("venue"),
            ],
            heading=_("Date et lieu"),
        ),
        FieldPanel("intro"),
        FieldPanel("programme"),
        FieldPanel("speakers"),
        FieldPanel("partners"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("venue")]

    parent_page_types = ["cms.ForumIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("édition du forum")
        verbose_name_plural = _("éditions du forum")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("Le dernier jour doit être le premier jour ou une date suivante.")}
            )
