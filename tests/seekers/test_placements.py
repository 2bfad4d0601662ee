import datetime

import pytest
from django.utils import timezone
from wagtail.models import Revision

from cms.time import bamako_today
from observatory.aggregates import Filters, build_table
from observatory.models import Placement
from seekers import services, tasks
from seekers.choices import ApplicationStatus as S
from seekers.exceptions import HireUndoTooLate, IllegalTransition
from seekers.models import Application, OfferFilling
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


def test_placement_without_sex_recorded_as_not_given(
    mopti_offer, reviewer, django_capture_on_commit_callbacks
):
    application = interviewed(mopti_offer, reviewer, sex="")

    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(reviewer, application.pk, S.HIRED)

    assert Placement.objects.get().sex == "NR"
    table = build_table("embauches-sexe", Filters(year=timezone.localdate().year), exact=True)
    assert {row.key: row.values[0] for row in table.rows} == {"F": 0, "M": 0, "NR": 1}
    assert table.total.values == (1,)
    assert str(dict((row.key, row.label) for row in table.rows)["NR"]) == "Non renseigné"


# Undoing the hire that filled the offer


def fill_offer(org_page, reviewer, capture):
    """Hire one of three applicants to a one-position offer; return (offer, hired, others)."""
    offer = make_offer(org_page, positions=1)
    hired, shortlisted, received = (
        services.apply(SeekerProfileFactory().user, offer) for _ in range(3)
    )
    for status in (S.IN_REVIEW, S.SHORTLISTED):
        services.change_status(reviewer, shortlisted.pk, status)
    for status in INTERVIEW_PATH:
        services.change_status(reviewer, hired.pk, status)
    with capture(execute=True):
        services.change_status(reviewer, hired.pk, S.HIRED)
    offer.refresh_from_db()
    assert not offer.live
    return offer, hired, shortlisted, received


def test_undo_reopens_filled_offer_and_applications(
    org_page, reviewer, django_capture_on_commit_callbacks, mailoutbox
):
    offer, hired, shortlisted, received = fill_offer(
        org_page, reviewer, django_capture_on_commit_callbacks
    )
    assert Application.objects.get(pk=shortlisted.pk).status == S.CLOSED
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(reviewer, hired.pk, S.INTERVIEW)

    offer.refresh_from_db()
    assert offer.live
    assert services.is_open(offer)
    shortlisted.refresh_from_db()
    assert shortlisted.status == S.SHORTLISTED
    assert shortlisted.closing_reason == ""
    last = shortlisted.events.last()
    assert (last.from_status, last.to_status, last.actor) == (S.CLOSED, S.SHORTLISTED, reviewer)
    assert Application.objects.get(pk=received.pk).status == S.RECEIVED
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [hired.seeker.email, shortlisted.seeker.email, received.seeker.email]
    )
    assert not OfferFilling.objects.exists()


def test_undo_keeps_offer_closed_after_closing_date(
    org_page, reviewer, django_capture_on_commit_callbacks
):
    offer, hired, shortlisted, _received = fill_offer(
        org_page, reviewer, django_capture_on_commit_callbacks
    )
    revision = OfferFilling.objects.get(offer=offer).live_revision
    content = revision.content
    content["closing_date"] = (bamako_today() - datetime.timedelta(days=1)).isoformat()
    Revision.objects.filter(pk=revision.pk).update(content=content)

    services.change_status(reviewer, hired.pk, S.INTERVIEW)

    offer.refresh_from_db()
    assert not offer.live
    shortlisted.refresh_from_db()
    assert shortlisted.status == S.SHORTLISTED


def test_undo_of_unfilling_hire_leaves_offer_alone(mopti_offer, reviewer):
    application = interviewed(mopti_offer, reviewer)
    other = services.apply(SeekerProfileFactory().user, mopti_offer)
    services.change_status(reviewer, application.pk, S.HIRED)

    services.change_status(reviewer, application.pk, S.INTERVIEW)

    mopti_offer.refresh_from_db()
    assert mopti_offer.live
    assert Application.objects.get(pk=other.pk).status == S.RECEIVED
    assert not OfferFilling.objects.exists()


def test_undo_keeps_offer_closed_while_still_filled(org_page, reviewer):
    offer = make_offer(org_page, positions=1)
    first, second = (services.apply(SeekerProfileFactory().user, offer) for _ in range(2))
    for status in (*INTERVIEW_PATH, S.HIRED):
        services.change_status(reviewer, first.pk, status)
    # The NGO hires a second person outside the count by re-publishing and hiring again.
    Application.objects.filter(pk=second.pk).update(status=S.HIRED, closing_reason="")

    services.change_status(reviewer, first.pk, S.INTERVIEW)

    offer.refresh_from_db()
    assert not offer.live
    assert OfferFilling.objects.filter(offer=offer).exists()
