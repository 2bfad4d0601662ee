import logging

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ACTIVATE_URL = reverse("mfa_activate_totp")


@pytest.fixture
def editor(client):
    user = UserFactory(editor=True, verified=True)
    client.force_login(user)
    return user


def test_editor_without_totp_redirected(client, editor, caplog):
    caplog.set_level(logging.INFO, logger="accounts")

    for path in ("/espace/", "/admin/", "/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url == ACTIVATE_URL, path

    assert [r.getMessage() for r in caplog.records if r.name == "accounts.middleware"] == [
        f"staff redirected to totp activation user={editor.pk}"
    ] * 3


def test_login_leads_to_activation(client):
    user = UserFactory(editor=True, verified=True)

    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True
    )

    # allauth requires the password again before it adds an authenticator.
    reauthenticate_url = response.redirect_chain[-1][0]
    assert reauthenticate_url.startswith(reverse("account_reauthenticate"))
    assert response.status_code == 200
    response = client.post(reauthenticate_url, {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1] == (ACTIVATE_URL, 302)
    assert response.status_code == 200
    assert "Activer l'application d'authentification" in response.content.decode()


def test_reauthentication_page_reachable(client, editor):
    response = client.get(ACTIVATE_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))

    assert client.get(response.url).status_code == 200


def test_logout_allowed_without_totp(client, editor):
    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_editor_with_totp_passes(client, editor):
    TOTP.activate(editor, generate_totp_secret())

    assert client.get("/espace/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_superuser_with_totp_reaches_admin(client):
    superuser = UserFactory(is_superuser=True, is_staff=True, verified=True)
    TOTP.activate(superuser, generate_totp_secret())
    client.force_login(superuser)

    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("traits", [{"analyst": True}, {"is_superuser": True, "is_staff": True}])
def test_other_staff_redirected(client, traits):
    client.force_login(UserFactory(verified=True, **traits))

    response = client.get("/espace/")

    assert response.status_code == 302
    assert response.url == ACTIVATE_URL


def test_seeker_not_asked_for_totp(client):
    client.force_login(UserFactory(seeker=True, verified=True))

    assert client.get("/espace/").status_code == 200


def test_anonymous_not_redirected_to_totp(client):
    response = client.get("/espace/")

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("path", "login_url"),
    [
        ("/admin/login/", "/comptes/login/?next=/admin/"),
        ("/admin/login/?next=/admin/pages/", "/comptes/login/?next=/admin/pages/"),
        ("/django-admin/login/", "/comptes/login/?next=/django-admin/"),
    ],
)
def test_admin_login_uses_allauth(client, path, login_url):
    response = client.get(path)

    assert response.status_code == 302
    assert response.url == login_url


def test_login_asks_totp_code(client):
    editor = UserFactory(editor=True, verified=True)
    TOTP.activate(editor, generate_totp_secret())

    response = client.post(reverse("account_login"), {"login": editor.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_seeker_on_wagtail_admin_gets_403_at_once(client):
    client.force_login(UserFactory(verified=True))

    response = client.get("/admin/")

    assert response.status_code == 403
    assert "Administration réservée" in response.content.decode()


def test_seeker_on_django_admin_gets_403(client):
    client.force_login(UserFactory(verified=True))

    response = client.get("/django-admin/", follow=True)

    assert response.status_code == 403
    assert len(response.redirect_chain) <= 2
    assert "Accès refusé" in response.content.decode()
