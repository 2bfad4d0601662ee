"""NGOs finding seekers: only consenting ones, by members of verified NGOs, with an audit."""

import pytest
from django.urls import reverse

from organisations.models import Membership
from seekers.choices import Mobility, Visibility
from seekers.discovery import SeekerFilters, search_seekers, view_seeker
from seekers.exceptions import NotAllowed, SeekerNotFound
from seekers.models import ProfileEvent, SeekerSkill
from seekers.profiles import export_data, withdraw_consent
from tests.cms.factories import CercleFactory, OccupationFactory, RegionFactory, SkillFactory
from tests.organisations.factories import MembershipFactory, OrganisationFactory

from .factories import SeekerProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ngo():
    return OrganisationFactory(verified=True)


@pytest.fixture
def member(ngo):
    return MembershipFactory(organisation=ngo, role=Membership.Role.MEMBER).user


@pytest.fixture
def places():
    kayes = RegionFactory(code="ML01", name="Kayes")
    sikasso = RegionFactory(code="ML03", name="Sikasso")
    return {
        "kayes": kayes,
        "sikasso": sikasso,
        "kita": CercleFactory(region=kayes, code="ML0103", name="Kita"),
        "nioro": CercleFactory(region=kayes, code="ML0106", name="Nioro"),
    }


def searchable(**fields):
    return SeekerProfileFactory(visibility=Visibility.SEARCHABLE, **fields)


def test_search_returns_only_consenting_seekers(member, ngo):
    found = searchable()
    SeekerProfileFactory(visibility=Visibility.APPLIED_ONLY)

    assert search_seekers(member, ngo, SeekerFilters()) == [found]


def test_search_skips_inactive_seekers(member, ngo):
    inactive = searchable()
    inactive.user.is_active = False
    inactive.user.save()

    assert search_seekers(member, ngo, SeekerFilters()) == []


def test_search_filters(member, ngo, places):
    nurse = OccupationFactory()
    driving = SkillFactory()
    in_kita = searchable(region=places["kayes"], cercle=places["kita"], education_level="bac")
    in_kita.desired_occupations.add(nurse)
    SeekerSkill.objects.create(profile=in_kita, skill=driving, level="expert")
    in_nioro = searchable(region=places["kayes"], cercle=places["nioro"])
    in_sikasso = searchable(region=places["sikasso"], education_level="bac")

    def ids(**filters):
        return {profile.pk for profile in search_seekers(member, ngo, SeekerFilters(**filters))}

    assert ids(region=places["kayes"]) == {in_kita.pk, in_nioro.pk}
    assert ids(cercle=places["nioro"]) == {in_nioro.pk}
    assert ids(occupation=nurse) == {in_kita.pk}
    assert ids(skill=driving) == {in_kita.pk}
    assert ids(education_level="bac") == {in_kita.pk, in_sikasso.pk}
    assert ids(region=places["sikasso"], education_level="bac") == {in_sikasso.pk}


def test_search_is_audited(member, ngo, places):
    searchable(region=places["kayes"])

    search_seekers(member, ngo, SeekerFilters(region=places["kayes"], education_level="bac"))

    event = ProfileEvent.objects.get()
    assert event.action == ProfileEvent.Action.SEARCHED
    assert event.actor == member
    assert event.organisation == ngo
    assert event.profile is None
    assert event.details == {"filters": {"region": "ML01", "education_level": "bac"}, "results": 0}


def test_pending_ngo_cannot_search():
    pending = OrganisationFactory()
    member = MembershipFactory(organisation=pending).user

    with pytest.raises(NotAllowed):
        search_seekers(member, pending, SeekerFilters())

    assert not ProfileEvent.objects.exists()


def test_member_cannot_search_as_another_ngo(member):
    with pytest.raises(NotAllowed):
        search_seekers(member, OrganisationFactory(verified=True), SeekerFilters())


def test_view_is_audited_and_shown_in_export(member, ngo):
    profile = searchable()

    assert view_seeker(member, ngo, profile.user_id) == profile

    event = ProfileEvent.objects.get()
    assert (event.action, event.profile, event.actor, event.organisation) == (
        ProfileEvent.Action.VIEWED,
        profile,
        member,
        ngo,
    )
    exported = export_data(profile.user)["profile_events"]
    assert [(item["action"], item["organisation"]) for item in exported] == [("viewed", ngo.name)]


def test_view_of_non_consenting_seeker_not_found(member, ngo):
    hidden = SeekerProfileFactory(visibility=Visibility.APPLIED_ONLY)

    with pytest.raises(SeekerNotFound):
        view_seeker(member, ngo, hidden.user_id)

    assert not ProfileEvent.objects.exists()


def test_withdrawn_consent_hides_seeker(member, ngo):
    profile = searchable()
    withdraw_consent(profile.user)

    assert search_seekers(member, ngo, SeekerFilters()) == []
    with pytest.raises(SeekerNotFound):
        view_seeker(member, ngo, profile.user_id)


def test_search_page_lists_consenting_seekers(client, member):
    shown = searchable(user__first_name="Oumou", user__last_name="Sangaré")
    SeekerProfileFactory(user__first_name="Cachée", visibility=Visibility.APPLIED_ONLY)
    client.force_login(member)

    empty = client.get(reverse("inbox:seekers"))
    response = client.get(reverse("inbox:seekers"), {"recherche": "1"})

    assert empty.context["results"] is None
    content = response.content.decode()
    assert "Oumou S." in content
    assert "Sangaré" not in content
    assert "Cachée" not in content
    assert reverse("inbox:seeker", args=[shown.user_id]) in content
    assert ProfileEvent.objects.filter(action="searched").count() == 1


def test_seeker_page_shows_contact_to_verified_member(client, member):
    shown = searchable()
    client.force_login(member)

    response = client.get(reverse("inbox:seeker", args=[shown.user_id]))

    assert response.status_code == 200
    assert shown.user.email in response.content.decode()


def test_seeker_page_mobility_in_third_person(client, member):
    shown = searchable(mobility=Mobility.REGION)
    client.force_login(member)

    response = client.get(reverse("inbox:seeker", args=[shown.user_id]))

    content = response.content.decode()
    assert "Dans sa région" in content
    assert "Dans ma région" not in content


@pytest.mark.parametrize("role", ["seeker", "counsellor", "pending_member"])
def test_search_pages_forbidden_to_others(client, role):
    users = {
        "seeker": lambda: SeekerProfileFactory().user,
        "counsellor": lambda: (
            MembershipFactory(
                organisation=OrganisationFactory(verified=True), role=Membership.Role.COUNSELLOR
            ).user
        ),
        "pending_member": lambda: MembershipFactory(organisation=OrganisationFactory()).user,
    }
    shown = searchable()
    client.force_login(users[role]())

    assert client.get(reverse("inbox:seekers")).status_code == 403
    assert client.get(reverse("inbox:seeker", args=[shown.user_id])).status_code == 403
