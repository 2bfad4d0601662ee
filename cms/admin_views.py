"""Admin views for the publishing operations that Wagtail has no screen for."""

import logging

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Page

from organisations.exceptions import NotAllowed, OrganisationError

from . import services
from .models import OrganisationPage
from .skills import search_skills

logger = logging.getLogger(__name__)


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


@require_GET
def skill_search(request):
    """Return as JSON the skills whose name matches `q`, for the skills chooser.

    `occupation`, when given, limits the search to that occupation's skills. Only users who
    write or review pages may search.
    """
    if not services.may_edit_pages(request.user):
        logger.info("Skill search rejected, no permission: user=%s", request.user.pk)
        return JsonResponse(
            {"error": _("Vous n’avez pas l’autorisation de chercher des compétences.")},
            status=403,
        )

    occupation = request.GET.get("occupation", "")
    if occupation and not occupation.isdigit():
        return JsonResponse(
            {"error": _("Métier invalide : « %(value)s ».") % {"value": occupation[:50]}},
            status=400,
        )

    skills = search_skills(request.GET.get("q", ""), int(occupation) if occupation else None)
    return JsonResponse({"results": [{"id": skill.pk, "name": skill.name} for skill in skills]})
