import datetime
import logging

import pytest
from django.core import mail
from django.urls import reverse

from cms.choices import ApplicationMethod
from cms.models import OfferPage
from cms.services import withdraw_opportunity
from cms.time import bamako_today
from seekers import services
from seekers.choices import ApplicationKind
from seekers.choices import ApplicationStatus as S
from seekers.exceptions import (
    AlreadyApplied,
    ApplicationNotFound,
    IllegalTransition,
    MissingCv,
    MissingRejectionReason,
    NotAllowed,
    OfferClosed,
    ProfileIncomplete,
)
from seekers.models import Application, ApplicationEvent
from tests.accounts.factories import UserFactory
from tests.cms.factories import make_offer

from .factories import SeekerProfileFactory, pdf_upload

pytestmark = pytest.mark.django_db

CLOSED = "Cette offre n’accepte plus de candidatures : elle est close, expirée ou retirée."


def advance(application, user, *statuses):
    for status in statuses:
        services.change_status(user, application.pk, status)
    application.refresh_from_db()
    return application


# Applying


def test_apply_on_platform_copies_profile_cv(seeker, offer):
    application = services.apply(seeker, offer, "  Je suis disponible.  ")

    assert application.kind == ApplicationKind.PLATFORM
    assert application.status == S.RECEIVED
    assert application.message == "Je suis disponible."
    assert application.cv.name == seeker.seeker_profile.cv.name
    assert application.organisation_id == offer.organisation_id
    assert list(application.events.values_list("from_status", "to_status")) == [("", S.RECEIVED)]


def test_apply_with_new_cv(seeker, offer):
    application = services.apply(seeker, offer, cv=pdf_upload(name="nouveau.pdf"))

    assert application.cv.name != seeker.seeker_profile.cv.name
    assert application.cv.name.endswith(".pdf")


def test_second_application_rejected(seeker, offer, caplog):
    services.apply(seeker, offer)

    with caplog.at_level(logging.INFO, logger="seekers.services"):
        with pytest.raises(AlreadyApplied) as caught:
            services.apply(seeker, offer)

    assert caught.value.message == "Vous avez déjà postulé à cette offre."
    assert Application.objects.count() == 1
    assert ApplicationEvent.objects.count() == 1
    assert [r.getMessage() for r in caplog.records] == [
        f"Application rejected, already applied: offer={offer.pk} user={seeker.pk}"
    ]


def test_double_submit_through_view(client, seeker, offer):
    client.force_login(seeker)
    url = reverse("seekers:apply", args=[offer.pk])

    first = client.post(url, {"message": "Bonjour"})
    second = client.post(url, {"message": "Bonjour"}, follow=True)

    assert first.status_code == 302
    assert Application.objects.filter(seeker=seeker, offer=offer).count() == 1
    assert "Vous avez déjà postulé à cette offre." in [str(m) for m in second.context["messages"]]


@pytest.mark.parametrize("state", ["withdrawn", "expired", "past-closing-date"])
def test_apply_to_closed_offer_rejected(seeker, org_page, reviewer, state):
    offer = make_offer(org_page)
    if state == "withdrawn":
        withdraw_opportunity(reviewer, offer)
    elif state == "expired":
        OfferPage.objects.filter(pk=offer.pk).update(live=False, expired=True)
    else:
        yesterday = bamako_today() - datetime.timedelta(days=1)
        OfferPage.objects.filter(pk=offer.pk).update(closing_date=yesterday)
    offer = OfferPage.objects.get(pk=offer.pk)

    with pytest.raises(OfferClosed) as caught:
        services.apply(seeker, offer)

    assert caught.value.message == CLOSED
    assert not Application.objects.exists()


