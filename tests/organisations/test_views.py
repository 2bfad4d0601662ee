import pytest
from django.core import mail
from django.urls import reverse

from organisations.models import Invitation, Membership, Organisation
from tests.accounts.factories import UserFactory

from .factories import InvitationFactory, MembershipFactory, OrganisationFactory, activate_totp

pytestmark = pytest.mark.django_db

REGISTRATION = {
    "name": "Jeunesse et développement",
    "acronym": "JED",
    "registration_number": "0777/MATD-DGAT",
    "kind": "international",
    "sectors": ["education", "eha"],
    "regions": ["ML01", "ML10"],
    "contact_email": "contact@jed.example.ml",
    "contact_phone": "76 00 00 01",
    "website": "jed.example.ml",
}


def test_register_page_renders(client):
    client.force_login(UserFactory())

    response = client.get(reverse("organisations:register"))

    assert response.status_code == 200
    content = response.content.decode()
    assert '<label for="id_name">Nom de l’organisation' in content
    assert "Ménaka" in content
    assert "Eau, hygiène et assainissement (EHA)" in content


def test_register_form_creates_organisation(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(reverse("organisations:register"), REGISTRATION)

    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("organisations:detail", args=[organisation.pk])
    assert organisation.contact_phone == "+22376000001"
    assert organisation.website == "https://jed.example.ml"
    assert organisation.kind == Organisation.Kind.INTERNATIONAL
    assert organisation.memberships.get().user == user


def test_register_duplicate_shows_message(client):
    OrganisationFactory(registration_number="0777/MATD-DGAT")
    client.force_login(UserFactory())

    response = client.post(
        reverse("organisations:register"),
        {**REGISTRATION, "registration_number": "0777/matd-dgat"},
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Une organisation est déjà inscrite avec ce numéro d’enregistrement." in content
    assert 'aria-describedby="id_registration_number_errors' in content
    assert 'class="error-summary"' in content
    assert Organisation.objects.count() == 1


def test_register_missing_regions_shows_error(client):
    client.force_login(UserFactory())

    response = client.post(reverse("organisations:register"), {**REGISTRATION, "regions": []})

    assert response.status_code == 200
    content = response.content.decode()
    assert '<ul class="errors" id="id_regions_errors"><li>Champ requis.</li></ul>' in content
    assert '<a href="#id_regions_errors">Régions d’intervention\u00a0: Champ requis.</a>' in content
    assert not Organisation.objects.exists()


def test_detail_of_other_organisation_404(client):
    member = MembershipFactory()
    client.force_login(member.user)

    response = client.get(reverse("organisations:detail", args=[OrganisationFactory().pk]))

    assert response.status_code == 404


def test_edit_by_plain_member_403(client):
    member = MembershipFactory()
    client.force_login(member.user)

    response = client.get(reverse("organisations:edit", args=[member.organisation.pk]))

    assert response.status_code == 403


def test_edit_form_saves_changes(client):
    admin = MembershipFactory(admin=True)
    organisation = admin.organisation
    client.force_login(admin.user)

    response = client.post(
        reverse("organisations:edit", args=[organisation.pk]),
        {**REGISTRATION, "registration_number": organisation.registration_number},
    )

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Jeunesse et développement"
    assert organisation.events.get().after["name"] == "Jeunesse et développement"


def test_resubmit_button_returns_to_queue(client):
    admin = MembershipFactory(admin=True, organisation=OrganisationFactory(rejected=True))
    client.force_login(admin.user)

    response = client.post(reverse("organisations:resubmit", args=[admin.organisation.pk]))

    assert response.status_code == 302
    admin.organisation.refresh_from_db()
    assert admin.organisation.status == Organisation.Status.PENDING


def test_members_page_lists_members(client):
    admin = MembershipFactory(admin=True, user=UserFactory(first_name="Mariam", last_name="Keïta"))
    MembershipFactory(
        organisation=admin.organisation, user=UserFactory(first_name="Oumar", last_name="Diarra")
    )
    client.force_login(admin.user)

    response = client.get(reverse("organisations:members", args=[admin.organisation.pk]))

    content = response.content.decode()
    assert "Mariam Keïta" in content
    assert "Oumar Diarra" in content
    assert "Inviter un membre" in content


def test_invite_form_sends_email(client, django_capture_on_commit_callbacks):
    admin = MembershipFactory(admin=True)
    client.force_login(admin.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organisations:invite", args=[admin.organisation.pk]),
            {"email": "nouveau@example.ml", "phone": "", "role": "member"},
        )

    assert response.status_code == 302
    assert mail.outbox[0].to == ["nouveau@example.ml"]


def test_invite_form_requires_recipient(client):
    admin = MembershipFactory(admin=True)
    client.force_login(admin.user)

    response = client.post(
        reverse("organisations:invite", args=[admin.organisation.pk]),
        {"email": "", "phone": "", "role": "member"},
    )

    assert response.status_code == 200
    assert (
        "Indiquez l’adresse e-mail ou le numéro de téléphone de la personne à inviter."
        in response.content.decode()
    )


def test_invite_form_rejects_second_invitation(client):
    admin = MembershipFactory(admin=True)
    InvitationFactory(organisation=admin.organisation, email="nouveau@example.ml")
    client.force_login(admin.user)

    response = client.post(
        reverse("organisations:invite", args=[admin.organisation.pk]),
        {"email": "nouveau@example.ml", "phone": "", "role": "member"},
    )

    assert response.status_code == 200
    assert "Une invitation en attente a déjà été envoyée" in response.content.decode()
    assert Invitation.objects.filter(organisation=admin.organisation).count() == 1


def test_invite_form_rejects_too_long_email(client):
    admin = MembershipFactory(admin=True)
    client.force_login(admin.user)

    response = client.post(
        reverse("organisations:invite", args=[admin.organisation.pk]),
        {"email": "a" * 300 + "@x.ml", "phone": "", "role": "member"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Assurez-vous que cette valeur comporte au plus 254 caractères (actuellement 305)."
    ]
    assert not Invitation.objects.exists()


def test_accept_page_joins_organisation(client):
    user = UserFactory()
    invitation = InvitationFactory(email=user.email)
    client.force_login(user)

    response = client.post(reverse("organisations:accept_invitation", args=[invitation.token]))

    assert response.status_code == 302
    assert Membership.objects.filter(user=user, organisation=invitation.organisation).exists()


def test_accept_page_expired_message(client):
    user = UserFactory()
    invitation = InvitationFactory(email=user.email, expired=True)
    client.force_login(user)

    response = client.post(reverse("organisations:accept_invitation", args=[invitation.token]))

    assert response.status_code == 200
    assert "Cette invitation a expiré." in response.content.decode()
    assert not Membership.objects.filter(user=user).exists()


def test_accept_unknown_token_404(client):
    client.force_login(UserFactory())

    response = client.get(reverse("organisations:accept_invitation", args=["inconnu"]))

    assert response.status_code == 404


def test_remove_last_admin_shows_error(client):
    admin = MembershipFactory(admin=True)
    client.force_login(admin.user)

    response = client.post(
        reverse("organisations:remove_member", args=[admin.organisation.pk, admin.pk]),
        follow=True,
    )

    assert "Impossible de retirer le dernier administrateur" in response.content.decode()
    assert Membership.objects.filter(pk=admin.pk).exists()


def test_remove_member_of_other_organisation_404(client):
    admin = MembershipFactory(admin=True)
    stranger = MembershipFactory()
    client.force_login(admin.user)

    response = client.post(
        reverse("organisations:remove_member", args=[admin.organisation.pk, stranger.pk])
    )

    assert response.status_code == 404
    assert Membership.objects.filter(pk=stranger.pk).exists()


def test_review_reject_without_reason(client):
    editor = activate_totp(UserFactory(editor=True))
    organisation = OrganisationFactory()
    client.force_login(editor)

    response = client.post(
        reverse("organisations:review", args=[organisation.pk]), {"action": "reject", "reason": ""}
    )

    assert response.status_code == 200
    assert "Indiquez le motif du refus\u00a0:" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.PENDING


def test_review_reject_with_reason(client, django_capture_on_commit_callbacks):
    editor = activate_totp(UserFactory(editor=True))
    admin = MembershipFactory(admin=True)
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organisations:review", args=[admin.organisation.pk]),
            {"action": "reject", "reason": "Récépissé expiré."},
        )

    assert response.status_code == 302
    admin.organisation.refresh_from_db()
    assert admin.organisation.status == Organisation.Status.REJECTED
    assert "Récépissé expiré." in mail.outbox[0].body


def test_review_verify(client):
    editor = activate_totp(UserFactory(editor=True))
    organisation = OrganisationFactory()
    client.force_login(editor)

    response = client.post(
        reverse("organisations:review", args=[organisation.pk]), {"action": "verify"}
    )

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.VERIFIED


def test_queue_lists_pending_only(client):
    editor = activate_totp(UserFactory(editor=True))
    pending = OrganisationFactory(name="ONG en attente")
    OrganisationFactory(verified=True, name="ONG déjà vérifiée")
    client.force_login(editor)

    response = client.get(reverse("organisations:verification_queue"))

    content = response.content.decode()
    assert reverse("organisations:review", args=[pending.pk]) in content
    assert "ONG déjà vérifiée" not in content
