"""The page where organisation members find the applications received by each of their offers."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.roles import Permission, can

from .received import received_applications


@login_required
@require_GET
def offers(request: HttpRequest) -> HttpResponse:
    if not can(request.user, Permission.REVIEW_APPLICATIONS):
        raise PermissionDenied
    return render(
        request,
        "seekers/received.html",
        {"organisations": received_applications(request.user)},
    )