def test_apply_view_on_closed_offer_shows_message(client, seeker, org_page, reviewer):
    offer = make_offer(org_page)
    withdraw_opportunity(reviewer, offer)
    client.force_login(seeker)

    response = client.post(reverse("seekers:apply", args=[offer.pk]), {"message": "x"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [CLOSED]
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "method", [ApplicationMethod.LINK, ApplicationMethod.EMAIL], ids=["link", "email"]
)
def test_external_method_records_intent(seeker, org_page, method):
    offer = make_offer(
        org_page,
        application_method=method,
        application_url="https://ong.example.ml/postuler",
        application_email="rh@ong.example.ml",
    )

    application = services.apply(seeker, offer, "ignoré")

    assert application.kind == ApplicationKind.EXTERNAL_INTENT
    assert application.status == S.EXTERNAL
    assert application.message == ""
    assert not application.cv


def test_intents_stay_out_of_inbox(seeker, reviewer, org_page):
    offer = make_offer(
        org_page,
        application_method=ApplicationMethod.LINK,
        application_url="https://ong.example.ml/postuler",
    )
    services.apply(seeker, offer)

    assert list(services.applications_for_review(reviewer, offer)) == []


def test_apply_without_date_of_birth_rejected(offer):
    user = SeekerProfileFactory(date_of_birth=None).user

    with pytest.raises(ProfileIncomplete):
        services.apply(user, offer)
    assert not Application.objects.exists()


def test_apply_without_any_cv_rejected(offer):
    user = SeekerProfileFactory(cv="").user

    with pytest.raises(MissingCv) as caught:
        services.apply(user, offer)

    assert caught.value.message == "Joignez un CV au format PDF, ou ajoutez-en un à votre profil."
    assert not Application.objects.exists()


def test_ngo_member_cannot_apply(reviewer, offer):
    with pytest.raises(NotAllowed):
        services.apply(reviewer, offer)
    assert not Application.objects.exists()


# Status changes


def test_whole_pipeline_to_hire(seeker, reviewer, offer, django_capture_on_commit_callbacks):
    application = services.apply(seeker, offer)

    with django_capture_on_commit_callbacks(execute=True):
        advance(application, reviewer, S.IN_REVIEW, S.SHORTLISTED, S.INTERVIEW, S.HIRED)

    assert application.status == S.HIRED
    assert application.hired_at is not None
    assert list(application.events.values_list("from_status", "to_status")) == [
        ("", S.RECEIVED),
        (S.RECEIVED, S.IN_REVIEW),
        (S.IN_REVIEW, S.SHORTLISTED),
        (S.SHORTLISTED, S.INTERVIEW),
        (S.INTERVIEW, S.HIRED),
    ]
    assert [m.to for m in mail.outbox] == [[seeker.email]] * 4
    assert "Présélectionnée" in mail.outbox[1].body
    assert mail.outbox[3].subject.endswith(f"Votre candidature « {offer.title} »")


def test_status_change_by_sms_for_phone_only_seeker(
    reviewer, offer, sms_outbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email=None, with_phone=True)
    SeekerProfileFactory(user=user)
    application = services.apply(user, offer)

    with django_capture_on_commit_callbacks(execute=True):
        advance(application, reviewer, S.IN_REVIEW)

    assert mail.outbox == []
    assert [message.to for message in sms_outbox] == [user.phone]
    assert "En cours d’examen" in sms_outbox[0].body


def test_no_notification_before_commit(seeker, reviewer, offer, django_capture_on_commit_callbacks):
    application = services.apply(seeker, offer)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        advance(application, reviewer, S.IN_REVIEW)

    assert len(callbacks) == 1
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("path", "illegal"),
    [
        ((), S.HIRED),
        ((), S.INTERVIEW),
        ((), S.SHORTLISTED),
        ((S.IN_REVIEW,), S.RECEIVED),
        ((S.IN_REVIEW,), S.HIRED),
        ((S.IN_REVIEW, S.SHORTLISTED), S.HIRED),
        ((S.IN_REVIEW, S.SHORTLISTED, S.INTERVIEW, S.HIRED), S.REJECTED),
        ((), S.CLOSED),
        ((), S.WITHDRAWN),
        ((), "bogus"),
    ],
)
def test_reviewer_illegal_transitions(seeker, reviewer, offer, path, illegal):
    application = advance(services.apply(seeker, offer), reviewer, *path)
    events = application.events.count()

    with pytest.raises(IllegalTransition) as caught:
        services.change_status(reviewer, application.pk, illegal)

    assert caught.value.message == "Cette candidature ne peut pas passer à ce statut."
    application.refresh_from_db()
    assert application.status == (path[-1] if path else S.RECEIVED)
    assert application.events.count() == events


def test_rejected_application_is_final(seeker, reviewer, offer):
    application = services.apply(seeker, offer)
    services.change_status(reviewer, application.pk, S.REJECTED, "experience")

    for status in (S.IN_REVIEW, S.HIRED, S.INTERVIEW):
        with pytest.raises(IllegalTransition):
            services.change_status(reviewer, application.pk, status)
    with pytest.raises(IllegalTransition):
        services.change_status(seeker, application.pk, S.WITHDRAWN)


@pytest.mark.parametrize("status", [S.IN_REVIEW, S.SHORTLISTED, S.HIRED, S.REJECTED])
def test_seeker_may_only_withdraw(seeker, offer, status):
    application = services.apply(seeker, offer)

    with pytest.raises(IllegalTransition):
        services.change_status(seeker, application.pk, status, "experience")

    application.refresh_from_db()
    assert application.status == S.RECEIVED


@pytest.mark.parametrize("path", [(), (S.IN_REVIEW, S.SHORTLISTED, S.INTERVIEW)])
def test_seeker_withdraws(seeker, reviewer, offer, path):
    application = advance(services.apply(seeker, offer), reviewer, *path)

    services.change_status(seeker, application.pk, S.WITHDRAWN)

    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    assert application.events.last().actor == seeker


def test_rejection_needs_coded_reason(seeker, reviewer, offer):
    application = services.apply(seeker, offer)

    for reason in ("", "je n’aime pas"):
        with pytest.raises(MissingRejectionReason) as caught:
            services.change_status(reviewer, application.pk, S.REJECTED, reason)
        assert caught.value.message == "Choisissez le motif du refus dans la liste."

    services.change_status(reviewer, application.pk, S.REJECTED, "profile-mismatch")
    application.refresh_from_db()
    assert application.status == S.REJECTED
    assert application.rejection_reason == "profile-mismatch"
    assert application.events.last().reason == "profile-mismatch"


