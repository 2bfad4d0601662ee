from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index


class HomePage(Page):
    """The site root: who Job Cluster serves and the headline figures of the NGO forum."""

    heading = models.CharField(
        _("titre principal"),
        max_length=200,
        help_text=_("Le titre affiché en haut de la page d’accueil."),
    )
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Un ou deux paragraphes sous le titre principal."),
    )
    figures_heading = models.CharField(
        _("titre des chiffres clés"),
        max_length=200,
        blank=True,
    )
    figures_source = models.CharField(
        _("source des chiffres clés"),
        max_length=255,
        blank=True,
        help_text=_("Affichée sous les chiffres, par exemple le forum qui les a publiés."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("heading"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("figures_heading"),
                InlinePanel("figures", label=_("chiffres clés")),
                FieldPanel("figures_source"),
            ],
            heading=_("Chiffres clés"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("heading"), index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("page d’accueil")
        verbose_name_plural = _("pages d’accueil")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["figures"] = list(self.figures.all())
        return context


class HomePageFigure(Orderable):
    """One headline figure on the home page, such as the number of young people trained."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="figures")
    number = models.PositiveIntegerField(_("nombre"))
    at_least = models.BooleanField(
        _("au moins"),
        default=False,
        help_text=_("Cochez si le nombre est un minimum : il s’affiche alors suivi de « + »."),
    )
    label = models.CharField(
        _("libellé"),
        max_length=200,
        help_text=_("Ce que le nombre compte, par exemple « jeunes formés »."),
    )
    note = models.CharField(
        _("précision"),
        max_length=200,
        blank=True,
        help_text=_("Une précision facultative, par exemple « dont 95 % de nationaux »."),
    )

    panels = [FieldPanel("number"), FieldPanel("at_least"), FieldPanel("label"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("chiffre clé")
        verbose_name_plural = _("chiffres clés")

    def __str__(self):
        return f"{self.number} {self.label}"
