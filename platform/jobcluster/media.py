"""The development route for uploaded files, which never serves the private CV folder.

Django serves MEDIA_ROOT only under DEBUG (`urls`). In production a web server serves it, and must
refuse `seekers/cv/` the same way: CVs are read only through the seekers' CV views.
"""

from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, re_path
from django.views.static import serve

from seekers.models import CV_FOLDER

logger = logging.getLogger(__name__)


def is_private_media(path: str) -> bool:
    """Tell whether the MEDIA_ROOT-relative `path` names the CV folder or a file inside it.

    The path is normalised as `django.views.static.serve` does, then resolved on disk, so `./`,
    `//`, `..` segments, letter case on case-insensitive disks and symbolic links cannot reach a CV.
    """
    normalised = posixpath.normpath(path).lstrip("/")
    folded, folder = normalised.casefold(), CV_FOLDER.casefold()
    if folded == folder or folded.startswith(folder + "/"):
        return True
    media_root = Path(settings.MEDIA_ROOT).resolve()
    private_root = (media_root / CV_FOLDER).resolve()
    target = (media_root / normalised).resolve()
    return target == private_root or target.is_relative_to(private_root)


def serve_public_media(request: HttpRequest, path: str) -> HttpResponse:
    """Serve an uploaded file from MEDIA_ROOT, except a CV, which gets a 404."""
    if is_private_media(path):
        logger.warning("Media request for a private CV rejected: user=%s", request.user.pk)
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def media_urlpatterns() -> list[URLPattern]:
    """Return the route serving MEDIA_URL from MEDIA_ROOT, for development only."""
    prefix = settings.MEDIA_URL.lstrip("/")
    return [re_path(rf"^{re.escape(prefix)}(?P<path>.*)$", serve_public_media)]
