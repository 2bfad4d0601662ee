"""Reports of offers: the editors' e-mail, the rate limits and the editors' list in the admin."""

import datetime
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from cms import notifications, services
from cms.exceptions import TooManyReports
from cms.models import OfferReport
from tests.accounts.factories import UserFactory
from tests.cms.factories import make_offer
from tests.organisations.factories import MembershipFactory, activate_totp

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    # The rate limits count in the cache, which outlives a test's database transaction.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editors():
    return [
        UserFactory(editor=True, email="editrice@example.org"),
        UserFactory(editor=True, email="editeur@example.org"),
    ]


def post_report(client, page, ip="198.51.100.7", **data):
    data = {"reason": "scam", "message": "On me demande 10 000 FCFA.", **data}
    return client.post(f"/signaler/{page.pk}/", data, REMOTE_ADDR=ip)


def test_report_emails_editors_in_french(
    client, org_page, editors, django_capture_on_commit_callbacks
):
    offer = make_offer(org_page, title="Chauffeur de direction")
    UserFactory(email="chercheur@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = post_report(client, offer)

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["editeur@example.org", "editrice@example.org"]
    assert message.subject == "[Job Cluster] Signalement : « Chauffeur de direction »"
    assert "Un visiteur a signalé la page « Chauffeur de direction »." in message.body
    assert "Motif : Arnaque" in message.body
    assert "Précisions : On me demande 10 000 FCFA." in message.body
    report = OfferReport.objects.get()
    assert f"/admin/offer_reports/inspect/{report.pk}/" in message.body


def test_report_email_waits_for_commit(
    client, org_page, editors, django_capture_on_commit_callbacks
):
    offer = make_offer(org_page)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_report(client, offer)

    assert len(callbacks) == 1
    assert mail.outbox == []


def test_report_limited_per_ip_and_page(client, org_page):
    offer = make_offer(org_page)

    responses = [post_report(client, offer) for _ in range(3)]
    other_ip = post_report(client, offer, ip="203.0.113.9")

    assert [response.status_code for response in responses] == [302, 302, 429]
    assert "Vous avez déjà envoyé plusieurs signalements" in responses[2].content.decode()
    assert other_ip.status_code == 302
    assert OfferReport.objects.count() == 3


def test_report_limited_per_ip_across_pages(org_page):
    offers = [make_offer(org_page, slug=f"offre-{index}") for index in range(11)]

    for offer in offers[:10]:
        services.report_offer(offer, "fake", client_ip="198.51.100.7")
    with pytest.raises(TooManyReports):
        services.report_offer(offers[10], "fake", client_ip="198.51.100.7")

    assert OfferReport.objects.count() == 10


def test_report_email_once_per_page_hour(org_page, editors):
    offer = make_offer(org_page)
    first = OfferReport.objects.create(page=offer, reason="scam")
    second = OfferReport.objects.create(page=offer, reason="fake")
    other_page = OfferReport.objects.create(page=make_offer(org_page, slug="autre"), reason="fake")

    assert notifications.notify_editors_of_report(first.pk) == 2
    assert notifications.notify_editors_of_report(second.pk) == 0
    assert notifications.notify_editors_of_report(other_page.pk) == 2
    assert len(mail.outbox) == 2


def test_handled_report_not_emailed(org_page, editors):
    report = OfferReport.objects.create(
        page=make_offer(org_page), reason="scam", handled_at=timezone.now()
    )

    assert notifications.notify_editors_of_report(report.pk) == 0
    assert mail.outbox == []


def test_report_without_editor_logs(org_page, caplog):
    report = OfferReport.objects.create(page=make_offer(org_page), reason="scam")

    assert notifications.notify_editors_of_report(report.pk) == 0
    assert f"Offer report not e-mailed, no editor: report={report.pk}" in caplog.messages


def test_editor_list_shows_status(client, org_page):
    offer = make_offer(org_page, title="Offre signalée")
    OfferReport.objects.create(page=offer, reason="scam")
    OfferReport.objects.create(
        page=offer, reason="fake", handled_at=timezone.now() - datetime.timedelta(days=1)
    )
    client.force_login(activate_totp(UserFactory(editor=True)))

    listing = statuses(client.get("/admin/offer_reports/"))
    unhandled = statuses(client.get("/admin/offer_reports/?handled=false"))
    handled = statuses(client.get("/admin/offer_reports/?handled=true"))

    assert listing == ["à traiter", "traité"]
    assert unhandled == ["à traiter"]
    assert handled == ["traité"]


def statuses(response) -> list[str]:
    """Return the status cells of the reports list, in order."""
    assert response.status_code == 200
    return re.findall(r">\s*(à traiter|traité)\s*<", response.content.decode())


def test_ngo_member_cannot_list_reports(client, org_page):
    OfferReport.objects.create(page=make_offer(org_page), reason="scam")
    client.force_login(MembershipFactory(organisation=org_page.organisation).user)

    response = client.get("/admin/offer_reports/")

    assert response.status_code in (302, 403)
