import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

RESET_URL = reverse("account_reset_password")
LOGIN_URL = reverse("account_login")
LOCKED_OUT = (
    "Trop de tentatives de connexion échouées. Réessayez dans quelques minutes, ou "
    "réinitialisez votre mot de passe."
)


def test_reset_sends_email(client):
    UserFactory(email="awa@example.ml", verified=True)

    response = client.post(RESET_URL, {"email": "awa@example.ml"})

    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["awa@example.ml"]
    assert "/comptes/password/reset/key/" in mail.outbox[0].body


def test_reset_link_sets_password(client):
    user = UserFactory(email="awa@example.ml", verified=True)
    client.post(RESET_URL, {"email": "awa@example.ml"})
    link = re.search(r"https?://[^/\s]+(/comptes/password/reset/key/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body

    form_url = client.get(link.group(1)).url
    new_password = "Kayes-2026-nouveau-secret"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_reset_page_in_french(client):
    response = client.get(RESET_URL)

    assert response.status_code == 200
    assert "Réinitialisation du mot de passe" in response.content.decode()


def test_failed_logins_lock_account(client):
    UserFactory(email="awa@example.ml", verified=True)
    for _ in range(5):
        client.post(LOGIN_URL, {"login": "awa@example.ml", "password": "mauvais"})

    response = client.post(LOGIN_URL, {"login": "awa@example.ml", "password": PASSWORD})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [LOCKED_OUT]
    assert "_auth_user_id" not in client.session


def test_phone_lockout_is_per_number(client):
    UserFactory(email=None, with_phone=True, phone="+22376000011")
    other = UserFactory(email=None, with_phone=True, phone="+22376000012")
    for _ in range(5):
        client.post(LOGIN_URL, {"login": "76000011", "password": "mauvais"})

    locked = client.post(LOGIN_URL, {"login": "76000011", "password": PASSWORD})
    response = client.post(LOGIN_URL, {"login": "76 00 00 12", "password": PASSWORD})

    assert locked.context["form"].non_field_errors() == [LOCKED_OUT]
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)
    assert User.objects.count() == 2


def test_login_page_in_french(client):
    response = client.get(LOGIN_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<h1>\s*Connexion\s*</h1>", content)
    assert '<label for="id_login">' in content
    assert "Sign In" not in content
