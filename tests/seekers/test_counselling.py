"""Counsellor mode: registering seekers without phone or e-mail, consent, profile, applying."""

import datetime
import logging

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.roles import Permission, can, organisations_with
from cms.time import bamako_today
from organisations.models import Membership
from seekers import counselling, services
from seekers.choices import ApplicationStatus as S
from seekers.choices import Visibility
from seekers.exceptions import NotAllowed, SeekerNotFound
from seekers.models import Application, Consent, ProfileEvent, SeekerProfile
from tests.cms.factories import RegionFactory
from tests.organisations.factories import MembershipFactory, OrganisationFactory

from .factories import SeekerProfileFactory, pdf_upload

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def centre():
    """A verified youth centre, registered as an organisation."""
    return OrganisationFactory(verified=True, name="Centre des jeunes de Ségou")


@pytest.fixture
def counsellor(centre):
    return MembershipFactory(
        organisation=centre,
        role=Membership.Role.COUNSELLOR,
        user__first_name="Moussa",
        user__last_name="Diarra",
    ).user


def register(counsellor, centre, **overrides):
    fields = {
        "first_name": "Fatoumata",
        "last_name": "Coulibaly",
        "visibility": Visibility.SEARCHABLE,
        "method": Consent.Method.PAPER_FORM,
        "given_on": bamako_today(),
        "note": "Formulaire n° 12, classeur du centre",
    }
    fields.update(overrides)
    return counselling.register_seeker(counsellor, centre, **fields)


def completed(profile):
    """Give a counselled profile what applying needs: date of birth, region and a CV."""
    complete = SeekerProfileFactory.build()
    profile.date_of_birth = complete.date_of_birth
    profile.region = RegionFactory(code="ML04", name="Ségou")
    profile.cv = pdf_upload()
    profile.save()
    return profile


# Registering


def test_register_seeker_without_contact(counsellor, centre):
    profile = register(counsellor, centre)

    user = profile.user
    assert user.email is None
    assert user.phone is None
    assert user.reached_through_counsellor is True
    assert not user.has_usable_password()
    assert profile.counsellor == counsellor
    assert profile.counsellor_organisation == centre
    assert profile.updated_by == counsellor
    assert profile.visibility == Visibility.SEARCHABLE
    consent = Consent.objects.get(user=user)
    assert consent.method == Consent.Method.PAPER_FORM
    assert consent.recorded_by == counsellor
    assert consent.given_on == bamako_today()
    assert consent.note == "Formulaire n° 12, classeur du centre"
    assert list(profile.events.values_list("action", "actor")) == [
        (ProfileEvent.Action.REGISTERED, counsellor.pk),
        (ProfileEvent.Action.CONSENT_RECORDED, counsellor.pk),
    ]


def test_database_rejects_user_without_any_contact():
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(first_name="Sans", last_name="Contact")


def test_manager_rejects_user_without_contact():
    with pytest.raises(ValueError):
        User.objects.create_user(first_name="Sans", last_name="Contact")


def test_counsellor_of_pending_organisation_cannot_register():
    pending = OrganisationFactory()
    counsellor = MembershipFactory(organisation=pending, role=Membership.Role.COUNSELLOR).user

    with pytest.raises(NotAllowed):
        register(counsellor, pending)

    assert not SeekerProfile.objects.exists()
    assert not can(counsellor, Permission.COUNSEL_SEEKERS)


@pytest.mark.parametrize("role", [Membership.Role.MEMBER, Membership.Role.ADMIN])
def test_ngo_member_without_counsellor_role_cannot_register(centre, role):
    member = MembershipFactory(organisation=centre, role=role).user

    with pytest.raises(NotAllowed):
        register(member, centre)


def test_counsellor_cannot_register_for_another_organisation(counsellor):
    other = OrganisationFactory(verified=True)

    with pytest.raises(NotAllowed):
        register(counsellor, other)


