import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.roles import Permission, can

from . import services
from .exceptions import DuplicateRegistrationNumber, OrganisationError
from .forms import InvitationForm, OrganisationForm, RejectionForm
from .models import Membership, Organisation

logger = logging.getLogger(__name__)


def _organisation_for(request: HttpRequest, pk: int, permission: Permission) -> Organisation:
    """Return the organisation `pk` if the user belongs to it and has `permission` there.

    Non-members get a 404, so the existence of other organisations is not revealed; members
    without the permission get a 403.
    """
    organisation = get_object_or_404(Organisation, pk=pk)
    if not can(request.user, Permission.VIEW_ORGANISATION_SPACE, organisation):
        raise Http404
    if not can(request.user, permission, organisation):
        raise PermissionDenied
    return organisation


# Organisation space


@login_required
def my_organisations(request: HttpRequest) -> HttpResponse:
    memberships = services.organisations_of(request.user)
    return render(
        request,
        "organisations/my_organisations.html",
        {
            "memberships": memberships,
            "can_register": can(request.user, Permission.REGISTER_ORGANISATION),
            "can_verify": can(request.user, Permission.VERIFY_ORGANISATIONS),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    if not can(request.user, Permission.REGISTER_ORGANISATION):
        raise PermissionDenied

    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.register_organisation(request.user, form.to_details())
        except DuplicateRegistrationNumber as exc:
            form.add_error("registration_number", exc.message)
        else:
            messages.success(
                request,
                _("Votre organisation est inscrite. Les éditeurs vont vérifier son inscription."),
            )
            return redirect("organisations:detail", pk=organisation.pk)

    return render(request, "organisations/register.html", {"form": form})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation_for(request, pk, Permission.VIEW_ORGANISATION_SPACE)
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "is_admin": can(request.user, Permission.MANAGE_MEMBERS, organisation),
            "events": organisation.events.select_related("actor")[:20],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation_for(request, pk, Permission.MANAGE_MEMBERS)

    # The form gets a copy of the stored values, so the service can compare old and new ones.
    form = OrganisationForm(request.POST or None, initial=model_to_dict(organisation))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(request.user, organisation, form.to_details())
        except DuplicateRegistrationNumber as exc:
            form.add_error("registration_number", exc.message)
        else:
            messages.success(request, _("Les informations de l’organisation sont enregistrées."))
            return redirect("organisations:detail", pk=organisation.pk)

    return render(request, "organisations/edit.html", {"form": form, "organisation": organisation})


@login_required
@require_POST
def resubmit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation_for(request, pk, Permission.MANAGE_MEMBERS)
    try:
        services.resubmit_organisation(request.user, organisation)
    except OrganisationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Votre organisation est de nouveau soumise à la vérification des éditeurs.")
        )
    return redirect("organisations:detail", pk=organisation.pk)


# Members


@login_required
def members(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation_for(request, pk, Permission.VIEW_ORGANISATION_SPACE)
    is_admin = can(request.user, Permission.MANAGE_MEMBERS, organisation)
    return render(
        request,
        "organisations/members.html",
        {
            "organisation": organisation,
            "memberships": services.members_of(organisation),
            "invitations": services.open_invitations(organisation) if is_admin else [],
            "is_admin": is_admin,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation_for(request, pk, Permission.MANAGE_MEMBERS)

    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_member(
                request.user,
                organisation,
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                role=form.cleaned_data["role"],
            )
        except OrganisationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("L’invitation est envoyée. Elle est valable 7 jours."))
            return redirect("organisations:members", pk=organisation.pk)

    return render(
        request, "organisations/invite.html", {"form": form, "organisation": organisation}
    )


@login_required
@require_http_methods(["GET", "POST"])
def remove_member(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organisation = _organisation_for(request, pk, Permission.MANAGE_MEMBERS)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=membership_pk,
        organisation=organisation,
    )

    if request.method == "POST":
        try:
            services.remove_member(request.user, membership)
        except OrganisationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Le membre est retiré de l’organisation."))
        return redirect("organisations:members", pk=organisation.pk)

    return render(
        request,
        "organisations/remove_member.html",
        {"organisation": organisation, "membership": membership},
    )


@login_required
@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.find_invitation(token)
    if invitation is None:
        logger.info("Invitation not found: user=%s", request.user.pk)
        raise Http404

    error = None
    if request.method == "POST":
        try:
            membership = services.accept_invitation(request.user, invitation)
        except OrganisationError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                _("Vous avez rejoint l’organisation %(name)s.")
                % {"name": membership.organisation.name},
            )
            return redirect("organisations:detail", pk=membership.organisation_id)

    return render(
        request,
        "organisations/accept_invitation.html",
        {"invitation": invitation, "organisation": invitation.organisation, "error": error},
    )


# Verification by editors


@login_required
def verification_queue(request: HttpRequest) -> HttpResponse:
    if not can(request.user, Permission.VERIFY_ORGANISATIONS):
        raise PermissionDenied
    return render(
        request,
        "organisations/verification_queue.html",
        {"organisations": services.pending_organisations(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    if not can(request.user, Permission.VERIFY_ORGANISATIONS):
        raise PermissionDenied
    organisation = get_object_or_404(Organisation, pk=pk)

    rejection_form = RejectionForm(request.POST if request.POST.get("action") == "reject" else None)
    error = None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "verify":
                services.verify_organisation(request.user, organisation)
                messages.success(request, _("L’organisation est vérifiée."))
                return redirect("organisations:verification_queue")
            if request.POST.get("action") == "reject" and rejection_form.is_valid():
                services.reject_organisation(
                    request.user, organisation, rejection_form.cleaned_data["reason"]
                )
                messages.success(
                    request, _("L’inscription est refusée et le motif envoyé à l’ONG.")
                )
                return redirect("organisations:verification_queue")
        except OrganisationError as exc:
            error = exc.message

    return render(
        request,
        "organisations/review.html",
        {
            "organisation": organisation,
            "rejection_form": rejection_form,
            "error": error,
            "events": organisation.events.select_related("actor")[:20],
        },
    )
