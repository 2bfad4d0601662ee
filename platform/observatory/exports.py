"""CSV and XLSX files of a statistics table, with the figures the pages show."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .tables import Table, Value

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header_of(table: Table) -> list[str]:
    return [_("Code"), table.dimension, *(column.label for column in table.columns)]


def format_csv_value(value: Value) -> str:
    """Write a figure as French Excel reads it: a decimal comma, and nothing when suppressed."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def csv_bytes(table: Table, notes: list[str]) -> bytes:
    """Return the table as CSV for French Excel: UTF-8 with a BOM, semicolons, notes at the end."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header_of(table))
    for row in table.all_rows():
        writer.writerow([row.key, row.label, *(format_csv_value(v) for v in row.values)])
    if notes:
        writer.writerow([])
        for note in notes:
            writer.writerow([note])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(table: Table, notes: list[str]) -> bytes:
    """Return the table as an XLSX workbook: the figures on one sheet, the notes on another."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.slug[:31]
    sheet.append(header_of(table))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.all_rows():
        sheet.append([row.key, row.label, *row.values])
    if notes:
        notes_sheet = workbook.create_sheet(_("Notes"))
        for note in notes:
            notes_sheet.append([note])

    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def export_response(table: Table, file_format: str, notes: list[str]) -> HttpResponse:
    if file_format == "csv":
        response = HttpResponse(csv_bytes(table, notes), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(xlsx_bytes(table, notes), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{table.slug}.{file_format}"'
    return response
