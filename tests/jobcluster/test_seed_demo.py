import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import User
from accounts.roles import Role, roles_of
from jobcluster.management.commands.seed_demo import DEMO_PASSWORD, ORGANISATIONS_CSV
from organisations.models import Organisation

pytestmark = pytest.mark.django_db


def ngo_rows():
    with ORGANISATIONS_CSV.open(encoding="utf-8") as source:
        return [row for row in csv.DictReader(source) if row["org_type"] in {"ONG Int", "ONG Nat"}]


def test_seed_demo_refuses_without_debug(settings):
    settings.JOBCLUSTER_DEMO = False

    with pytest.raises(CommandError, match="dev or demo settings"):
        call_command("seed_demo")

    assert not User.objects.exists()


def test_seed_demo_loads_3w_ngos(settings):
    settings.JOBCLUSTER_DEMO = True

    call_command("seed_demo", stdout=io.StringIO())

    rows = ngo_rows()
    assert Organisation.objects.count() == len(rows)
    assert Organisation.objects.filter(status=Organisation.Status.VERIFIED).count() == len(rows)
    aappor = Organisation.objects.get(acronym="AAPPOR Mali")
    assert aappor.kind == Organisation.Kind.NATIONAL
    assert aappor.regions == ["ML04", "ML05", "ML09"]
    assert aappor.sectors == ["protection", "sante"]


def test_seed_demo_runs_twice(settings):
    settings.JOBCLUSTER_DEMO = True

    call_command("seed_demo", stdout=io.StringIO())
    first = (Organisation.objects.count(), User.objects.count())
    call_command("seed_demo", stdout=io.StringIO())

    assert (Organisation.objects.count(), User.objects.count()) == first


def test_seed_demo_accounts_have_roles(settings, client):
    settings.JOBCLUSTER_DEMO = True
    call_command("seed_demo", stdout=io.StringIO())

    roles = {user.email: roles_of(user) for user in User.objects.all()}

    assert roles["demandeur@demo.jobcluster.ml"] == {Role.SEEKER}
    assert roles["ong-admin@demo.jobcluster.ml"] == {Role.NGO_ADMIN}
    assert roles["ong-membre@demo.jobcluster.ml"] == {Role.NGO_MEMBER}
    assert roles["editeur@demo.jobcluster.ml"] == {Role.EDITOR}
    assert roles["analyste@demo.jobcluster.ml"] == {Role.ANALYST}
    assert roles["admin@demo.jobcluster.ml"] == {Role.SUPERUSER}
    response = client.post(
        "/comptes/login/", {"login": "demandeur@demo.jobcluster.ml", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == "/espace/"


def test_seed_demo_gives_ngos_pages(settings):
    from wagtail.models import Site

    from cms.models import OrganisationPage

    settings.JOBCLUSTER_DEMO = True
    settings.SITE_URL = "http://127.0.0.1:8123"

    call_command("seed_demo", stdout=io.StringIO())

    assert OrganisationPage.objects.live().count() == Organisation.objects.count()
    admin = User.objects.get(email="ong-admin@demo.jobcluster.ml")
    page = OrganisationPage.objects.get(organisation__acronym="AAPPOR Mali")
    assert admin.groups.filter(pk=page.members_group_id).exists()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
