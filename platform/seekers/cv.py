"""Checking that an uploaded CV is a plain PDF: PDF bytes, at most 5 MB, no scripts or actions."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from .exceptions import InvalidCv

MAX_CV_BYTES = 5 * 1024 * 1024
PDF_SIGNATURE = b"%PDF-"

# Inflating a 5 MB file can yield gigabytes (a "zip bomb"). Streams are therefore inflated and
# scanned in chunks of at most `INFLATE_CHUNK_BYTES`, and a CV whose streams inflate to more than
# `MAX_INFLATED_BYTES` in total is rejected as too complex to check.
INFLATE_CHUNK_BYTES = 1024 * 1024
INFLATE_INPUT_BYTES = 64 * 1024
MAX_INFLATED_BYTES = 64 * 1024 * 1024

# PDF name objects that run code, launch a program or carry a file attached inside the PDF; and
# an /OpenAction that is an action (a dictionary or a reference to one). An /OpenAction followed
# by an array is an explicit destination, the page to show first, which fpdf2 and office suites
# write into ordinary documents.
_ACTIVE_NAMES = re.compile(
    rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?)(?![A-Za-z0-9])"
    rb"|/OpenAction(?![A-Za-z0-9])(?!\s*\[)"
)
# A name may spell its characters as #xx escapes (/J#53 is /JS), so they are decoded first.
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# Bytes kept from the end of one inflated chunk and scanned again with the next, so a name cut
# across two chunks is still found. The longest name, /EmbeddedFiles, takes 40 bytes fully escaped.
_CHUNK_OVERLAP = 64
_STREAM_START = re.compile(rb"stream\r?\n")

ACTIVE_CONTENT_MESSAGE = _(
    "Ce PDF contient des scripts ou des actions automatiques : enregistrez-le de "
    "nouveau avec « Imprimer en PDF » puis réessayez."
)


class _TooMuchToInflate(Exception):
    """The compressed streams inflate to more than `MAX_INFLATED_BYTES`."""


def check_cv(upload: UploadedFile) -> None:
    """Raise `InvalidCv` unless `upload` is a non-empty PDF of at most 5 MB without active content.

    The type comes from the file's first bytes, never from its name or the browser's content type.
    Names are looked for in the raw bytes and inside every stream that zlib can inflate
    (FlateDecode), which covers compressed object streams.
    NOTE: streams under other filters (ASCII85, ASCIIHex, LZW) or a chain of filters are not
    decoded, so an action hidden there passes; a full PDF parser would close that gap.
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

    if _has_active_name(content):
        raise InvalidCv(ACTIVE_CONTENT_MESSAGE)
    try:
        found = any(_has_active_name(chunk) for chunk in _inflated_chunks(content))
    except _TooMuchToInflate:
        raise InvalidCv(
            _(
                "Ce PDF est trop complexe pour être vérifié : enregistrez-le de nouveau avec "
                "« Imprimer en PDF » puis réessayez."
            )
        ) from None
    if found:
        raise InvalidCv(ACTIVE_CONTENT_MESSAGE)


def _has_active_name(data: bytes) -> bool:
    decoded = _NAME_ESCAPE.sub(lambda match: bytes([int(match.group(1), 16)]), data)
    return _ACTIVE_NAMES.search(decoded) is not None


def _inflated_chunks(content: bytes) -> Iterator[bytes]:
    """Yield the inflated bytes of every zlib stream of `content`, in overlapping chunks.

    A stream that is not zlib data yields nothing. A corrupt one yields what inflated from the
    input slices before the one holding the error, close to what a lenient PDF reader shows.
    Raises `_TooMuchToInflate` past the cap.
    """
    budget = MAX_INFLATED_BYTES
    position = 0
    while (match := _STREAM_START.search(content, position)) is not None:
        start = match.end()
        end = content.find(b"endstream", start)
        end = len(content) if end == -1 else end
        position = end

        inflater = zlib.decompressobj()
        offset = start
        pending = b""
        output_full = False
        tail = b""
        while not inflater.eof:
            if not pending and not output_full:
                # Nothing left to drain: feed the next slice of input, or stop at the end.
                if offset >= end:
                    break
                pending = content[offset : min(offset + INFLATE_INPUT_BYTES, end)]
                offset += len(pending)
            try:
                chunk = inflater.decompress(pending, INFLATE_CHUNK_BYTES)
            except zlib.error:
                break
            pending = inflater.unconsumed_tail
            output_full = len(chunk) == INFLATE_CHUNK_BYTES
            budget -= len(chunk)
            if budget < 0:
                raise _TooMuchToInflate()
            if chunk:
                yield tail + chunk
                tail = chunk[-_CHUNK_OVERLAP:]
