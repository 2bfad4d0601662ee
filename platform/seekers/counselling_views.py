"""Pages of counsellor mode: the seekers a counsellor accompanies, and acting for them."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.roles import Permission, can, organisations_with
from cms.models import OfferPage
from cms.time import bamako_today

from . import counselling, profiles, services
from .exceptions import SeekerError
from .forms import (
    FORMSETS,
    CounsellorApplicationForm,
    CounsellorConsentForm,
    CounsellorProfileForm,
    SeekerRegistrationForm,
)
from .models import Application
from .views import json_export_response, pdf_export_response

logger = logging.getLogger(__name__)


def _require_counsellor(request: HttpRequest) -> None:
    if not can(request.user, Permission.COUNSEL_SEEKERS):
        raise PermissionDenied


@login_required
def seekers(request: HttpRequest) -> HttpResponse:
    _require_counsellor(request)
    return render(
        request,
        "seekers/counselling/seekers.html",
        {"profiles": counselling.counselled_profiles(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    _require_counsellor(request)
    organisations = organisations_with(request.user, Permission.COUNSEL_SEEKERS)
    form = SeekerRegistrationForm(request.POST or None, organisations=organisations)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                profile = counselling.register_seeker(
                    request.user,
                    data["organisation"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    visibility=data["visibility"],
                    method=data["method"],
                    given_on=data["given_on"],
                    note=data["note"],
                )
            except SeekerError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request, _("Le chercheur est inscrit : complétez maintenant son profil.")
                )
                return redirect("counselling:profile", user_id=profile.user_id)
        else:
            logger.info("Seeker registration rejected, invalid form: user=%s", request.user.pk)
    return render(request, "seekers/counselling/register.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    profile = counselling.counselled_profile(request.user, user_id)
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = CounsellorProfileForm(data, files, instance=profile)
    formsets = [
        (formset_class(data, instance=profile, prefix=prefix), title)
        for prefix, formset_class, title in FORMSETS
    ]
    if request.method == "POST":
        if form.is_valid() and all(formset.is_valid() for formset, _title in formsets):
            counselling.save_profile_for(
                request.user, profile, form, [formset for formset, _t in formsets]
            )
            messages.success(request, _("Le profil est enregistré."))
            return redirect("counselling:profile", user_id=user_id)
        logger.info(
            "Counselled profile rejected, invalid form: seeker=%s user=%s", user_id, request.user.pk
        )

    return render(
        request,
        "seekers/counselling/profile.html",
        {
            "profile": profile,
            "form": form,
            "formsets": formsets,
            "completeness": profiles.completeness(profile),
            "consents": profile.user.seeker_consents.select_related("recorded_by"),
            "events": profile.events.select_related("actor"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, user_id: int) -> HttpResponse:
    profile = counselling.counselled_profile(request.user, user_id)
    form = CounsellorConsentForm(request.POST or None, initial={"visibility": profile.visibility})
    if request.method == "POST":
        if form.is_valid():
            counselling.record_consent(request.user, profile, **form.cleaned_data)
            messages.success(request, _("Le consentement est enregistré."))
            return redirect("counselling:profile", user_id=user_id)
        logger.info("Consent rejected, invalid form: seeker=%s user=%s", user_id, request.user.pk)
    return render(request, "seekers/counselling/consent.html", {"profile": profile, "form": form})


@login_required
def applications(request: HttpRequest, user_id: int) -> HttpResponse:
    profile = counselling.counselled_profile(request.user, user_id)
    items = (
        Application.objects.filter(seeker=profile.user)
        .select_related("offer", "submitted_by")
        .prefetch_related("events__actor")
    )
    return render(
        request,
        "seekers/applications.html",
        {"applications": items, "withdrawable": frozenset(), "counselled": profile},
    )


@login_required
def offers(request: HttpRequest, user_id: int) -> HttpResponse:
    profile = counselling.counselled_profile(request.user, user_id)
    open_offers = (
        OfferPage.objects.live()
        .filter(closing_date__gte=bamako_today())
        .order_by("closing_date", "title")
    )
    return render(
        request, "seekers/counselling/offers.html", {"profile": profile, "offers": open_offers}
    )


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, user_id: int, offer_id: int) -> HttpResponse:
    profile = counselling.counselled_profile(request.user, user_id)
    offer = get_object_or_404(OfferPage, pk=offer_id)
    is_post = request.method == "POST"
    form = CounsellorApplicationForm(
        request.POST if is_post else None, request.FILES if is_post else None
    )
    if is_post and form.is_valid():
        try:
            counselling.apply_for(
                request.user, profile, offer, form.cleaned_data["message"], form.cleaned_data["cv"]
            )
        except SeekerError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("La candidature est enregistrée."))
            return redirect("counselling:applications", user_id=user_id)

    return render(
        request,
        "seekers/apply.html",
        {"form": form, "offer": offer, "is_open": services.is_open(offer), "counselled": profile},
    )


# Data rights, exercised by the counsellor for a seeker who cannot sign in


@login_required
def export(request: HttpRequest, user_id: int) -> HttpResponse:
    profile = counselling.counselled_profile(request.user, user_id)
    logger.info("Seeker data exported by counsellor: seeker=%s user=%s", user_id, request.user.pk)
    return json_export_response(profiles.export_data(profile.user))


@login_required
def export_pdf(request: HttpRequest, user_id: int) -> HttpResponse:
    profile = counselling.counselled_profile(request.user, user_id)
    logger.info(
        "Seeker data summary exported by counsellor: seeker=%s user=%s", user_id, request.user.pk
    )
    return pdf_export_response(profiles.export_data(profile.user))


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest, user_id: int) -> HttpResponse:
    profile = counselling.counselled_profile(request.user, user_id)
    if request.method == "POST":
        logger.info(
            "Seeker account deleted by counsellor: seeker=%s user=%s", user_id, request.user.pk
        )
        profiles.delete_account(profile.user)
        messages.success(request, _("Le compte et le profil du chercheur sont supprimés."))
        return redirect("counselling:seekers")
    return render(request, "seekers/counselling/delete_account.html", {"profile": profile})
