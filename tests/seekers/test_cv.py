import logging
import random
import zlib

import fpdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from seekers import cv
from seekers.cv import MAX_CV_BYTES, check_cv
from seekers.exceptions import InvalidCv
from seekers.forms import ApplicationForm

from .factories import PLAIN_PDF, pdf_upload
from .pdfs import compress_in_chunks, object_stream_pdf

NOT_PDF = "Ce fichier n’est pas un PDF : enregistrez votre CV au format PDF puis réessayez."
ACTIVE = (
    "Ce PDF contient des scripts ou des actions automatiques : enregistrez-le de "
    "nouveau avec « Imprimer en PDF » puis réessayez."
)
EMPTY = "Le fichier est vide : choisissez votre CV au format PDF."
TOO_BIG = "Le CV dépasse 5 Mo : réduisez sa taille puis envoyez-le de nouveau."
TOO_COMPLEX = (
    "Ce PDF est trop complexe pour être vérifié : enregistrez-le de nouveau avec "
    "« Imprimer en PDF » puis réessayez."
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_plain_pdf_accepted():
    check_cv(pdf_upload())


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100, "cv.pdf", NOT_PDF),
        (PNG, "photo.pdf", NOT_PDF),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 50, "cv.jpg", NOT_PDF),
        (b"", "cv.pdf", EMPTY),
        (PLAIN_PDF + b"<< /S /JavaScript /JS (app.alert(1)) >>", "cv.pdf", ACTIVE),
        (PLAIN_PDF + b"<< /JS 5 0 R >>", "cv.pdf", ACTIVE),
        (PLAIN_PDF + b"<< /S /Launch /F (cmd.exe) >>", "cv.pdf", ACTIVE),
        (PLAIN_PDF + b"<< /OpenAction 4 0 R >>", "cv.pdf", ACTIVE),
        (PLAIN_PDF + b"<< /J#53 (x) >>", "cv.pdf", ACTIVE),
    ],
    ids=["exe", "png", "jpeg", "empty", "javascript", "js", "launch", "openaction", "escaped"],
)
def test_bad_cv_rejected(content, name, message):
    with pytest.raises(InvalidCv) as caught:
        check_cv(SimpleUploadedFile(name, content, content_type="application/pdf"))
    assert caught.value.message == message


def test_cv_over_5_mb_rejected():
    content = PLAIN_PDF + b"0" * (MAX_CV_BYTES - len(PLAIN_PDF) + 1)
    with pytest.raises(InvalidCv) as caught:
        check_cv(pdf_upload(content))
    assert caught.value.message == TOO_BIG


def test_cv_of_exactly_5_mb_accepted():
    check_cv(pdf_upload(PLAIN_PDF + b"0" * (MAX_CV_BYTES - len(PLAIN_PDF))))


def test_form_rejects_cv_with_log(caplog):
    exe = SimpleUploadedFile("cv.pdf", b"MZ" + b"\x00" * 10, content_type="application/pdf")
    with caplog.at_level(logging.INFO, logger="seekers.forms"):
        form = ApplicationForm({"message": ""}, {"cv": exe})
        assert not form.is_valid()
    assert form.errors["cv"] == [NOT_PDF]
    assert [r.getMessage() for r in caplog.records] == ["CV rejected: size=12 reason=InvalidCv"]


# Names hidden in compressed streams


def test_fpdf2_pdf_with_compressed_content_accepted():
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="Curriculum vitae")
    content = bytes(pdf.output())
    assert b"/FlateDecode" in content

    check_cv(pdf_upload(content))


def test_object_stream_without_action_accepted():
    check_cv(pdf_upload(object_stream_pdf()))


@pytest.mark.parametrize(
    "catalog_extra",
    [
        b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>",
        b"/Names << /JavaScript << /Names [(a) << /S /JavaScript /JS (x) >>] >> >>",
        b"/OpenAction << /S /Launch /F (cmd.exe) >>",
        b"/Names << /EmbeddedFiles << /Names [(a.exe) 5 0 R] >> >>",
        b"/AF [<< /Type /Filespec /EF << /F 5 0 R >> /Subtype /EmbeddedFile >>]",
        b"/OpenAction << /S /J#61vaScript /J#53 (x) >>",
    ],
    ids=["openaction-js", "names-js", "launch", "embedded-files", "embedded-file", "escaped"],
)
def test_action_in_object_stream_rejected(catalog_extra):
    content = object_stream_pdf(catalog_extra)
    assert catalog_extra not in content

    with pytest.raises(InvalidCv) as caught:
        check_cv(pdf_upload(content))

    assert caught.value.message == ACTIVE


def test_embedded_file_outside_streams_rejected():
    with pytest.raises(InvalidCv) as caught:
        check_cv(pdf_upload(PLAIN_PDF + b"<< /Type /EmbeddedFile /Length 3 >>"))
    assert caught.value.message == ACTIVE


def test_name_across_inflated_chunks_rejected(monkeypatch):
    monkeypatch.setattr(cv, "INFLATE_CHUNK_BYTES", 16)
    padding = b"% " + b"x" * 9 + b"\n"
    content = object_stream_pdf(b"/OpenAction 9 0 R " + padding * 40 + b"/JavaScript")

    with pytest.raises(InvalidCv) as caught:
        check_cv(pdf_upload(content.replace(b"/OpenAction", b"/Other")))

    assert caught.value.message == ACTIVE


def test_zip_bomb_rejected_within_cap(monkeypatch):
    monkeypatch.setattr(cv, "MAX_INFLATED_BYTES", 2 * 1024 * 1024)
    bomb = compress_in_chunks(b"\0" * 1024 * 1024, 3)
    content = (
        PLAIN_PDF
        + b"5 0 obj << /Filter /FlateDecode /Length %d >>\nstream\n" % len(bomb)
        + bomb
        + b"\nendstream endobj\n"
    )
    assert len(content) < 10_000

    with pytest.raises(InvalidCv) as caught:
        check_cv(pdf_upload(content))

    assert caught.value.message == TOO_COMPLEX


def test_stream_inflating_just_under_cap_accepted(monkeypatch):
    monkeypatch.setattr(cv, "MAX_INFLATED_BYTES", 2 * 1024 * 1024)
    packed = compress_in_chunks(b"\0" * 1024 * 1024, 2)
    content = (
        PLAIN_PDF + b"5 0 obj << /Filter /FlateDecode >>\nstream\n" + packed + b"\nendstream\n"
    )

    check_cv(pdf_upload(content))


def test_corrupt_stream_scanned_until_error():
    noise = random.Random(6).randbytes(200_000)
    packed = zlib.compress(b"<< /S /JavaScript /JS (x) >>" + noise)
    corrupt = packed[:150_000] + b"\xff" * 20 + packed[150_020:]
    content = PLAIN_PDF + b"5 0 obj\n<< >>\nstream\n" + corrupt + b"\nendstream\n"

    with pytest.raises(InvalidCv) as caught:
        check_cv(pdf_upload(content))

    assert caught.value.message == ACTIVE