def test_register_view_creates_seeker(client, counsellor, centre):
    client.force_login(counsellor)

    response = client.post(
        reverse("counselling:register"),
        {
            "first_name": "Aminata",
            "last_name": "Keïta",
            "organisation": centre.pk,
            "visibility": Visibility.APPLIED_ONLY,
            "method": Consent.Method.ORAL,
            "given_on": bamako_today().isoformat(),
            "note": "",
        },
    )

    profile = SeekerProfile.objects.get(user__last_name="Keïta")
    assert response.status_code == 302
    assert response["Location"] == reverse("counselling:profile", args=[profile.user_id])
    assert Consent.objects.get(user=profile.user).method == "oral"


def test_register_view_rejects_future_consent_date(client, counsellor, centre, caplog):
    client.force_login(counsellor)
    tomorrow = bamako_today() + datetime.timedelta(days=1)

    with caplog.at_level(logging.INFO, logger="seekers.counselling_views"):
        response = client.post(
            reverse("counselling:register"),
            {
                "first_name": "Aminata",
                "last_name": "Keïta",
                "organisation": centre.pk,
                "visibility": Visibility.APPLIED_ONLY,
                "method": Consent.Method.ORAL,
                "given_on": tomorrow.isoformat(),
            },
        )

    assert response.status_code == 200
    assert response.context["form"].errors["given_on"] == [
        "La date de l’accord ne peut pas être dans le futur."
    ]
    assert not SeekerProfile.objects.exists()
    assert [r.getMessage() for r in caplog.records] == [
        f"Seeker registration rejected, invalid form: user={counsellor.pk}"
    ]


# Acting for the seeker


def test_colleague_counsellor_may_act(counsellor, centre):
    profile = register(counsellor, centre)
    colleague = MembershipFactory(organisation=centre, role=Membership.Role.COUNSELLOR).user

    assert counselling.counselled_profile(colleague, profile.user_id) == profile


def test_other_centre_counsellor_gets_not_found(counsellor, centre):
    profile = register(counsellor, centre)
    elsewhere = MembershipFactory(
        organisation=OrganisationFactory(verified=True), role=Membership.Role.COUNSELLOR
    ).user

    with pytest.raises(SeekerNotFound):
        counselling.counselled_profile(elsewhere, profile.user_id)


def test_counsellor_cannot_act_for_self_registered_seeker(counsellor):
    seeker = SeekerProfileFactory()

    with pytest.raises(SeekerNotFound):
        counselling.counselled_profile(counsellor, seeker.user_id)


def test_record_consent_keeps_history(counsellor, centre):
    profile = register(counsellor, centre)

    counselling.record_consent(
        counsellor,
        profile,
        visibility=Visibility.APPLIED_ONLY,
        method=Consent.Method.ORAL,
        given_on=bamako_today(),
    )

    profile.refresh_from_db()
    assert profile.visibility == Visibility.APPLIED_ONLY
    assert list(Consent.objects.filter(user=profile.user).values_list("visibility", "method")) == [
        (Visibility.SEARCHABLE, "paper-form"),
        (Visibility.APPLIED_ONLY, "oral"),
    ]


def test_profile_edit_view_marks_counsellor(client, counsellor, centre):
    profile = register(counsellor, centre)
    region = SeekerProfileFactory().region
    client.force_login(counsellor)
    born = (bamako_today() - datetime.timedelta(days=20 * 366)).isoformat()
    data = {
        "region": region.pk,
        "date_of_birth": born,
        "nationality": "ML",
    }
    for prefix in ("skills", "languages", "experiences", "trainings"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})

    response = client.post(reverse("counselling:profile", args=[profile.user_id]), data)

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.region == region
    assert profile.updated_by == counsellor
    assert profile.events.last().action == ProfileEvent.Action.EDITED
    assert profile.visibility == Visibility.SEARCHABLE


def test_apply_for_seeker_marks_counsellor(counsellor, centre, offer):
    profile = completed(register(counsellor, centre))

    application = counselling.apply_for(counsellor, profile, offer, "Écrit avec elle")

    assert application.seeker == profile.user
    assert application.submitted_by == counsellor
    assert application.events.get().actor == counsellor
    assert profile.events.last().action == ProfileEvent.Action.APPLIED
    assert profile.events.last().details == {"application": application.pk, "offer": offer.pk}


