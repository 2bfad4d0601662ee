"""Admin customisation for publishing: the trimmed menu of NGO members, the publish check,
the withdraw and trust buttons, and the editors' list of reported offers."""

import django_filters
from django.contrib import messages
from django.db.models import F
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from accounts.roles import Permission, can
from organisations.exceptions import CannotPublish

from . import admin_views, services
from .models import OfferPage, OfferReport, OrganisationPage
from .models.opportunities import OpportunityPage

# Menu items that NGO members never need: they only write their organisation's pages.
MENU_ITEMS_HIDDEN_FROM_NGOS = {"images", "documents", "snippets", "reports", "settings", "help"}


@hooks.register("construct_main_menu")
def trim_menu_for_ngo_members(request, menu_items):
    if can(request.user, Permission.MODERATE_CONTENT):
        return
    menu_items[:] = [item for item in menu_items if item.name not in MENU_ITEMS_HIDDEN_FROM_NGOS]


@hooks.register("before_publish_page")
def check_organisation_may_publish(request, page):
    try:
        services.ensure_can_publish_page(request.user, page)
    except CannotPublish as error:
        messages.error(request, error.message)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_near_duplicates(request, page):
    specific = page.specific
    if not isinstance(specific, OfferPage) or specific.live:
        return
    for duplicate in services.near_duplicate_offers(specific):
        messages.warning(
            request,
            _(
                "Cette offre ressemble beaucoup à « %(title)s », déjà en ligne. Avant de la "
                "soumettre, vérifiez qu’il ne s’agit pas d’un doublon."
            )
            % {"title": duplicate.title},
        )


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name, next_url=None):
    specific = page.specific
    if isinstance(specific, OpportunityPage) and specific.live:
        if can(user, Permission.PREPARE_CONTENT, specific.organisation):
            yield Button(
                _("Retirer"),
                reverse("cms_admin:withdraw", args=[page.pk]),
                icon_name="cross",
                priority=50,
            )
    inbox_button = _applications_button(page, user, priority=55)
    if inbox_button is not None:
        yield inbox_button
    if isinstance(specific, OrganisationPage) and can(user, Permission.MODERATE_CONTENT):
        label = _("Retirer la confiance") if specific.is_trusted else _("Marquer de confiance")
        yield Button(
            label, reverse("cms_admin:trust", args=[page.pk]), icon_name="pick", priority=60
        )


@hooks.register("register_page_listing_more_buttons")
def page_listing_more_buttons(page, user, next_url=None):
    inbox_button = _applications_button(page, user, priority=45)
    if inbox_button is not None:
        yield inbox_button


def _applications_button(page, user, *, priority: int) -> Button | None:
    """Return a link to an offer's applications inbox for those who review its applications."""
    page_class = page.specific_class
    if page_class is None or not issubclass(page_class, OfferPage):
        return None
    offer = page.specific
    if offer.organisation_id is None:
        return None
    if not can(user, Permission.REVIEW_APPLICATIONS, offer.organisation):
        return None
    return Button(
        _("Candidatures reçues"),
        reverse("inbox:offer", args=[page.pk]),
        icon_name="user",
        priority=priority,
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "job-cluster/",
            (
                [
                    path("retirer/<int:page_id>/", admin_views.withdraw, name="withdraw"),
                    path("confiance/<int:page_id>/", admin_views.trust, name="trust"),
                    path("competences/", admin_views.skill_search, name="skill_search"),
                ],
                "cms_admin",
                "cms_admin",
            ),
        )
    ]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        services.TRUST_ACTION, _("Confiance accordée"), _("Organisation marquée de confiance")
    )
    actions.register_action(
        services.DISTRUST_ACTION, _("Confiance retirée"), _("Confiance retirée à l’organisation")
    )
    actions.register_action(
        services.WITHDRAW_ACTION, _("Retrait"), _("Page retirée par l’organisation")
    )
    actions.register_action(
        services.EXPIRE_ACTION, _("Expiration"), _("Offre retirée après sa date limite")
    )
    actions.register_action(
        services.TRAINING_EXPIRE_ACTION,
        _("Expiration"),
        _("Formation retirée après sa fin ou sa date limite d’inscription"),
    )


class OfferReportFilterSet(WagtailFilterSet):
    handled = django_filters.BooleanFilter(label=_("déjà traité"), method="filter_handled")

    class Meta:
        model = OfferReport
        fields = ["reason"]

    def filter_handled(self, queryset, name, value):
        return queryset.filter(handled_at__isnull=not value)


class OfferReportIndexView(IndexView):
    def get_base_queryset(self):
        # NULL handling dates first: the reports still to examine head the list.
        return (
            super()
            .get_base_queryset()
            .select_related("page")
            .order_by(F("handled_at").asc(nulls_first=True), "-created_at", "-pk")
        )


class OfferReportViewSet(ModelViewSet):
    """The editors' list of reports, unhandled ones first; an editor sets the handling date."""

    model = OfferReport
    icon = "warning"
    menu_label = _("Signalements")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["page", "reason", "status", "created_at", "handled_at"]
    filterset_class = OfferReportFilterSet
    form_fields = ["handled_at"]
    inspect_view_enabled = True
    index_view_class = OfferReportIndexView


@hooks.register("register_admin_viewset")
def register_offer_report_viewset():
    return OfferReportViewSet("offer_reports")
