import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Page, Site

from cms.models import HomePage

pytestmark = pytest.mark.django_db

migration = importlib.import_module("cms.migrations.0002_create_home_page")


@pytest.fixture
def historical_apps():
    """Return the historical app registry right after the home page migration."""
    executor = MigrationExecutor(connection)
    return executor.loader.project_state([("cms", "0002_create_home_page")]).apps


def root_children():
    return list(Page.objects.get(depth=1).get_children())


def test_migration_seeds_site_root():
    site = Site.objects.get(is_default_site=True)

    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.live
    assert home.figures.count() == 9
    assert root_children() == [home.page_ptr]
    assert not Page.objects.filter(slug="home").exists()


def test_migration_rerun_no_change(historical_apps):
    migration.create_home_page(historical_apps, None)

    assert HomePage.objects.count() == 1
    assert HomePage.objects.get().figures.count() == 9
    assert len(root_children()) == 1


def test_migration_reverse_keeps_site(historical_apps):
    page_id = HomePage.objects.get().pk

    migration.convert_home_page_to_plain_page(historical_apps, None)

    assert not HomePage.objects.exists()
    page = Page.objects.get(pk=page_id)
    assert page.specific_class is Page
    assert Site.objects.get(is_default_site=True).root_page_id == page_id


def test_migration_reapply_replaces_page(historical_apps):
    # The migration replaces only an empty plain page, as on a fresh install, so the pages that
    # later migrations add under the home page (the news) are removed first.
    HomePage.objects.get().get_descendants().delete()
    migration.convert_home_page_to_plain_page(historical_apps, None)

    migration.create_home_page(historical_apps, None)

    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert [child.pk for child in root_children()] == [home.pk]
    assert Page.objects.get(depth=1).numchild == 1
