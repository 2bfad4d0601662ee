import json
import logging

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.roles import Permission, can
from cms.models import OfferPage

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
    form = StatusForm(request.POST or None)
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
        {"application": application, "profile": profile, "form": form},
    )


@login_required
def application_cv(request: HttpRequest, pk: int) -> FileResponse:
    """Serve an application's CV to its organisation's reviewers only, never from public media."""
    application = get_object_or_404(Application.objects.select_related("organisation"), pk=pk)
    if not can(request.user, Permission.REVIEW_APPLICATIONS, application.organisation):
        raise Http404
    if not application.cv:
        raise Http404
    logger.info("Application CV opened: application=%s user=%s", pk, request.user.pk)
    return FileResponse(
        application.cv.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"cv-candidature-{pk}.pdf",
    )
