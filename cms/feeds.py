"""RSS and Atom feeds of the newest live offers and trainings: all, per region, per organisation."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from organisations.models import Organisation
from referential.models import Region

from .models import OfferPage, TrainingPage

FEED_SIZE = 50


class OpportunityFeed(Feed):
    """The newest offers and trainings, in RSS 2.0, optionally of one region or organisation."""

    filter_kind: str | None = None

    def get_object(self, request, code=None, pk=None):
        self.request = request
        if self.filter_kind == "region":
            region = Region.objects.filter(code=code).first()
            if region is None:
                raise Http404
            return region
        if self.filter_kind == "organisation":
            organisation = Organisation.objects.filter(
                pk=pk, status=Organisation.Status.VERIFIED
            ).first()
            if organisation is None:
                raise Http404
            return organisation
        return None

    def title(self, obj):
        if isinstance(obj, Region):
            return _("Job Cluster : offres et formations, région de %(region)s") % {
                "region": obj.name
            }
        if isinstance(obj, Organisation):
            return _("Job Cluster : offres et formations de %(name)s") % {"name": obj.name}
        return _("Job Cluster : nouvelles offres et formations")

    def link(self, obj):
        return self.request.build_absolute_uri("/")

    def description(self, obj):
        return _(
            "Les dernières offres d’emploi, de stage, de volontariat et de formation publiées "
            "par les ONG au Mali."
        )

    def items(self, obj):
        filters = {}
        if isinstance(obj, Region):
            filters["region"] = obj
        elif isinstance(obj, Organisation):
            filters["organisation"] = obj
        pages = []
        for model in (OfferPage, TrainingPage):
            queryset = (
                model.objects.live()
                .public()
                .filter(**filters)
                .select_related("organisation", "region", "cercle", "commune")
                .order_by("-first_published_at", "-pk")[:FEED_SIZE]
            )
            pages.extend(queryset)
        pages.sort(key=lambda page: (page.first_published_at, page.pk), reverse=True)
        return pages[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        if isinstance(item, OfferPage):
            details = _("%(organisation)s, %(place)s. Date limite : %(date)s.") % {
                "organisation": item.organisation.name,
                "place": item.place_label,
                "date": item.closing_date.strftime("%d/%m/%Y"),
            }
        else:
            details = _("%(organisation)s, %(place)s. Du %(start)s au %(end)s.") % {
                "organisation": item.organisation.name,
                "place": item.place_label,
                "start": item.start_date.strftime("%d/%m/%Y"),
                "end": item.end_date.strftime("%d/%m/%Y"),
            }
        return f"{details}\n\n{item.description[:500]}"

    def item_link(self, item):
        # An absolute link, so the syndication framework does not prefix the Sites domain.
        return self.request.build_absolute_uri(item.get_url(self.request))

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_categories(self, item):
        if isinstance(item, OfferPage):
            return [item.get_kind_display(), item.get_contract_type_display()]
        return [_("Formation"), item.theme_label]


class AtomOpportunityFeed(OpportunityFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


def feed_views(filter_kind: str | None) -> tuple[OpportunityFeed, AtomOpportunityFeed]:
    """Return the RSS and Atom feed views for one kind of filter."""
    rss = type(f"RssFeed{filter_kind}", (OpportunityFeed,), {"filter_kind": filter_kind})
    atom = type(f"AtomFeed{filter_kind}", (AtomOpportunityFeed,), {"filter_kind": filter_kind})
    return rss(), atom()
