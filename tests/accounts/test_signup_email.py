import logging
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP_URL = reverse("account_signup")
LOGIN_URL = reverse("account_login")


def signup_data(**overrides):
    data = {
        "first_name": "Awa",
        "last_name": "Traoré",
        "email": "awa@example.ml",
        "phone": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def confirmation_url(message):
    match = re.search(r"https?://[^/\s]+(/comptes/confirm-email/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_signup_page_in_french(client):
    response = client.get(SIGNUP_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="fr">' in content
    assert "Prénom (facultatif)" in content
    assert "Numéro de téléphone" in content
    assert '<label for="id_email">' in content


def test_email_signup_requires_confirmation(client):
    response = client.post(SIGNUP_URL, signup_data())

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get()
    assert user.email == "awa@example.ml"
    assert user.phone is None
    assert user.first_name == "Awa"
    assert not response.wsgi_request.user.is_authenticated
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["awa@example.ml"]
    assert mail.outbox[0].subject.startswith("[Job Cluster] ")
    page = client.get(response.url).content.decode()
    assert "Vérifiez votre adresse e-mail" in page


def test_unconfirmed_email_cannot_log_in(client):
    client.post(SIGNUP_URL, signup_data())

    response = client.post(LOGIN_URL, {"login": "awa@example.ml", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_confirmed_email_can_log_in(client):
    client.post(SIGNUP_URL, signup_data())
    url = confirmation_url(mail.outbox[0])

    page = client.get(url)
    assert page.status_code == 200
    assert "Confirmer l'adresse e-mail" in page.content.decode()
    response = client.post(url)

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="awa@example.ml").verified
    response = client.post(LOGIN_URL, {"login": "awa@example.ml", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("accounts:dashboard")
    assert client.session["_auth_user_id"] == str(User.objects.get().pk)


def test_verified_phone_skips_email_check(client):
    user = UserFactory(with_phone=True)

    response = client.post(LOGIN_URL, {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("accounts:dashboard")
    assert mail.outbox == []


def test_signup_needs_email_or_phone(client, caplog):
    caplog.set_level(logging.INFO, logger="accounts")

    response = client.post(SIGNUP_URL, signup_data(email=""))

    assert response.status_code == 200
    message = (
        "Saisissez une adresse e-mail, un numéro de téléphone, ou les deux : l’un des deux "
        "est nécessaire pour vous connecter."
    )
    assert response.context["form"].non_field_errors() == [message]
    assert message in response.content.decode()
    assert User.objects.count() == 0
    assert [r.getMessage() for r in caplog.records if r.name == "accounts.forms"] == [
        "signup rejected fields=__all__"
    ]


def test_signup_invalid_email(client, caplog):
    caplog.set_level(logging.INFO, logger="accounts")

    response = client.post(SIGNUP_URL, signup_data(email="awa@"))

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Saisissez une adresse e-mail valide, par exemple awa.traore@exemple.ml."
    ]
    assert 'aria-describedby="id_email_error"' in response.content.decode()
    assert User.objects.count() == 0
    assert [r.getMessage() for r in caplog.records if r.name == "accounts.forms"] == [
        "signup rejected fields=email"
    ]


def test_signup_email_taken(client, caplog):
    UserFactory(email="awa@example.ml", verified=True)
    caplog.set_level(logging.INFO, logger="accounts")

    response = client.post(SIGNUP_URL, signup_data(email="Awa@Example.ml"))

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Un compte existe déjà avec cette adresse e-mail. Connectez-vous, ou utilisez "
        "« Mot de passe oublié ? » si vous ne vous en souvenez plus."
    ]
    assert User.objects.count() == 1
    assert len(mail.outbox) == 0
    assert [r.getMessage() for r in caplog.records if r.name == "accounts.forms"] == [
        "signup rejected fields=email"
    ]


def test_signup_error_summary(client):
    response = client.post(SIGNUP_URL, signup_data(email="awa@", password2="autre"))

    content = response.content.decode()
    assert '<div class="form-errors" role="alert">' in content
    assert '<a href="#id_email">' in content
    assert '<a href="#id_password2">' in content
    assert 'aria-invalid="true" aria-describedby="id_email_error"' in content
    assert '<p class="field-error" id="id_email_error">' in content


EMAIL_TOO_LONG_MESSAGE = (
    "Cette adresse e-mail est trop longue : 254 caractères au plus. Vérifiez-la, ou "
    "inscrivez-vous avec votre numéro de téléphone."
)


def long_email(length: int) -> str:
    """Return a valid address of `length` characters, with labels of at most 63 characters."""
    domain = ".".join(["b" * 60] * 3) + ".ml"
    return "a" * (length - len(domain) - 1) + "@" + domain


@pytest.mark.parametrize(
    "email", ["a" * 300 + "@x.ml", long_email(255)], ids=["tester-case", "one-over"]
)
def test_signup_rejects_too_long_email(client, caplog, email):
    caplog.set_level(logging.INFO, logger="accounts")

    response = client.post(SIGNUP_URL, signup_data(email=email))

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [EMAIL_TOO_LONG_MESSAGE]
    assert not User.objects.exists()
    assert not EmailAddress.objects.exists()
    assert f"e-mail address rejected, too long length={len(email)}" in caplog.text


def test_signup_keeps_longest_email_whole(client):
    email = long_email(254)

    response = client.post(SIGNUP_URL, signup_data(email=email))

    assert response.status_code == 302
    assert User.objects.get().email == email


def test_signup_rejects_too_long_name(client):
    response = client.post(SIGNUP_URL, signup_data(first_name="A" * 151))

    assert response.status_code == 200
    assert "first_name" in response.context["form"].errors
    assert not User.objects.exists()
