from decimal import Decimal

import pytest

from referential.build_data import normalise_name
from referential.loading import TABLES, load_reference_data
from referential.models import (
    Cercle,
    Commune,
    IscoGroup,
    Occupation,
    OccupationSkill,
    OccupationTitle,
    Region,
    Sector,
    Skill,
)

from .conftest import read_source

pytestmark = pytest.mark.usefixtures("committed_reference_data", "db")


def primary_keys() -> dict[str, dict[object, int]]:
    """Return the primary key of every reference row, by natural key, for each model."""
    snapshot = {}
    for table in TABLES:
        fields = [f"{name}_id" if name in table.foreign_keys else name for name in table.key]
        snapshot[table.label] = {
            tuple(row[:-1]): row[-1] for row in table.model.objects.values_list(*fields, "pk")
        }
    return snapshot


def test_counts_match_source_files(source_dir):
    pcodes = read_source(source_dir, "mali_admin/cod2021_pcodes_adm1_adm2.csv")
    communes = read_source(source_dir, "mali_admin/cod2015_adm3_communes.csv")
    fiches = read_source(source_dir, "rome_v4/unix_referentiel_code_rome_v460_utf8.csv")
    titles = read_source(source_dir, "rome_v4/unix_referentiel_appellation_v460_utf8.csv")
    competences = read_source(source_dir, "rome_v4/unix_referentiel_competence_v460_utf8.csv")
    knowledge = read_source(source_dir, "rome_v4/unix_referentiel_savoir_v460_utf8.csv")
    links = read_source(source_dir, "rome_v4/unix_liens_rome_referentiels_v460_utf8.csv")
    isco_groups = read_source(source_dir, "esco_fr/ISCOGroups_fr.csv")

    assert Region.objects.count() == sum(1 for row in pcodes if row["Admin Level"] == "1")
    assert Cercle.objects.count() == sum(1 for row in pcodes if row["Admin Level"] == "2")
    assert Commune.objects.count() == len(communes)
    assert Occupation.objects.count() == len(fiches)
    assert OccupationTitle.objects.count() == len(titles)
    assert Skill.objects.count() == len(competences) + len(knowledge)
    assert OccupationSkill.objects.count() == sum(
        1 for row in links if row["code_compo_bloc"] == "5"
    )
    assert IscoGroup.objects.count() == len(isco_groups)


def test_first_load_reports_creations(committed_reference_data):
    for table in TABLES:
        report = committed_reference_data[table.label]
        assert report.created == table.model.objects.count(), table.label
        assert report.updated == 0, table.label
        assert report.unchanged == 0, table.label


def test_every_3w_cluster_is_a_sector(source_dir):
    presence = read_source(source_dir, "ngos_mali/mali_3w_dec2023_presence.csv")
    clusters = {normalise_name(row["cluster"]) for row in presence if row["cluster"]}
    cluster_slugs = Sector.objects.filter(kind=Sector.Kind.CLUSTER).values_list("slug", flat=True)

    assert clusters <= {normalise_name(slug) for slug in cluster_slugs}
    assert Sector.objects.filter(slug="education", name="Éducation").exists()
    assert Sector.objects.filter(slug="eha", kind=Sector.Kind.CLUSTER).exists()


def test_second_load_keeps_rows_and_ids():
    before = primary_keys()

    reports = load_reference_data(apply=True)

    assert primary_keys() == before
    for report in reports:
        assert (report.created, report.updated, report.deleted) == (0, 0, 0), report.label
        assert report.unchanged == len(before[report.label]), report.label


def test_bamako_commune_centroid_matches_source(source_dir):
    communes = read_source(source_dir, "mali_admin/cod2015_adm3_communes.csv")
    source = next(row for row in communes if row["admin3Pcod"] == "ML090101")

    commune = Commune.objects.select_related("cercle__region").get(code="ML090101")

    assert commune.name == source["admin3Name"] == "Commune I"
    assert commune.latitude == Decimal(source["centroid_lat"])
    assert commune.longitude == Decimal(source["centroid_lon"])
    assert commune.cercle.region.code == "ML09"


