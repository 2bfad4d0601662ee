"""The demo dataset reproduces the forum's 2024 figures exactly."""

import pytest
from django.core.management import call_command

from jobcluster.management.commands.seed_demo import Command as SeedDemoCommand
from observatory import demo
from observatory.aggregates import Filters, build_table
from organisations.models import Organisation
from registry.models import Declaration

pytestmark = pytest.mark.django_db

FORUM_2024 = {
    "staff": 3998,
    "nationals": 3798,
    "expatriates": 200,
    "share_nationals": 95.0,
    "insertion": 4242,
    "agr": 66601,
    "enseignants": 3242,
    "agents-sante": 8538,
    "techniques-agricoles": 47089,
    "elevage": 11590,
    "environnement": 32766,
}


def test_demo_reproduces_forum_figures(capsys):
    call_command("load_registry_demo", "--apply")
    headline = {
        row.key: row.values[0]
        for row in build_table("chiffres-cles", Filters(year=2024), exact=True).rows
    }
    for key, value in FORUM_2024.items():
        assert headline[key] == value, key
    assert demo.is_loaded()
    organisations = Declaration.objects.filter(year=2024).values("organisation").distinct()
    assert organisations.count() >= 65
    kinds = set(Organisation.objects.filter(declarations__year=2024).values_list("kind", flat=True))
    assert kinds == {"national", "international"}
    assert Declaration.objects.filter(year=2023, status="validated").count() >= 65


def test_demo_dry_run_writes_nothing(capsys):
    call_command("load_registry_demo")
    assert "Dry run" in capsys.readouterr().out
    assert not Declaration.objects.exists()


def test_demo_second_run_changes_nothing(capsys):
    call_command("load_registry_demo", "--apply")
    count = Declaration.objects.count()
    call_command("load_registry_demo", "--apply")
    assert "already loaded" in capsys.readouterr().out
    assert Declaration.objects.count() == count


def test_demo_plan_is_deterministic():
    SeedDemoCommand().load_organisations()
    organisations = demo.demo_organisations()
    assert demo.plan(organisations) == demo.plan(organisations)


def test_public_page_says_data_is_illustrative(client):
    call_command("load_registry_demo", "--apply")
    content = client.get("/observatoire/").content.decode()
    assert "Données d’illustration" in content
    assert len(content.encode()) < 100_000


def test_split_adds_up_exactly():
    parts = demo.split(3798, [0.3, 1.7, 2.2, 0.9])
    assert sum(parts) == 3798
