import pytest

from referential.build_data import (
    build,
    derive_isco_group,
    normalise_job_label,
    normalise_name,
    split_gender_forms,
    strip_roman_suffix,
)
from referential.loading import DATA_DIR


def test_rebuild_matches_shipped_files(source_dir, tmp_path):
    build(source_dir, tmp_path)

    built = sorted(path.name for path in tmp_path.iterdir())
    assert built == sorted(path.name for path in DATA_DIR.glob("*.csv*"))
    for name in built:
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ségou", "segou"),
        ("Gourma-Rharous", "gourmarharous"),
        ("N'gara", "ngara"),
        ("Ngara", "ngara"),
        ("Commune I", "communei"),
    ],
)
def test_normalise_name(name, expected):
    assert normalise_name(name) == expected


def test_strip_roman_suffix():
    assert strip_roman_suffix("Dogofry II") == "Dogofry"
    assert strip_roman_suffix("Niamana I") == "Niamana"
    assert strip_roman_suffix("Commune VI") == "Commune VI"


def test_split_gender_forms():
    assert split_gender_forms("Conducteur / Conductrice d'engins agricoles") == [
        "Conducteur d'engins agricoles",
        "Conductrice d'engins agricoles",
    ]
    assert split_gender_forms("Assistant social / Assistante sociale") == [
        "Assistant social",
        "Assistante sociale",
    ]
    assert split_gender_forms("Dentiste") == ["Dentiste"]


def test_normalise_job_label_drops_acronyms():
    assert normalise_job_label("Infirmier en soins généraux (IDE)") == "infirmierensoinsgeneraux"
    assert normalise_job_label("Directeur des ressources humaines -DRH-") == (
        "directeurdesressourceshumaines"
    )


def test_derive_isco_group_takes_majority():
    groups = {"dentiste": {"2261"}, "chirurgiendentiste": {"2261", "2211"}}

    group, share = derive_isco_group([("Dentiste", 2.0), ("Chirurgien-dentiste", 1.0)], groups)

    assert group == "2261"
    assert share == pytest.approx(2.5 / 3)


def test_derive_isco_group_rejects_tie_and_no_match():
    groups = {"sagefemme": {"2222", "5321"}}

    assert derive_isco_group([("Sage-femme", 1.0)], groups) is None
    assert derive_isco_group([("Astronaute", 1.0)], groups) is None
