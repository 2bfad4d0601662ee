"""Import of declaration lines from XLSX and CSV files, and the template they start from."""

import csv
import datetime
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from registry import services, spreadsheets
from registry.exceptions import DuplicateImport, ImportFailed
from registry.importer import parse_file
from registry.models import DeclarationEvent, ImportedFile, StaffLine, TrainingLine

from .factories import StaffLineFactory, TrainingLineFactory, staff_data, training_data

pytestmark = pytest.mark.django_db

STAFF_HEADERS = [
    "Catégorie d’emploi",
    "Type de contrat",
    "Sexe",
    "Nationalité",
    "Tranche d’âge",
    "Région",
    "Type de projet",
    "Source de financement",
    "Effectif au 31 décembre",
    "Emplois créés dans l’année",
]
STAFF_ROW = [
    "Agents de terrain",
    "CDD",
    "Femme",
    "National",
    "25-35 ans",
    "Mopti",
    "Humanitaire",
    "Bailleur multilatéral",
    3,
    1,
]
TRAINING_HEADERS = [
    "Thème",
    "Précision du thème",
    "Sexe",
    "Tranche d’âge",
    "Région",
    "Bénéficiaires",
]


def _workbook(staff_rows=(), headers=STAFF_HEADERS, sheet="Personnel") -> Workbook:
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    worksheet.append(headers)
    for row in staff_rows:
        worksheet.append(list(row))
    return workbook


