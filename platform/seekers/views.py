import json
import logging
import time

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import Permission, can
from cms.models import OfferPage
from cms.skills import search_skills
from jobcluster.ratelimit import count_request

from . import profiles, services, summary_pdf
from .choices import ApplicationStatus
from .exceptions import AlreadyApplied, ApplicationNotFound, SeekerError
from .forms import FORMSETS, ApplicationForm, ProfileForm, StatusForm
from .models import Application

logger = logging.getLogger(__name__)


def _require_seeker(request: HttpRequest) -> None:
    if not can(request.user, Permission.APPLY):
        raise PermissionDenied


# The seeker's side


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    _require_seeker(request)
    profile = profiles.profile_of(request.user)
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = ProfileForm(data, files, instance=profile)
    formsets = [
        (formset_class(data, instance=profile, prefix=prefix), title)
        for prefix, formset_class, title in FORMSETS
    ]
    if request.method == "POST":
        if form.is_valid() and all(formset.is_valid() for formset, _title in formsets):
            profiles.save_profile(request.user, form, [formset for formset, _t in formsets])
            messages.success(request, _("Votre profil est enregistré."))
            return redirect("seekers:profile")
        logger.info("Profile rejected, invalid form: user=%s", request.user.pk)

    return render(
        request,
        "seekers/profile.html",
        {
            "form": form,
            "formsets": formsets,
            "completeness": profiles.completeness(profile),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, offer_id: int) -> HttpResponse:
    _require_seeker(request)
    offer = get_object_or_404(OfferPage, pk=offer_id)
    is_post = request.method == "POST"
    form = ApplicationForm(request.POST if is_post else None, request.FILES if is_post else None)
    if is_post and form.is_valid():
        try:
            services.apply(
                request.user, offer, form.cleaned_data["message"], form.cleaned_data["cv"]
            )
        except AlreadyApplied as exc:
            messages.info(request, exc.message)
            return redirect("seekers:applications")
        except SeekerError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Votre candidature est enregistrée."))
            return redirect("seekers:applications")

    return render(
        request,
        "seekers/apply.html",
        {"form": form, "offer": offer, "is_open": services.is_open(offer)},
    )


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    items = (
        Application.objects.filter(seeker=request.user)
        .select_related("offer", "submitted_by")
        .prefetch_related("events__actor")
    )
    return render(
        request,
        "seekers/applications.html",
        {"applications": items, "withdrawable": services.WITHDRAWABLE},
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.change_status(request.user, pk, ApplicationStatus.WITHDRAWN)
    except ApplicationNotFound:
        raise Http404 from None
    except SeekerError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Votre candidature est retirée."))
    return redirect("seekers:applications")


def json_export_response(data: dict) -> HttpResponse:
    """Return `data`, as `profiles.export_data` builds it, as a JSON file to download."""
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-job-cluster.json"'
    return response


def pdf_export_response(data: dict) -> HttpResponse:
    """Return the PDF summary of `data` as a file to download."""
    response = HttpResponse(summary_pdf.render_summary(data), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-job-cluster.pdf"'
    return response


@login_required
def export(request: HttpRequest) -> HttpResponse:
    data = profiles.export_data(request.user)
    logger.info("Seeker data exported: user=%s", request.user.pk)
    return json_export_response(data)


@login_required
def export_pdf(request: HttpRequest) -> HttpResponse:
    data = profiles.export_data(request.user)
    logger.info("Seeker data summary exported: user=%s", request.user.pk)
    return pdf_export_response(data)


@login_required
@require_POST
def withdraw_consent(request: HttpRequest) -> HttpResponse:
    _require_seeker(request)
    profiles.withdraw_consent(request.user)
    messages.success(
        request, _("Seules les ONG auxquelles vous postulez verront désormais votre profil.")
    )
    return redirect("seekers:profile")


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    _require_seeker(request)
    if request.method == "POST":
        user = request.user
        logout(request)
        profiles.delete_account(user)
        messages.success(request, _("Votre compte et votre profil sont supprimés."))
        return redirect("/")
    return render(request, "seekers/delete_account.html")


# NOTE: a guessed limit like the search suggestions' (search.views), generous for one person
# typing since the script waits for a pause of 250 ms; tune it with real traffic.
SKILL_SEARCH_RATE = 60
SKILL_SEARCH_WINDOW_SECONDS = 60


def may_edit_profiles(user) -> bool:
    """Tell whether `user` edits a seeker profile: their own, or as a counsellor."""
    return can(user, Permission.APPLY) or can(user, Permission.COUNSEL_SEEKERS)


def _skill_search_count(request: HttpRequest) -> int:
    """Count a skill search of this user and return its rank in the current window."""
    window = int(time.time() // SKILL_SEARCH_WINDOW_SECONDS)
    key = f"seekers:skill-search:{request.user.pk}:{window}"
    return count_request(key, SKILL_SEARCH_WINDOW_SECONDS)


@require_GET
def skill_search(request: HttpRequest) -> JsonResponse:
    """Return as JSON the skills whose name matches `q`, for the profile's skill rows."""
    if not may_edit_profiles(request.user):
        logger.info("Skill search rejected, no permission: user=%s", request.user.pk)
        return JsonResponse(
            {"error": _("Vous n’avez pas l’autorisation de chercher des compétences.")},
            status=403,
        )

    count = _skill_search_count(request)
    if count > SKILL_SEARCH_RATE:
        # One line per user and window, not one per rejected request.
        if count == SKILL_SEARCH_RATE + 1:
            logger.warning(
                "Skill search rate limited: user=%s limit=%s window_seconds=%s",
                request.user.pk,
                SKILL_SEARCH_RATE,
                SKILL_SEARCH_WINDOW_SECONDS,
            )
        return JsonResponse(
            {"results": [], "error": _("Trop de requêtes : réessayez dans une minute.")},
            status=429,
        )

    skills = search_skills(request.GET.get("q", ""))
    return JsonResponse({"results": [{"id": skill.pk, "name": skill.name} for skill in skills]})


# The organisation's side


@login_required
def inbox(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = get_object_or_404(OfferPage, pk=offer_id)
    items = services.applications_for_review(request.user, offer)
    return render(request, "seekers/inbox.html", {"offer": offer, "applications": items})


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(
        Application.objects.select_related("offer", "organisation", "seeker"), pk=pk
    )
    if not can(request.user, Permission.REVIEW_APPLICATIONS, application.organisation):
        raise Http404
    allowed = services.next_statuses(application)
    form = StatusForm(request.POST or None, allowed=allowed, current=application.status)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_status(
                request.user, pk, form.cleaned_data["status"], form.cleaned_data["reason"]
            )
        except SeekerError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Le statut de la candidature est modifié."))
            return redirect("inbox:review", pk=pk)

    profile = None
    if application.seeker is not None:
        profile = profiles.profile_of(application.seeker)
    return render(
        request,
        "seekers/review.html",
        {
            "application": application,
            "profile": profile,
            "form": form,
            "can_change_status": bool(allowed),
        },
    )