def test_menaka_cercles_under_region_ml10():
    menaka = Region.objects.get(code="ML10")

    assert menaka.name == "Ménaka"
    assert menaka.code_2015 == ""
    assert set(menaka.cercles.values_list("name", flat=True)) == {
        "Ménaka",
        "Andéramboukane",
        "Inékar",
        "Tidermène",
    }
    assert Cercle.objects.get(name="Andéramboukane").region == menaka


def test_menaka_communes_follow_2021_cercles():
    # In 2015 the four communes formed the cercle of Ménaka (ML0704), in the Gao region.
    commune = Commune.objects.select_related("cercle__region").get(code="ML070401")

    assert commune.name == "Anderamboukane"
    assert commune.code_2021 == "ML100201"
    assert commune.cercle.code == "ML1002"
    assert commune.cercle.region.code == "ML10"
    assert Commune.objects.filter(cercle__region__code="ML10").count() == 4


def test_cercle_matched_across_p_code_versions():
    # The same cercle has different P-codes in the 2015 and 2021 schemes.
    kayes = Cercle.objects.get(code="ML0103")

    assert kayes.name == "Kayes"
    assert kayes.code_2015 == "ML0101"
    assert Cercle.objects.get(code="ML0401").name == "Barouéli"
    assert Region.objects.get(code="ML02").code_2015 == "ML02"
    assert Region.objects.get(code="ML04").name == "Ségou"


def test_isco_group_hierarchy():
    group = IscoGroup.objects.select_related("parent__parent").get(code="2221")

    assert group.parent.code == "222"
    assert group.parent.parent.code == "22"
    assert group.level == 4
    assert IscoGroup.objects.filter(parent__isnull=True).count() == 10


def test_derived_isco_groups_are_flagged():
    derived = Occupation.objects.filter(isco_group__isnull=False)

    assert derived.exists()
    assert not derived.filter(isco_group_is_derived=False).exists()
    assert not Occupation.objects.filter(
        isco_group__isnull=True, isco_group_is_derived=True
    ).exists()
    assert (
        Occupation.objects.get(code="J1506").isco_group_id == IscoGroup.objects.get(code="2221").pk
    )


def test_occupation_details():
    occupation = Occupation.objects.get(code="A1101")

    assert occupation.name == "Conducteur / Conductrice d'engins agricoles"
    assert occupation.grand_domain_code == "A"
    assert occupation.domain_code == "A11"
    assert occupation.definition.startswith("Réalise des travaux agricoles mécanisés.")
    assert "''" not in occupation.definition
    assert occupation.titles.filter(is_main=True).count() == 1
    assert occupation.skill_links.filter(section=OccupationSkill.Section.KNOWLEDGE).exists()


def test_dry_run_reports_change_and_writes_nothing():
    Occupation.objects.filter(code="A1101").update(name="Changed")

    reports = {report.label: report for report in load_reference_data(apply=False)}

    assert reports["referential.Occupation"].updated == 1
    assert Occupation.objects.get(code="A1101").name == "Changed"


def test_load_restores_changed_row():
    occupation = Occupation.objects.get(code="A1101")
    Occupation.objects.filter(pk=occupation.pk).update(name="Changed", isco_group=None)

    reports = {report.label: report for report in load_reference_data(apply=True)}

    assert reports["referential.Occupation"].updated == 1
    restored = Occupation.objects.get(pk=occupation.pk)
    assert restored.name == occupation.name
    assert restored.isco_group_id == occupation.isco_group_id


def test_load_deletes_links_missing_from_files():
    occupation = Occupation.objects.get(code="A1101")
    skill = Skill.objects.exclude(occupation_links__occupation=occupation).first()
    OccupationSkill.objects.create(
        occupation=occupation, skill=skill, section=OccupationSkill.Section.KNOW_HOW
    )

    reports = {report.label: report for report in load_reference_data(apply=True)}

    assert reports["referential.OccupationSkill"].deleted == 1
    assert not OccupationSkill.objects.filter(occupation=occupation, skill=skill).exists()


def test_load_keeps_entities_missing_from_files():
    Sector.objects.create(
        slug="ancien-secteur", name="Ancien secteur", name_en="Old", kind="economic"
    )

    reports = {report.label: report for report in load_reference_data(apply=True)}

    assert reports["referential.Sector"].missing_from_file == 1
    assert Sector.objects.filter(slug="ancien-secteur").exists()
