"""Bad input on offers and trainings: a French message on the field, and nothing saved."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cms.choices import ApplicationMethod, TrainingTheme
from cms.models import OfferPage, TrainingPage
from cms.time import bamako_today
from tests.cms.factories import (
    CommuneFactory,
    RegionFactory,
    make_offer,
    offer_fields,
    training_fields,
)

pytestmark = pytest.mark.django_db


def add_offer(parent, **overrides):
    return parent.add_child(instance=OfferPage(**offer_fields(**overrides)))


def add_training(parent, **overrides):
    return parent.add_child(instance=TrainingPage(**training_fields(**overrides)))


def errors_of(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def test_valid_offer_saved(org_page):
    offer = add_offer(org_page)

    assert offer.pk is not None
    assert offer.organisation_id == org_page.organisation_id


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"closing_date": bamako_today() - datetime.timedelta(days=1)},
            "closing_date",
            "La date limite est passée : choisissez une date à venir.",
        ),
        (
            {"salary_min": 200_000, "salary_max": 150_000},
            "salary_min",
            "Le salaire minimal dépasse le salaire maximal.",
        ),
        ({"positions": 0}, "positions", "Indiquez au moins un poste."),
        ({"application_method": ""}, "application_method", "Indiquez comment postuler."),
        (
            {"application_method": ApplicationMethod.LINK, "application_url": ""},
            "application_url",
            "Indiquez le lien où postuler.",
        ),
        (
            {"application_method": ApplicationMethod.EMAIL, "application_email": ""},
            "application_email",
            "Indiquez l’adresse e-mail où envoyer les candidatures.",
        ),
    ],
)
def test_offer_bad_input_rejected(org_page, overrides, field, message):
    with pytest.raises(ValidationError) as excinfo:
        add_offer(org_page, **overrides)

    assert message in errors_of(excinfo)[field]
    assert not OfferPage.objects.exists()


def test_offer_commune_outside_region(org_page):
    commune = CommuneFactory(name="Kalaban Coro")
    other_region = RegionFactory(name="Mopti")

    with pytest.raises(ValidationError) as excinfo:
        add_offer(org_page, commune=commune, region=other_region, cercle=None)

    assert errors_of(excinfo)["commune"] == [
        "La commune « Kalaban Coro » n’est pas dans la région « Mopti »."
    ]
    assert not OfferPage.objects.exists()


def test_offer_commune_outside_cercle(org_page):
    commune = CommuneFactory(name="Kalaban Coro")
    other_cercle = CommuneFactory(cercle__region=commune.cercle.region).cercle

    with pytest.raises(ValidationError) as excinfo:
        add_offer(org_page, commune=commune, cercle=other_cercle)

    assert "commune" in errors_of(excinfo)
    assert not OfferPage.objects.exists()


def test_offer_cercle_outside_region(org_page):
    commune = CommuneFactory()

    with pytest.raises(ValidationError) as excinfo:
        add_offer(org_page, commune=None, cercle=commune.cercle, region=RegionFactory())

    assert "cercle" in errors_of(excinfo)


def test_offer_without_place_needs_flag(org_page):
    with pytest.raises(ValidationError) as excinfo:
        add_offer(org_page, region=None, cercle=None, commune=None)

    assert errors_of(excinfo)["region"] == [
        "Choisissez une région, ou cochez « à distance ou en plusieurs lieux »."
    ]

    offer = add_offer(
        org_page, region=None, cercle=None, commune=None, is_remote_or_multi_site=True
    )
    assert offer.place_label == "À distance ou en plusieurs lieux"


def test_offer_unknown_language_rejected(org_page):
    with pytest.raises(ValidationError) as excinfo:
        add_offer(org_page, languages=["fr", "xx"])

    assert errors_of(excinfo)["languages"] == ["Valeur inconnue : xx."]


def test_expired_offer_can_be_resaved(org_page):
    offer = make_offer(org_page)
    past = bamako_today() - datetime.timedelta(days=3)
    OfferPage.objects.filter(pk=offer.pk).update(closing_date=past)
    offer.refresh_from_db()

    offer.title = "Titre corrigé"
    offer.save()

    assert OfferPage.objects.get(pk=offer.pk).title == "Titre corrigé"


def test_admin_form_shows_field_error(client, org_page):
    """The admin's create form shows the message on the field and saves nothing."""
    from tests.organisations.factories import MembershipFactory

    member = MembershipFactory(organisation=org_page.organisation).user
    client.force_login(member)
    fields = offer_fields(positions=0)
    data = {
        "title": fields["title"],
        "slug": "animateur",
        "kind": "job",
        "description": fields["description"],
        "occupation": fields["occupation"].pk,
        "sector": fields["sector"].pk,
        "project_type": fields["project_type"],
        "region": fields["region"].pk,
        "cercle": fields["cercle"].pk,
        "commune": fields["commune"].pk,
        "contract_type": fields["contract_type"],
        "positions": "0",
        "education_level": "none",
        "experience_years": "0",
        "closing_date": fields["closing_date"].isoformat(),
        "application_method": "platform",
    }

    response = client.post(f"/admin/pages/add/cms/offerpage/{org_page.pk}/", data)

    assert response.status_code == 200
    assert "Indiquez au moins un poste." in response.content.decode()
    assert not OfferPage.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"end_date": bamako_today()},
            "end_date",
            "La date de fin précède la date de début.",
        ),
        ({"places_available": 0}, "places_available", "Indiquez au moins une place."),
        ({"is_free": False, "cost": None}, "cost", "Indiquez le coût, ou cochez « gratuite »."),
        ({"theme": TrainingTheme.OTHER, "other_theme": " "}, "other_theme", "Précisez le thème."),
    ],
)
def test_training_bad_input_rejected(org_page, overrides, field, message):
    with pytest.raises(ValidationError) as excinfo:
        add_training(org_page, **overrides)

    assert message in errors_of(excinfo)[field]
    assert not TrainingPage.objects.exists()


def test_training_commune_outside_region(org_page):
    with pytest.raises(ValidationError) as excinfo:
        add_training(org_page, commune=CommuneFactory(), region=RegionFactory(), cercle=None)

    assert "commune" in errors_of(excinfo)
    assert not TrainingPage.objects.exists()


def test_valid_training_saved(org_page):
    training = add_training(org_page, is_free=False, cost=15_000)

    assert training.organisation_id == org_page.organisation_id
    assert training.theme_label == "Techniques agricoles"
