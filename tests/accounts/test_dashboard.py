import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from accounts.dashboard import ACCOUNT_LINKS, PERMISSION_LINKS, build_dashboard
from organisations.models import Membership
from tests.organisations.factories import MembershipFactory, OrganisationFactory, activate_totp

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


@pytest.mark.parametrize(
    "url_name",
    sorted(
        {name for _permission, name, _label in PERMISSION_LINKS} | {n for n, _l in ACCOUNT_LINKS}
    ),
)
def test_quick_link_url_name_exists(url_name):
    # A renamed or missing URL name raises NoReverseMatch here instead of vanishing from /espace/.
    assert reverse(url_name).startswith("/")


def _user_of(role):
    if role == "seeker":
        return UserFactory(verified=True)
    if role in ("ngo_member", "ngo_admin"):
        membership_role = Membership.Role.ADMIN if role == "ngo_admin" else Membership.Role.MEMBER
        return MembershipFactory(role=membership_role).user
    if role == "counsellor":
        centre = OrganisationFactory(verified=True)
        return MembershipFactory(organisation=centre, role=Membership.Role.COUNSELLOR).user
    if role == "editor":
        return activate_totp(UserFactory(editor=True))
    if role == "analyst":
        return activate_totp(UserFactory(analyst=True))
    # Searching seekers needs a verified organisation to search as.
    OrganisationFactory(verified=True)
    return activate_totp(UserFactory(is_superuser=True, is_staff=True))


# The quick links of each role, in display order.
ROLE_LINKS = {
    "seeker": [
        "seekers:profile",
        "matching:recommendations",
        "seekers:applications",
        "search:saved",
        "seekers:export",
        "organisations:register",
    ],
    "ngo_member": ["organisations:mine", "inbox:offers", "wagtailadmin_home"],
    "ngo_admin": ["organisations:mine", "inbox:offers", "registry:mine", "wagtailadmin_home"],
    "counsellor": ["organisations:mine", "counselling:seekers"],
    "editor": ["organisations:verification_queue", "wagtailadmin_home"],
    "analyst": ["observatory:dashboard", "registry:queue", "registry:completeness"],
}


@pytest.mark.parametrize("role", sorted(ROLE_LINKS))
def test_quick_links_by_role(role):
    dashboard = build_dashboard(_user_of(role))

    assert [link.url for link in dashboard.links] == [reverse(name) for name in ROLE_LINKS[role]]


@pytest.mark.parametrize("role", [*sorted(ROLE_LINKS), "superuser"])
def test_quick_links_open_for_role(client, role):
    user = _user_of(role)
    client.force_login(user)
    content = client.get(DASHBOARD_URL).content.decode()

    for link in build_dashboard(user).links:
        assert f'href="{link.url}"' in content
        response = client.get(link.url)
        assert response.status_code == 200, link.url


def test_superuser_quick_links_unique():
    dashboard = build_dashboard(UserFactory(is_superuser=True))

    urls = [link.url for link in dashboard.links]
    labels = [link.label for link in dashboard.links]
    assert len(urls) == len(set(urls))
    assert reverse("observatory:dashboard") in urls
    assert reverse("registry:queue") in urls
    assert "Modérer les contenus" in labels
    assert "Publier une offre ou une formation" not in labels
