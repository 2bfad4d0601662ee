"""Checking that an uploaded CV is a plain PDF: PDF bytes, at most 5 MB, no scripts or actions."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from .exceptions import InvalidCv

MAX_CV_BYTES = 5 * 1024 * 1024
PDF_SIGNATURE = b"%PDF-"

# PDF name objects that run code or open something when the file is opened or clicked.
_ACTIVE_NAMES = re.compile(rb"/(?:JavaScript|JS|Launch|OpenAction)(?![A-Za-z0-9])")
# A name may spell its characters as #xx escapes (/J#53 is /JS), so they are decoded first.
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def check_cv(upload: UploadedFile) -> None:
    """Raise `InvalidCv` unless `upload` is a non-empty PDF of at most 5 MB without active content.

    The type comes from the file's first bytes, never from its name or the browser's content type.
    NOTE: names inside compressed object streams are not inflated, so an action hidden there
    passes; a full PDF parser would close that gap.
    """
    if upload.size == 0:
        raise InvalidCv(_("Le fichier est vide : choisissez votre CV au format PDF."))
    if upload.size > MAX_CV_BYTES:
        raise InvalidCv(_("Le CV dépasse 5 Mo : réduisez sa taille puis envoyez-le de nouveau."))

    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if not content.startswith(PDF_SIGNATURE):
        raise InvalidCv(
            _("Ce fichier n’est pas un PDF : enregistrez votre CV au format PDF puis réessayez.")
        )

    decoded = _NAME_ESCAPE.sub(lambda match: bytes([int(match.group(1), 16)]), content)
    if _ACTIVE_NAMES.search(decoded):
        raise InvalidCv(
            _(
                "Ce PDF contient des scripts ou des actions automatiques : enregistrez-le de "
                "nouveau avec « Imprimer en PDF » puis réessayez."
            )
        )
