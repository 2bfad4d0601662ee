"""
Spreadsheet templates of a declaration: an XLSX workbook with drop-down lists, and the same
tables as CSV files in a ZIP archive.

Both are filled with the declaration's current lines, so an organisation can download, complete
and import them again.
"""

from __future__ import annotations

import csv
import io
import zipfile

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from .lines import staff_data_of, training_data_of
from .models import Declaration
from .tables import Column, Table, staff_table, training_table

# Rows below the header that get drop-down lists in the template.
TEMPLATE_ROWS = 1000


def table_rows(table: Table, declaration: Declaration) -> list[list[object]]:
    """Return the declaration's lines of `table` as cell values, with French labels for lists."""
    if table.key == "staff":
        lines = [staff_data_of(line) for line in declaration.staff_lines.all()]
    else:
        lines = [training_data_of(line) for line in declaration.training_lines.all()]
    return [
        [_cell_value(column, getattr(line, column.field)) for column in table.columns]
        for line in lines
    ]


def _cell_value(column: Column, value: object) -> object:
    if column.choices is None:
        return value
    return str(column.choices(value).label)


def build_workbook(declaration: Declaration) -> bytes:
    """Return the XLSX template: Instructions, Personnel, Formations and a hidden Listes sheet."""
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = _("Instructions")
    _write_instructions(instructions, declaration)

    lists = workbook.create_sheet(_("Listes"))
    list_ranges = _write_lists(lists)
    lists.sheet_state = "hidden"

    for table in (staff_table(), training_table()):
        worksheet = workbook.create_sheet(table.sheet, index=workbook.index(lists))
        _write_table(worksheet, table, declaration, list_ranges)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_instructions(worksheet, declaration: Declaration) -> None:
    texts = [
        _("Déclaration annuelle au registre des emplois – %(organisation)s, période %(period)s")
        % {"organisation": declaration.organisation.name, "period": declaration.period},
        "",
        _(
            "1. Remplissez une ligne par combinaison de catégorie, contrat, sexe, nationalité, "
            "tranche d’âge, région, type de projet et source de financement."
        ),
        _("2. Dans les colonnes à liste, choisissez la valeur dans la liste déroulante."),
        _("3. Les effectifs et les nombres de bénéficiaires sont des nombres entiers, 0 ou plus."),
        _(
            "4. Dans « Formations », le thème « Activités génératrices de revenus (AGR) » compte "
            "aussi les personnes accompagnées dans une AGR."
        ),
        _("5. Ne renommez ni les feuilles ni les en-têtes de colonnes."),
        _(
            "6. Importez le fichier depuis la page de la déclaration : toutes les lignes sont "
            "enregistrées, ou aucune si une seule est en erreur."
        ),
    ]
    for row, text in enumerate(texts, start=1):
        worksheet.cell(row=row, column=1, value=text)
    worksheet["A1"].font = Font(bold=True, size=14)
    worksheet.column_dimensions["A"].width = 110


def _write_lists(worksheet) -> dict[str, str]:
    """Write one column per list and return, per list field, the range formula of its values."""
    ranges: dict[str, str] = {}
    seen: dict[type, str] = {}
    position = 0
    for table in (staff_table(), training_table()):
        for column in table.columns:
            if column.choices is None:
                continue
            if column.choices in seen:
                ranges[column.field] = seen[column.choices]
                continue
            position += 1
            letter = get_column_letter(position)
            worksheet.cell(row=1, column=position, value=column.header)
            labels = [str(label) for label in column.choices.labels]
            for row, label in enumerate(labels, start=2):
                worksheet.cell(row=row, column=position, value=label)
            formula = f"{quote_sheetname(worksheet.title)}!${letter}$2:${letter}${len(labels) + 1}"
            seen[column.choices] = ranges[column.field] = formula
    return ranges


def _write_table(
    worksheet, table: Table, declaration: Declaration, list_ranges: dict[str, str]
) -> None:
    worksheet.append([column.header for column in table.columns])
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    worksheet.freeze_panes = "A2"

    for values in table_rows(table, declaration):
        worksheet.append(values)

    last_row = TEMPLATE_ROWS + 1
    for position, column in enumerate(table.columns, start=1):
        letter = get_column_letter(position)
        worksheet.column_dimensions[letter].width = max(16, len(column.header) + 4)
        cells = f"{letter}2:{letter}{last_row}"
        if column.choices is not None:
            validation = DataValidation(
                type="list",
                formula1=list_ranges[column.field],
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=_("Valeur hors liste"),
                error=_("Choisissez une valeur de la liste déroulante."),
            )
        elif column.is_count:
            validation = DataValidation(
                type="whole",
                operator="greaterThanOrEqual",
                formula1="0",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=_("Nombre entier attendu"),
                error=_("Indiquez un nombre entier, 0 ou plus."),
            )
        else:
            continue
        validation.add(cells)
        worksheet.add_data_validation(validation)


def build_csv_archive(declaration: Declaration) -> bytes:
    """Return a ZIP of one CSV file per table, UTF-8 with a byte-order mark and semicolons."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in (staff_table(), training_table()):
            archive.writestr(table.csv_name, build_csv(table, declaration))
    return buffer.getvalue()


def build_csv(table: Table, declaration: Declaration) -> bytes:
    """Return one table as CSV the way French Excel writes it: semicolons, UTF-8 with BOM."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.header for column in table.columns])
    writer.writerows(table_rows(table, declaration))
    return ("\ufeff" + text.getvalue()).encode("utf-8")
