import datetime

import pytest
from django.utils import timezone

from observatory.models import Placement
from seekers import services, tasks
from seekers.choices import ApplicationStatus as S
from seekers.exceptions import HireUndoTooLate, IllegalTransition
from seekers.models import Application
from tests.cms.factories import (
    CercleFactory,
    CommuneFactory,
    RegionFactory,
    SectorFactory,
    make_offer,
)

from .factories import SeekerProfileFactory

pytestmark = pytest.mark.django_db

INTERVIEW_PATH = (S.IN_REVIEW, S.SHORTLISTED, S.INTERVIEW)


@pytest.fixture
def mopti_offer(org_page):
    commune = CommuneFactory(cercle=CercleFactory(region=RegionFactory(code="ML05", name="Mopti")))
    return make_offer(
        org_page,
        commune=commune,
        cercle=commune.cercle,
        region=commune.cercle.region,
        sector=SectorFactory(slug="education"),
        contract_type="consultancy",
        project_type="humanitarian",
        positions=3,
    )


def interviewed(offer, reviewer, **profile):
    application = services.apply(SeekerProfileFactory(**profile).user, offer)
    for status in INTERVIEW_PATH:
        services.change_status(reviewer, application.pk, status)
    return application


def test_hire_records_one_anonymous_placement(
    mopti_offer, reviewer, django_capture_on_commit_callbacks
):
    born = timezone.localdate() - datetime.timedelta(days=30 * 366)
    application = interviewed(mopti_offer, reviewer, sex="M", date_of_birth=born, nationality="SN")

    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(reviewer, application.pk, S.HIRED)

    placement = Placement.objects.get()
    assert placement.source_key == f"application:{application.pk}"
    assert placement.organisation_id == mopti_offer.organisation_id
    assert placement.offer_id == mopti_offer.pk
    assert placement.occupation_code == mopti_offer.occupation.code
    assert placement.sector == "education"
    assert placement.contract_type == "consultance"
    assert placement.project_type == "humanitaire"
    assert placement.region == "ML05"
    assert placement.start_date == timezone.localdate()
    assert placement.sex == "M"
    assert placement.age_band == "25-35"
    assert placement.nationality == "expatrie"
    field_names = {field.name for field in Placement._meta.fields}
    assert not field_names & {"seeker", "user", "email", "phone", "date_of_birth", "name"}


def test_double_save_records_one_placement(
    mopti_offer, reviewer, django_capture_on_commit_callbacks
):
    application = interviewed(mopti_offer, reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(reviewer, application.pk, S.HIRED)
    with pytest.raises(IllegalTransition):
        with django_capture_on_commit_callbacks(execute=True):
            services.change_status(reviewer, application.pk, S.HIRED)
    Application.objects.get(pk=application.pk).save()

    assert Placement.objects.count() == 1


def test_duplicated_task_records_one_placement(mopti_offer, reviewer):
    application = interviewed(mopti_offer, reviewer)
    services.change_status(reviewer, application.pk, S.HIRED)

    first = tasks.record_hire_placement.apply(args=[application.pk]).get()
    second = tasks.record_hire_placement.apply(args=[application.pk]).get()

    assert first == second
    assert Placement.objects.count() == 1


def test_task_skips_application_not_hired(mopti_offer, reviewer):
    application = interviewed(mopti_offer, reviewer)

    assert tasks.record_hire_placement.apply(args=[application.pk]).get() is None
    assert not Placement.objects.exists()


def test_undo_within_7_days_removes_placement(
    mopti_offer, reviewer, django_capture_on_commit_callbacks
):
    application = interviewed(mopti_offer, reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(reviewer, application.pk, S.HIRED)
    six_days_ago = timezone.now() - datetime.timedelta(days=6, hours=23)
    Application.objects.filter(pk=application.pk).update(hired_at=six_days_ago)

    services.change_status(reviewer, application.pk, S.INTERVIEW)

    application.refresh_from_db()
    assert application.status == S.INTERVIEW
    assert application.hired_at is None
    assert not Placement.objects.exists()


def test_undo_after_7_days_refused(mopti_offer, reviewer, django_capture_on_commit_callbacks):
    application = interviewed(mopti_offer, reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(reviewer, application.pk, S.HIRED)
    eight_days_ago = timezone.now() - datetime.timedelta(days=8)
    Application.objects.filter(pk=application.pk).update(hired_at=eight_days_ago)

    with pytest.raises(HireUndoTooLate) as caught:
        services.change_status(reviewer, application.pk, S.INTERVIEW)

    assert caught.value.message == (
        "L’embauche date de plus de 7 jours : elle ne peut plus être annulée sur la plateforme."
    )
    application.refresh_from_db()
    assert application.status == S.HIRED
    assert Placement.objects.count() == 1


def test_outsider_cannot_undo_hire(
    mopti_offer, reviewer, outsider, django_capture_on_commit_callbacks
):
    application = interviewed(mopti_offer, reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(reviewer, application.pk, S.HIRED)

    with pytest.raises(services.ApplicationNotFound):
        services.change_status(outsider, application.pk, S.INTERVIEW)

    assert Placement.objects.count() == 1
