"""Admin views for the publishing operations that Wagtail has no screen for."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from organisations.exceptions import NotAllowed, OrganisationError

from . import services
from .models import OrganisationPage


@require_http_methods(["GET", "POST"])
def withdraw(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if request.method == "POST":
        try:
            services.withdraw_opportunity(request.user, page)
        except OrganisationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("« %(title)s » n’est plus en ligne.") % {"title": page.title}
            )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    if not services.may_withdraw(request.user, page):
        raise NotAllowed()
    return TemplateResponse(request, "cms/admin/confirm_withdraw.html", {"page": page})


@require_http_methods(["GET", "POST"])
def trust(request, page_id):
    page = get_object_or_404(OrganisationPage, pk=page_id)
    if request.method == "POST":
        trusted = request.POST.get("trusted") == "1"
        try:
            services.set_trusted(request.user, page, trusted)
        except OrganisationError as error:
            messages.error(request, error.message)
        else:
            if trusted:
                messages.success(
                    request,
                    _("Les pages de cette organisation sont maintenant publiées sans relecture."),
                )
            else:
                messages.success(
                    request,
                    _("Les pages de cette organisation passent de nouveau par la relecture."),
                )
        return redirect("wagtailadmin_pages:edit", page.pk)
    if not services.may_moderate(request.user):
        raise NotAllowed()
    return TemplateResponse(request, "cms/admin/confirm_trust.html", {"page": page})
