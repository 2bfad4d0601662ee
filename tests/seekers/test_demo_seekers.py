import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cms.models import OfferPage
from observatory.models import Placement
from search.models import SavedSearch
from seekers.choices import ApplicationStatus
from seekers.cv import check_cv
from seekers.management.commands.load_demo_seekers import (
    DEMO_NGO_OFFER,
    DEMO_SEEKER_EMAIL,
    SEEKER_COUNT,
)
from seekers.models import Application, SeekerProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_database(settings, django_capture_on_commit_callbacks):
    """Load what `make demo` loads before the seekers: reference data, NGOs, offers."""
    settings.JOBCLUSTER_DEMO = True
    settings.SEARCH_BACKEND = "database"
    settings.ELASTICSEARCH_URL = None
    call_command("load_reference_data", "--apply", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_opportunities", "--apply", stdout=io.StringIO())


def test_demo_seekers_need_demo_settings():
    with pytest.raises(CommandError, match="only runs with the dev or demo settings"):
        call_command("load_demo_seekers", "--apply", stdout=io.StringIO())

    assert not SeekerProfile.objects.exists()


def test_demo_seekers_need_seeded_accounts(settings):
    settings.JOBCLUSTER_DEMO = True

    with pytest.raises(CommandError, match="run seed_demo first"):
        call_command("load_demo_seekers", "--apply", stdout=io.StringIO())

    assert not SeekerProfile.objects.exists()


def test_demo_seekers_load_once(demo_database, django_capture_on_commit_callbacks):
    # A dry run lists the seekers and writes nothing.
    output = io.StringIO()
    call_command("load_demo_seekers", stdout=output)

    assert f"Would create {SEEKER_COUNT} job seekers" in output.getvalue()
    assert not SeekerProfile.objects.exists()
    assert not OfferPage.objects.filter(slug=DEMO_NGO_OFFER.slug).exists()

    # --apply creates complete profiles, and applications at every status.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_seekers", "--apply", stdout=io.StringIO())

    profiles = SeekerProfile.objects.all()
    assert profiles.count() == SEEKER_COUNT
    for profile in profiles:
        assert profile.region_id is not None
        assert profile.date_of_birth is not None
        assert profile.skills.exists()
        assert profile.languages.filter(language="fr").exists()
        assert profile.experiences.exists()
        assert profile.desired_occupations.exists()
        with profile.cv.open("rb"):
            check_cv(profile.cv)

    statuses = Counter(Application.objects.values_list("status", flat=True))
    for status in (
        ApplicationStatus.RECEIVED,
        ApplicationStatus.IN_REVIEW,
        ApplicationStatus.SHORTLISTED,
        ApplicationStatus.INTERVIEW,
        ApplicationStatus.HIRED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.WITHDRAWN,
    ):
        assert statuses[status] > 0, status
    assert Application.objects.filter(status="rejected", rejection_reason="").count() == 0

    # Each hire is one placement, and no hire filled an offer.
    assert Placement.objects.count() == statuses[ApplicationStatus.HIRED]
    assert statuses[ApplicationStatus.CLOSED] == 0

    # The demo NGO's members have an inbox to review; the demo seeker has a profile.
    ngo_offer = OfferPage.objects.get(slug=DEMO_NGO_OFFER.slug)
    assert ngo_offer.live
    assert Application.objects.filter(offer=ngo_offer).count() >= 5
    assert SeekerProfile.objects.filter(user__email=DEMO_SEEKER_EMAIL).exists()
    assert SavedSearch.objects.exists()

    # A second run creates nothing.
    counts = (SeekerProfile.objects.count(), Application.objects.count(), OfferPage.objects.count())
    output = io.StringIO()
    call_command("load_demo_seekers", "--apply", stdout=output)

    assert "Created 0 job seekers with 0 applications." in output.getvalue()
    assert (
        SeekerProfile.objects.count(),
        Application.objects.count(),
        OfferPage.objects.count(),
    ) == counts