def _xlsx(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _issues(filename: str, content: bytes) -> list[str]:
    with pytest.raises(ImportFailed) as caught:
        parse_file(filename, content)
    return [str(issue) for issue in caught.value.issues]


def _csv(rows, encoding: str, bom: bytes = b"", delimiter: str = ";") -> bytes:
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return bom + text.getvalue().encode(encoding)


# Template


def test_template_has_sheets_and_lists(declaration):
    StaffLineFactory(declaration=declaration)

    workbook = load_workbook(io.BytesIO(spreadsheets.build_workbook(declaration)))

    assert workbook.sheetnames == ["Instructions", "Personnel", "Formations", "Listes"]
    assert workbook["Listes"].sheet_state == "hidden"
    assert [cell.value for cell in workbook["Personnel"][1]] == STAFF_HEADERS
    assert [cell.value for cell in workbook["Formations"][1]] == TRAINING_HEADERS
    assert [cell.value for cell in workbook["Personnel"][2]] == STAFF_ROW


def test_template_lists_are_dropdowns(declaration):
    workbook = load_workbook(io.BytesIO(spreadsheets.build_workbook(declaration)))

    validations = workbook["Personnel"].data_validations.dataValidation
    lists = {str(v.sqref): v.formula1 for v in validations if v.type == "list"}
    wholes = {str(v.sqref) for v in validations if v.type == "whole"}
    assert lists["F2:F1001"] == "'Listes'!$F$2:$F$11"
    assert lists["A2:A1001"] == "'Listes'!$A$2:$A$8"
    assert wholes == {"I2:I1001", "J2:J1001"}
    listes = workbook["Listes"]
    assert [listes.cell(row, 6).value for row in range(2, 12)][-1] == "Ménaka"


def test_template_csv_archive(declaration):
    TrainingLineFactory(declaration=declaration)

    archive = zipfile.ZipFile(io.BytesIO(spreadsheets.build_csv_archive(declaration)))

    assert sorted(archive.namelist()) == ["formations.csv", "personnel.csv"]
    training = archive.read("formations.csv")
    assert training.startswith(b"\xef\xbb\xbf")
    lines = training.decode("utf-8-sig").splitlines()
    assert lines[0] == ";".join(TRAINING_HEADERS)
    assert lines[1] == "Techniques agricoles;;Homme;15-24 ans;Ségou;12"


def test_template_round_trip(ngo_admin, declaration):
    StaffLineFactory(declaration=declaration)
    workbook = load_workbook(io.BytesIO(spreadsheets.build_workbook(declaration)))
    workbook["Personnel"].append(
        [
            "Formateurs",
            "CDI",
            "Homme",
            "Expatrié",
            "36 ans et plus",
            "Bamako",
            "Développement",
            "Fonds propres",
            2,
            0,
        ]
    )
    workbook["Formations"].append(["Autre", "Couture", "Femme", "15-24 ans", "Kayes", 8])

    services.import_file(ngo_admin, declaration, "declaration.xlsx", _xlsx(workbook))

    staff = list(StaffLine.objects.filter(declaration=declaration).order_by("pk"))
    assert [(line.category, line.staff_at_year_end) for line in staff] == [
        ("agent-terrain", 3),
        ("formateur", 2),
    ]
    assert staff[1].nationality == "expatrie"
    assert staff[1].region == "ML09"
    training = TrainingLine.objects.get(declaration=declaration)
    assert (training.theme, training.theme_label, training.beneficiaries) == ("autre", "Couture", 8)
    assert training.region == "ML01"


# Values


def test_labels_match_without_case_or_accents():
    row = [
        "agents DE TERRAIN",
        "cdd",
        "f",
        "NATIONAL",
        "25-35",
        "segou",
        "humanitaire",
        "fonds propres",
        "4",
        "",
    ]

    parsed = parse_file("personnel.xlsx", _xlsx(_workbook([row])))

    assert parsed.staff_lines == [
        staff_data(
            sex="F",
            age_band="25-35",
            region="ML04",
            funding_source="fonds-propres",
            staff_at_year_end=4,
            jobs_created=0,
        )
    ]
    assert parsed.training_lines is None


def test_region_code_accepted():
    parsed = parse_file(
        "personnel.xlsx", _xlsx(_workbook([[*STAFF_ROW[:5], "ML10", *STAFF_ROW[6:]]]))
    )

    assert parsed.staff_lines[0].region == "ML10"


def test_unknown_list_value_reported():
    row = [*STAFF_ROW[:5], "Nioro", *STAFF_ROW[6:]]

    assert _issues("d.xlsx", _xlsx(_workbook([row]))) == [
        "Feuille « Personnel », ligne 2, colonne « Région » : « Nioro » ne figure pas "
        "dans la liste ; choisissez une valeur de la liste."
    ]


def test_blank_list_value_reported():
    row = [*STAFF_ROW[:2], None, *STAFF_ROW[3:]]

    assert _issues("d.xlsx", _xlsx(_workbook([row]))) == [
        "Feuille « Personnel », ligne 2, colonne « Sexe » : valeur manquante."
    ]


def test_text_in_number_cell_reported():
    row = [*STAFF_ROW[:8], "dix", 1]

    assert _issues("d.xlsx", _xlsx(_workbook([row]))) == [
        "Feuille « Personnel », ligne 2, colonne « Effectif au 31 décembre » : "
        "« dix » n’est pas un nombre."
    ]


def test_decimal_comma_whole_value_accepted():
    parsed = parse_file("d.xlsx", _xlsx(_workbook([[*STAFF_ROW[:8], "3,0", 2.0]])))

    assert parsed.staff_lines[0].staff_at_year_end == 3
    assert parsed.staff_lines[0].jobs_created == 2


def test_decimal_comma_fraction_reported():
    assert _issues("d.xlsx", _xlsx(_workbook([[*STAFF_ROW[:8], "2,5", 1]]))) == [
        "Feuille « Personnel », ligne 2, colonne « Effectif au 31 décembre » : "
        "« 2,5 » n’est pas un nombre entier."
    ]


def test_fractional_number_reported():
    assert _issues("d.xlsx", _xlsx(_workbook([[*STAFF_ROW[:8], 3, 1.5]]))) == [
        "Feuille « Personnel », ligne 2, colonne « Emplois créés dans l’année » : "
        "« 1.5 » n’est pas un nombre entier."
    ]


def test_negative_count_reported():
    assert _issues("d.xlsx", _xlsx(_workbook([[*STAFF_ROW[:8], -3, 1]]))) == [
        "Feuille « Personnel », ligne 2, colonne « Effectif au 31 décembre » : "
        "« -3 » est négatif ; indiquez 0 ou plus."
    ]


def test_date_in_number_cell_reported():
    row = [*STAFF_ROW[:8], datetime.datetime(2024, 3, 1), 1]

    assert _issues("d.xlsx", _xlsx(_workbook([row]))) == [
        "Feuille « Personnel », ligne 2, colonne « Effectif au 31 décembre » : "
        "« 2024-03-01 00:00:00 » n’est pas un nombre."
    ]


def test_every_bad_row_reported():
    rows = [
        STAFF_ROW,
        [*STAFF_ROW[:8], "x", 1],
        STAFF_ROW,
        [*STAFF_ROW[:3], "Malien", *STAFF_ROW[4:]],
    ]

    assert _issues("d.xlsx", _xlsx(_workbook(rows))) == [
        "Feuille « Personnel », ligne 3, colonne « Effectif au 31 décembre » : "
        "« x » n’est pas un nombre.",
        "Feuille « Personnel », ligne 5, colonne « Nationalité » : « Malien » ne figure pas "
        "dans la liste ; choisissez une valeur de la liste.",
    ]


def test_blank_rows_skipped():
    parsed = parse_file("d.xlsx", _xlsx(_workbook([STAFF_ROW, [None] * 10, STAFF_ROW])))

    assert len(parsed.staff_lines) == 2


# Columns and sheets


def test_missing_column_reported():
    headers = [header for header in STAFF_HEADERS if header != "Sexe"]
    row = [value for value in STAFF_ROW if value != "Femme"]

    assert _issues("d.xlsx", _xlsx(_workbook([row], headers=headers))) == [
        "Feuille « Personnel », ligne 1, colonne « Sexe » : colonne manquante ou renommée ; "
        "rétablissez l’en-tête du modèle."
    ]


def test_renamed_column_reported():
    headers = ["Genre" if header == "Sexe" else header for header in STAFF_HEADERS]

    issues = _issues("d.xlsx", _xlsx(_workbook([STAFF_ROW], headers=headers)))

    assert issues[0] == (
        "Feuille « Personnel », ligne 1, colonne « Sexe » : colonne manquante ou renommée ; "
        "rétablissez l’en-tête du modèle."
    )
    assert issues[1].startswith(
        "Feuille « Personnel », ligne 1, colonne « Genre » : colonne inconnue ; les en-têtes "
        "possibles sont : « Catégorie d’emploi », « Type de contrat », "
    )
    assert len(issues) == 2


def test_headers_match_without_case_or_accents():
    headers = [header.upper().replace("’", "'").replace("É", "E") for header in STAFF_HEADERS]

    parsed = parse_file("d.xlsx", _xlsx(_workbook([STAFF_ROW], headers=headers)))

    assert parsed.staff_lines == [staff_data()]


def test_merged_header_cells():
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = "Personnel"
    worksheet.append(["Déclaration 2024 – personnel"])
    worksheet.merge_cells("A1:J1")
    worksheet.append(STAFF_HEADERS)
    worksheet.append([None] * 10)
    # The first and last headers span the two header rows, as on a two-line printed form.
    worksheet.merge_cells("A2:A3")
    worksheet.merge_cells("J2:J3")
    worksheet.append(STAFF_ROW)
    worksheet.append([*STAFF_ROW[:8], "trois", 1])

    issues = _issues("d.xlsx", _xlsx(workbook))

    assert issues == [
        "Feuille « Personnel », ligne 5, colonne « Effectif au 31 décembre » : "
        "« trois » n’est pas un nombre."
    ]


def test_merged_header_cells_import(ngo_admin, declaration):
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = "Personnel"
    worksheet.append(["Déclaration 2024"])
    worksheet.merge_cells("A1:J1")
    worksheet.append(STAFF_HEADERS)
    worksheet.append([None] * 10)
    worksheet.merge_cells("A2:A3")
    worksheet.append(STAFF_ROW)

    services.import_file(ngo_admin, declaration, "fusion.xlsx", _xlsx(workbook))

    assert StaffLine.objects.get(declaration=declaration).staff_at_year_end == 3


def test_workbook_without_known_sheet_reported():
    assert _issues("d.xlsx", _xlsx(_workbook([STAFF_ROW], sheet="Feuil1"))) == [
        "Feuille « d.xlsx » : le classeur ne contient ni la feuille « Personnel » ni la "
        "feuille « Formations » ; partez du modèle à télécharger."
    ]


def test_unreadable_workbook_reported():
    assert _issues("d.xlsx", b"not a workbook") == [
        "Feuille « d.xlsx » : ce fichier n’est pas un classeur XLSX lisible."
    ]


def test_unsupported_format_reported():
    assert _issues("d.ods", b"...") == [
        "Feuille « d.ods » : format non pris en charge ; importez un fichier .xlsx ou .csv."
    ]


# CSV


def test_csv_windows_1252_with_bom():
    content = _csv([STAFF_HEADERS, STAFF_ROW], "cp1252", bom=b"\xef\xbb\xbf")

    parsed = parse_file("personnel.csv", content)

    assert parsed.staff_lines == [staff_data()]
    assert parsed.training_lines is None


def test_csv_windows_1252_without_bom():
    row = ["Élevage", "", "Femme", "36 ans et plus", "Ségou", "7"]
    content = _csv([TRAINING_HEADERS, row], "cp1252")

    parsed = parse_file("formations.csv", content)

    assert parsed.training_lines == [
        training_data(theme="elevage", sex="F", age_band="36+", beneficiaries=7)
    ]
    assert parsed.staff_lines is None


def test_csv_utf8_with_bom_and_commas():
    content = _csv([STAFF_HEADERS, STAFF_ROW], "utf-8", bom=b"\xef\xbb\xbf", delimiter=",")

    assert parse_file("personnel.csv", content).staff_lines == [staff_data()]


def test_csv_decimal_comma_in_semicolon_file():
    content = _csv([STAFF_HEADERS, [*STAFF_ROW[:8], "3,0", "1,5"]], "cp1252")

    assert _issues("personnel.csv", content) == [
        "Feuille « personnel.csv », ligne 2, colonne « Emplois créés dans l’année » : "
        "« 1,5 » n’est pas un nombre entier."
    ]


def test_csv_unknown_headers_reported():
    content = _csv([["Nom", "Prénom"], ["Traoré", "Awa"]], "utf-8")

    assert _issues("liste.csv", content) == [
        "Feuille « liste.csv » : aucune ligne d’en-tête reconnue ; la première ligne doit "
        "reprendre les en-têtes du modèle « personnel.csv » ou « formations.csv »."
    ]


def test_csv_from_generated_archive_imports(ngo_admin, declaration):
    TrainingLineFactory(declaration=declaration, beneficiaries=5)
    archive = zipfile.ZipFile(io.BytesIO(spreadsheets.build_csv_archive(declaration)))

    services.import_file(ngo_admin, declaration, "formations.csv", archive.read("formations.csv"))

    assert TrainingLine.objects.get(declaration=declaration).beneficiaries == 5


# Service: all or nothing, duplicates, audit


def test_import_is_all_or_nothing(ngo_admin, declaration):
    StaffLineFactory(declaration=declaration, staff_at_year_end=9)
    content = _xlsx(_workbook([STAFF_ROW, [*STAFF_ROW[:8], "x", 1]]))

    with pytest.raises(ImportFailed):
        services.import_file(ngo_admin, declaration, "d.xlsx", content)

    assert list(StaffLine.objects.values_list("staff_at_year_end", flat=True)) == [9]
    assert not ImportedFile.objects.exists()
    assert not DeclarationEvent.objects.filter(action="imported").exists()


def test_import_keeps_absent_table(ngo_admin, declaration):
    TrainingLineFactory(declaration=declaration)

    services.import_file(ngo_admin, declaration, "d.xlsx", _xlsx(_workbook([STAFF_ROW])))

    assert TrainingLine.objects.filter(declaration=declaration).count() == 1
    assert StaffLine.objects.filter(declaration=declaration).count() == 1


def test_same_file_twice_rejected(ngo_admin, declaration):
    content = _xlsx(_workbook([STAFF_ROW, STAFF_ROW]))
    services.import_file(ngo_admin, declaration, "d.xlsx", content)

    with pytest.raises(DuplicateImport) as caught:
        services.import_file(ngo_admin, declaration, "copie.xlsx", content)

    assert caught.value.message == (
        "Ce fichier a déjà été importé pour cette déclaration : rien n’a été importé une "
        "seconde fois."
    )
    assert StaffLine.objects.filter(declaration=declaration).count() == 2
    assert ImportedFile.objects.get().filename == "d.xlsx"


def test_import_audited(ngo_admin, declaration):
    content = _xlsx(_workbook([STAFF_ROW]))

    services.import_file(ngo_admin, declaration, "d.xlsx", content)

    event = DeclarationEvent.objects.get(action="imported")
    assert event.actor == ngo_admin
    assert event.before["staff_lines"] == []
    assert event.after["staff_lines"] == [staff_data().as_dict()]
    assert event.after["file_sha256"] == ImportedFile.objects.get().sha256
    assert len(event.after["file_sha256"]) == 64


def test_thousands_separator_accepted():
    parsed = parse_file("d.xlsx", _xlsx(_workbook([[*STAFF_ROW[:8], "1\u202f200", "1 000"]])))

    assert parsed.staff_lines[0].staff_at_year_end == 1200
    assert parsed.staff_lines[0].jobs_created == 1000


def test_french_template_imports_in_english(ngo_admin, declaration):
    from django.utils import translation

    workbook = load_workbook(io.BytesIO(spreadsheets.build_workbook(declaration)))
    workbook["Personnel"].append(STAFF_ROW)

    with translation.override("en"):
        services.import_file(ngo_admin, declaration, "declaration.xlsx", _xlsx(workbook))

    assert StaffLine.objects.filter(declaration=declaration).count() == 1


def test_english_template_imports_in_french(ngo_admin, declaration):
    from django.utils import translation

    with translation.override("en"):
        workbook = load_workbook(io.BytesIO(spreadsheets.build_workbook(declaration)))
    assert "Staff" in workbook.sheetnames
    header_row = next(
        row
        for row in workbook["Staff"].iter_rows(values_only=True)
        if "Sex" in [str(cell) for cell in row]
    )
    english_row = {
        "Job category": "Field workers",
        "Contract type": "CDD",
        "Sex": "Woman",
        "Nationality": "National",
        "Age band": "25-35 years",
        "Region": "ML05",
        "Project type": "Humanitarian",
        "Funding source": "Multilateral donor",
    }
    workbook["Staff"].append([english_row.get(str(cell), 3) for cell in header_row])

    services.import_file(ngo_admin, declaration, "declaration.xlsx", _xlsx(workbook))

    line = StaffLine.objects.get(declaration=declaration)
    assert (line.sex, line.region, line.staff_at_year_end) == ("F", "ML05", 3)
