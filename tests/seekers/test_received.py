import pytest
from django.urls import reverse

from organisations.models import Membership
from seekers import services
from seekers.choices import ApplicationStatus as S
from seekers.received import received_applications
from tests.cms.factories import make_offer
from tests.organisations.factories import MembershipFactory

from .factories import SeekerProfileFactory

pytestmark = pytest.mark.django_db

RECEIVED_URL = reverse("inbox:offers")


@pytest.fixture
def applied_offer(offer, reviewer):
    """`offer` with three applications: two received, one moved on to review."""
    applications = [services.apply(SeekerProfileFactory().user, offer) for _ in range(3)]
    services.change_status(reviewer, applications[0].pk, S.IN_REVIEW)
    return offer


def test_received_counts_by_status(applied_offer, org_page, reviewer):
    quiet_offer = make_offer(org_page, title="Comptable de projet")

    (summary,) = received_applications(reviewer)

    assert summary.organisation == org_page.organisation
    rows = {row.offer.pk: row for row in summary.offers}
    assert set(rows) == {applied_offer.pk, quiet_offer.pk}
    assert rows[applied_offer.pk].total == 3
    assert [(c.status, c.count) for c in rows[applied_offer.pk].by_status] == [
        (S.RECEIVED, 2),
        (S.IN_REVIEW, 1),
    ]
    assert rows[quiet_offer.pk].total == 0
    assert rows[quiet_offer.pk].by_status == []


def test_received_excludes_other_organisations(applied_offer, outsider):
    summaries = received_applications(outsider)

    offers = [row.offer.pk for summary in summaries for row in summary.offers]
    assert applied_offer.pk not in offers


def test_received_empty_for_seeker(seeker):
    assert received_applications(seeker) == []


def test_received_page_links_each_inbox(client, applied_offer, reviewer):
    client.force_login(reviewer)

    response = client.get(RECEIVED_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert f'href="{reverse("inbox:offer", args=[applied_offer.pk])}"' in content
    assert "<li>Reçue&nbsp;: 2</li>" in content
    assert "<li>En cours d’examen&nbsp;: 1</li>" in content


def test_received_page_forbidden_to_seeker(client, seeker):
    client.force_login(seeker)

    response = client.get(RECEIVED_URL)

    assert response.status_code == 403


def test_received_page_forbidden_to_counsellor(client, org_page):
    counsellor = MembershipFactory(
        organisation=org_page.organisation, role=Membership.Role.COUNSELLOR
    ).user
    client.force_login(counsellor)

    response = client.get(RECEIVED_URL)

    assert response.status_code == 403


def test_dashboard_links_received_page(client, reviewer):
    client.force_login(reviewer)

    response = client.get(reverse("accounts:dashboard"))

    assert f'href="{RECEIVED_URL}"' in response.content.decode()


def test_received_page_requires_login(client):
    response = client.get(RECEIVED_URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_received_page_for_member_without_offers(client):
    member = MembershipFactory().user
    client.force_login(member)

    response = client.get(RECEIVED_URL)

    assert response.status_code == 200
    assert "Cette organisation n’a encore publié aucune offre." in response.content.decode()
