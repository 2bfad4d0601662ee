"""Place names: accent-insensitive order and communes found by the name a person types."""

import pytest

from referential.models import Region
from referential.ordering import NameOrderedChoiceField, folded_name, sorted_by_name
from referential.places import commune_label, communes_named
from tests.cms.factories import CercleFactory, CommuneFactory, RegionFactory

pytestmark = pytest.mark.django_db


def test_folded_name_drops_accents_and_case():
    assert folded_name("Ségou") == "segou"
    assert folded_name("Dioïla") == "dioila"
    assert folded_name("MÉNAKA") == "menaka"


def test_regions_sorted_ignoring_accents():
    for code, name in [("ML03", "Sikasso"), ("ML04", "Ségou"), ("ML05", "Mopti")]:
        RegionFactory(code=code, name=name)
    RegionFactory(code="ML10", name="Ménaka")

    names = [region.name for region in sorted_by_name(Region.objects.all())]

    assert names == ["Ménaka", "Mopti", "Ségou", "Sikasso"]


def test_choice_field_lists_names_alphabetically():
    for code, name in [("ML03", "Sikasso"), ("ML04", "Ségou"), ("ML01", "Kayes")]:
        RegionFactory(code=code, name=name)
    field = NameOrderedChoiceField(queryset=Region.objects.all())

    labels = [label for _value, label in field.choices]

    assert labels == ["---------", "Kayes", "Ségou", "Sikasso"]


@pytest.fixture
def homonyms():
    kati = CercleFactory(name="Kati")
    kenieba = CercleFactory(name="Kéniéba")
    return {
        "kati": CommuneFactory(cercle=kati, name="Faraba"),
        "kenieba": CommuneFactory(cercle=kenieba, name="Faraba"),
        "segou": CommuneFactory(cercle=CercleFactory(name="Ségou"), name="Ségou"),
    }


def test_commune_found_without_accents(homonyms):
    found = communes_named("  segou ")

    assert [choice.pk for choice in found] == [homonyms["segou"].pk]


def test_homonyms_all_returned_by_cercle(homonyms):
    found = communes_named("FARABA")

    assert [choice.label for choice in found] == ["Faraba (Kati)", "Faraba (Kéniéba)"]


def test_cercle_in_brackets_picks_homonym(homonyms):
    found = communes_named("faraba (kenieba)")

    assert [choice.pk for choice in found] == [homonyms["kenieba"].pk]


@pytest.mark.parametrize("text", ["", "Tombouctou", "()", "Faraba (Ségou)"])
def test_unknown_commune_finds_nothing(homonyms, text):
    assert communes_named(text) == []


def test_commune_label_adds_cercle_only_for_homonyms(homonyms):
    assert commune_label(homonyms["segou"].pk) == "Ségou"
    assert commune_label(homonyms["kati"].pk) == "Faraba (Kati)"
    assert commune_label(999_999) == ""
