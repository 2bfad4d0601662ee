import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cms.models import OfferPage, TrainingPage
from cms.time import bamako_today
from jobcluster.management.commands.load_demo_opportunities import OFFERS, TRAININGS
from referential.models import OccupationSkill
from search import service
from search.models import SearchEntry
from search.service import SearchQuery

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_database(settings):
    """Load the reference data and the seeded NGOs, as `make demo` does before this command."""
    settings.JOBCLUSTER_DEMO = True
    settings.SEARCH_BACKEND = "database"
    settings.ELASTICSEARCH_URL = None
    call_command("load_reference_data", "--apply", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())


def test_demo_opportunities_require_reference_data(settings):
    settings.JOBCLUSTER_DEMO = True

    with pytest.raises(CommandError, match="run seed_demo first"):
        call_command("load_demo_opportunities", "--apply", stdout=io.StringIO())

    assert not OfferPage.objects.exists()


def test_demo_opportunities_load_once(demo_database, django_capture_on_commit_callbacks):
    # A dry run lists the pages and writes nothing.
    output = io.StringIO()
    call_command("load_demo_opportunities", stdout=output)

    assert f"Would create {len(OFFERS)} offers and {len(TRAININGS)} trainings." in output.getvalue()
    assert not OfferPage.objects.exists()
    assert not TrainingPage.objects.exists()

    # --apply publishes every page and indexes it once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_opportunities", "--apply", stdout=io.StringIO())

    assert len(OFFERS) >= 40
    assert len(TRAININGS) == 15
    assert OfferPage.objects.live().count() == len(OFFERS)
    assert TrainingPage.objects.live().count() == len(TRAININGS)
    assert SearchEntry.objects.count() == len(OFFERS) + len(TRAININGS)
    assert {offer.kind for offer in OfferPage.objects.all()} == {
        "job",
        "internship",
        "volunteering",
    }
    assert OfferPage.objects.values("region").distinct().count() >= 8

    today = bamako_today()
    for offer in OfferPage.objects.select_related("occupation"):
        offer.full_clean()
        assert offer.occupation is not None, offer.slug
        assert offer.closing_date > today, offer.slug
        assert offer.organisation.is_verified, offer.slug
        occupation_skills = set(
            OccupationSkill.objects.filter(occupation=offer.occupation).values_list(
                "skill", flat=True
            )
        )
        skills = set(offer.skills.values_list("pk", flat=True))
        assert len(skills) >= 3, offer.slug
        assert skills <= occupation_skills, offer.slug
        assert offer.occupation.code in offer.description, offer.slug
    for training in TrainingPage.objects.all():
        training.full_clean()
        assert training.start_date > today, training.slug
        assert training.skills.exists(), training.slug

    # A second run finds every slug and creates nothing.
    output = io.StringIO()
    call_command("load_demo_opportunities", "--apply", stdout=output)

    assert "Created 0 offers and 0 trainings." in output.getvalue()
    assert OfferPage.objects.count() == len(OFFERS)
    assert TrainingPage.objects.count() == len(TRAININGS)

    # The search service finds the drivers' offers without the accents of « véhicule ».
    result = service.search(SearchQuery("chauffeur vehicule"))

    titles = {hit.title for hit in result.hits}
    assert "Chauffeur ou chauffeuse de véhicule de liaison" in titles