def test_other_organisation_gets_not_found(seeker, outsider, offer, caplog):
    application = services.apply(seeker, offer)

    with caplog.at_level(logging.INFO, logger="seekers.services"):
        with pytest.raises(ApplicationNotFound):
            services.change_status(outsider, application.pk, S.IN_REVIEW)

    application.refresh_from_db()
    assert application.status == S.RECEIVED
    assert application.events.count() == 1
    assert len(caplog.records) == 1


@pytest.mark.parametrize("who", ["outsider", "other-seeker", "editor"])
def test_review_view_hidden_from_others(client, seeker, outsider, offer, who):
    application = services.apply(seeker, offer)
    user = {
        "outsider": outsider,
        "other-seeker": SeekerProfileFactory().user,
        "editor": UserFactory(editor=True),
    }[who]
    if who == "editor":
        from tests.organisations.factories import activate_totp

        activate_totp(user)
    client.force_login(user)

    get = client.get(reverse("inbox:review", args=[application.pk]))
    post = client.post(reverse("inbox:review", args=[application.pk]), {"status": S.IN_REVIEW})
    inbox = client.get(reverse("inbox:offer", args=[offer.pk]))

    assert get.status_code == 404
    assert post.status_code == 404
    assert inbox.status_code == 404
    application.refresh_from_db()
    assert application.status == S.RECEIVED


def test_review_view_changes_status(client, seeker, reviewer, offer):
    application = services.apply(seeker, offer)
    client.force_login(reviewer)

    inbox = client.get(reverse("inbox:offer", args=[offer.pk]))
    response = client.post(
        reverse("inbox:review", args=[application.pk]), {"status": S.REJECTED, "reason": ""}
    )

    assert list(inbox.context["applications"]) == [application]
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Choisissez le motif du refus dans la liste."
    ]
    response = client.post(
        reverse("inbox:review", args=[application.pk]),
        {"status": S.REJECTED, "reason": "unreachable"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.REJECTED


def test_seeker_sees_history(client, seeker, reviewer, offer):
    application = advance(services.apply(seeker, offer), reviewer, S.IN_REVIEW)
    client.force_login(seeker)

    response = client.get(reverse("seekers:applications"))

    assert list(response.context["applications"]) == [application]
    assert "En cours d’examen" in response.content.decode()


def test_withdraw_view_of_another_seeker_not_found(client, seeker, offer):
    application = services.apply(seeker, offer)
    client.force_login(SeekerProfileFactory().user)

    response = client.post(reverse("seekers:withdraw", args=[application.pk]))

    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == S.RECEIVED


# Filling the offer


def test_last_hire_closes_offer_and_other_applications(
    org_page, reviewer, django_capture_on_commit_callbacks
):
    offer = make_offer(org_page, positions=1)
    hired, waiting, rejected = (
        services.apply(SeekerProfileFactory().user, offer) for _ in range(3)
    )
    services.change_status(reviewer, rejected.pk, S.REJECTED, "experience")
    advance(waiting, reviewer, S.IN_REVIEW)
    advance(hired, reviewer, S.IN_REVIEW, S.SHORTLISTED, S.INTERVIEW)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(reviewer, hired.pk, S.HIRED)

    offer.refresh_from_db()
    assert not offer.live
    waiting.refresh_from_db()
    assert waiting.status == S.CLOSED
    assert waiting.closing_reason == "position-filled"
    assert waiting.events.last().reason == "position-filled"
    rejected.refresh_from_db()
    assert rejected.status == S.REJECTED
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [hired.seeker.email, waiting.seeker.email]
    )
    closed_mail = next(m for m in mail.outbox if m.to == [waiting.seeker.email])
    assert "Poste pourvu" in closed_mail.body


def test_offer_stays_open_until_positions_filled(org_page, reviewer):
    offer = make_offer(org_page, positions=2)
    first, second = (services.apply(SeekerProfileFactory().user, offer) for _ in range(2))

    advance(first, reviewer, S.IN_REVIEW, S.SHORTLISTED, S.INTERVIEW, S.HIRED)

    offer.refresh_from_db()
    assert offer.live
    second.refresh_from_db()
    assert second.status == S.RECEIVED


def test_cv_served_to_seeker_and_reviewers(client, seeker, reviewer, outsider, offer):
    application = services.apply(seeker, offer)
    url = reverse("inbox:cv", args=[application.pk])

    client.force_login(outsider)
    assert client.get(url).status_code == 404
    for user in (seeker, reviewer):
        client.force_login(user)
        response = client.get(url)

        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_intent_recorded_through_view(client, seeker, org_page):
    offer = make_offer(
        org_page,
        application_method=ApplicationMethod.EMAIL,
        application_email="rh@ong.example.ml",
    )
    client.force_login(seeker)

    page = client.get(reverse("seekers:apply", args=[offer.pk]))
    response = client.post(reverse("seekers:apply", args=[offer.pk]))

    assert "rh@ong.example.ml" in page.content.decode()
    assert response.status_code == 302
    assert Application.objects.get(seeker=seeker, offer=offer).status == S.EXTERNAL
