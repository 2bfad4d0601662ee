"""Factories for seekers' profiles, and PDF bytes for CV uploads."""

import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from seekers.choices import Sex, Visibility
from seekers.models import SeekerProfile
from tests.accounts.factories import UserFactory
from tests.cms.factories import RegionFactory

PLAIN_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)


def pdf_upload(content: bytes = PLAIN_PDF, name: str = "cv.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class SeekerProfileFactory(factory.django.DjangoModelFactory):
    """A 22-year-old Malian woman in Bamako's region, with a CV, applying only where she chooses."""

    class Meta:
        model = SeekerProfile

    user = factory.SubFactory(UserFactory)
    region = factory.SubFactory(RegionFactory, code="ML09", name="Bamako")
    date_of_birth = factory.LazyFunction(
        lambda: datetime.date.today().replace(day=1) - datetime.timedelta(days=22 * 366)
    )
    sex = Sex.FEMALE
    nationality = "ML"
    visibility = Visibility.APPLIED_ONLY
    cv = factory.django.FileField(filename="cv.pdf", data=PLAIN_PDF)
