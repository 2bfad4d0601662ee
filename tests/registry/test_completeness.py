"""Who filed a year's declaration and when, the analysts' page, and the reminder command."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from registry.completeness import completeness, declaration_deadline
from tests.organisations.factories import MembershipFactory, OrganisationFactory

from .factories import DeclarationFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def _filed(
    organisation,
    status="submitted",
    submitted_at=datetime.datetime(2025, 2, 1, tzinfo=UTC),
    **kwargs,
):
    return DeclarationFactory(
        organisation=organisation, status=status, submitted_at=submitted_at, **kwargs
    )


@pytest.fixture
def organisations():
    """Four verified organisations and a pending one, named so that they sort A to E."""
    return {
        name: OrganisationFactory(name=name, verified=(name != "E-en-attente"))
        for name in ("A-absente", "B-brouillon", "C-dans-les-delais", "D-en-retard", "E-en-attente")
    }


def test_deadline_defaults_to_march_31():
    assert declaration_deadline(2024) == datetime.date(2025, 3, 31)


def test_deadline_from_setting(settings):
    settings.REGISTRY_DECLARATION_DEADLINE = (4, 30)

    assert declaration_deadline(2024) == datetime.date(2025, 4, 30)


def test_completeness_sorts_organisations(organisations):
    DeclarationFactory(organisation=organisations["B-brouillon"])
    _filed(organisations["C-dans-les-delais"], status="validated")
    _filed(organisations["D-en-retard"], submitted_at=datetime.datetime(2025, 4, 1, tzinfo=UTC))
    _filed(organisations["A-absente"], year=2023)

    report = completeness(2024)

    assert [organisation.name for organisation in report.missing] == ["A-absente", "B-brouillon"]
    assert [organisation.name for organisation, _ in report.late] == ["D-en-retard"]
    assert [organisation.name for organisation, _ in report.on_time] == ["C-dans-les-delais"]


def test_last_minute_of_deadline_is_on_time(organisation):
    _filed(organisation, submitted_at=datetime.datetime(2025, 3, 31, 23, 59, tzinfo=UTC))

    report = completeness(2024)

    assert [item[0] for item in report.on_time] == [organisation]


def test_returned_declaration_not_filed(organisation):
    _filed(organisation, status="returned")

    assert completeness(2024).missing == [organisation]


def test_first_filed_version_decides_lateness(organisation):
    _filed(organisation, status="validated", is_current=False)
    _filed(
        organisation,
        version=2,
        submitted_at=datetime.datetime(2025, 9, 1, tzinfo=UTC),
    )

    report = completeness(2024)

    assert [item[0] for item in report.on_time] == [organisation]


def test_completeness_page_for_analyst(client, analyst, organisations):
    _filed(organisations["D-en-retard"], submitted_at=datetime.datetime(2025, 5, 2, tzinfo=UTC))
    client.force_login(analyst)

    response = client.get(reverse("registry:completeness"), {"annee": "2024"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Date limite de dépôt\u00a0: 31 mars 2025." in content
    assert "3 organisations n’ont pas déposé" in content
    assert f"{organisations['D-en-retard']} – 2 mai 2025" in content
    assert "E-en-attente" not in content


def test_completeness_page_denied_to_ngo_admin(client, ngo_admin):
    client.force_login(ngo_admin)

    assert client.get(reverse("registry:completeness")).status_code == 403


def test_reminders_dry_run_sends_nothing(organisation):
    MembershipFactory(organisation=organisation, admin=True)
    out = io.StringIO()

    call_command("send_declaration_reminders", "--year", "2024", stdout=out)

    assert mail.outbox == []
    assert f"organisation={organisation.pk} recipients=1 (dry run)" in out.getvalue()
    assert "year=2024 missing=1 sent=0 failed=0 apply=False" in out.getvalue()


def test_reminders_apply_emails_admins(organisation):
    admin = MembershipFactory(organisation=organisation, admin=True).user
    MembershipFactory(organisation=organisation)
    filed = OrganisationFactory(verified=True)
    MembershipFactory(organisation=filed, admin=True)
    _filed(filed)
    out = io.StringIO()

    call_command("send_declaration_reminders", "--year", "2024", "--apply", stdout=out)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [admin.email]
    assert message.subject == "[Job Cluster] Déclaration 2024 au registre des emplois\u00a0: rappel"
    assert "n’a pas encore reçu la déclaration 2024 de " + organisation.name in message.body
    assert "La date limite de dépôt est le 31 mars 2025." in message.body
    assert "http://" in message.body or "https://" in message.body
    assert "/registre/" in message.body
    assert "year=2024 missing=1 sent=1 failed=0 apply=True" in out.getvalue()
