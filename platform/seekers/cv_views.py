"""Private CV downloads: each view checks who asks, then sends the file as an attachment.

CVs never have a public address. These views are the only way to read one (see `cv_access`).
"""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from . import counselling
from .cv_access import CvReader, application_cv_reader, record_organisation_download
from .models import Application, SeekerProfile

logger = logging.getLogger(__name__)


def cv_response(cv: FieldFile, filename: str) -> FileResponse:
    """Return `cv` as a PDF download that browsers neither sniff, render inline nor cache.

    Raises `Http404` when the record names a file that the storage no longer has.
    """
    try:
        handle = cv.open("rb")
    except FileNotFoundError:
        logger.warning("CV file missing from storage: name_length=%s", len(cv.name))
        raise Http404 from None
    response = FileResponse(
        handle, content_type="application/pdf", as_attachment=True, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def own_profile_cv(request: HttpRequest) -> FileResponse:
    """Serve the signed-in seeker's own profile CV."""
    profile = SeekerProfile.objects.filter(user=request.user).first()
    if profile is None or not profile.cv:
        raise Http404
    return cv_response(profile.cv, "cv.pdf")


@login_required
@require_GET
def counselled_profile_cv(request: HttpRequest, user_id: int) -> FileResponse:
    """Serve the profile CV of a seeker to a counsellor of the organisation that registered them."""
    profile = counselling.counselled_profile(request.user, user_id)
    if not profile.cv:
        raise Http404
    logger.info("Profile CV opened by counsellor: seeker=%s user=%s", user_id, request.user.pk)
    return cv_response(profile.cv, f"cv-{user_id}.pdf")


@login_required
@require_GET
def application_cv(request: HttpRequest, pk: int) -> FileResponse:
    """Serve an application's CV to its seeker, their counsellors and the organisation's reviewers.

    Everyone else gets a 404, so other organisations cannot tell the application exists.
    """
    application = get_object_or_404(Application.objects.select_related("organisation"), pk=pk)
    reader = application_cv_reader(request.user, application)
    if reader is None:
        logger.info(
            "Application CV rejected, no permission: application=%s user=%s", pk, request.user.pk
        )
        raise Http404
    if not application.cv:
        raise Http404

    response = cv_response(application.cv, f"cv-candidature-{pk}.pdf")
    if reader == CvReader.ORGANISATION:
        record_organisation_download(request.user, application)
    return response
