import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from accounts.dashboard import build_dashboard

from .factories import UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD_URL = reverse("accounts:dashboard")


def test_dashboard_requires_login(client):
    response = client.get(DASHBOARD_URL)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={DASHBOARD_URL}"


def test_dashboard_lists_seeker_role(client):
    client.force_login(UserFactory(verified=True))

    response = client.get(DASHBOARD_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Mon espace" in content
    assert "<li>Chercheur d’emploi</li>" in content
    assert f'href="{reverse("account_change_password")}"' in content
    assert f'href="{reverse("organisations:register")}"' in content
    assert f'href="{reverse("wagtailadmin_home")}"' not in content


def test_dashboard_editor_links(client):
    editor = UserFactory(editor=True, verified=True)
    TOTP.activate(editor, generate_totp_secret())
    client.force_login(editor)

    response = client.get(DASHBOARD_URL)

    content = response.content.decode()
    assert "<li>Éditeur</li>" in content
    assert "Chercheur d’emploi" not in content
    assert f'href="{reverse("wagtailadmin_home")}"' in content
    assert f'href="{reverse("organisations:verification_queue")}"' in content
    assert f'href="{reverse("organisations:register")}"' not in content


def test_build_dashboard_roles_order():
    user = UserFactory(analyst=True, is_superuser=True)

    dashboard = build_dashboard(user)

    assert dashboard.roles == ["Analyste de l’observatoire", "Super-utilisateur"]
