"""Factories for reference rows and helpers that build organisation, offer and training pages."""

import datetime
from decimal import Decimal

import factory

from cms import services
from cms.choices import ApplicationMethod, ContractType, ProjectType, TrainingTheme
from cms.models import OfferPage, OrganisationPage, TrainingPage
from cms.time import bamako_today
from referential.models import Cercle, Commune, Occupation, Region, Sector, Skill
from tests.organisations.factories import OrganisationFactory


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"ML{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Région {n}")


class CercleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cercle

    code = factory.Sequence(lambda n: f"C{n:05d}")
    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Cercle {n}")


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune

    code = factory.Sequence(lambda n: f"K{n:07d}")
    cercle = factory.SubFactory(CercleFactory)
    name = factory.Sequence(lambda n: f"Commune {n}")
    latitude = Decimal("12.65000")
    longitude = Decimal("-8.00000")


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector

    slug = factory.Sequence(lambda n: f"secteur-{n}")
    name = factory.Sequence(lambda n: f"Secteur {n}")
    name_en = factory.Sequence(lambda n: f"Sector {n}")
    kind = Sector.Kind.ECONOMIC


class OccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occupation

    code = factory.Sequence(lambda n: f"A{n:04d}")
    name = factory.Sequence(lambda n: f"Métier {n}")
    grand_domain_code = "A"
    grand_domain = "Agriculture et pêche"
    domain_code = "A11"
    domain = "Engins agricoles et forestiers"


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill

    code = factory.Sequence(lambda n: f"{100000 + n}")
    kind = Skill.Kind.COMPETENCE
    name = factory.Sequence(lambda n: f"Compétence {n}")
    category = "Savoir-faire"


def _place(overrides: dict) -> dict:
    """Return region, cercle and commune of a new commune, unless `overrides` sets the commune."""
    if "commune" in overrides:
        return {}
    commune = CommuneFactory()
    return {"region": commune.cercle.region, "cercle": commune.cercle, "commune": commune}


def organisation_page(**organisation_fields) -> OrganisationPage:
    """Return the page of a new verified organisation, as verification creates it."""
    organisation_fields.setdefault("verified", True)
    return services.ensure_organisation_page(OrganisationFactory(**organisation_fields))


def offer_fields(**overrides) -> dict:
    """Return valid fields for an offer in Bamako closing in 30 days, with `overrides` applied."""
    fields = {
        "title": "Animateur ou animatrice agricole",
        "description": "Accompagner les groupements de producteurs de la commune.",
        "occupation": OccupationFactory(),
        "sector": SectorFactory(),
        "contract_type": ContractType.CDD,
        "positions": 2,
        "closing_date": bamako_today() + datetime.timedelta(days=30),
        "application_method": ApplicationMethod.PLATFORM,
        "project_type": ProjectType.DEVELOPMENT,
        **_place(overrides),
        "languages": ["fr", "bm"],
        "target_groups": ["youth", "women"],
    }
    fields.update(overrides)
    return fields


def make_offer(parent: OrganisationPage, *, live: bool = True, **overrides) -> OfferPage:
    """Create an offer under `parent`, published unless `live` is false."""
    offer = parent.add_child(instance=OfferPage(live=False, **offer_fields(**overrides)))
    revision = offer.save_revision()
    if live:
        revision.publish()
        offer.refresh_from_db()
    return offer


def training_fields(**overrides) -> dict:
    today = bamako_today()
    fields = {
        "title": "Formation en maraîchage",
        "description": "Techniques de maraîchage et gestion de l’eau.",
        "theme": TrainingTheme.FARMING,
        "start_date": today + datetime.timedelta(days=10),
        "end_date": today + datetime.timedelta(days=20),
        "duration_hours": 60,
        "places_available": 25,
        **_place(overrides),
    }
    fields.update(overrides)
    return fields


def make_training(parent: OrganisationPage, *, live: bool = True, **overrides) -> TrainingPage:
    training = parent.add_child(instance=TrainingPage(live=False, **training_fields(**overrides)))
    revision = training.save_revision()
    if live:
        revision.publish()
        training.refresh_from_db()
    return training
