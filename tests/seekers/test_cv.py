import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from seekers.cv import MAX_CV_BYTES, check_cv
from seekers.exceptions import InvalidCv
from seekers.forms import ApplicationForm

from .factories import PLAIN_PDF, pdf_upload

NOT_PDF = "Ce fichier n’est pas un PDF : enregistrez votre CV au format PDF puis réessayez."
ACTIVE = (
    "Ce PDF contient des scripts ou des actions automatiques : enregistrez-le de "
    "nouveau avec « Imprimer en PDF » puis réessayez."
)
EMPTY = "Le fichier est vide : choisissez votre CV au format PDF."
TOO_BIG = "Le CV dépasse 5 Mo : réduisez sa taille puis envoyez-le de nouveau."
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
