import logging
import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP_URL = reverse("account_signup")
LOGIN_URL = reverse("account_login")
VERIFY_URL = reverse("account_verify_phone")


def phone_signup(client, phone="70 12 34 56", **overrides):
    data = {"email": "", "phone": phone, "password1": PASSWORD, "password2": PASSWORD}
    data.update(overrides)
    return client.post(SIGNUP_URL, data)


def sent_code(message):
    match = re.fullmatch(
        r"Votre code de vérification Job Cluster est (\d{6})\. Il expire dans 15 min\.",
        message.body,
    )
    assert match, message.body
    return match.group(1)


def test_phone_signup_sends_code(client, sms_outbox):
    response = phone_signup(client)

    assert response.status_code == 302
    assert response.url == VERIFY_URL
    user = User.objects.get()
    assert user.phone == "+22370123456"
    assert user.email is None
    assert not user.phone_verified
    assert len(sms_outbox) == 1
    assert sms_outbox[0].to == "+22370123456"
    assert len(sms_outbox[0].body) <= 160
    assert mail.outbox == []
    assert "_auth_user_id" not in client.session


def test_verify_page_in_french(client):
    phone_signup(client)

    response = client.get(VERIFY_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Entrez le code de vérification du téléphone" in content
    assert '<label for="id_code">' in content


def test_wrong_code_rejected(client, sms_outbox, caplog):
    phone_signup(client)
    code = sent_code(sms_outbox[0])
    wrong = "000000" if code != "000000" else "111111"
    caplog.set_level(logging.INFO, logger="accounts")

    response = client.post(VERIFY_URL, {"code": wrong})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [
        "Code incorrect. Vérifiez le code reçu et saisissez-le à nouveau."
    ]
    assert not User.objects.get().phone_verified
    assert "_auth_user_id" not in client.session
    assert [r.getMessage() for r in caplog.records if r.name == "accounts.adapter"] == [
        "one-time code rejected"
    ]


def test_right_code_verifies_and_logs_in(client, sms_outbox):
    phone_signup(client)
    code = sent_code(sms_outbox[0])

    response = client.post(VERIFY_URL, {"code": code})

    assert response.status_code == 302
    assert response.url == reverse("accounts:dashboard")
    user = User.objects.get()
    assert user.phone_verified
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_with_local_phone_format(client):
    UserFactory(email=None, with_phone=True, phone="+22376000001")

    response = client.post(LOGIN_URL, {"login": "76 00 00 01", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("accounts:dashboard")


def test_unverified_phone_login_asks_code(client, sms_outbox):
    UserFactory(email=None, phone="+22376000002", phone_verified=False)

    response = client.post(LOGIN_URL, {"login": "+223 76 00 00 02", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == VERIFY_URL
    assert [message.to for message in sms_outbox] == ["+22376000002"]
    assert "_auth_user_id" not in client.session


def test_signup_invalid_phone(client, caplog, sms_outbox):
    caplog.set_level(logging.INFO, logger="accounts")

    response = phone_signup(client, phone="12 34")

    assert response.status_code == 200
    assert response.context["form"].errors["phone"] == [
        "«\u00a012 34\u00a0» n’est pas un numéro de téléphone valide. Saisissez un numéro "
        "malien à 8 chiffres (par exemple 70 12 34 56) ou un numéro international commençant "
        "par +."
    ]
    assert User.objects.count() == 0
    assert sms_outbox == []
    assert [r.getMessage() for r in caplog.records if r.name == "accounts.forms"] == [
        "signup rejected fields=phone"
    ]


def test_signup_phone_taken(client, caplog, sms_outbox):
    UserFactory(with_phone=True, phone="+22370123456")
    caplog.set_level(logging.INFO, logger="accounts")

    response = phone_signup(client, phone="0022370123456", email="autre@example.ml")

    assert response.status_code == 200
    assert response.context["form"].errors["phone"] == [
        "Un compte existe déjà avec ce numéro de téléphone. Connectez-vous avec ce numéro, "
        "ou saisissez-en un autre."
    ]
    assert User.objects.count() == 1
    assert sms_outbox == []
    assert mail.outbox == []
    assert [r.getMessage() for r in caplog.records if r.name == "accounts.forms"] == [
        "signup rejected fields=phone"
    ]


def test_email_and_phone_signup(client, sms_outbox):
    phone_signup(client, email="awa@example.ml")
    code = sent_code(sms_outbox[0])

    response = client.post(VERIFY_URL, {"code": code})

    # The verified phone lets the user in; the e-mail address is confirmed later.
    assert response.status_code == 302
    assert response.url == reverse("accounts:dashboard")
    user = User.objects.get()
    assert user.email == "awa@example.ml"
    assert user.phone_verified
    assert client.session["_auth_user_id"] == str(user.pk)
    assert [message.to for message in mail.outbox] == [["awa@example.ml"]]
