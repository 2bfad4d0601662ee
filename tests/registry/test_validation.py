"""The submission rules, called directly on plain totals and lines."""

from registry import validation
from registry.validation import DeclaredTotals

from .factories import staff_data, training_data

BALANCED = DeclaredTotals(
    staff_total=3,
    staff_nationals=3,
    staff_expatriates=0,
    jobs_created_total=1,
    beneficiaries_total=12,
)


def _totals(**overrides) -> DeclaredTotals:
    values = {**BALANCED.__dict__, **overrides}
    return DeclaredTotals(**values)


def test_balanced_declaration_passes():
    errors = validation.validate_declaration(BALANCED, [staff_data()], [training_data()])

    assert errors == []


def test_missing_total_reported():
    errors = validation.check_totals_present(_totals(staff_expatriates=None))

    assert errors == ["Totaux déclarés : indiquez « Dont expatriés » (0 s’il n’y en a aucun)."]


def test_negative_total_reported():
    errors = validation.check_totals_not_negative(_totals(jobs_created_total=-2))

    assert errors == [
        "Totaux déclarés : « Emplois créés dans l’année » ne peut pas être négatif (-2)."
    ]


def test_negative_staff_count_reported():
    errors = validation.check_staff_line(2, staff_data(staff_at_year_end=-1))

    assert errors == [
        "Personnel, ligne 2 : « Effectif au 31 décembre » ne peut pas être négatif (-1)."
    ]


def test_negative_beneficiaries_reported():
    errors = validation.check_training_line(1, training_data(beneficiaries=-5))

    assert errors == ["Formations, ligne 1 : « Bénéficiaires » ne peut pas être négatif (-5)."]


def test_nationals_plus_expatriates_must_equal_total():
    errors = validation.check_nationality_split(
        _totals(staff_total=10, staff_nationals=7, staff_expatriates=2)
    )

    assert errors == [
        "Totaux déclarés : les nationaux (7) plus les expatriés (2) font 9, "
        "et non l’effectif total déclaré (10)."
    ]


def test_nationality_split_skipped_when_blank():
    assert validation.check_nationality_split(_totals(staff_nationals=None)) == []


def test_staff_lines_must_add_up_to_total():
    lines = [staff_data(staff_at_year_end=2), staff_data(staff_at_year_end=2)]

    errors = validation.check_staff_sums(_totals(staff_nationals=3, jobs_created_total=2), lines)

    assert errors == [
        "Personnel : les lignes font 4 pour « Effectif total au 31 décembre », "
        "mais le total déclaré est 3.",
        "Personnel : les lignes font 4 pour « Dont nationaux », mais le total déclaré est 3.",
    ]


def test_expatriate_lines_must_match_declared_expatriates():
    lines = [
        staff_data(staff_at_year_end=2),
        staff_data(nationality="expatrie", staff_at_year_end=1),
    ]

    errors = validation.check_staff_sums(_totals(jobs_created_total=2), lines)

    assert errors == [
        "Personnel : les lignes font 2 pour « Dont nationaux », mais le total déclaré est 3.",
        "Personnel : les lignes font 1 pour « Dont expatriés », mais le total déclaré est 0.",
    ]


def test_jobs_created_must_add_up():
    errors = validation.check_staff_sums(_totals(jobs_created_total=5), [staff_data()])

    assert errors == [
        "Personnel : les lignes font 1 pour « Emplois créés dans l’année », "
        "mais le total déclaré est 5."
    ]


def test_beneficiaries_must_add_up():
    errors = validation.check_training_sums(
        _totals(beneficiaries_total=20), [training_data(), training_data(beneficiaries=3)]
    )

    assert errors == [
        "Formations : les lignes font 15 pour « Personnes formées ou accompagnées », "
        "mais le total déclaré est 20."
    ]


def test_unknown_region_reported():
    errors = validation.check_staff_line(1, staff_data(region="ML11"))

    assert errors == ["Personnel, ligne 1 : la région « ML11 » n’existe pas."]


def test_unknown_choice_reported():
    errors = validation.check_training_line(3, training_data(age_band="10-14"))

    assert errors == [
        "Formations, ligne 3 : « 10-14 » n’est pas une valeur possible de « Tranche d’âge »."
    ]


def test_blank_choice_reported():
    errors = validation.check_staff_line(1, staff_data(contract_type=""))

    assert errors == ["Personnel, ligne 1 : « Type de contrat » est obligatoire."]


def test_other_theme_needs_label():
    errors = validation.check_training_line(4, training_data(theme="autre"))

    assert errors == [
        "Formations, ligne 4 : précisez le thème dans « Précision du thème » "
        "lorsque le thème est « Autre »."
    ]


def test_other_theme_with_label_passes():
    line = training_data(theme="autre", theme_label="Couture")

    assert validation.check_training_line(1, line) == []


def test_validate_lists_errors_in_order():
    errors = validation.validate_declaration(
        _totals(staff_total=None), [staff_data(region="ML99")], []
    )

    assert errors == [
        "Totaux déclarés : indiquez « Effectif total au 31 décembre » (0 s’il n’y en a aucun).",
        "Personnel, ligne 1 : la région « ML99 » n’existe pas.",
        "Formations : les lignes font 0 pour « Personnes formées ou accompagnées », "
        "mais le total déclaré est 12.",
    ]