def test_other_counsellor_cannot_apply(counsellor, centre, offer):
    profile = completed(register(counsellor, centre))
    elsewhere = MembershipFactory(
        organisation=OrganisationFactory(verified=True), role=Membership.Role.COUNSELLOR
    ).user

    with pytest.raises(SeekerNotFound):
        counselling.apply_for(elsewhere, profile, offer)

    assert not Application.objects.exists()


def test_seeker_page_shows_done_by_counsellor(client, counsellor, centre, offer):
    seeker = SeekerProfileFactory(counsellor_organisation=centre, counsellor=counsellor)
    counselling.apply_for(counsellor, seeker, offer)
    client.force_login(seeker.user)

    response = client.get(reverse("seekers:applications"))

    assert "fait par Moussa Diarra" in response.content.decode()


def test_status_notice_goes_to_counsellor(
    counsellor, centre, offer, reviewer, django_capture_on_commit_callbacks
):
    profile = completed(register(counsellor, centre))
    application = counselling.apply_for(counsellor, profile, offer)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(reviewer, application.pk, S.IN_REVIEW)

    assert [message.to for message in mail.outbox] == [[counsellor.email]]
    body = mail.outbox[0].body
    assert "Ce message concerne Fatoumata Coulibaly, que vous accompagnez comme conseiller." in body
    assert reverse("counselling:applications", args=[profile.user_id]) in body


def test_counselled_seeker_export_names_counsellor(counsellor, centre):
    profile = register(counsellor, centre)

    data = counselling.profiles.export_data(profile.user)

    assert data["account"]["reached_through_counsellor"] is True
    assert data["profile"]["counsellor"] == "Moussa Diarra"
    assert data["profile"]["counsellor_organisation"] == "Centre des jeunes de Ségou"
    assert data["consents"][0]["recorded_by"] == "Moussa Diarra"
    assert data["consents"][0]["method"] == "paper-form"
    assert [event["action"] for event in data["profile_events"]] == [
        "registered",
        "consent-recorded",
    ]


def test_counsellor_permissions_and_dashboard(client, counsellor, centre):
    assert can(counsellor, Permission.COUNSEL_SEEKERS, centre)
    assert not can(counsellor, Permission.REVIEW_APPLICATIONS, centre)
    assert not can(counsellor, Permission.SEARCH_SEEKERS)
    assert not can(counsellor, Permission.APPLY)
    assert organisations_with(counsellor, Permission.COUNSEL_SEEKERS) == [centre]
    client.force_login(counsellor)

    page = client.get(reverse("accounts:dashboard")).content.decode()

    assert reverse("counselling:seekers") in page
    assert "Conseiller d’insertion" in page


# Data rights through the counsellor


def test_counsellor_downloads_seeker_data(client, counsellor, centre):
    profile = register(counsellor, centre)
    client.force_login(counsellor)

    exported = client.get(reverse("counselling:export", args=[profile.user_id]))
    summary = client.get(reverse("counselling:export_pdf", args=[profile.user_id]))

    assert exported.json()["account"]["first_name"] == "Fatoumata"
    assert exported.json()["profile"]["counsellor"] == "Moussa Diarra"
    assert summary["Content-Type"] == "application/pdf"
    assert summary.content.startswith(b"%PDF-")


def test_counsellor_deletes_seeker_account(client, counsellor, centre, offer):
    profile = completed(register(counsellor, centre))
    application = counselling.apply_for(counsellor, profile, offer, "Écrit avec elle")
    client.force_login(counsellor)

    response = client.post(reverse("counselling:delete_account", args=[profile.user_id]))

    assert response.status_code == 302
    assert not User.objects.filter(pk=profile.user_id).exists()
    assert not SeekerProfile.objects.exists()
    application.refresh_from_db()
    assert application.seeker is None
    assert application.message == ""


def test_other_counsellor_cannot_export_or_delete(client, counsellor, centre):
    profile = register(counsellor, centre)
    elsewhere = MembershipFactory(
        organisation=OrganisationFactory(verified=True), role=Membership.Role.COUNSELLOR
    ).user
    client.force_login(elsewhere)

    assert client.get(reverse("counselling:export", args=[profile.user_id])).status_code == 404
    deleted = client.post(reverse("counselling:delete_account", args=[profile.user_id]))
    assert deleted.status_code == 404
    assert User.objects.filter(pk=profile.user_id).exists()
